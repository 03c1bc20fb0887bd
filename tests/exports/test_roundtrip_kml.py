"""KML exports read back by GDAL: LIBKML (through pyogrio) gives, per id, the store's text and geometry,
escaped once; GDAL's plain KML driver (`ogrinfo`) reads names and descriptions as plain text too."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pyogrio
import shapely
from hypothesis import HealthCheck, given, settings
from roundtrip import store_records
from strategies import event_batches, store_events
from tools import needs_tool

from sitmap.exports import formats as exports
from sitmap.exports.kml import NO_LOCATION_FOLDER
from sitmap.footprints import AREA_PRECISIONS, event_footprints

needs_ogrinfo = needs_tool("ogrinfo", "apt-get install gdal-bin")  # GDAL's own reader

ROOT = Path(__file__).resolve().parents[2]
TRICKY = Path(__file__).parents[1] / "data" / "exports" / "tricky"
# ExtendedData fields compared as text (None when the store has no value).
TEXT = ("date", "date_end", "time_precision", "event_type", "country", "admin1", "location")
TEXT += ("geo_precision", "claim_status", "summary", "quote")


def _libkml(path: Path) -> dict[str, dict]:
    """Every placemark of the event folders, by its `id` field, as GDAL's LIBKML driver reads it."""
    out: dict[str, dict] = {}
    for layer, _ in pyogrio.list_layers(path):
        if layer not in ("Events", NO_LOCATION_FOLDER):
            continue
        frame = pyogrio.read_dataframe(path, layer=layer)
        for _, row in frame.iterrows():
            assert row["id"] not in out
            out[row["id"]] = {**row.to_dict(), "layer": layer}
    return out


def assert_kml_matches_store(events, path: Path) -> None:
    got = _libkml(path)
    want = store_records(events)
    points = events[events.geometry.notna() & (events.geom_type == "Point")]
    points = points[points["geo_precision"].isin(AREA_PRECISIONS)]  # the web map's rule, restated
    areas = event_footprints(points, None).set_index(points["id"])
    assert set(got) == set(want)  # every event present, none twice
    for event_id, record in want.items():
        back = got[event_id]
        for name in TEXT:
            value = back.get(name)
            assert (value if isinstance(value, str) else None) == record[name], (event_id, name)
        for name in ("actors", "tags", "sources"):
            value = back.get(name)
            assert (json.loads(value) if isinstance(value, str) else []) == record[name], (event_id, name)
        unc = back.get("uncertainty_m")
        assert (float(unc) if isinstance(unc, str) else None) == record["uncertainty_m"], event_id
        if record["geometry"] is None:
            assert back["layer"] == NO_LOCATION_FOLDER and back["geometry"] is None
        elif event_id in areas.index:
            # Drawn as its area (here, with no reference layers, its circle), written to 4 decimals;
            # the store's point kept as the `point` field.
            assert back["layer"] == "Events"
            a, b = back["geometry"], areas.geometry[event_id]
            assert shapely.get_num_coordinates(a) == shapely.get_num_coordinates(b), event_id
            assert a.hausdorff_distance(b) < 0.75e-4, event_id  # rounding: at most 0.5e-4 in x and in y
            assert shapely.from_wkt(back["point"]).equals_exact(record["geometry"], 1e-9), event_id
        else:
            assert back["layer"] == "Events"
            assert not isinstance(back.get("point"), str), event_id  # only an area's event has one
            # KML has no winding rule, so compare the normalised shapes (6 decimals written, 6 generated).
            a, b = shapely.normalize(back["geometry"]), shapely.normalize(record["geometry"])
            assert a.equals_exact(b, 1e-9), event_id


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(features=event_batches())
def test_libkml_reads_back_the_stores_values(features):
    events = store_events(features)
    with tempfile.TemporaryDirectory() as tmp:
        path = exports.write_export(events, "kml", Path(tmp) / "e.kml")
        assert_kml_matches_store(events, path)


def test_libkml_reads_tricky_text_once_escaped(tmp_path):
    from sitmap.store.load import load_store

    events = load_store(TRICKY).events
    path = exports.write_export(events, "kml", tmp_path / "t.kml")
    assert_kml_matches_store(events, path)
    mark = _libkml(path)["test-formula-payloads"]
    assert mark["Name"] == "Shelling: \rCarriage <b>&amp;</b>"
    # description is HTML: the report's markup is escaped exactly once, quotes stay plain.
    assert mark["description"].startswith(
        "-2+3 &lt;script&gt;alert('x')&lt;/script&gt; &amp; \"quoted\" ]]&gt;"
    )


def _ogrinfo_kml_driver(path: Path) -> str:
    """`ogrinfo` with GDAL's plain KML driver (LIBKML skipped): GDAL 3.6 has no driver prefix for KML."""
    return subprocess.run(
        ["ogrinfo", "--config", "GDAL_SKIP", "LIBKML", "-ro", "-al", "-q", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@needs_ogrinfo
def test_gdal_kml_driver_reads_names_and_descriptions_as_plain_text(bundled_store, tmp_path):
    path = exports.write_export(bundled_store.events, "kml", tmp_path / "all.kml")
    out = _ogrinfo_kml_driver(path)
    names = [line.split(" = ", 1)[1] for line in out.splitlines() if line.startswith("  Name (String) = ")]
    located = bundled_store.events[~bundled_store.events.geometry.isna()]
    assert len([n for n in names if "±" not in n]) == len(located)
    assert "Airstrike: near Isfahan (8th Tactical Air Base area)" in names
    assert "&amp;" not in out and "&#x27;" not in out and "&quot;" not in out
    assert "Source: Institute for the Study of War" in out  # descriptions read as the report's text
    # The plain KML driver skips placemarks without geometry; the document says which were left out.
    unlocated = bundled_store.events[bundled_store.events.geometry.isna()]["id"]
    doc = SafeET.parse(path).getroot().find("{http://www.opengis.net/kml/2.2}Document")
    note = doc.find("{http://www.opengis.net/kml/2.2}description").text
    assert len(unlocated) and all(i in note for i in unlocated)


def test_kml_is_valid_xml_whatever_control_characters_the_text_holds(bundled_store):
    events = bundled_store.events.copy()
    events.loc[0, "summary"] = "NUL\x00 ESC\x1b[0m VT\x0b FFFE\ufffe"
    events.at[0, "actors"] = ["a\x00b"]
    root = SafeET.fromstring(exports.events_to_kml(events).encode("utf-8"))  # raises on invalid XML
    text = "".join(root.itertext())
    assert "NUL\u2400 ESC\u241b[0m VT\u240b FFFE\ufffd" in text
    assert r'["a\u0000b"]' in text  # JSON escapes control characters itself, losslessly


@needs_ogrinfo
def test_gdal_kml_driver_reads_tricky_text_once_escaped(tmp_path):
    from sitmap.store.load import load_store

    path = exports.write_export(load_store(TRICKY).events, "kml", tmp_path / "t.kml")
    out = _ogrinfo_kml_driver(path)
    assert "  Name (String) = Deployment: القنيطرة (Quneitra)" in out
    assert "Name (String) = Shelling: " in out and "Carriage <b>&amp;</b>" in out  # the store's own text
    assert "alert('x')" in out and '"quoted"' in out and "&#x27;" not in out
