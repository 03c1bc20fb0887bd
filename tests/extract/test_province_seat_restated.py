"""A province named by its seat's name, then a district "in" that province: one event per district, the
province a coarser mention merged into it (issue 11, session 20; dev p80's shape, in our own words)."""

from __future__ import annotations

from tests.extract.one_paragraph import candidates


def _placed(reference, text: str) -> list[tuple[str | None, str | None]]:
    return [(c.location, c.admin1) for c in candidates(reference, text) if not c.reason and c.location]


def test_provinces_restated_by_their_districts_merge_into_them(reference) -> None:
    text = (
        "US warplanes launched four raids on the provinces of Saada and Hajjah on Monday, Houthi media said."
        " The raids hit targets in the Abs district in Hajjah, then others in the Safra district in Saada."
    )
    placed = _placed(reference, text)
    assert sorted(loc for loc, _ in placed) == ["Abs", "Safra"]
    cands = {c.location: c for c in candidates(reference, text) if not c.reason}
    assert "Saada" in cands["Safra"].evidence["mentions"].value  # the province's spelling is evidence


def test_the_district_takes_its_province_from_the_words_after_it(reference) -> None:
    placed = dict(_placed(reference, "On Monday jets struck sites in the Safra district in Saada."))
    assert placed == {"Safra": "Saada"}


def test_a_city_the_text_calls_a_city_stays_beside_a_district(reference) -> None:
    text = (
        "US warplanes struck the city of Saada on Monday, Houthi media said. Further jets hit sites in the"
        " Safra district in Saada."
    )
    assert {loc for loc, _ in _placed(reference, text)} >= {"Sa'dah", "Safra"}


def test_another_province_s_seat_is_another_event(reference) -> None:
    text = (
        "US warplanes struck Hajjah on Monday, Houthi media said. Further jets hit sites in the Safra"
        " district in Saada."
    )
    assert {loc for loc, _ in _placed(reference, text)} >= {"Ḩajjah", "Safra"}
