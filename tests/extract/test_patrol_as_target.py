"""A patrol, convoy or checkpoint that is fought is the target of a clash, not a patrol event.

Issue 11: "gunmen attacked an Israeli patrol" was typed patrol; seen again in the browser with "clashed with a
police patrol"."""

from __future__ import annotations

import pytest

from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    "text",
    [
        "Unknown gunmen clashed with a police patrol and army troops in Tafas on 3 March.",
        "Gunmen clashed with an Israeli patrol near Tafas on 3 March.",
        "Fighters clashed with a government patrol in Tafas on 3 March.",
        "Gunmen opened fire on an army checkpoint in Tafas on 3 March.",
        "Gunmen attacked an Israeli patrol near Tafas on 3 March.",
    ],
)
def test_a_fought_patrol_is_a_clash(reference, text):
    assert [c.event_type for c in candidates(reference, text)] == ["armed_clash"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Israeli forces patrolled Tafas on 3 March after clashes with residents.", "patrol"),
        ("An Israeli patrol entered Tafas on 3 March.", "ground_incursion"),
    ],
)
def test_a_patrol_that_is_not_fought_keeps_its_own_type(reference, text, kind):
    assert [c.event_type for c in candidates(reference, text)] == [kind]
