"""The review page on a place the gazetteer lacks, placed at its province (`sitmap.ui.review.unplaced`)."""

from __future__ import annotations

import pytest

from sitmap.ui.review import logic as rl
from sitmap.ui.review import queue
from sitmap.ui.review.unplaced import at_its_area, unresolved_note
from sitmap.ui.text import md_escape
from tests.extract.one_paragraph import candidates

LACKED = "Zurqa_biya_"  # no such village; underscores are Markdown, which the page must show as written


@pytest.fixture(scope="module")
def lacked(reference):
    (c,) = candidates(
        reference, f"Israeli forces raided the village of {LACKED} in Quneitra province on 3 March."
    )
    assert c.location == LACKED and c.lat is not None  # extraction put it at the province
    return c


def test_the_note_names_the_place_the_province_and_the_reach(lacked):
    note = unresolved_note(lacked, rl.initial_values(lacked))
    km = f"±{lacked.uncertainty_m / 1000:g} km"
    assert note is not None and f"{LACKED} is not in the gazetteer" in note
    assert f"placed at Quneitra (province) {km}" in note
    # the point is the province's middle: the note must not claim it is where the text puts the place
    assert "not where in it the place lies" in note and "where the text puts it" not in note
    assert "\\_" in md_escape(note)  # escaped on the page: the report's text is never Markdown
    assert (
        rl.place_label(rl.initial_values(lacked), lacked)
        == f"{LACKED} · not in the gazetteer: at Quneitra {km} (region)"
    )


def test_once_placed_by_the_analyst_it_is_a_point_like_any_other(lacked, reference):
    placed = {**rl.initial_values(lacked), **rl.point_values(33.1, 35.85, 1000, reference)}
    assert not at_its_area(lacked, placed) and unresolved_note(lacked, placed) is None
    assert not any(p.is_error for p in rl.review_problems(lacked, placed))


def test_a_province_point_is_neither_complete_nor_a_confident_one(lacked):
    values = rl.initial_values(lacked)
    assert at_its_area(lacked, values) and not queue.is_complete(lacked, values)
    near = {**values, "geo_precision": "near"}
    problems = rl.review_problems(lacked, near)
    assert any("province's point" in p.message for p in problems if p.is_error)


def test_no_area_no_point_says_so(reference):
    (c,) = candidates(reference, f"Israeli forces raided {LACKED} on 3 March.")
    note = unresolved_note(c, rl.initial_values(c))
    assert note is not None and "with no point" in note


@pytest.mark.parametrize("where", [" in Quneitra province", ""])  # at the province's point, or none
def test_the_evidence_names_the_place_as_written_and_unresolved(reference, where):
    (c,) = candidates(reference, f"Israeli forces raided the village of {LACKED}{where} on 3 March.")
    evidence = rl.evidence_table(c).set_index("field")
    assert evidence.loc["location", "value"] == f"{LACKED} (unresolved: not in the gazetteer)"


def test_a_gazetteer_place_keeps_its_id_in_the_evidence(reference):
    (c,) = candidates(reference, "Israeli forces raided Kudna on 3 March.")
    assert rl.evidence_table(c).set_index("field").loc["location", "value"] == c.place_id == "kudna"
