"""The frame of events a first view is fitted to (`sitmap.view.order.core_bounds`): the located events on the
drawn basemap, less a few outliers on each side when there are many."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from sitmap.view.order import core_bounds, frame_bounds

BASEMAP = (9.0, -2.0, 77.0, 44.0)  # W, S, E, N: the bundled countries layer's extent


def frame(points: list[tuple[float, float] | None]) -> gpd.GeoDataFrame:
    geoms = [shapely.Point(p) if p is not None else None for p in points]
    return gpd.GeoDataFrame({"id": [f"e{i}" for i in range(len(points))]}, geometry=geoms, crs="EPSG:4326")


def test_a_few_events_are_all_kept_red_sea_included():
    golan, sanaa, red_sea = (35.9, 33.1), (44.2, 15.4), (42.5, 14.8)
    assert core_bounds(frame([golan, sanaa, red_sea, None]), BASEMAP) == (35.9, 14.8, 44.2, 33.1)


def test_an_event_off_the_basemap_does_not_stretch_the_first_view():
    moscow = (37.6, 55.75)
    assert core_bounds(frame([(35.9, 33.1), (51.7, 32.6), moscow]), BASEMAP) == (35.9, 32.6, 51.7, 33.1)
    assert core_bounds(frame([moscow]), BASEMAP) == (37.6, 55.75, 37.6, 55.75)  # nothing on it: all


def test_many_events_leave_out_the_outer_two_and_a_half_percent_each_side():
    golan = [(35.8 + i / 1000, 33.0 + i / 1000) for i in range(200)]
    far = [(60.0, 38.0), (61.0, 39.0), (62.0, 40.0), (63.0, 41.0), (64.0, 42.0)]  # 5 of 205: the tail
    w, s, e, n = core_bounds(frame(golan + far), BASEMAP)
    assert (w, s) == (35.805, 33.005)  # the five westmost and southmost (2.5 % of 205) left out too
    assert (e, n) == pytest.approx((35.999, 33.199))  # the far five gone: the Golan fills the view


def test_area_events_count_by_their_extent_and_nothing_located_is_none():
    box = gpd.GeoDataFrame({"id": ["a"]}, geometry=[shapely.box(35.0, 32.0, 37.0, 34.0)], crs="EPSG:4326")
    assert core_bounds(box, BASEMAP) == (35.0, 32.0, 37.0, 34.0)
    assert core_bounds(frame([None, None]), BASEMAP) is None
    assert core_bounds(frame([]), BASEMAP) is None


@given(st.lists(st.tuples(st.floats(10, 70), st.floats(0, 40)), min_size=1, max_size=120))
def test_the_core_lies_within_the_full_bounds_and_equals_them_under_40_events(points):
    shown = frame(list(points))
    full, core = frame_bounds(shown), core_bounds(shown, BASEMAP)
    assert full is not None and core is not None
    assert full[0] <= core[0] <= core[2] <= full[2] and full[1] <= core[1] <= core[3] <= full[3]
    if len(points) < 40:
        assert core == full
