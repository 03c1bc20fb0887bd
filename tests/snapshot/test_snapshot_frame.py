"""What a snapshot frames: the area filter, else the web map's extent at the view's centre and zoom (an
unpanned shared link), else the drawn footprints of the events (a country-level event's whole outline)."""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from pyproj import Transformer

from sitmap.snapshot.render import build_snapshot
from sitmap.view import View

ROOT = Path(__file__).resolve().parents[2]
TO_MERC = Transformer.from_crs(4326, 3857, always_xy=True)
FROM_MERC = Transformer.from_crs(3857, 4326, always_xy=True)


def _country_event(events: gpd.GeoDataFrame, lon: float, lat: float, country: str) -> gpd.GeoDataFrame:
    """One bundled event moved to (lon, lat) and placed only to `country`."""
    row = events[events.geometry.geom_type == "Point"].iloc[[0]].copy()
    row["geo_precision"], row["country"], row["admin1"] = "country", country, None
    row["id"] = "country-level"
    return row.set_geometry([shapely.Point(lon, lat)], crs=4326)


def _contains(outer, inner, slack: float = 1e-6) -> bool:
    w, s, e, n = outer
    iw, is_, ie, in_ = inner
    return w <= iw + slack and s <= is_ + slack and e >= ie - slack and n >= in_ - slack


def test_a_country_level_event_frames_its_whole_country(events, reference):
    one = _country_event(events, 53.0, 32.5, "Iran")
    iran = reference.countries[reference.countries["name"] == "Iran"].geometry.iloc[0]
    snap = build_snapshot(one, reference, View(), title="T", dpi=40, size_in=(8, 6))
    assert _contains(snap.bbox, iran.bounds), (snap.bbox, iran.bounds)


def test_two_country_level_events_frame_both_outlines(events, reference):
    iran, syria = _country_event(events, 53.0, 32.5, "Iran"), _country_event(events, 38.5, 35.0, "Syria")
    both = gpd.GeoDataFrame(pd.concat([iran, syria], ignore_index=True), crs=4326)  # a store's RangeIndex
    both["id"] = ["a", "b"]
    snap = build_snapshot(both, reference, View(), title="T", dpi=40, size_in=(8, 6))
    for name in ("Iran", "Syria"):
        outline = reference.countries[reference.countries["name"] == name].geometry.iloc[0]
        assert _contains(snap.bbox, outline.bounds), name


# The web map's extent, worked out here independently: Leaflet's world is 256 * 2**zoom CSS pixels wide
# over Web Mercator's 2*pi*6378137 m; the map shows its own pixel size around its centre. The snapshot
# assumes the app's map is 1000 x 560 px (the map page's height, a wide-layout width).
MAP_PX = (1000, 560)


def _web_map_extent(lat: float, lon: float, zoom: int) -> tuple[float, float, float, float]:
    cx, cy = TO_MERC.transform(lon, lat)
    metres_per_px = 2 * math.pi * 6378137.0 / (256 * 2**zoom)
    half_w, half_h = MAP_PX[0] / 2 * metres_per_px, MAP_PX[1] / 2 * metres_per_px
    (w, e), (s, n) = FROM_MERC.transform([cx - half_w, cx + half_w], [cy - half_h, cy + half_h])
    return w, s, e, n


@pytest.mark.parametrize(("center", "zoom"), [((33.1, 35.9), 10), ((31.5, 34.45), 12), ((33.0, 44.0), 6)])
def test_an_unpanned_link_frames_what_the_map_shows(events, reference, center, zoom):
    view = View(center=center, zoom=zoom)
    snap = build_snapshot(events, reference, view, title="T", dpi=40, size_in=(8, 6))
    expected = _web_map_extent(*center, zoom)
    assert _contains(snap.bbox, expected, slack=1e-6)
    # Widened to the page's shape in one direction only: the other matches the map exactly.
    w, s, e, n = snap.bbox
    ew, es, ee, en = expected
    assert (w, e) == pytest.approx((ew, ee), abs=1e-6) or (s, n) == pytest.approx((es, en), abs=1e-6)
    # ...and it did not fall back to the events, which spread from Yemen to Moscow.
    assert (e - w) < 2 * (ee - ew) and (n - s) < 2 * (en - es)


def test_the_snapshot_assumes_the_documented_map_size():
    from sitmap.snapshot.extent import MAP_VIEW_PX, map_extent

    assert MAP_VIEW_PX == MAP_PX  # the assumption the arithmetic above uses
    assert map_extent((33.1, 35.9), 10) == pytest.approx(_web_map_extent(33.1, 35.9, 10), abs=1e-9)


def test_an_area_filter_wins_over_the_centre(events, reference):
    box = (35.6, 32.8, 36.2, 33.4)
    snap = build_snapshot(events, reference, View(bbox=box, center=(20.0, 40.0), zoom=5), title="T", dpi=40)
    assert _contains(snap.bbox, box)
    assert snap.bbox[2] - snap.bbox[0] < 2.0


def test_the_download_caption_says_an_unpanned_link_shows_the_map():
    from sitmap.ui.map.downloads import snapshot_caption

    unpanned = View(center=(33.1, 35.9), zoom=10)
    assert "what the map shows" in snapshot_caption(unpanned, None)
    assert "framed on the events" in snapshot_caption(View(), None)
    assert "what the map shows" in snapshot_caption(View(), (35.0, 32.0, 36.0, 33.0))


@pytest.mark.parametrize("map_px", [(1500, 700), (1040, 560), (600, 900)])  # 1920 wide, 1440, a narrow one
@pytest.mark.parametrize("size_in", [(10, 7.5), (8, 6), (11.7, 8.3)])  # the app's page, small, A4 landscape
def test_the_page_frame_holds_every_event_the_map_shows_whatever_its_shape(reference, map_px, size_in):
    """The page's map is widened to its own shape, never cut to it: every event inside the bounds the
    browser's map reported is inside the snapshot's frame (the caption counts only events the map did not
    show either). A guard: it holds on main too (report15-qa, item 2)."""
    import sys

    from sitmap.snapshot.extent import map_extent

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import synthetic_events

    events = synthetic_events(800)
    bounds = map_extent((30.0, 42.0), 5, map_px)
    snap = build_snapshot(events, reference, View(bbox=bounds), title="T", dpi=30, size_in=size_in)
    assert _contains(snap.bbox, bounds)
    located = events[events.geometry.notna()]
    in_map = located.intersects(shapely.box(*bounds))
    assert 0 < in_map.sum() < len(located)  # the bounds leave some events out: the check can fail
    assert located[in_map].intersects(shapely.box(*snap.bbox)).all()
