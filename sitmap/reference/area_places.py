"""Areas and lines of the reference layers that reports name as places: the 1974 Area of Separation, Lines
A and B (the Alpha and Bravo lines), and the borders between the theatre's countries ("the Jordan-Syria
border"). Each becomes a gazetteer record at a representative point of its geometry, with an uncertainty
that covers most of it, so that extraction places an event "along the Alpha Line" or "on the border"
without a pretended precise point.
"""

from __future__ import annotations

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


def _record(rid: str, names: list[str], kind: str, geom: BaseGeometry, country: str | None) -> dict[str, Any]:
    """A gazetteer record named `names[0]` (the others in `alt_names`) at a point of `geom`, uncertain by
    half its extent (whole kilometres)."""
    if geom.geom_type in ("LineString", "MultiLineString"):
        point = geom.interpolate(0.5, normalized=True) if geom.geom_type == "LineString" else None
        point = point or geom.representative_point()
    else:
        point = geom.representative_point()
    minx, miny, maxx, maxy = geom.bounds
    half_km = max(maxx - minx, maxy - miny) * KM_PER_DEGREE / 2
    return {
        "id": rid, "name": names[0], "alt_names": names[1:], "country": country, "admin1": None, "kind": kind,
        "uncertainty_m": round(max(half_km, 1.0)) * 1000.0, "lon": point.x, "lat": point.y,
        "geonameid": None, "layer": "areas",
    }  # fmt: skip


def zone_records(reference: Reference) -> list[tuple[dict[str, Any], list[str]]]:
    """The Area of Separation and Lines A and B as (record, names)."""
    out = []
    for row in reference.zone.itertuples(index=False):
        names = ZONE_NAMES.get(str(row.id))
        if names is None or row.geometry is None or row.geometry.is_empty:
            continue
        kind = "line" if row.id.startswith("line-") else "area"
        all_names = [*names, str(row.name)]
        out.append((_record(str(row.id), all_names, kind, row.geometry, "Syria"), all_names))
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
        line = shapes[a].boundary.intersection(shapes[b].boundary)
        if line.is_empty or line.length * KM_PER_DEGREE < 5:  # a shared corner is no border
            continue
        name = border_name(countries[a], countries[b])
        first, second = sorted((countries[a], countries[b]))
        names = [name, f"{second}-{first} border", f"{first}–{second} border", f"{second}–{first} border"]
        out.append((_record(f"border-{a.lower()}-{b.lower()}", names, "border", line, None), names))
    return out
