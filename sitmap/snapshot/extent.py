"""What a snapshot frames: the view's area filter, else what the map shows at the view's centre and zoom,
else the footprints of the events drawn (an area's outline, not just its marker), else the Levant.

The map's extent at a centre and zoom is Web Mercator arithmetic: Leaflet's world is 256 x 2^zoom CSS
pixels across, so one pixel is 2πR / (256 x 2^zoom) metres of Mercator, and the map shows its own size in
pixels around the centre. The snapshot cannot know the browser window, so it assumes `MAP_VIEW_PX`: the
map page's height (`sitmap.ui.map.view.MAP_HEIGHT`, 560 px) by a typical wide-layout width of 1000 px.
A map that reported its bounds passes them as the view's bbox instead (`sitmap.ui.map.downloads`).
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

from sitmap.snapshot.layers import FROM_MERC, merc
from sitmap.view import View

GEOD = Geod(ellps="WGS84")
BBox = tuple[float, float, float, float]  # W, S, E, N in degrees
DEFAULT_BBOX: BBox = (34.0, 29.0, 44.0, 38.0)  # the Levant, for a view with nothing located in it
MAP_VIEW_PX = (1000, 560)  # (width, height) of the map in the app, CSS pixels: see the module docstring
EARTH_CIRCUMFERENCE_M = 2 * math.pi * 6378137.0  # Web Mercator's sphere (EPSG:3857)
TILE_PX = 256


def bbox_around(lon: float, lat: float, radius_km: float) -> BBox:
    """W, S, E, N of the box that holds a circle of `radius_km` around (lon, lat), measured geodesically."""
    lons, lats, _ = GEOD.fwd([lon] * 4, [lat] * 4, [0, 90, 180, 270], [radius_km * 1000.0] * 4)
    return float(lons[3]), float(lats[2]), float(lons[1]), float(lats[0])


def map_extent(center: tuple[float, float], zoom: float, size_px: tuple[int, int] = MAP_VIEW_PX) -> BBox:
    """W, S, E, N the web map shows when centred on `center` (lat, lon, as Leaflet has it) at `zoom`,
    `size_px` CSS pixels wide and high."""
    lat, lon = center
    cx, cy = merc(lon, lat)
    metres_per_px = EARTH_CIRCUMFERENCE_M / (TILE_PX * 2.0**zoom)
    half_w, half_h = size_px[0] / 2 * metres_per_px, size_px[1] / 2 * metres_per_px
    limit = merc(0.0, 85.0)[1]  # Mercator's edge: no map shows beyond it
    y0, y1 = max(cy - half_h, -limit), min(cy + half_h, limit)
    (w, e), (s, n) = FROM_MERC.transform([cx - half_w, cx + half_w], [y0, y1])
    return float(w), float(s), float(e), float(n)


def events_bbox(shapes: gpd.GeoSeries | pd.Series, *, min_km: float = 30.0, pad: float = 0.12) -> BBox | None:
    """A box around the given shapes (markers and drawn footprints, lon/lat), padded, at least `min_km`
    across."""
    geoms = np.asarray(list(shapes), dtype=object)
    geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    if not len(geoms):
        return None
    bounds = shapely.bounds(geoms)
    w, s = (float(v) for v in bounds[:, :2].min(axis=0))
    e, n = (float(v) for v in bounds[:, 2:].max(axis=0))
    dx, dy = (e - w) * pad, (n - s) * pad
    w, s, e, n = w - dx, s - dy, e + dx, n + dy
    cw, cs, ce, cn = bbox_around((w + e) / 2, (s + n) / 2, min_km / 2)
    return min(w, cw), max(min(s, cs), -84.0), max(e, ce), min(max(n, cn), 84.0)


def circles_reaching_out(
    located: gpd.GeoDataFrame, footprints: gpd.GeoDataFrame, drawn: pd.Series
) -> np.ndarray:
    """Positions of the circle footprints (not yet made: `event_footprints(circles=False)`) that might
    reach past the box of the events and the `drawn` footprints: only those can move the frame.

    A circle of r metres around latitude φ stays within r / 110,000 degrees of latitude (a degree of
    latitude is at least 110,574 m) and, every point of it being within that band, within
    r / (111,000 cos φ') degrees of longitude, φ' the band's edge nearest a pole (a degree of longitude
    is at least 111,319 cos φ' m there). A circle whose such box lies inside the box of the rest lies
    inside it too, so leaving it out leaves the frame exactly as it was."""
    kind = footprints["kind"].to_numpy(dtype=object)
    at = np.flatnonzero(kind == "circle")
    shapes = np.concatenate([np.asarray(located.geometry.array, dtype=object), drawn.to_numpy(dtype=object)])
    shapes = shapes[~(shapely.is_missing(shapes) | shapely.is_empty(shapes))]
    if not len(at) or not len(shapes):
        return at
    bounds = shapely.bounds(shapes)
    (w, s), (e, n) = bounds[:, :2].min(axis=0), bounds[:, 2:].max(axis=0)
    pts = np.asarray(located.geometry.array, dtype=object)[at]
    lon, lat = shapely.get_x(pts), shapely.get_y(pts)
    r = footprints["radius_m"].to_numpy(dtype=float)[at]
    dlat = r / 110_000.0
    edge = np.minimum(np.abs(lat) + dlat, 90.0)
    with np.errstate(divide="ignore"):
        dlon = np.where(edge < 89.0, r / (111_000.0 * np.cos(np.radians(edge))), np.inf)
    out = (lon - dlon < w) | (lon + dlon > e) | (lat - dlat < s) | (lat + dlat > n) | ~np.isfinite(r)
    return at[out]


def frame_for(view: View, located: gpd.GeoDataFrame, footprints: pd.Series) -> BBox:
    """The box a snapshot of `view` frames (see the module docstring for the order)."""
    if view.bbox is not None:
        return view.bbox
    if view.center is not None and view.zoom is not None:
        return map_extent(view.center, view.zoom)
    shapes = pd.concat([pd.Series(list(located.geometry), dtype=object), footprints], ignore_index=True)
    return events_bbox(shapes) or DEFAULT_BBOX


def fit_to_aspect(bbox: BBox, width_in: float, height_in: float) -> tuple[float, float, float, float]:
    """Mercator limits (x0, x1, y0, y1) holding `bbox`, widened to the axes' aspect so the map fills it."""
    w, s, e, n = bbox
    (x0, x1), (y0, y1) = (np.asarray(v, dtype=float) for v in merc([w, e], [s, n]))
    want = width_in / height_in
    have = (x1 - x0) / (y1 - y0)
    if have < want:
        grow = ((y1 - y0) * want - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = ((x1 - x0) / want - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    return float(x0), float(x1), float(y0), float(y1)
