"""Metric distances, nearest points, uncertainty ranges and limitation-band membership.

Inputs are shapely geometries in EPSG:4326 (lon, lat). Nothing here measures in degrees: the nearest
point is found in the UTM zone of the event (chosen from its longitude), and the distance is then the
WGS84 geodesic between the event point and that nearest point (``pyproj.Geod``). For a reference
polygon the distance is to its boundary when the event is outside, and 0 with ``inside=True`` when
it is inside. For a non-point event the measuring point is the point of the event geometry nearest
to the reference (so a line or area event is as close as its closest part).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar, cast

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from sitmap.reference.layers import Reference

GEOD = pyproj.Geod(ellps="WGS84")
REFERENCE_NAMES = {  # ref id -> (what the distance is measured to, short label)
    "area-of-separation": ("the edge of the Area of Separation", "the Area of Separation"),
    "line-a": ("Line A", "Line A"),
    "line-b": ("Line B", "Line B"),
}
BAND_KINDS = ("zone", "band")


class GeographicCRSError(ValueError):
    """A geographic (degree-based) CRS was about to be used for a metric computation."""


# ---------------------------------------------------------------- CRS helpers
def utm_epsg(lon: float, lat: float) -> int:
    """EPSG code of the WGS84 UTM zone containing (lon, lat)."""
    zone = int((((lon + 180.0) % 360.0) // 6.0) + 1)
    return (32600 if lat >= 0 else 32700) + min(zone, 60)


def require_metric(crs: pyproj.CRS) -> pyproj.CRS:
    """Guard: return ``crs`` if it is projected in metres, else raise GeographicCRSError."""
    crs = pyproj.CRS.from_user_input(crs)
    unit = crs.axis_info[0].unit_name if crs.axis_info else ""
    if crs.is_geographic or not crs.is_projected or unit not in ("metre", "meter"):
        raise GeographicCRSError(f"refusing to measure distance in {crs.name!r} (not metric)")
    return crs


@lru_cache(maxsize=64)
def _transformers(epsg: int) -> tuple[pyproj.Transformer, pyproj.Transformer]:
    crs = require_metric(metric_crs_for(epsg))
    fwd = pyproj.Transformer.from_crs(4326, crs, always_xy=True)
    inv = pyproj.Transformer.from_crs(crs, 4326, always_xy=True)
    return fwd, inv


def metric_crs_for(epsg: int) -> pyproj.CRS:
    """The CRS used for nearest-point search (a seam so tests can check the metric guard)."""
    return pyproj.CRS.from_epsg(epsg)


_Geoms = TypeVar("_Geoms")  # one shapely geometry or an array of them


def _project(geom: _Geoms, transformer: pyproj.Transformer) -> _Geoms:
    def fn(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))

    # shapely ships no types; transform returns the same kind (geometry or array) that it is given.
    return cast(_Geoms, shapely.transform(geom, fn))


def _check_lonlat(geom: BaseGeometry) -> None:
    minx, miny, maxx, maxy = geom.bounds
    if not (-180.0 <= minx <= maxx <= 180.0 and -90.0 <= miny <= maxy <= 90.0):
        raise ValueError(f"geometry is not lon/lat (EPSG:4326): bounds {geom.bounds}")


def _anchor(geom: BaseGeometry) -> Point:
    return geom if isinstance(geom, Point) else geom.representative_point()


# ---------------------------------------------------------------- distances
@dataclass(frozen=True)
class DistanceResult:
    """Distance from an event to a reference feature, with the range implied by its uncertainty."""

    distance_km: float
    min_km: float
    max_km: float
    inside: bool
    distance_to_edge_km: float  # to the boundary (polygon) or the line; equals distance_km outside
    nearest_point: tuple[float, float]  # (lon, lat) on the reference
    event_point: tuple[float, float]  # (lon, lat) on the event that was measured from
    reference_id: str
    measured_to: str
    method: str
    uncertainty_m: float = 0.0

    def label(self) -> str:
        """Short text such as "≈ 13–18 km to the Area of Separation"."""
        fallback = self.reference_id or "the reference"
        name = REFERENCE_NAMES.get(self.reference_id, (None, fallback))[1]
        if self.inside:
            if self.max_km <= 0:
                return f"inside {name} ({_fmt(self.distance_to_edge_km)} km from its edge)"
            return f"inside {name} (could be up to {_fmt(self.max_km)} km outside)"
        if self.max_km - self.min_km < 0.05:
            return f"≈ {_fmt(self.distance_km)} km to {name}"
        ref = self.max_km  # both ends share one precision: "≈ 9–17 km", "≈ 2.5–6.5 km"
        return f"≈ {_fmt(self.min_km, ref)}–{_fmt(self.max_km, ref)} km to {name}"


def _fmt(km: float, scale: float | None = None) -> str:
    return f"{km:.0f}" if (km if scale is None else scale) >= 10 else f"{km:.1f}"


def _measured_to(ref_id: str, ref_geom: BaseGeometry) -> str:
    if ref_id in REFERENCE_NAMES:
        return REFERENCE_NAMES[ref_id][0]
    if ref_id.startswith("limitation-"):
        return f"the edge of the limitation band {ref_id}"
    polygonal = ref_geom.geom_type in ("Polygon", "MultiPolygon")
    what = "the edge of " if polygonal else ""
    return f"{what}{ref_id or 'the reference geometry'}"


def distance_to_reference(
    geom: BaseGeometry, ref_geom: BaseGeometry, uncertainty_m: float = 0.0, ref_id: str = ""
) -> DistanceResult:
    """Geodesic distance from an event geometry to a reference geometry (both EPSG:4326).

    ``min_km``/``max_km`` widen the distance by the event's uncertainty radius (clamped at 0). For a
    polygon reference an event inside it has ``distance_km == 0`` and ``inside=True``; its
    ``max_km`` is then how far outside the uncertainty circle could reach.
    """
    if geom is None or geom.is_empty or ref_geom is None or ref_geom.is_empty:
        raise ValueError("distance_to_reference needs a non-empty event and reference geometry")
    if uncertainty_m < 0 or not math.isfinite(uncertainty_m):
        raise ValueError(f"uncertainty_m must be a finite number >= 0, got {uncertainty_m!r}")
    _check_lonlat(geom)
    _check_lonlat(ref_geom)
    anchor = _anchor(geom)
    epsg = utm_epsg(anchor.x, anchor.y)
    fwd, inv = _transformers(epsg)
    g_m, ref_m = _project(geom, fwd), _project(ref_geom, fwd)
    polygonal = ref_geom.geom_type in ("Polygon", "MultiPolygon")
    inside = bool(polygonal and g_m.intersects(ref_m))
    target = ref_m.boundary if polygonal else ref_m
    line = shapely.shortest_line(g_m, target)
    (ex, ey), (nx, ny) = line.coords[0], line.coords[-1]
    (elon, nlon), (elat, nlat) = inv.transform([ex, nx], [ey, ny])
    edge_km = GEOD.inv(elon, elat, nlon, nlat)[2] / 1000.0
    r_km = uncertainty_m / 1000.0
    if inside:
        dist, lo, hi = 0.0, 0.0, max(0.0, r_km - edge_km)
    else:
        dist, lo, hi = edge_km, max(0.0, edge_km - r_km), edge_km + r_km
    zone_name = f"UTM {epsg % 100}{'N' if epsg < 32700 else 'S'}"
    return DistanceResult(
        distance_km=dist,
        min_km=lo,
        max_km=hi,
        inside=inside,
        distance_to_edge_km=edge_km,
        nearest_point=(round(nlon, 7), round(nlat, 7)),
        event_point=(round(elon, 7), round(elat, 7)),
        reference_id=ref_id,
        measured_to=_measured_to(ref_id, ref_geom),
        method=f"geodesic (WGS84) from nearest point found in {zone_name} (EPSG:{epsg})",
        uncertainty_m=float(uncertainty_m),
    )


def distances_to_reference(gdf: gpd.GeoDataFrame, ref_geom: BaseGeometry) -> pd.Series:
    """Distance in km from every event to ``ref_geom`` (0 inside a polygon; NaN without geometry).

    Same method as ``distance_to_reference``, vectorised per UTM zone. Returns a float Series with
    the index of ``gdf``.
    """
    if gdf.crs is None:
        raise ValueError("events GeoDataFrame has no CRS; expected EPSG:4326")
    events = gdf.geometry.to_crs(4326) if not gdf.crs.equals(pyproj.CRS(4326)) else gdf.geometry
    _check_lonlat(ref_geom)
    out = np.full(len(events), np.nan)
    geoms = np.asarray(events.values, dtype=object)
    valid = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if not valid.any():
        return pd.Series(out, index=gdf.index, name="distance_km")
    anchors = shapely.point_on_surface(geoms[valid])
    lons, lats = shapely.get_x(anchors), shapely.get_y(anchors)
    codes = np.array([utm_epsg(x, y) for x, y in zip(lons, lats, strict=True)])
    polygonal = ref_geom.geom_type in ("Polygon", "MultiPolygon")
    idx_valid = np.flatnonzero(valid)
    for epsg in np.unique(codes):
        sel = idx_valid[codes == epsg]
        fwd, inv = _transformers(int(epsg))
        ref_m = _project(ref_geom, fwd)
        target = ref_m.boundary if polygonal else ref_m
        g_m = _project(geoms[sel], fwd)
        lines = shapely.shortest_line(g_m, target)
        starts = shapely.get_coordinates(shapely.get_point(lines, 0))
        ends = shapely.get_coordinates(shapely.get_point(lines, -1))
        slon, slat = inv.transform(starts[:, 0], starts[:, 1])
        elon, elat = inv.transform(ends[:, 0], ends[:, 1])
        km = GEOD.inv(slon, slat, elon, elat)[2] / 1000.0
        if polygonal:
            km = np.where(shapely.intersects(g_m, ref_m), 0.0, km)
        out[sel] = km
    return pd.Series(out, index=gdf.index, name="distance_km")


# ---------------------------------------------------------------- limitation bands
@dataclass(frozen=True)
class BandResult:
    """Which 1974 band (or the Area of Separation) an event falls in, and how sure that is."""

    band_id: str | None  # None: outside every band and the zone
    side: str | None  # "west" / "east" for bands, None for the zone or outside
    ambiguous: bool  # the uncertainty circle reaches a band edge
    candidates: list[str] = field(default_factory=list)  # every band/zone the event could be in
    distance_to_edge_km: float = math.nan  # to the edge of its band (or to the nearest band)


def _band_layer(reference: Reference | gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    layer = reference.zone if isinstance(reference, Reference) else reference
    if not isinstance(layer, gpd.GeoDataFrame) or "id" not in layer.columns:
        raise TypeError("reference must be a sitmap.reference.layers.Reference or the zone GeoDataFrame")
    if "kind" in layer.columns:
        layer = layer[layer["kind"].isin(BAND_KINDS)]
    else:
        layer = layer[layer.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    return layer


def limitation_band(
    geom: BaseGeometry, uncertainty_m: float, reference: Reference | gpd.GeoDataFrame
) -> BandResult:
    """Band membership of an event (its representative point) with its uncertainty radius.

    Distances are measured in the event's UTM zone. ``ambiguous`` is True when the event is within
    ``uncertainty_m`` of the edge of its band (or of the nearest band when outside all of them);
    ``candidates`` lists every band or zone within ``uncertainty_m``, nearest first.
    """
    if uncertainty_m < 0 or not math.isfinite(uncertainty_m):
        raise ValueError(f"uncertainty_m must be a finite number >= 0, got {uncertainty_m!r}")
    _check_lonlat(geom)
    layer = _band_layer(reference)
    pt = _anchor(geom)
    fwd, _ = _transformers(utm_epsg(pt.x, pt.y))
    pt_m = _project(pt, fwd)
    polys_m = _project(np.asarray(layer.geometry.values, dtype=object), fwd)
    dist = shapely.distance(pt_m, polys_m)  # 0 inside
    order = np.argsort(dist, kind="stable")
    ids, sides = layer["id"].to_numpy(), layer.get("side", pd.Series([None] * len(layer)))
    sides = list(sides)
    containing = [i for i in order if dist[i] == 0.0]
    if containing:
        i = containing[0]
        edge_m = float(shapely.distance(pt_m, polys_m[i].boundary))
        band_id, side = str(ids[i]), sides[i] if isinstance(sides[i], str) else None
    else:
        i = int(order[0]) if len(order) else -1
        edge_m = float(dist[i]) if i >= 0 else math.inf
        band_id, side = None, None
    candidates = [str(ids[j]) for j in order if dist[j] <= uncertainty_m]
    return BandResult(
        band_id=band_id,
        side=side,
        ambiguous=bool(edge_m <= uncertainty_m),
        candidates=candidates,
        distance_to_edge_km=edge_m / 1000.0,
    )


# ---------------------------------------------------------------- uncertainty circles
def uncertainty_circle(point: Point | tuple[float, float], radius_m: float, n: int = 72) -> Polygon:
    """Geodesic circle of ``radius_m`` around a lon/lat point, as an EPSG:4326 polygon (CCW)."""
    lon, lat = (point.x, point.y) if isinstance(point, Point) else point
    if not radius_m > 0 or not math.isfinite(radius_m):
        raise ValueError(f"radius_m must be a finite number > 0, got {radius_m!r}")
    az = np.linspace(360.0, 0.0, n, endpoint=False)  # decreasing azimuth -> counter-clockwise ring
    lons, lats, _ = GEOD.fwd(np.full(n, lon), np.full(n, lat), az, np.full(n, float(radius_m)))
    return Polygon(np.column_stack([lons, lats]))
