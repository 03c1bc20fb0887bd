"""Which event a map click means, and where to fly for an event. Pure (no Streamlit), unit-tested.

streamlit-folium reports a click as the clicked layer's GeoJSON (`last_active_drawing`, which carries the
event id when the layer was built from GeoJSON with properties) and as a lat/lng (`last_object_clicked`).
The id is used when present; otherwise the nearest shown event within a tolerance, measured in metres.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Geod

from sitmap.footprints import event_footprints
from sitmap.reference.layers import Reference

_GEOD = Geod(ellps="WGS84")
PICK_TOLERANCE_M = 20_000.0  # a click further than this from every event selects nothing


def id_from_drawing(drawing: Mapping[str, Any] | None, known: set[str]) -> str | None:
    """The event id a clicked layer's GeoJSON carries (Feature id or properties.id/event_id), if known."""
    if not isinstance(drawing, Mapping):
        return None
    raw = drawing.get("properties")
    props: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
    for value in (drawing.get("id"), props.get("id"), props.get("event_id")):
        if isinstance(value, str) and value in known:
            return value
    # An aggregate (several events in one place) lists them: take the first, the panel cycles from there.
    many = props.get("event_ids")
    if isinstance(many, list):
        return next((v for v in many if isinstance(v, str) and v in known), None)
    return None


def is_cluster(drawing: Mapping[str, Any] | None) -> bool:
    """Whether a clicked layer is a cluster of events (the map zooms in; nothing is selected)."""
    props = drawing.get("properties") if isinstance(drawing, Mapping) else None
    return isinstance(props, Mapping) and bool(props.get("sitmap_cluster"))


def nearest_event(
    events: gpd.GeoDataFrame, lat: float, lon: float, tolerance_m: float = PICK_TOLERANCE_M
) -> str | None:
    """The id of the shown event closest to (lat, lon) in metres, None beyond `tolerance_m`.

    An event whose area contains the point counts as distance 0 (a click inside a polygon picks it).
    """
    located = events[~events.geometry.isna() & ~events.geometry.is_empty]
    if located.empty:
        return None
    click = shapely.Point(lon, lat)
    geoms = located.geometry.array
    inside = np.asarray(geoms.intersects(click), dtype=bool)
    # The nearest point of each geometry (in lon/lat), then the geodesic distance to it in metres.
    near = shapely.shortest_line(np.asarray(geoms), click)
    start = shapely.get_coordinates(shapely.get_point(near, 0))
    n = len(start)
    _, _, dist = _GEOD.inv(start[:, 0], start[:, 1], np.full(n, lon), np.full(n, lat))
    dist = np.where(inside, 0.0, np.asarray(dist))
    best = int(np.argmin(dist))
    return str(located["id"].iloc[best]) if dist[best] <= tolerance_m else None


def pick_event(
    events: gpd.GeoDataFrame, drawing: Mapping[str, Any] | None, latlng: Mapping[str, float] | None
) -> str | None:
    """The event a map click selects: the clicked layer's id, else the nearest event to the click."""
    found = id_from_drawing(drawing, set(events["id"]))
    if found is not None:
        return found
    if isinstance(latlng, Mapping) and "lat" in latlng and "lng" in latlng:
        return nearest_event(events, float(latlng["lat"]), float(latlng["lng"]))
    return None


POINT_ZOOM = 11  # a precise event: close enough to read the places around it
MAX_AREA_ZOOM = 12
FIT_MARGIN = 1.2  # the fitted shape fills at most 1/1.2 of the map each way


def _mercator_y(lat: float) -> float:
    phi = math.radians(max(-85.0, min(85.0, lat)))
    return math.log(math.tan(math.pi / 4 + phi / 2))


def fit_bounds(
    bounds: tuple[float, float, float, float], map_width_px: int, map_height_px: int
) -> tuple[tuple[float, float], int]:
    """(center (lat, lon), zoom) at which a Web Mercator map of that size shows `bounds` (west, south,
    east, north) whole, with a margin: the zoom fits both the width and the height."""
    west, south, east, north = bounds
    y0, y1 = _mercator_y(south), _mercator_y(north)
    # A 256-px world at zoom 0: 360 degrees of longitude, 2π of Mercator y.
    zoom_x = math.log2(360.0 * map_width_px / (256.0 * max(east - west, 1e-6) * FIT_MARGIN))
    zoom_y = math.log2(2 * math.pi * map_height_px / (256.0 * max(y1 - y0, 1e-9) * FIT_MARGIN))
    zoom = max(2, min(int(math.floor(min(zoom_x, zoom_y))), MAX_AREA_ZOOM))
    lat = math.degrees(math.atan(math.sinh((y0 + y1) / 2)))
    return (round(lat, 5), round((west + east) / 2, 5)), zoom


def fly_target(
    geometry: Any, map_width_px: int = 700, map_height_px: int = 540, footprint: Any = None
) -> tuple[tuple[float, float], int] | None:
    """(center (lat, lon), zoom) that shows `geometry`: a point at `POINT_ZOOM`, an area fitted to the map.

    With the event's `footprint` (`sitmap.footprints.event_footprints`: its country or admin-1 area, its
    uncertainty circle) the point and its footprint are fitted whenever they need a wider view than
    `POINT_ZOOM`: a vague event is framed by where it could be, only a precise one is flown to close up.
    """
    if geometry is None or geometry.is_empty:
        return None
    shape = geometry
    if footprint is not None and not footprint.is_empty:
        shape = shapely.union(geometry, footprint)
    if geometry.geom_type == "Point":
        point = (round(geometry.y, 5), round(geometry.x, 5)), POINT_ZOOM
        if shape is geometry:
            return point
        fitted = fit_bounds(shape.bounds, map_width_px, map_height_px)
        return point if fitted[1] >= POINT_ZOOM else fitted
    return fit_bounds(shape.bounds, map_width_px, map_height_px)


def event_fly_target(
    events: gpd.GeoDataFrame,
    event_id: str,
    reference: Reference | None,
    map_width_px: int = 700,
    map_height_px: int = 540,
) -> tuple[tuple[float, float], int] | None:
    """Where to fly for the event `event_id` of `events`: `fly_target` with its footprint (None when the
    event is not there or has no geometry)."""
    hit = events[events["id"] == event_id]
    if hit.empty:
        return None
    footprint = event_footprints(hit.iloc[:1], reference).geometry.iloc[0]
    return fly_target(hit.geometry.iloc[0], map_width_px, map_height_px, footprint=footprint)
