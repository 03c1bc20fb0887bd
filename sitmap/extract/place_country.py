"""The country the text puts a place in ("Kfar Kila in southern Lebanon", "Odaisseh, Lebanon").

A gazetteer row's country is its registry's near a border (`geodata` `source_country`), but a place
without one (an own place placed by hand) takes Natural Earth's simplified border, which puts some border
villages on the wrong side (Kfar Kila lies 0.4 km "inside Israel"). When the text names another country
for the place right after it, and the place's point lies at that country's border
(`reference.areas.area_at_border`), the text's country wins, with that country's nearest admin-1; a
country far from the point changes nothing (the text is then about something else, or another namesake).
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitmap.extract.places import _COUNTRY_ALIASES, COUNTRIES, Gazetteer, PlaceMention
from sitmap.reference.areas import area_at_border

_NAMES = "|".join(re.escape(n) for n in sorted([*COUNTRIES, *_COUNTRY_ALIASES], key=len, reverse=True))
_STATED = re.compile(
    r"\s*(?:,\s*|\s+(?:in|inside)\s+)(?:the\s+)?"
    r"(?:(?:far\s+)?(?:south|north|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?"
    rf"(?P<c>{_NAMES})\b",
    re.IGNORECASE,
)


def stated_country(sentence: str, place: PlaceMention) -> tuple[str, str] | None:
    """(country, the words naming it) when the text names a country right after `place`; else None."""
    m = _STATED.match(sentence, place.end)
    if m is None:
        return None
    written = next((n for n in [*COUNTRIES, *_COUNTRY_ALIASES] if n.lower() == m.group("c").lower()), None)
    if written is None:
        return None
    return _COUNTRY_ALIASES.get(written, written), m.group(0).strip(" ,")


def with_stated_country(sentence: str, place: PlaceMention, gaz: Gazetteer) -> PlaceMention:
    """`place` in the country the text puts it in, when its point lies at that country's border."""
    if not place.resolved or place.lon is None or place.lat is None or gaz.areas is None:
        return place
    stated = stated_country(sentence, place)
    if stated is None or stated[0] == place.country:
        return place
    country, words = stated
    admin1 = area_at_border(gaz.areas, country, place.lon, place.lat)
    if admin1 is None:
        return place
    note = (
        f"the text puts it in {country} ({words!r}) and it lies at that country's border: {country}, "
        f"{admin1} (the gazetteer's {place.country} follows a simplified border)"
    )
    return replace(place, country=country, admin1=admin1, notes=(*place.notes, note))


__all__ = ["stated_country", "with_stated_country"]
