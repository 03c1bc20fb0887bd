"""Which event a map click means, and where to fly (sitmap.ui.map.selection)."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from sitmap.ui.map.selection import fly_target, id_from_drawing, is_cluster, nearest_event, pick_event


@pytest.fixture
def shown() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"id": ["a", "b", "area", "nowhere"]},
        geometry=[shapely.Point(35.9, 33.1), shapely.Point(36.2, 33.1), shapely.box(40, 10, 45, 15), None],
        crs="EPSG:4326",
    )


def test_id_from_drawing_reads_feature_id_properties_and_aggregates():
    known = {"a", "b"}
    assert id_from_drawing({"id": "a"}, known) == "a"
    assert id_from_drawing({"properties": {"event_id": "b"}}, known) == "b"
    assert id_from_drawing({"properties": {"event_id": None, "event_ids": ["x", "b"]}}, known) == "b"
    assert id_from_drawing({"properties": {"id": "area-of-separation"}}, known) is None
    assert id_from_drawing(None, known) is None


def test_nearest_event_in_metres_with_tolerance(shown):
    # 0.01° of latitude is about 1.1 km: within 2 km of "a", and "b" is ~28 km away.
    assert nearest_event(shown, 33.11, 35.9, tolerance_m=2_000) == "a"
    assert nearest_event(shown, 33.2, 35.9, tolerance_m=2_000) is None
    assert nearest_event(shown, 12.0, 42.0, tolerance_m=1) == "area"  # inside the polygon


def test_pick_event_prefers_the_clicked_layers_id(shown):
    assert pick_event(shown, {"properties": {"event_id": "b"}}, {"lat": 33.1, "lng": 35.9}) == "b"
    assert pick_event(shown, None, {"lat": 33.1, "lng": 35.9}) == "a"


def test_a_cluster_is_recognised_and_carries_no_event():
    cluster = {"type": "Feature", "properties": {"sitmap_cluster": 12}, "geometry": None}
    assert is_cluster(cluster) and id_from_drawing(cluster, {"a", "b"}) is None
    for other in (None, {}, {"properties": None}, {"properties": {"event_id": "a"}}, {"properties": "x"}):
        assert not is_cluster(other)


def test_fly_target_points_and_areas():
    assert fly_target(shapely.Point(35.88, 33.075)) == ((33.075, 35.88), 11)
    center, zoom = fly_target(shapely.box(32, 12, 44, 30))
    # Centred on the box's middle in Web Mercator (a little north of 21° N), at a zoom that fits it.
    assert center == (21.27441, 38.0) and zoom == 5
    assert fly_target(None) is None


def test_fly_target_frames_a_footprint_only_when_it_is_wider_than_the_close_zoom():
    point = shapely.Point(54.0, 32.5)
    small = point.buffer(0.03)  # ~3 km: a precise event keeps the close zoom, on its point
    assert fly_target(point, 1200, 600, footprint=small) == ((32.5, 54.0), 11)
    country = shapely.box(44.0, 25.0, 63.3, 39.8)  # Iran's bounds, roughly
    center, zoom = fly_target(point, 1200, 600, footprint=country)
    assert zoom == 5 and center[1] == pytest.approx(53.65)
    assert fly_target(point, 1200, 600, footprint=shapely.Polygon()) == ((32.5, 54.0), 11)
