"""GeoJSON exports follow RFC 7946 (counter-clockwise exteriors, clockwise holes) and, read back by GDAL
(pyogrio), give per id the store's values and shapes."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pyogrio
import shapely
from hypothesis import HealthCheck, given, settings
from roundtrip import LIST_FIELDS, plain, store_records
from strategies import event_batches, store_events

from sitmap.exports import formats as exports

RED_SEA = "yem-2023-11-red-sea-shipping-attacks"


def _signed_area(ring: list) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


def assert_rfc7946_winding(geometry: dict | None) -> None:
    if geometry is None or geometry["type"] not in ("Polygon", "MultiPolygon"):
        return
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for rings in polygons:
        assert _signed_area(rings[0]) > 0, "exterior ring must be counter-clockwise"
        for hole in rings[1:]:
            assert _signed_area(hole) < 0, "holes must be clockwise"


def test_red_sea_polygon_is_counter_clockwise(bundled_store):
    doc = json.loads(exports.events_to_geojson(bundled_store.events))
    red_sea = next(f for f in doc["features"] if f["id"] == RED_SEA)
    assert red_sea["geometry"]["type"] == "Polygon"
    assert_rfc7946_winding(red_sea["geometry"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(features=event_batches())
def test_geojson_export_is_rfc7946_and_gdal_reads_back_the_store(features):
    events = store_events(features)
    text = exports.events_to_geojson(events)
    doc = json.loads(text)
    for feature in doc["features"]:
        assert_rfc7946_winding(feature["geometry"])
    want = store_records(events)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "e.geojson"
        path.write_text(text, encoding="utf-8")
        # GDAL would read "2000-01-03" as a Date field; DATE_AS_STRING keeps the store's own text.
        frame = pyogrio.read_dataframe(path, DATE_AS_STRING="YES")
    assert sorted(frame["id"]) == sorted(want)
    for _, row in frame.iterrows():
        record = want[row["id"]]
        for name in ("date", "date_end", "summary", "country", "admin1", "location", "quote"):
            value = row.get(name)
            assert (value if isinstance(value, str) else None) == record[name], (row["id"], name)
        for name in LIST_FIELDS:  # GDAL reads string arrays as lists and object arrays as JSON
            assert (plain(row.get(name)) or []) == record[name], (row["id"], name)
        if record["geometry"] is None:
            assert row.geometry is None
        else:
            # Same shape; only the ring direction may differ from a clockwise store file.
            a, b = shapely.normalize(row.geometry), shapely.normalize(record["geometry"])
            assert a.equals_exact(b, 0), row["id"]
