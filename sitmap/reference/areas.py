"""The country and admin-1 area a point lies in, from the reference layers (point in polygon).

The review page fills an event's `country` and `admin1` from the point the analyst placed, so an event
placed by a map click or typed coordinates carries the areas the map and the filters use.
"""

from __future__ import annotations

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


__all__ = ["areas_at"]
