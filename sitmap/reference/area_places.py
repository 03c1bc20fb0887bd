"""Areas and lines of the reference layers that reports name as places: the 1974 Area of Separation, Lines
A and B (the Alpha and Bravo lines), and the borders between the theatre's countries ("the Jordan-Syria
border"). Each becomes a gazetteer record at a representative point of its geometry, with an uncertainty
that covers most of it, so that extraction places an event "along the Alpha Line" or "on the border"
without a pretended precise point.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import Any

from shapely.geometry.base import BaseGeometry

from sitmap.reference.layers import Reference

KM_PER_DEGREE = 111.0
# Reference zone ids -> the names reports use for them (the layer's own name is indexed too).
ZONE_NAMES: dict[str, tuple[str, ...]] = {
    "area-of-separation": (
        "Area of Separation", "UNDOF zone", "demilitarised zone", "demilitarized zone",
    ),
    "line-a": ("Line A", "Alpha Line", "Alpha line"),
    "line-b": ("Line B", "Bravo Line", "Bravo line"),
}  # fmt: skip


def point_and_reach(geom: BaseGeometry) -> tuple[float, float, float]:
    """(lon, lat, uncertainty in metres): a point of `geom` (a line's midpoint, else a point inside it) and
    half its extent in whole kilometres, so the circle covers most of the area."""
    if geom.geom_type in ("LineString", "MultiLineString"):
        point = geom.interpolate(0.5, normalized=True) if geom.geom_type == "LineString" else None
        point = point or geom.representative_point()
    else:
        point = geom.representative_point()
    minx, miny, maxx, maxy = geom.bounds
    half_km = max(maxx - minx, maxy - miny) * KM_PER_DEGREE / 2
    return point.x, point.y, round(max(half_km, 1.0)) * 1000.0


def _record(rid: str, names: list[str], kind: str, geom: BaseGeometry, country: str | None) -> dict[str, Any]:
    """A gazetteer record named `names[0]` (the others in `alt_names`) at `point_and_reach(geom)`."""
    lon, lat, unc = point_and_reach(geom)
    return {
        "id": rid, "name": names[0], "alt_names": names[1:], "country": country, "admin1": None, "kind": kind,
        "uncertainty_m": unc, "lon": lon, "lat": lat, "geonameid": None, "layer": "areas",
    }  # fmt: skip


def _zones(reference: Reference) -> list[tuple[str, list[str], BaseGeometry]]:
    """(id, names, geometry) of the Area of Separation and Lines A and B."""
    out = []
    for row in reference.zone.itertuples(index=False):
        names = ZONE_NAMES.get(str(row.id))
        if names is None or row.geometry is None or row.geometry.is_empty:
            continue
        out.append((str(row.id), [*names, str(row.name)], row.geometry))
    return out


def zone_records(reference: Reference) -> list[tuple[dict[str, Any], list[str]]]:
    """The Area of Separation and Lines A and B as (record, names)."""
    out = []
    for rid, names, geom in _zones(reference):
        kind = "line" if rid.startswith("line-") else "area"
        out.append((_record(rid, names, kind, geom, "Syria"), names))
    return out


def border_name(a: str, b: str) -> str:
    """ "Jordan-Syria border": the two countries in alphabetical order (the record's one name)."""
    first, second = sorted((a, b))
    return f"{first}-{second} border"


def border_records(reference: Reference, countries: dict[str, str]) -> list[tuple[dict[str, Any], list[str]]]:
    """The land border of each pair of `countries` ({iso3: name}) whose polygons share one."""
    table = reference.countries
    shapes = {
        iso: row.geometry
        for row in table.itertuples(index=False)
        if isinstance(iso := getattr(row, "iso3", None), str) and iso in countries
        if row.geometry is not None
    }
    out = []
    for a, b in combinations(sorted(shapes), 2):
        line = _shared_boundary(shapes[a], shapes[b])
        if line is None:
            continue
        name = border_name(countries[a], countries[b])
        first, second = sorted((countries[a], countries[b]))
        names = [name, f"{second}-{first} border", f"{first}–{second} border", f"{second}–{first} border"]
        out.append((_record(f"border-{a.lower()}-{b.lower()}", names, "border", line, None), names))
    return out


def _shared_boundary(one: BaseGeometry, other: BaseGeometry) -> BaseGeometry | None:
    """The boundary two country polygons share; None when they share none, or only a corner."""
    line = one.boundary.intersection(other.boundary)
    return None if line.is_empty or line.length * KM_PER_DEGREE < 5 else line


def area_shape(reference: Reference, name: str, countries: dict[str, str]) -> tuple[str, BaseGeometry] | None:
    """(record id, geometry) of the area record named `name` (any of its names, any case): the 1974 zone
    or line of `zone_records`, or the border of `border_records` (`countries` as there); None for any
    other name. What an event placed on that record is drawn as."""
    key = name.strip().lower()
    for rid, names, geom in _zones(reference):
        if key in (n.lower() for n in names):
            return rid, geom
    pair = _BORDER.fullmatch(name.strip())
    by_name = {n.lower(): iso for iso, n in countries.items()}
    isos = sorted(by_name.get(c.strip().lower(), "") for c in pair.groups()) if pair else []
    if len(isos) != 2 or not all(isos):
        return None
    table = reference.countries
    shapes = [table[table["iso3"] == iso].geometry for iso in isos]
    if any(s.empty for s in shapes):
        return None
    line = _shared_boundary(shapes[0].iloc[0], shapes[1].iloc[0])
    return None if line is None else (f"border-{isos[0].lower()}-{isos[1].lower()}", line)


_BORDER = re.compile(r"(.+?)\s*[-–]\s*(.+?)\s+border", re.IGNORECASE)
