"""Tests for sitmap.reference.layers and the committed geodata/ files (data is code: every file checked)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely

from sitmap.reference.gazetteer import Gazetteer
from sitmap.reference.layers import (
    LAYER_FILES,
    ZONE_IDS,
    GeodataError,
    load_reference,
)
from sitmap.reference.names import normalise_name

ROOT = Path(__file__).resolve().parents[2]
GEODATA = ROOT / "geodata"
GEOD = pyproj.Geod(ellps="WGS84")
UTM36N = pyproj.Transformer.from_crs(4326, 32636, always_xy=True)

# (id, lat, lon, confidence) from issue 2's gazetteer table.
REQUIRED_PLACES = [
    ("quneitra", 33.12556, 35.82389, "high"),
    ("khan-arnabah", 33.18378, 35.89158, "high"),
    ("hader", 33.27944, 35.83028, "medium-high"),
    ("beit-jinn", 33.31056, 35.91889, "medium-high"),
    ("mount-hermon", 33.41611, 35.85750, "medium-high"),
    ("tell-al-harra", 33.06278, 35.99194, "high"),
    ("tell-al-mal", 33.095, 36.04, "low"),
    ("ruwaihaniya", 33.075, 35.88, "low"),
    ("nawa", 32.88646, 36.03905, "high"),
    ("jasim", 32.99125, 36.06093, "high"),
    ("kafr-shams", 33.11807, 36.10626, "medium-high"),
    ("khasham", 35.33611, 40.30944, "medium"),
    ("parchin", 35.52722, 51.77778, "medium"),
    ("khojir", 35.66389, 51.72917, "medium-low"),
    ("isfahan-8th-tactical-air-base", 32.74608, 51.87639, "medium-high"),
]
KINDS = {"town", "village", "hill", "site", "base", "city", "sea"}
CONFIDENCE = {"high", "medium-high", "medium", "medium-low", "low"}


@pytest.fixture(scope="module")
def ref():
    return load_reference(GEODATA)


@pytest.fixture(scope="module")
def gaz(ref):
    return Gazetteer.from_reference(ref)


def _utm(geom):
    return shapely.transform(geom, lambda xy: np.column_stack(UTM36N.transform(xy[:, 0], xy[:, 1])))


# ---------------------------------------------------------------- the files themselves
def test_files_are_small_rfc7946_with_rounded_coordinates():
    total = 0
    for name in LAYER_FILES.values():
        path = GEODATA / name
        text = path.read_text(encoding="utf-8")
        total += len(text.encode())
        data = json.loads(text)
        assert data["type"] == "FeatureCollection" and "crs" not in data, name
        assert not re.search(r"\d\.\d{7,}", text.split('"features"', 1)[1]), name
    assert total < 3 * 1024 * 1024


def test_layers_load_in_wgs84_with_unique_ids(ref):
    for name in LAYER_FILES:
        layer = getattr(ref, name)
        assert layer.crs.to_epsg() == 4326, name
        assert isinstance(layer.index, pd.RangeIndex), name
        assert layer["id"].is_unique and layer["id"].notna().all(), name
        assert layer.geometry.is_valid.all(), name
    all_ids = pd.concat([getattr(ref, n)["id"] for n in LAYER_FILES])
    assert all_ids.is_unique


def test_readme_documents_every_file_and_licence():
    readme = (GEODATA / "README.md").read_text(encoding="utf-8")
    for name in [*LAYER_FILES.values(), "places_curated.csv"]:
        assert name in readme
    assert "CC BY 4.0" in readme and "public domain" in readme
    assert "python scripts/build_geodata.py" in readme


# ---------------------------------------------------------------- the 1974 zone layer
def test_zone_ids_kinds_and_properties(ref):
    zone = ref.zone.set_index("id")
    assert sorted(zone.index) == sorted(ZONE_IDS)
    assert zone.loc["area-of-separation", "geometry"].geom_type == "Polygon"
    assert zone.loc["line-a", "geometry"].geom_type == "LineString"
    for col in ("name", "kind", "limits", "source", "accuracy", "description"):
        assert zone[col].map(lambda v: isinstance(v, str) and len(v) > 3).all(), col
    bands = zone[zone["kind"] == "band"]
    assert len(bands) == 6 and set(bands["side"]) == {"west", "east"}
    for fid, row in bands.iterrows():
        lo, hi, side = re.fullmatch(r"limitation-(\d+)-(\d+)-(west|east)", fid).groups()
        assert (row["min_km"], row["max_km"], row["side"]) == (float(lo), float(hi), side)
        assert "surface-to-air" in row["limits"]
    assert "6,000 troops" in zone.loc["limitation-0-10-east", "limits"]
    assert "162 guns" in zone.loc["limitation-10-20-west", "limits"]


def test_zone_area_is_computed_and_stated(ref):
    poly = ref.geometry("area-of-separation")
    km2 = abs(GEOD.geometry_area_perimeter(poly)[0]) / 1e6
    assert 240 < km2 < 290  # NE's generalisation: ~265 km2 against ~235 km2 usually quoted
    assert f"{km2:.1f} km2" in ref.feature("area-of-separation")["accuracy"]


def test_lines_split_the_zone_ring_west_and_east(ref):
    poly = ref.geometry("area-of-separation")
    a, b = ref.geometry("line-a"), ref.geometry("line-b")
    ring = np.asarray(poly.exterior.coords)
    north, south = ring[ring[:, 1].argmax()], ring[ring[:, 1].argmin()]
    for line in (a, b):
        assert line.coords[0] == pytest.approx(tuple(north))
        assert line.coords[-1] == pytest.approx(tuple(south))
    assert np.mean(np.asarray(a.coords)[:, 0]) < np.mean(np.asarray(b.coords)[:, 0])
    # Together the two chains are the whole ring.
    assert len(a.coords) + len(b.coords) - 2 == len(ring) - 1
    assert shapely.union_all([a, b]).length == pytest.approx(poly.exterior.length)


def test_bands_lie_on_their_side_at_their_distance(ref):
    zone = ref.zone.set_index("id")
    poly_m = _utm(zone.loc["area-of-separation", "geometry"])
    bands = zone[zone["kind"] == "band"]
    for fid, row in bands.iterrows():
        band_m = _utm(row.geometry)
        assert band_m.intersection(poly_m).area < 1e4, fid  # < 0.01 km2 overlap with the zone
        line_m = _utm(zone.loc["line-a" if row["side"] == "west" else "line-b", "geometry"])
        other = _utm(zone.loc["line-b" if row["side"] == "west" else "line-a", "geometry"])
        pt = band_m.representative_point()
        d_km = pt.distance(line_m) / 1000
        assert row["min_km"] - 0.05 <= d_km <= row["max_km"] + 0.05, fid
        assert pt.distance(other) > pt.distance(line_m), fid  # on its own side
    ids = list(bands.index)
    for i, x in enumerate(ids):
        for y in ids[i + 1 :]:
            assert _utm(bands.loc[x, "geometry"]).intersection(_utm(bands.loc[y, "geometry"])).area < 1e4


# ---------------------------------------------------------------- countries and admin-1
def test_countries_cover_the_region(ref):
    iso = set(ref.countries["iso3"].dropna())
    need = {"SYR", "ISR", "LBN", "JOR", "IRQ", "IRN", "YEM", "SAU", "TUR", "EGY", "KWT", "QAT"}
    need |= {"BHR", "ARE", "OMN", "CYP", "PSE"}
    assert need <= iso
    assert ref.countries[["name", "source"]].notna().all().all()


def test_admin1_has_golan_governorates_and_no_undof(ref):
    a1 = ref.admin1
    assert {"SYR", "ISR", "LBN", "JOR", "IRQ", "IRN", "YEM", "SAU"} <= set(a1["iso3"])
    syr = set(a1.loc[a1["iso3"] == "SYR", "name"])
    assert {"Quneitra", "Daraa", "Rif Dimashq", "Damascus"} <= syr
    assert not a1["name"].str.contains("UNDOF").any()
    assert a1.loc[a1["name"] == "Daraa", "ne_name"].iloc[0] == "Dar`a"
    zone_m = _utm(ref.geometry("area-of-separation"))
    for geom in a1.loc[a1["iso3"] == "SYR", "geometry"]:
        assert _utm(geom).intersection(zone_m).area < 0.001 * zone_m.area


# ---------------------------------------------------------------- places
@pytest.mark.parametrize(("pid", "lat", "lon", "conf"), REQUIRED_PLACES)
def test_required_places(ref, pid, lat, lon, conf):
    row = ref.feature(pid)
    assert (row.geometry.y, row.geometry.x) == pytest.approx((lat, lon), abs=1e-6)
    assert row["confidence"] == conf
    assert row["source"] and row["uncertainty_m"] > 0


def test_places_properties_and_vocabularies(ref):
    p = ref.places
    for col in ("id", "name", "alt_names", "name_ar", "country", "admin1", "kind", "source"):
        assert col in p.columns, col
    assert set(p["kind"]) <= KINDS and set(p["confidence"]) <= CONFIDENCE
    assert p["alt_names"].map(lambda v: isinstance(v, list)).all()
    assert p["id"].str.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*").all()
    geonames = p[p["source"].str.contains("GeoNames")]
    assert len(geonames) > 500 and geonames["source"].str.contains("CC BY 4.0").all()
    assert ref.feature("tell-al-mal")["admin1"] == "Daraa"
    assert ref.feature("khan-arnabah")["admin1"] == "Quneitra"
    mal = ref.feature("tell-al-mal")
    assert mal["uncertainty_m"] == 4000 and "تل المال" in [mal["name_ar"], *mal["alt_names"]]


@pytest.mark.parametrize(
    "name", ["Moscow", "Tehran", "Damascus", "Beirut", "Sanaa", "Baghdad", "Hodeidah", "Isfahan"]
)
def test_region_cities_from_geonames(gaz, name):
    ids, _ = gaz.lookup(name)
    assert ids and any(gaz.records[i]["geonameid"] for i in ids)


# ---------------------------------------------------------------- names and lookups
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tell al-Mal", "Tal al Mal"),
        ("Tel el-Mal", "tall al-mal"),
        ("Khan Arnabah", "Khan Arnaba"),
        ("Beit Jinn", "Bayt Jin"),
        ("Jāsim", "Jassim"),
        ("Sa'sa'", "Sasa"),
        ("Reef Dimashq", "Rif Dimashq"),
        ("Al-Qunaytirah", "al Qunaytirah"),
        ("تل المال", "تل مال"),
        ("خان أرنبة", "خان ارنبه"),
    ],
)
def test_normaliser_folds_variants(a, b):
    assert normalise_name(a) == normalise_name(b)


def test_normaliser_keeps_different_places_apart():
    assert normalise_name("Tell al-Mal") != normalise_name("Tell al-Harra")
    assert normalise_name("Beit Jinn") != normalise_name("Beit Jann")
    assert normalise_name("As") == "as"  # a name of articles only keeps itself


@pytest.mark.parametrize(
    ("query", "pid"),
    [
        ("Tal al-Mal", "tell-al-mal"),
        ("TELL EL MAL", "tell-al-mal"),
        ("Ar-Ruwayhinah", "ruwaihaniya"),
        ("Quneitra", "quneitra"),
        ("القنيطرة", "quneitra"),
        ("Jabal al-Shaykh", "mount-hermon"),
        ("Dimashq", "damascus"),
    ],
)
def test_find_place(gaz, query, pid):
    assert pid in gaz.lookup(query)[0]
    assert gaz.search(query)[0]["id"] == pid


def test_find_place_without_match_is_empty(gaz):
    assert gaz.lookup("Atlantis") == ([], "") and gaz.lookup("") == ([], "")
    assert gaz.search("Atlantis") == [] and gaz.search("  ") == []


def test_feature_lookup_and_clear_key_error(ref):
    assert ref.feature("line-a")["kind"] == "line"
    assert ref.feature("syr-quneitra")["iso3"] == "SYR"
    assert ref.geometry("syr").geom_type in ("Polygon", "MultiPolygon")
    with pytest.raises(KeyError, match="area-of-separation.*did you mean: line-b"):
        ref.feature("line-c")


# ---------------------------------------------------------------- load errors name the file
def _copy_geodata(tmp_path: Path) -> Path:
    for name in LAYER_FILES.values():
        (tmp_path / name).write_bytes((GEODATA / name).read_bytes())
    return tmp_path


def test_missing_file_is_named(tmp_path):
    d = _copy_geodata(tmp_path)
    (d / "admin1.geojson").unlink()
    with pytest.raises(GeodataError, match=r"admin1\.geojson.*not found"):
        load_reference(d)


def test_bad_json_is_named(tmp_path):
    d = _copy_geodata(tmp_path)
    (d / "places.geojson").write_text('{"type": "FeatureCollection", "features": [', "utf-8")
    with pytest.raises(GeodataError, match=r"places\.geojson.*JSON"):
        load_reference(d)


def test_feature_without_id_and_missing_zone_id_are_named(tmp_path):
    d = _copy_geodata(tmp_path)
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [0, 0]}}
    ]}  # fmt: skip
    (d / "countries.geojson").write_text(json.dumps(fc), "utf-8")
    with pytest.raises(GeodataError, match=r"countries\.geojson: feature #0 has no string id"):
        load_reference(d)
    (tmp_path / "b").mkdir()
    d2 = _copy_geodata(tmp_path / "b")
    zone = json.loads((d2 / "disengagement_1974.geojson").read_text("utf-8"))
    zone["features"] = [f for f in zone["features"] if f["id"] != "line-b"]
    (d2 / "disengagement_1974.geojson").write_text(json.dumps(zone), "utf-8")
    with pytest.raises(GeodataError, match=r"disengagement_1974\.geojson: missing zone ids \['line-b'\]"):
        load_reference(d2)
