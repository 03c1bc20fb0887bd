"""The country and admin-1 area a point lies in, from the reference layers (point in polygon), the
admin-1 of a named country at whose border a point lies (`area_at_border`), and a place's areas from its
registry's country with the polygons as fallback (`place_areas`).

The review page fills an event's `country` and `admin1` from the point the analyst placed, so an event
placed by a map click or typed coordinates carries the areas the map and the filters use. Natural Earth's
borders are simplified: a border village can lie a few hundred metres on the wrong side (Kfar Kila, 0.4 km
"inside Israel"), so a country the text or the gazetteer states wins there, within `BORDER_SLACK_M`.
"""

from __future__ import annotations

import math

import shapely

from sitmap.reference.layers import Reference


def _name(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def areas_at(reference: Reference, lon: float, lat: float) -> tuple[str | None, str | None]:
    """(country, admin-1) whose polygons hold the point; None for each the layers do not cover.

    The admin-1 layer names its country; a point outside every admin-1 area (at sea, or beyond the
    layer's countries) takes its country from the countries layer alone.
    """
    point = shapely.Point(float(lon), float(lat))
    for frame, field in ((reference.admin1, "admin1"), (reference.countries, "country")):
        if frame is None or frame.empty:
            continue
        hits = frame.iloc[frame.sindex.query(point, predicate="intersects")]
        if len(hits):
            row = hits.iloc[0]
            if field == "admin1":
                return _name(row.get("country")), _name(row.get("name"))
            return _name(row.get("name")), None
    return None, None


# How far outside a country's drawn border a point may lie and still be taken as in it (the geodata
# build's tolerance for curated border villages, `CURATED_BORDER_KM` in geodata/README.md).
BORDER_SLACK_M = 2000.0
# A point the polygons leave out (a quay, an island, a coastal town off NE's simplified coast) takes its
# source country's nearest admin-1 this close (scripts/build_gazetteer.py used 10 km for such points).
OFFSHORE_SLACK_M = 10_000.0


def area_at_border(
    reference: Reference, country: str, lon: float, lat: float, within_m: float = BORDER_SLACK_M
) -> str | None:
    """The admin-1 of `country` nearest the point, if the point lies within `within_m` of it; else None.

    Distances in a local equirectangular frame (metres; exact enough over a few kilometres).
    """
    frame = reference.admin1
    if frame is None or frame.empty or "country" not in frame:
        return None
    units = frame[frame["country"] == country]
    if units.empty:
        return None
    kx, ky = 111_320.0 * math.cos(math.radians(lat)), 110_540.0
    point = shapely.Point(lon * kx, lat * ky)
    best: tuple[float, str | None] | None = None
    for name, geom in zip(units["name"], units.geometry, strict=True):
        if geom is None or geom.is_empty:
            continue
        d = shapely.transform(geom, lambda xy: xy * [kx, ky]).distance(point)
        if best is None or d < best[0]:
            best = (d, _name(name))
    return best[1] if best is not None and best[0] <= within_m else None


def place_areas(
    reference: Reference, lon: float, lat: float, source_country: str | None
) -> tuple[str | None, str | None]:
    """(country, admin-1) of a place whose registry (GeoNames, a curated row) gives `source_country`.

    The registry's country wins where the polygons hold the point in another country within
    `BORDER_SLACK_M` of it (Natural Earth's simplified border), or in none (a coast or an island), with
    that country's nearest admin-1. Without a source country, or with the point farther inside another
    country (GeoNames codes West Bank settlements IL and Golan villages SY; the layers draw the de facto
    lines), the polygons decide.
    """
    country, admin1 = areas_at(reference, lon, lat)
    if not source_country or (source_country == country and admin1):
        return country, admin1
    contested = country is not None and country != source_country
    slack = BORDER_SLACK_M if contested else OFFSHORE_SLACK_M
    nearest = area_at_border(reference, source_country, lon, lat, within_m=slack)
    if nearest is not None:
        return source_country, nearest
    return (country, admin1) if contested else (source_country, None)


def km_to_country(reference: Reference, country: str, lon: float, lat: float) -> float | None:
    """Kilometres from the point to `country`'s polygon (0 inside it); None if the layer lacks it.

    In a local equirectangular frame around the point (metres): exact enough to rank places a few
    hundred kilometres apart, which is all it is used for.
    """
    frame = reference.countries
    if frame is None or frame.empty:
        return None
    shapes = [g for n, g in zip(frame["name"], frame.geometry, strict=True) if n == country and g is not None]
    if not shapes:
        return None
    kx, ky = 111_320.0 * math.cos(math.radians(lat)), 110_540.0
    point = shapely.Point(lon * kx, lat * ky)
    return min(shapely.transform(g, lambda xy: xy * [kx, ky]).distance(point) for g in shapes) / 1000.0


__all__ = ["BORDER_SLACK_M", "area_at_border", "areas_at", "km_to_country", "place_areas"]
