"""Review issue 8: the KML's uncertainty rings carry 5 decimals (~1 m) when the ring is 100 m or wider, 6 for
a smaller one, and every vertex still lies on the geodesic circle within a metre."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import defusedxml.ElementTree as SafeET
import numpy as np
import pyproj
import pytest

from sitmap.exports.kml import KML_NS, events_to_kml
from sitmap.store.load import load_store

ROOT = Path(__file__).resolve().parents[2]
KML = f"{{{KML_NS}}}"
GEOD = pyproj.Geod(ellps="WGS84")


def _rings(text: str) -> dict[str, str]:
    """Ring coordinates text by event id, from the "Location uncertainty" folder."""
    root = SafeET.fromstring(text.encode("utf-8"))
    folder = next(f for f in root.iter(f"{KML}Folder") if f.findtext(f"{KML}name") == "Location uncertainty")
    out = {}
    for pm in folder.iter(f"{KML}Placemark"):
        event_id = pm.findtext(f"{KML}name").split(": ±")[0]
        out[event_id] = pm.find(f".//{KML}coordinates").text
    return out


@pytest.mark.parametrize(("radius_m", "decimals"), [(100.0, 5), (4000.0, 5), (50_000.0, 5), (30.0, 6)])
def test_ring_decimals_and_accuracy(tmp_path: Path, radius_m: float, decimals: int) -> None:
    bundled = json.loads((ROOT / "events" / "iran-update-2025-03-04.geojson").read_text())
    feature = next(f for f in bundled["features"] if f["geometry"] and f["geometry"]["type"] == "Point")
    feature["properties"]["uncertainty_m"] = radius_m
    doc = {"type": "FeatureCollection", "features": [feature]}
    (tmp_path / "events.geojson").write_text(json.dumps(doc), encoding="utf-8")
    store = load_store(tmp_path, today=date(2026, 11, 22))
    assert store.errors == [], store.errors
    coords = _rings(events_to_kml(store.events))[feature["id"]]
    pairs = [p.split(",") for p in coords.split()]
    assert {len(v.split(".")[1]) for pair in pairs for v in pair} == {decimals}
    lon0, lat0 = feature["geometry"]["coordinates"]
    lons, lats = np.array([[float(x), float(y)] for x, y in pairs]).T
    _, _, dist = GEOD.inv(np.full(len(lons), lon0), np.full(len(lats), lat0), lons, lats)
    assert np.abs(dist - radius_m).max() < (1.0 if decimals == 5 else 0.1)
