"""A place's country is its registry's (issue 11, review): GeoNames' country code, or the curated or own
place's country, kept in `geodata`'s `source_country` column; Natural Earth's simplified polygons are only the
fallback. Border villages (Kfar Kila, Metula, Bayt Hanun, Kafr Qasim, Baqa el-Gharbiya) lie a few hundred
metres on the wrong side of NE's border, so the polygon alone put them in the wrong country."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from sitmap.reference.areas import areas_at
from sitmap.reference.gazetteer import Gazetteer
from sitmap.reference.own_places import new_own_place
from sitmap.ui.review import logic as rl
from tests.extract.one_paragraph import candidates as _cands

GEODATA = Path(__file__).resolve().parents[2] / "geodata"


@pytest.fixture(scope="module")
def gaz(reference) -> Gazetteer:
    return Gazetteer.from_reference(reference)


@pytest.mark.parametrize(
    ("query", "place_id", "country", "admin1"),
    [
        ("Kfar Kila", "kfar-kila", "Lebanon", "Nabatieh"),  # NE: 0.4 km inside Israel
        ("Metula", "metula", "Israel", "Northern District"),  # NE: 1.2 km inside Lebanon
        ("Bayt Hanun", "bayt-hanun", "Palestine", "Gaza Strip"),
        ("Kafr Qasim", "kafr-qasim", "Israel", "Central District"),
        ("Baqa el-Gharbiya", "baqa-el-gharbiya", "Israel", "Haifa District"),
    ],
)
def test_a_border_village_picked_in_the_review_search_keeps_its_country(
    gaz, query, place_id, country, admin1
):
    hit = gaz.search(query)[0]
    assert hit["id"] == place_id
    values = rl.place_values(hit)  # what the review page's pick puts in the form
    assert (values["country"], values["admin1"]) == (country, admin1)


def test_the_gazetteer_files_carry_the_registrys_country():
    places = json.loads((GEODATA / "places.geojson").read_text(encoding="utf-8"))["features"]
    by_id = {f["id"]: f["properties"] for f in places}
    assert by_id["kfar-kila"]["source_country"] == "Lebanon"  # GeoNames 272849: LB
    assert by_id["ariel"]["source_country"] == "Israel"  # GeoNames' code, whatever the layers say
    assert by_id["red-sea"]["source_country"] is None  # a sea: no registry country
    gnames = [p for p in by_id.values() if str(p.get("source", "")).startswith("GeoNames")]
    assert gnames and all(p["source_country"] for p in gnames)
    table = pd.read_csv(GEODATA / "gazetteer.csv", dtype=str, keep_default_na=False)
    assert (table["source_country"] != "").all()


def test_far_inside_another_country_the_layers_de_facto_view_stays(gaz):
    # GeoNames codes West Bank settlements IL and Golan Druze villages SY; those points lie 5-20 km inside
    # the other unit as Natural Earth draws it: no simplified border explains it, the layers' view stays.
    for place_id, country, source in [
        ("ariel", "Palestine", "Israel"),
        ("talmon-il", "Palestine", "Israel"),
        ("majdal-shams", "Israel", "Syria"),
    ]:
        rec = gaz.records[place_id]
        assert (rec["country"], rec["source_country"]) == (country, source), place_id


def test_without_a_source_country_the_polygon_decides(reference):
    from sitmap.reference.areas import (
        place_areas,
    )  # new with the source country (imported here: main lacks it)

    lon, lat = 35.55197, 33.27734  # Kfar Kila's point, which NE's polygon puts in Israel
    assert (
        place_areas(reference, lon, lat, None)
        == areas_at(reference, lon, lat)
        == ("Israel", "Northern District")
    )
    assert place_areas(reference, lon, lat, "Lebanon") == ("Lebanon", "Nabatieh")
    # a source country far from the point (a wrong code) does not move it either
    assert place_areas(reference, lon, lat, "Iraq") == ("Israel", "Northern District")


def test_an_own_place_without_a_country_takes_the_polygons(gaz, reference):
    feat = new_own_place("Own Test Hill", 33.1, 36.2, 1000, "test fixture")  # no country given
    probe = Gazetteer.from_reference(reference)
    probe.add_own_places([feat])
    rec = probe.records["own-own-test-hill"]
    assert (
        (rec["country"], rec["admin1"]) == areas_at(reference, 36.2, 33.1) == ("Syria", "Daraa")
    )  # near as-Sanamayn
    stated = new_own_place("Own Border", 33.27734, 35.55197, 1000, "test fixture", country="Lebanon")
    probe.add_own_places([stated])  # the analyst's country, with its nearest admin-1
    assert (probe.records["own-own-border"]["country"], probe.records["own-own-border"]["admin1"]) == (
        "Lebanon",
        "Nabatieh",
    )


@pytest.mark.parametrize(
    ("text", "place_id", "country"),
    [
        ("Israeli forces raided Kfar Kila in southern Lebanon on 10 June 2025.", "kfar-kila", "Lebanon"),
        ("Israeli forces raided Kfar Kila on 10 June 2025.", "kfar-kila", "Lebanon"),
        ("Hezbollah fired rockets at Metula on 10 June 2025.", "metula", "Israel"),
    ],
)
def test_extraction_puts_a_border_village_in_its_country(reference, text, place_id, country):
    cands = [c for c in _cands(reference, text, day="2025-06-12") if c.place_id == place_id]
    assert cands, text
    assert {c.country for c in cands} == {country}
