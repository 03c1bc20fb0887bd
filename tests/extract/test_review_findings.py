"""Findings of the session-14 review left for a fix: a city sharing its province's name, a meeting abroad
placed in a province, a listed place abroad outranking a village of the story's country. Our own sentences."""

from __future__ import annotations

from tests.extract.one_paragraph import candidates


def test_a_city_introduced_as_a_city_is_an_event_place_beside_its_villages(reference):
    text = (
        "Fighting erupted in the city of Sweida between rival gunmen on 14 July and later spread to the"
        " village of Walgha."
    )
    placed = {c.place_id for c in candidates(reference, text, "2025-03-18")}
    assert "as-suwayda" in placed, placed
    assert "walgha-sy" in placed, placed


def test_a_province_named_alone_still_stands_for_itself_beside_a_village_in_it(reference):
    text = "Gunmen shot a shepherd dead in Walgha, the latest killing in Sweida."
    placed = [c.place_id for c in candidates(reference, text, "2025-03-18")]
    assert placed == ["walgha-sy"], placed
