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


def test_a_name_only_folded_like_hamlets_of_two_countries_is_not_guessed(reference):
    # "Akkar" folds like OCHA's A'Kar (Hasakah, Syria) and like GeoNames hamlets of North Lebanon that bear
    # the name as an alias; nothing in the sentence chooses between the countries.
    assert "a-kar-sy" not in _places(reference, "The strike hit Akkar on Tuesday.")


def test_a_province_beside_the_name_still_chooses_the_hamlet_spelt_otherwise(reference):
    assert _places(reference, "The strike hit Akkar in Hasakah province on Tuesday.") == ["a-kar-sy"]


def _location_confidence(reference, text: str) -> tuple[str | None, float]:
    (cand,) = candidates(reference, text)
    ev = cand.evidence["location"]
    return cand.place_id, ev.confidence


def test_a_hamlet_whose_name_only_folds_like_the_text_is_a_weak_match(reference):
    # OCHA's Tal Aafar is a Hama hamlet; "Tal Afar" is far more often Iraq's city, which no table holds.
    pid, conf = _location_confidence(
        reference, "Coalition aircraft struck targets near Tal Afar on Wednesday."
    )
    spelt_pid, spelt_conf = _location_confidence(
        reference, "Coalition aircraft struck targets near Tal Aafar on Wednesday."
    )
    assert pid == spelt_pid == "tal-aafar-sy"
    assert conf < 0.9 <= spelt_conf


def test_a_province_named_in_the_paragraph_chooses_ariha_in_idlib_over_jericho(reference):
    # Ariha is also Jericho's Arabic name. Passes on main too: a guard for the ranking changed above.
    text = "Syrian jets struck Ariha on Monday. Idlib's health directorate said three people were killed."
    assert _places(reference, text) == ["ariha-sy"]
