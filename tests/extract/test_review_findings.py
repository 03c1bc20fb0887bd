"""Findings of the session-14 review left for a fix: a city sharing its province's name, a force's strike,
a listed place abroad outranking a village of the story's country. Our own sentences."""

from __future__ import annotations

import pytest

from sitmap.extract.types import find_triggers
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


def test_a_village_of_the_paragraphs_country_beats_a_listed_place_abroad(reference):
    text = "Gunmen shot a farmer in Maariyah late on Thursday, a day after an attack in Tafas."
    placed = {c.location: c.place_id for c in candidates(reference, text, "2025-03-18")}
    assert placed.get("Maariya") == "maariya-sy", placed
    assert "maghar" not in placed.values(), placed


def test_a_listed_place_abroad_still_wins_when_the_paragraph_names_nothing_else(reference):
    text = "Gunmen shot a farmer in Maariyah late on Thursday."
    placed = [c.place_id for c in candidates(reference, text, "2025-03-18")]
    assert placed == ["maghar"], placed  # a ranking, not a refusal: nothing else to judge by


@pytest.mark.parametrize(
    "headline",
    ["Israel strikes a weapons depot near Damascus", "UK and US strike a missile launcher near Hodeidah"],
)
def test_a_forces_strike_in_a_headlines_present_tense_is_an_airstrike(headline):
    assert [t.event_type for t in find_triggers(headline)][:1] == ["airstrike"], find_triggers(headline)
