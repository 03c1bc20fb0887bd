"""What the review page says of a place the gazetteer lacks: kept under the name the text gives, at the
point of the province the text puts it in (`sitmap.extract.area_fallback`) or with no point, until the
analyst places it. Plain text: the page escapes it, since the name comes from the report."""

from __future__ import annotations

import math
from typing import Any

from sitmap.extract.pipeline import Candidate


def is_unresolved(cand: Candidate) -> bool:
    """The text names a place the gazetteer does not hold (not a country-only candidate)."""
    return cand.place_id is None and bool(cand.location) and "location" in cand.evidence


def at_its_area(cand: Candidate, values: dict[str, Any]) -> bool:
    """The form still holds the province point extraction gave a place we lack (no point of its own yet)."""
    lon, lat = values.get("lon"), values.get("lat")
    if not is_unresolved(cand) or cand.lon is None or cand.lat is None or lon is None or lat is None:
        return False
    return math.isclose(lon, cand.lon, abs_tol=1e-6) and math.isclose(lat, cand.lat, abs_tol=1e-6)


def unresolved_note(cand: Candidate, values: dict[str, Any]) -> str | None:
    """ "Unresolved place: Kudna is not in the gazetteer; placed at Quneitra (province) ±27 km ...", or
    None once the analyst has given the place a point of its own (or the candidate names no such place)."""
    if not is_unresolved(cand):
        return None
    todo = "Search the gazetteer or click the map to place it."
    head = f"Unresolved place: {cand.location} is not in the gazetteer"
    if at_its_area(cand, values):
        unc = cand.uncertainty_m or 0.0
        return (
            f"{head}; placed at {cand.admin1} (province) ±{unc / 1000:g} km, the province's middle and "
            f"reach: the text names the province, not where in it the place lies. {todo}"
        )
    if values.get("lon") is None or values.get("lat") is None:
        area = f" (area: {values['admin1']})" if values.get("admin1") else ""
        return f"{head}. It is kept at {values.get('geo_precision')} precision{area} with no point. {todo}"
    return None
