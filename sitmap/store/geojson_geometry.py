"""Geometry checks for one event Feature: structure, coordinate ranges, rings, polygon validity.

Accepted: Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon, or null (no location).
GeometryCollection is refused: an event whose parts are of different kinds should be several events.
Nothing is repaired: an invalid polygon is reported with shapely's reason and location. Re-exported by
`sitmap.store.geojson_io`.
"""

from __future__ import annotations

import math
import re
from typing import Any

from sitmap.model import ErrorSink, Problem, Severity

GEOMETRY_TYPES = ("Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon")
# How many list levels lie between `coordinates` and a position, per geometry type.
_POSITION_DEPTH = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "Polygon": 2,
    "MultiLineString": 2,
    "MultiPolygon": 3,
}
_MAX_POSITION_PROBLEMS = 5  # per geometry: a whole projected polygon is one mistake, not 1,000 lines
_VALIDITY_AT = re.compile(r"\[(-?[\d.eE+-]+) (-?[\d.eE+-]+)\]")


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def validate_geometry(geom: object, *, file: str, feature: str) -> list[Problem]:
    """Every problem with one Feature's geometry (null is allowed: an event without a usable location)."""
    if geom is None:
        return []
    out: list[Problem] = []

    def err(field: str, message: str, severity: Severity = "error") -> None:
        out.append(Problem(file, feature, field, message, severity))

    if not isinstance(geom, dict):
        err("geometry", f"geometry must be an object or null, got {type(geom).__name__}")
        return out
    kind = geom.get("type")
    if kind == "GeometryCollection":
        err("geometry.type", "GeometryCollection is not supported; split the event or use a Multi* geometry")
        return out
    if kind not in GEOMETRY_TYPES:
        err("geometry.type", f"unknown geometry type {kind!r}; one of {', '.join(GEOMETRY_TYPES)}")
        return out
    coords = geom.get("coordinates")
    if not isinstance(coords, list):
        err("geometry.coordinates", f"coordinates must be an array, got {type(coords).__name__}")
        return out
    if not coords:
        err("geometry.coordinates", 'empty geometry; use "geometry": null for an event without a location')
        return out
    positions: list[tuple[str, list[Any]]] = []
    _collect(coords, "geometry.coordinates", _POSITION_DEPTH[kind], positions, err)
    bad_positions = 0
    for path, pos in positions:
        message = _position_problem(pos)
        if message:
            bad_positions += 1
            if bad_positions <= _MAX_POSITION_PROBLEMS:
                err(path, message)
    if bad_positions > _MAX_POSITION_PROBLEMS:
        err("geometry.coordinates", f"... and {bad_positions - _MAX_POSITION_PROBLEMS} more bad positions")
    if out:
        return out
    _check_parts(kind, coords, err)
    if not out and kind in ("Polygon", "MultiPolygon"):
        _check_validity(geom, kind, coords, err)
    return out


def _collect(
    value: object, path: str, depth: int, positions: list[tuple[str, list[Any]]], err: ErrorSink
) -> None:
    """Gather (path, position) pairs, reporting nesting mistakes on the way."""
    if depth == 0:
        if isinstance(value, list):
            positions.append((path, value))
        else:
            err(path, f"position must be an array [lon, lat], got {type(value).__name__} {value!r}")
        return
    if not isinstance(value, list):
        err(path, f"expected an array here, got {type(value).__name__} {value!r}")
        return
    if depth == 1 and value and _is_number(value[0]):
        err(path, "expected an array of positions, got a single position (one level of [] missing)")
        return
    for i, child in enumerate(value):
        _collect(child, f"{path}[{i}]", depth - 1, positions, err)


def _position_problem(pos: list[Any]) -> str | None:
    if not pos:
        return "empty position; a position is [lon, lat]"
    for v in pos:
        if isinstance(v, str):
            return f"coordinate {v!r} is a string; write numbers without quotes"
        if not _is_number(v):
            return f"coordinate {v!r} is not a number"
        if not math.isfinite(v):
            return f"coordinate {v} is not a finite number"
    if len(pos) < 2:
        return f"position {pos} has {len(pos)} number; a position is [lon, lat]"
    if len(pos) > 3:
        return f"position {pos} has {len(pos)} numbers; RFC 7946 positions are [lon, lat] or [lon, lat, alt]"
    x, y = pos[0], pos[1]
    if abs(x) <= 180 and abs(y) <= 90:
        return None
    if max(abs(x), abs(y)) >= 1000:
        return (
            f"position [{x}, {y}] looks like metres in a projected CRS; RFC 7946 needs WGS84 lon/lat "
            "(reproject to EPSG:4326)"
        )
    if abs(y) > 90 and abs(x) <= 90 and abs(y) <= 180:
        return f"latitude {y} outside ±90; lon/lat swapped? GeoJSON order is [lon, lat], i.e. [{y}, {x}]"
    if abs(x) > 180:
        return f"longitude {x} outside ±180"
    return f"latitude {y} outside ±90"


def _check_parts(kind: str, coords: list[Any], err: ErrorSink) -> None:
    if kind == "LineString":
        lines = [("geometry.coordinates", coords)]
    elif kind == "MultiLineString":
        lines = [(f"geometry.coordinates[{i}]", line) for i, line in enumerate(coords)]
    else:
        lines = []
    for path, line in lines:
        if len(line) < 2:
            err(path, f"a line needs at least 2 positions, got {len(line)}")
    if kind == "Polygon":
        rings = [(f"geometry.coordinates[{r}]", ring) for r, ring in enumerate(coords)]
    elif kind == "MultiPolygon":
        rings = [
            (f"geometry.coordinates[{p}][{r}]", ring)
            for p, poly in enumerate(coords)
            for r, ring in enumerate(poly)
        ]
        for p, poly in enumerate(coords):
            if not poly:
                err(f"geometry.coordinates[{p}]", "empty polygon (no rings)")
    else:
        rings = []
    for path, ring in rings:
        if len(ring) < 4:
            err(path, f"a polygon ring needs at least 4 positions (first = last), got {len(ring)}")
        elif ring[0][:2] != ring[-1][:2]:
            err(path, f"ring is not closed: first position {ring[0]} differs from last {ring[-1]}")


def _check_validity(geom: dict[str, Any], kind: str, coords: list[Any], err: ErrorSink) -> None:
    """Self-intersections and other invalid polygons, with shapely's reason and location; never repaired."""
    import shapely
    from shapely.geometry import shape

    parts = [("geometry.coordinates", geom)]
    if kind == "MultiPolygon":
        parts = [
            (f"geometry.coordinates[{p}]", {"type": "Polygon", "coordinates": c})
            for p, c in enumerate(coords)
        ]
        parts.append(("geometry.coordinates", geom))
    for path, part in parts:
        reason = shapely.is_valid_reason(shape(part))
        if reason == "Valid Geometry":
            continue
        m = _VALIDITY_AT.search(reason)
        where = f" at lon {float(m.group(1)):g}, lat {float(m.group(2)):g}" if m else ""
        what = reason.split("[")[0].strip().lower()
        err(
            path,
            f"invalid polygon: {what}{where} (shapely: {reason}); sitmap never repairs it, fix the ring",
        )
        return  # one reason per geometry: a broken part also breaks the whole
