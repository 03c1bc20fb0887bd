"""Refugee camps named as places (issue 11, s20): GeoNames files a camp as a spot (CMPRF), and the gazetteer
build now reads it as a populated place (Ein el-Hilweh, Burj el-Shemali, Shatila); a demonym between the
camp's name and its kind ("the Ein el-Hilweh Palestinian refugee camp") starts no longer name."""

from __future__ import annotations

import pytest

from sitmap.extract.place_context import report_contexts
from sitmap.extract.places import find_places


def _found(gaz, text: str) -> dict[str, str | None]:
    ctx = report_contexts([("p1", text)], gaz)["p1"]
    return {m.text: m.place_id for m in find_places(text, gaz, ctx)}


@pytest.mark.parametrize(
    ("text", "name", "place_id"),
    [
        ("A drone hit a car inside the Ein el-Hilweh Palestinian refugee camp near Sidon.", "Ein el-Hilweh",
         "ein-el-hilweh-lb"),
        ("Gunmen clashed overnight in the Burj el-Shemali camp east of Tyre.", "Burj el-Shemali",
         "burj-el-shemali-lb"),
        ("A rocket fell in an open field near the Hurfeish Druze village on Sunday.", "Hurfeish", None),
        # any community's name says what the place is, as it does where a name is cut on the left
        ("Shells landed on the edge of the Marmarita Alawite village at dawn.", "Marmarita", "marmarita-sy"),
    ],
)  # fmt: skip
def test_a_camp_named_before_a_demonym_and_its_kind_is_found(gaz, text, name, place_id):
    found = _found(gaz, text)
    assert name in found, found
    if place_id is not None:
        assert found[name] == place_id


def test_a_demonym_before_a_capitalised_word_still_cuts_a_village_name(gaz):
    # "Ramot Hashavim"-like cuts are unchanged: a capitalised word after a village name that is not a
    # demonym before a common noun still makes the village's name the first words of a longer one
    found = _found(gaz, "Troops entered Ramot Hashavim on Monday.")
    assert "Ramot" not in found
