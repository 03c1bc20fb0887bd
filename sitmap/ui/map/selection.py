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


def fly_target(geometry: Any, map_width_px: int = 700) -> tuple[tuple[float, float], int] | None:
    """(center (lat, lon), zoom) that shows `geometry`: a point at zoom 11, an area fitted to the map."""
    if geometry is None or geometry.is_empty:
        return None
    if geometry.geom_type == "Point":
        return (round(geometry.y, 5), round(geometry.x, 5)), 11
    west, south, east, north = geometry.bounds
    centre = geometry.centroid
    # Web Mercator: a 256-px world at zoom 0; pick the zoom where the width fits with a margin.
    span = max(east - west, (north - south) * 1.3, 1e-6)
    zoom = int(math.floor(math.log2(360.0 * map_width_px / (256.0 * span * 1.2))))
    return (round(centre.y, 5), round(centre.x, 5)), max(2, min(zoom, 12))
