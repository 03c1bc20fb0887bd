"""A province named bare ("in Nineveh", "in Sistan and Baluchestan", "in Salah al-Din") is where the event
happened, at the province's level; it was read as nothing or as two stray unresolved names (s22)."""

from __future__ import annotations

import pytest

from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    ("area", "admin1", "country"),
    [
        ("Nineveh", "Nineveh", "Iraq"),
        ("Salah al-Din", "Salah ad-Din", "Iraq"),
        ("Sistan and Baluchestan", "Sistan and Baluchestan", "Iran"),
        ("Sistan and Baluchestan Province", "Sistan and Baluchestan", "Iran"),
        ("Khuzestan", "Khuzestan", "Iran"),
        ("West Azerbaijan", "West Azerbaijan", "Iran"),
    ],
)
def test_a_province_named_bare_places_the_event_at_the_province(reference, area, admin1, country):
    [c] = candidates(reference, f"Gunmen attacked a checkpoint in {area} on 3 March.")
    assert (c.location, c.admin1, c.country, c.geo_precision) == (admin1, admin1, country, "region")


def test_a_province_named_like_its_seat_is_still_the_seat(reference):
    """Idlib, Marib: the name is a city's too; which is meant is left to the place's ranking, as before."""
    [c] = candidates(reference, "Gunmen attacked a checkpoint in Idlib on 3 March.")
    assert c.geo_precision != "region" and c.place_id


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a checkpoint near the Nineveh Operations Command on 3 March.",
        "Gunmen attacked a checkpoint in Iraqi Kurdistan on 3 March.",
    ],
)
def test_a_longer_name_is_not_the_province(reference, text):
    assert all(
        c.geo_precision != "region" or c.admin1 not in ("Nineveh", "Kurdistan")
        for c in candidates(reference, text)
    )
