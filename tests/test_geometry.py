"""Tests for sitmap.geometry: geodesic distances, ranges, band membership, circles, metric guard."""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyproj
import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon, box

from sitmap import geometry
from sitmap.geometry import (
    GeographicCRSError,
    distance_to_reference,
    distances_to_reference,
    limitation_band,
    require_metric,
    uncertainty_circle,
    utm_epsg,
)
from sitmap.reference.layers import load_reference

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "geometry"
GEOD = pyproj.Geod(ellps="WGS84")
TELL_AL_MAL = Point(36.04, 33.095)


@pytest.fixture(scope="module")
def ref():
    return load_reference(ROOT / "geodata")


def _brute_force_km(pt: Point, line) -> float:
    """Minimum geodesic distance to a line densified to ~20 m (independent of the module)."""
    coords = np.asarray(shapely.segmentize(line, 0.0002).coords)
    n = len(coords)
    d = GEOD.inv(np.full(n, pt.x), np.full(n, pt.y), coords[:, 0], coords[:, 1])[2]
    return float(d.min()) / 1000.0


# ---------------------------------------------------------------- hand-computed geodesics
def test_two_points_on_a_meridian_01_degree_apart():
    # Meridian arc at 33 N: M = a(1-e2)/(1-e2 sin^2)^1.5 = 6,354,509 m; 0.1 deg -> 11,090.6 m.
    r = distance_to_reference(Point(36.0, 33.0), Point(36.0, 33.1), ref_id="p")
    assert r.distance_km == pytest.approx(11.0905, abs=0.002)
    assert r.nearest_point == pytest.approx((36.0, 33.1))
    assert r.event_point == pytest.approx((36.0, 33.0))
    assert not r.inside


def test_two_points_on_the_equator():
    # Along the equator the geodesic is the equator: a * dlon = 6,378,137 * 0.1 * pi/180 m.
    r = distance_to_reference(Point(0.0, 0.0), Point(0.1, 0.0))
    assert r.distance_km * 1000 == pytest.approx(6378137 * math.radians(0.1), abs=0.5)


def test_point_to_meridian_line_east_west():
    # 0.1 deg of longitude at 33 N: N cos(phi) * dlon = 6,384,476 * 0.838671 * 0.0017453 = 9,345 m.
    line = LineString([(36.1, 32.9), (36.1, 33.1)])
    r = distance_to_reference(Point(36.0, 33.0), line, ref_id="meridian")
    assert r.distance_km == pytest.approx(9.345, abs=0.01)
    # The segment is straight in UTM, so it bows off the meridian by well under a metre.
    assert r.nearest_point[0] == pytest.approx(36.1, abs=1e-5)
    assert r.measured_to == "meridian"


def test_uncertainty_range_is_clamped_at_zero():
    line = LineString([(36.1, 32.9), (36.1, 33.1)])
    r = distance_to_reference(Point(36.0, 33.0), line, uncertainty_m=12_000)
    assert r.min_km == 0.0
    assert r.max_km == pytest.approx(r.distance_km + 12.0)


def test_point_inside_polygon_reports_zero_and_edge_distance():
    square = box(35.9, 32.9, 36.1, 33.1)  # point at 0.05 deg (~5.5 km) from the south edge
    r = distance_to_reference(Point(36.0, 32.95), square, uncertainty_m=8000, ref_id="sq")
    assert r.inside and r.distance_km == 0.0 and r.min_km == 0.0
    assert r.distance_to_edge_km == pytest.approx(5.54, abs=0.02)
    assert r.max_km == pytest.approx(8.0 - r.distance_to_edge_km)
    assert r.measured_to == "the edge of sq"
    assert r.label().startswith("inside sq")


def test_rejects_projected_coordinates_and_negative_uncertainty():
    with pytest.raises(ValueError, match="lon/lat"):
        distance_to_reference(Point(750_000, 3_660_000), Point(36, 33))
    with pytest.raises(ValueError, match="uncertainty_m"):
        distance_to_reference(Point(36, 33), Point(36, 33.1), uncertainty_m=-1)


def test_line_event_measures_from_its_nearest_point():
    line_event = LineString([(36.3, 33.0), (36.1, 33.0)])
    target = Point(36.0, 33.0)
    r = distance_to_reference(line_event, target)
    assert r.event_point == pytest.approx((36.1, 33.0), abs=1e-6)
    assert r.distance_km == pytest.approx(9.345, abs=0.01)


# ---------------------------------------------------------------- the Golan check
def test_tell_al_mal_zone_and_line_a_ranges_cover_reported_16_km(ref):
    zone = distance_to_reference(TELL_AL_MAL, ref.geometry("area-of-separation"), 4000, "area-of-separation")
    line_a = distance_to_reference(TELL_AL_MAL, ref.geometry("line-a"), 4000, "line-a")
    assert zone.measured_to == "the edge of the Area of Separation"
    assert line_a.measured_to == "Line A"
    assert "geodesic" in zone.method and "UTM" in zone.method
    # Line A lies west of the zone, so it is farther than the zone edge.
    assert line_a.distance_km > zone.distance_km > 0
    for r in (zone, line_a):
        assert r.max_km - r.min_km == pytest.approx(8.0)
    # "around 16 km from the 1974 disengagement zone" must fit at least one computed range.
    assert any(r.min_km <= 16.0 <= r.max_km for r in (zone, line_a))
    assert zone.label().endswith("km to the Area of Separation")
    assert line_a.label().endswith("km to Line A")


def test_tell_al_mal_matches_brute_force_geodesic(ref):
    for rid in ("area-of-separation", "line-a", "line-b"):
        g = ref.geometry(rid)
        line = g.exterior if rid == "area-of-separation" else g
        r = distance_to_reference(TELL_AL_MAL, g, ref_id=rid)
        assert r.distance_km == pytest.approx(_brute_force_km(TELL_AL_MAL, line), abs=0.03)


def test_east_of_line_b_zone_edge_is_line_b(ref):
    zone = distance_to_reference(TELL_AL_MAL, ref.geometry("area-of-separation"))
    line_b = distance_to_reference(TELL_AL_MAL, ref.geometry("line-b"))
    assert zone.distance_km == pytest.approx(line_b.distance_km, abs=1e-6)


def test_old_quneitra_is_inside_the_zone(ref):
    q = ref.feature("quneitra").geometry
    r = distance_to_reference(q, ref.geometry("area-of-separation"), 500, "area-of-separation")
    assert r.inside and r.distance_km == 0.0
    assert 0 < r.distance_to_edge_km < 3
    band = limitation_band(q, 0, ref)
    assert band.band_id == "area-of-separation" and band.side is None


# ---------------------------------------------------------------- vectorised distances
def test_distances_to_reference_matches_scalar_and_handles_missing(ref):
    events = gpd.read_file(DATA / "events_sample.geojson")
    zone = ref.geometry("area-of-separation")
    km = distances_to_reference(events, zone)
    assert list(km.index) == list(events.index)
    assert math.isnan(km.iloc[2])  # null geometry
    assert km.iloc[1] == 0.0  # old Quneitra, inside
    for i in (0, 3, 4):
        expected = distance_to_reference(events.geometry.iloc[i], zone).distance_km
        assert km.iloc[i] == pytest.approx(expected, abs=1e-9)
    assert 1000 < km.iloc[4] < 1700  # Tehran is ~1,400 km from the Golan


def test_distances_to_reference_reprojects_and_requires_crs(ref):
    events = gpd.read_file(DATA / "events_sample.geojson")
    line_a = ref.geometry("line-a")
    in_utm = distances_to_reference(events.to_crs(32637), line_a)
    assert in_utm.iloc[0] == pytest.approx(distances_to_reference(events, line_a).iloc[0], abs=1e-6)
    with pytest.raises(ValueError, match="no CRS"):
        distances_to_reference(events.set_crs(None, allow_override=True), line_a)


# ---------------------------------------------------------------- band membership
def test_tell_al_mal_band_and_ambiguity(ref):
    exact = limitation_band(TELL_AL_MAL, 0, ref)
    assert exact.band_id == "limitation-10-20-east" and exact.side == "east"
    assert not exact.ambiguous and exact.candidates == ["limitation-10-20-east"]
    fuzzy = limitation_band(TELL_AL_MAL, 4000, ref)
    assert fuzzy.band_id == "limitation-10-20-east"
    assert fuzzy.ambiguous  # ~2.9 km from the 10 km edge, with 4 km uncertainty
    assert set(fuzzy.candidates) == {"limitation-10-20-east", "limitation-0-10-east"}
    assert fuzzy.distance_to_edge_km == pytest.approx(2.9, abs=0.3)


def test_every_band_contains_its_own_representative_point(ref):
    for _, row in ref.zone[ref.zone["kind"].isin(["band", "zone"])].iterrows():
        res = limitation_band(row.geometry.representative_point(), 0, ref.zone)
        assert res.band_id == row["id"]
        assert res.side == (row["side"] if isinstance(row["side"], str) else None)


def test_far_point_is_in_no_band(ref):
    res = limitation_band(Point(51.42151, 35.69439), 5000, ref)
    assert res.band_id is None and res.side is None
    assert not res.ambiguous and res.candidates == []
    assert res.distance_to_edge_km > 1000


def test_band_edges_on_hand_made_squares():
    # Two adjacent bands on the equator; the point is 0.005 deg (556.6 m) west of their shared edge.
    layer = gpd.GeoDataFrame(
        {"id": ["a", "b"], "kind": ["band", "band"], "side": ["west", "east"]},
        geometry=[box(0.0, -0.1, 0.1, 0.1), box(0.1, -0.1, 0.2, 0.1)],
        crs="EPSG:4326",
    )
    pt = Point(0.095, 0.0)
    near = limitation_band(pt, 1000, layer)
    assert near.band_id == "a" and near.side == "west" and near.ambiguous
    assert near.candidates == ["a", "b"]
    assert near.distance_to_edge_km == pytest.approx(0.5566, abs=0.002)
    sure = limitation_band(pt, 300, layer)
    assert not sure.ambiguous and sure.candidates == ["a"]
    outside = limitation_band(Point(0.21, 0.0), 2000, layer)  # 1.1 km east of "b"
    assert outside.band_id is None and outside.ambiguous and outside.candidates == ["b"]


# ---------------------------------------------------------------- circles and the metric guard
def test_uncertainty_circle_is_geodesic():
    circle = uncertainty_circle(TELL_AL_MAL, 4000)
    coords = np.asarray(circle.exterior.coords)
    n = len(coords)
    d = GEOD.inv(np.full(n, 36.04), np.full(n, 33.095), coords[:, 0], coords[:, 1])[2]
    assert np.allclose(d, 4000, atol=0.01)
    assert circle.exterior.is_ccw  # RFC 7946 exterior ring orientation
    area = abs(GEOD.geometry_area_perimeter(circle)[0])
    assert area == pytest.approx(math.pi * 4000**2, rel=0.005)
    with pytest.raises(ValueError):
        uncertainty_circle((36.04, 33.095), 0)


def test_metric_guard_rejects_geographic_crs():
    with pytest.raises(GeographicCRSError):
        require_metric(pyproj.CRS.from_epsg(4326))
    assert require_metric(pyproj.CRS.from_epsg(32636)).is_projected


@pytest.mark.parametrize("lon", [-179.9, -3.0, 0.0, 35.8, 36.04, 51.4, 179.9])
def test_chosen_crs_is_always_metric_utm(lon):
    code = utm_epsg(lon, 33.0)
    crs = require_metric(pyproj.CRS.from_epsg(code))
    assert crs.utm_zone is not None and crs.axis_info[0].unit_name == "metre"
    assert utm_epsg(lon, -33.0) == code + 100


def test_distance_refuses_when_search_crs_is_geographic(monkeypatch):
    geometry._transformers.cache_clear()
    monkeypatch.setattr(geometry, "metric_crs_for", lambda epsg: pyproj.CRS.from_epsg(4326))
    try:
        with pytest.raises(GeographicCRSError):
            distance_to_reference(Point(10.0, 10.0), Point(10.0, 10.1))
    finally:
        geometry._transformers.cache_clear()


def test_label_formats():
    r = distance_to_reference(Point(36.0, 33.0), Point(36.0, 33.1), 3000, "area-of-separation")
    assert r.label() == "≈ 8–14 km to the Area of Separation"
    exact = distance_to_reference(Point(36.0, 33.0), Point(36.0, 33.1), 0, "line-b")
    assert exact.label() == "≈ 11 km to Line B"
    inside = distance_to_reference(Point(0.5, 0.5), Polygon([(0, 0), (1, 0), (1, 1), (0, 1)]))
    assert "inside" in inside.label()
