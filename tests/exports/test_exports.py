"""Data exports: GeoJSON re-validates and round-trips, CSV speaks ACLED and is formula-safe, KML parses
safely and holds every event, GeoPackage opens with pyogrio."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pandas as pd
import pyogrio
import pytest
import shapely

from sitmap.exports import formats as exports
from sitmap.store.load import load_store
from sitmap.view import View, apply_view
from sitmap.vocabulary import EVENT_TYPES

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "events"
TRICKY = Path(__file__).parents[1] / "data" / "exports" / "tricky"
KML = "{http://www.opengis.net/kml/2.2}"
TELL_AL_MAL = "syr-2025-03-03-tell-al-mal-raid"


@pytest.fixture(scope="module")
def bundled():
    store = load_store(BUNDLED)
    assert not store.errors
    return store.events


@pytest.fixture(scope="module")
def tricky():
    store = load_store(TRICKY)
    assert not store.errors, store.errors
    return store.events


# --- GeoJSON -------------------------------------------------------------------------------------------


def test_geojson_revalidates_and_round_trips_through_the_store(bundled, tmp_path):
    text = exports.events_to_geojson(bundled)
    assert exports.validate_geojson_text(text) == []
    doc = json.loads(text)
    assert "crs" not in doc  # RFC 7946: no legacy crs member
    (tmp_path / "export.geojson").write_text(text, encoding="utf-8")
    again = load_store(tmp_path)
    assert again.errors == []  # (the copy has no reports/ folder beside it: warnings only)
    cols = ["id", "date", "event_type", "actors", "claim_status", "uncertainty_m", "report_id", "tags"]
    left = bundled.sort_values("id")[cols].reset_index(drop=True)
    right = again.events.sort_values("id")[cols].reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right)
    # The same shapes (rings may turn: the export winds them as RFC 7946 asks, the store need not).
    shapes = [
        shapely.normalize(f.sort_values("id").geometry).to_wkt().tolist() for f in (again.events, bundled)
    ]
    assert shapes[0] == shapes[1]


def test_geojson_of_a_filtered_view_holds_only_that_view(bundled):
    shown = apply_view(bundled, View(start=date(2025, 3, 1), end=date(2025, 3, 4)))
    ids = [f["id"] for f in json.loads(exports.events_to_geojson(shown))["features"]]
    assert ids == ["syr-2025-03-03-tell-al-mal-raid", "syr-2025-03-04-ruwaihaniya-patrol"]


def test_geojson_keeps_null_geometry_and_tricky_text(tricky):
    doc = json.loads(exports.events_to_geojson(tricky))
    by_id = {f["id"]: f for f in doc["features"]}
    assert by_id["test-no-location"]["geometry"] is None
    assert by_id["test-formula-payloads"]["properties"]["actors"][0].startswith("=HYPERLINK")
    assert by_id["test-arabic-area"]["properties"]["location"].startswith("القنيطرة")


def test_validator_catches_a_broken_export():
    bad = '{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "x", "geometry": null, '
    bad += '"properties": {"date": "03/04/2025"}}]}'
    fields = {p.field for p in exports.validate_geojson_text(bad)}
    assert "properties.date" in fields and "properties.event_type" in fields


# --- CSV -----------------------------------------------------------------------------------------------


def _read_csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype={"event_id_cnty": str})


def test_csv_has_acled_columns_and_codes(bundled):
    frame = _read_csv(exports.events_to_csv(bundled))
    assert tuple(frame.columns) == exports.CSV_COLUMNS
    assert len(frame) == len(bundled)
    raid = frame.set_index("event_id_cnty").loc["syr-2025-03-03-tell-al-mal-raid"]
    assert raid["event_date"] == "2025-03-03"  # ISO, as ACLED's current exports
    assert raid["year"] == 2025
    assert raid["time_precision"] == 1  # ACLED: 1 = actual day
    assert raid["geo_precision"] == 2  # ACLED: 2 = near the named place
    assert (raid["event_type"], raid["sub_event_type"]) == (
        EVENT_TYPES["raid"].acled_event_type,
        EVENT_TYPES["raid"].acled_sub_event_type,
    )
    assert raid["actor1"] == "Israel Defense Forces"
    assert (raid["latitude"], raid["longitude"]) == (33.095, 36.04)
    assert raid["sitmap_report"] == "iran-update-2025-03-04#p5"
    assert raid["source"].startswith("Institute for the Study of War")
    month = frame.set_index("event_id_cnty").loc["irn-2024-04-isfahan-s300-radar-strike"]
    assert month["time_precision"] == 3 and month["event_date"] == "2024-04-01"


def test_csv_neutralises_formula_payloads(tricky):
    text = exports.events_to_csv(tricky)
    frame = _read_csv(text).set_index("event_id_cnty")
    row = frame.loc["test-formula-payloads"]
    assert row["actor1"] == "'" + '=HYPERLINK("http://evil.example/","click")'
    assert row["actor2"] == "'+Second actor"
    assert row["assoc_actor_1"] == "'@Third; -Fourth"
    assert row["country"] == "'=1+1"
    assert row["admin1"] == "'\tTabbed"
    assert row["location"].startswith("'\r")
    assert row["notes"].startswith("'-2+3")
    assert row["source"] == "'=cmd|' /C calc'!A0"
    assert row["tags"] == "'@tag; plain"
    # Every text cell in the file is safe: no cell starts with a formula trigger.
    for value in frame.reset_index().to_numpy().ravel():
        if isinstance(value, str):  # numeric columns parse as numbers, not str
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    # Numbers stay numbers: a negative longitude is not turned into text.
    assert row["longitude"] == -5.25


def test_csv_places_areas_at_an_inner_point_and_leaves_missing_locations_empty(tricky):
    frame = _read_csv(exports.events_to_csv(tricky)).set_index("event_id_cnty")
    area = frame.loc["test-arabic-area"]
    assert 35.8 < float(area["longitude"]) < 36.0 and 33.0 < float(area["latitude"]) < 33.2
    assert area["geo_precision"] == 3 and area["time_precision"] == 3
    assert pd.isna(frame.loc["test-no-location"]["latitude"])
    assert frame.loc["test-no-location"]["time_precision"] == 2  # week


def test_neutralise_cell_leaves_ordinary_text_alone():
    assert exports.neutralise_cell("Israel Defense Forces") == "Israel Defense Forces"
    assert exports.neutralise_cell("a=b") == "a=b"
    assert exports.neutralise_cell("=1") == "'=1"


# --- KML -----------------------------------------------------------------------------------------------


def _folder(text: str, name: str):
    root = SafeET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{KML}kml"
    return next((f for f in root.iter(f"{KML}Folder") if f.find(f"{KML}name").text == name), None)


def _placemarks(text: str) -> list:
    """Every event's Placemark: located ones in "Events", the others in their own folder."""
    folders = [_folder(text, "Events"), _folder(text, "Events without a location")]
    return [pm for f in folders if f is not None for pm in f.findall(f"{KML}Placemark")]


def test_kml_parses_safely_and_holds_every_event(bundled):
    text = exports.events_to_kml(bundled)
    marks = _placemarks(text)
    assert sorted(pm.get("id") for pm in marks) == sorted(bundled["id"])
    raid = next(pm for pm in marks if pm.get("id") == "syr-2025-03-03-tell-al-mal-raid")
    assert raid.find(f"{KML}Point/{KML}coordinates").text == "36.040000,33.095000"
    assert raid.find(f"{KML}TimeSpan/{KML}begin").text == "2025-03-03"
    assert raid.find(f"{KML}styleUrl").text == "#type-raid"
    # KML colours are aabbggrr: the raid wine #882255 (sitmap.style) becomes ff552288.
    style = SafeET.fromstring(text.encode()).find(f".//{KML}Style[@id='type-raid']")
    assert style.find(f"{KML}IconStyle/{KML}color").text == "ff552288"
    red_sea = next(pm for pm in marks if pm.get("id") == "yem-2023-11-red-sea-shipping-attacks")
    assert red_sea.find(f"{KML}Polygon") is not None


def test_kml_escapes_text_and_keeps_events_without_location(tricky):
    text = exports.events_to_kml(tricky)
    marks = {pm.get("id"): pm for pm in _placemarks(text)}
    assert set(marks) == set(tricky["id"])
    desc = marks["test-formula-payloads"].find(f"{KML}description").text
    # Google Earth renders descriptions as HTML after XML parsing: the parsed text must still be escaped.
    assert "<script>" not in desc and "&lt;script&gt;alert('x')&lt;/script&gt;" in desc
    assert "a quote with &lt;/description&gt; inside" in desc
    # Names and ExtendedData values are plain text, escaped once (by the XML serializer only).
    assert marks["test-formula-payloads"].find(f"{KML}name").text == "Shelling: \rCarriage <b>&amp;</b>"
    assert SafeET.fromstring(text.encode()).find(f".//{KML}href") is None  # no remote icon fetched on open
    assert "<script>" not in text  # escaped in the file itself
    assert marks["test-no-location"].find(f"{KML}Point") is None
    data = {d.get("name"): d.find(f"{KML}value").text for d in marks["test-no-location"].iter(f"{KML}Data")}
    assert data["event_type"] == "arms_transfer"
    assert _folder(text, "Events without a location").find(f"{KML}Placemark").get("id") == "test-no-location"


def test_kml_uncertainty_circle_has_the_right_radius(bundled):
    from pyproj import Geod

    circles = _folder(exports.events_to_kml(bundled), "Location uncertainty").findall(f"{KML}Placemark")
    raid = next(c for c in circles if c.find(f"{KML}name").text.startswith("syr-2025-03-03"))
    ring = raid.find(f".//{KML}coordinates").text.split()
    lon, lat = (float(v) for v in ring[0].split(","))
    _, _, dist = Geod(ellps="WGS84").inv(36.04, 33.095, lon, lat)
    assert dist == pytest.approx(4000, rel=1e-4)


# --- GeoPackage ----------------------------------------------------------------------------------------


def test_gpkg_opens_with_pyogrio(bundled, tmp_path):
    path = tmp_path / "events.gpkg"
    path.write_bytes(exports.events_to_gpkg(bundled))
    info = pyogrio.read_info(path, layer="events")
    assert info["features"] == len(bundled)
    assert info["crs"] == "EPSG:4326"
    frame = pyogrio.read_dataframe(path, layer="events")
    assert sorted(frame["id"]) == sorted(bundled["id"])
    raid = frame.set_index("id").loc["syr-2025-03-03-tell-al-mal-raid"]
    assert json.loads(raid["actors"]) == ["Israel Defense Forces"]
    assert json.loads(raid["sources"])[0]["date"] == "2025-03-04"
    assert (raid.geometry.x, raid.geometry.y) == (36.04, 33.095)
    assert pd.Timestamp(raid["start"]) == pd.Timestamp("2025-03-03")


def test_gpkg_keeps_null_geometry_and_arabic(tricky, tmp_path):
    path = exports.write_export(tricky, "gpkg", tmp_path / "t.gpkg")
    frame = pyogrio.read_dataframe(path).set_index("id")
    assert frame.loc["test-no-location"].geometry is None
    assert frame.loc["test-arabic-area"]["location"].startswith("القنيطرة")


# --- entry points --------------------------------------------------------------------------------------


def test_write_export_overwrites_atomically_and_refuses_unknown_formats(bundled, tmp_path):
    out = tmp_path / "e.csv"
    out.write_text("old")
    exports.write_export(bundled, "csv", out)
    assert out.read_text(encoding="utf-8").startswith("event_id_cnty,")
    assert [p.name for p in tmp_path.iterdir()] == ["e.csv"]  # no temp file left behind
    with pytest.raises(exports.ExportError, match="unknown export format"):
        exports.export_bytes(bundled, "shp")


def test_default_filename_names_the_window():
    view = View(start=date(2025, 3, 1), end=date(2025, 3, 4))
    assert exports.default_filename(view, "csv") == "sitmap_2025-03-01_2025-03-04.csv"
    assert exports.default_filename(View(), "kml") == "sitmap_all.kml"


def test_an_empty_view_exports_valid_empty_files(bundled, tmp_path):
    empty = apply_view(bundled, View(start=date(2030, 1, 1)))
    assert json.loads(exports.events_to_geojson(empty))["features"] == []
    assert exports.events_to_csv(empty).splitlines() == [",".join(exports.CSV_COLUMNS)]
    assert _placemarks(exports.events_to_kml(empty)) == []
    path = exports.write_export(empty, "gpkg", tmp_path / "empty.gpkg")
    assert pyogrio.read_info(path)["features"] == 0


def test_list_properties_carried_as_columns_pass_through(bundled):
    claim = {"kind": "distance", "stated_km": 16.0, "comparison": "about", "reference": "area-of-separation"}
    frame = bundled.copy()
    frame["claims"] = [[claim] if i == TELL_AL_MAL else [] for i in frame["id"]]
    text = exports.events_to_geojson(frame)  # validates, so the claim must be well-formed too
    by_id = {f["id"]: f for f in json.loads(text)["features"]}
    assert by_id[TELL_AL_MAL]["properties"]["claims"] == [claim]
    assert "claims" not in by_id["syr-2025-03-04-ruwaihaniya-patrol"]["properties"]


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "kml"])
def test_a_failed_export_leaves_the_previous_file_intact(bundled, tmp_path, fmt, monkeypatch):
    out = tmp_path / f"e.{fmt}"
    out.write_bytes(b"previous export")

    def fail(*args, **kwargs):
        raise OSError("disk full")

    # The writer dies after part of the work; nothing may reach the target file.
    monkeypatch.setattr(
        exports, {"geojson": "events_to_geojson", "gpkg": "events_to_gpkg", "kml": "events_to_kml"}[fmt], fail
    )
    with pytest.raises(OSError, match="disk full"):
        exports.write_export(bundled, fmt, out)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_write_gpkg_keeps_the_previous_file_when_gdal_fails(bundled, tmp_path, monkeypatch):
    out = exports.write_gpkg(bundled, tmp_path / "e.gpkg")
    before = out.read_bytes()

    def fail(*args, **kwargs):
        raise pyogrio.errors.DataSourceError("GDAL failed")

    monkeypatch.setattr(pyogrio, "write_dataframe", fail)
    with pytest.raises(pyogrio.errors.DataSourceError):
        exports.write_gpkg(bundled.iloc[:2], out)
    assert out.read_bytes() == before
