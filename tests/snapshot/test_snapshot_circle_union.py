"""Overlapping uncertainty circles of one event type are drawn as one outline, their union: 53 region-level
events placed at sea (each a 50 km circle with no pin) drew 53 crossing dashed circles over the Red Sea in a
5,000-event snapshot, a tangle of arcs where each event could be anywhere inside its own circle anyway."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import shapely
from matplotlib.collections import PathCollection

from sitmap.footprints import event_footprints
from sitmap.snapshot.render import build_snapshot
from sitmap.store.load import load_store
from sitmap.view import View

ROOT = Path(__file__).resolve().parents[2]

RED_SEA = (38.5, 13.0, 43.0, 17.5)


def _circle_collections(snap) -> list[PathCollection]:
    return [c for c in snap.map_ax.collections if isinstance(c, PathCollection) and c.get_zorder() == 3.2]


def _region_events():
    """Six overlapping drone attacks (50 km, 30 km apart) and one apart at the frame's other side."""
    events = load_store(ROOT / "events").events
    one = events[events["geo_precision"] == "near"].head(1)
    located = pd.concat([one] * 7, ignore_index=True)
    located["id"] = [f"sea-{i}" for i in range(7)]
    located["event_type"] = "drone_attack"
    located["geo_precision"] = "region"
    located["uncertainty_m"] = 50_000
    located["country"] = located["admin1"] = None  # no area to draw: the event's footprint is its circle
    located["location"] = [f"sea {i}" for i in range(7)]
    lons = [39.5, 39.8, 40.1, 40.4, 40.7, 41.0, 42.3]
    located["geometry"] = shapely.points(lons, [15.0] * 6 + [13.8])
    return located.set_crs(4326, allow_override=True)


def test_overlapping_circles_of_a_type_are_one_outline_holding_every_circle():
    located = _region_events()
    snap = build_snapshot(located, None, View(bbox=RED_SEA), title="T", dpi=60, size_in=(8.0, 6.0))
    paths = [p for c in _circle_collections(snap) for p in c.get_paths()]
    assert len(paths) == 1, len(paths)  # one outline for the type, not seven circles
    rings = [shapely.Polygon(poly) for poly in paths[0].to_polygons()]
    assert len(rings) == 2  # the six overlapping circles' union and the circle apart
    union = shapely.union_all(rings)
    circles = event_footprints(located, None)["geometry"].to_crs(3857)
    for circle in circles:
        # Every circle lies inside the outline drawn (72-gon vertices: a hair of tolerance).
        assert union.buffer(1.0).contains(circle), circle.bounds
    assert abs(union.area - shapely.union_all(list(circles)).area) / union.area < 1e-6


def test_circles_of_different_types_stay_apart():
    located = _region_events()
    located.loc[located.index[:3], "event_type"] = "attack_on_shipping"
    snap = build_snapshot(located, None, View(bbox=RED_SEA), title="T", dpi=60, size_in=(8.0, 6.0))
    paths = [p for c in _circle_collections(snap) for p in c.get_paths()]
    assert len(paths) == 2  # one outline per type: the colour still tells the types apart
