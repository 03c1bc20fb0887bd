"""Missiles fired by an aircraft are an air strike (ACLED's air/drone strike), on our own sentences
(issue 11: "an Israeli warplane launched two missiles at a house" was typed a missile strike)."""

from __future__ import annotations

import pytest

from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("On 2 March an Israeli warplane fired two missiles at a house in Nabatieh.", "airstrike"),
        ("On 2 March a helicopter launched rockets at a convoy near Nabatieh.", "airstrike"),
        ("On 2 March Israeli jets fired missiles at a depot in Nabatieh.", "airstrike"),
        # no aircraft: a missile strike, as before
        ("On 2 March the Houthis fired two missiles at Eilat.", "missile_strike"),
        # an aircraft in another clause does not fire this clause's rockets
        (
            "On 2 March, hours after a warplane was seen over Nabatieh, Hezbollah fired rockets at Metula.",
            "missile_strike",
        ),
    ],
)
def test_missiles_from_an_aircraft(reference, text: str, etype: str) -> None:
    assert [c.event_type for c in candidates(reference, text)][-1:] == [etype]
