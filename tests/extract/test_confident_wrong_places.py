"""A name is not given a confident wrong place (review of session 15, issue 11): a place's own name beats
another place's alternate name, an admin-1 area beats a hamlet spelt alike, and the paragraph's names choose
between same-named places. Every sentence is our own."""

from __future__ import annotations

from tests.extract.one_paragraph import candidates


def _places(reference, text: str) -> list[str | None]:
    return [c.place_id for c in candidates(reference, text)]


def test_a_city_named_by_its_own_name_beats_another_place_whose_alias_is_spelt_alike(reference):
    # Tirat Karmel (Israel) has the alternate name "Tire", which folds like "Tyre"; Metula lies in Israel.
    text = "An Israeli strike hit a car in Tyre on Monday in reply to an attack by Hezbollah on Metula."
    assert "tyre" in _places(reference, text)
    assert "tirat-karmel" not in _places(reference, text)
