"""A place the gazetteer lacks, put where the text puts it: its province, under its own name.

"held in the village of Kudna, in the Quneitra countryside": when the gazetteer has no Kudna the candidate
keeps the written name as its location (the name an analyst can look up, and the one the report used), at
its province's point with the province's reach as its uncertainty, at region precision. Before, it stayed
pointless (off the map) or, where a province was also named, the event was filed under the province and
the village's name was lost. The name stays listed in `unresolved`, and the evidence names the province.
"""

from __future__ import annotations

import re

from sitmap.extract.candidate import Candidate, Evidence
from sitmap.extract.place_words import is_origin
from sitmap.reference.area_places import point_and_reach
from sitmap.reference.gazetteer import Gazetteer, admin1_via_place
from sitmap.reference.layers import Reference

AREA_CONFIDENCE = 0.4  # the place is somewhere in a province: no better than that
_NAME = re.compile(r"[A-Z][\w'’‘`-]*")  # a capitalised word ("Quneitra", "Daraa's", "Al-Hudaydah")
_COUNTRYSIDE = re.compile(
    r"([A-Z][\w'’‘`-]*)(?:['’]s)?\s+(?:(?:northern|southern|eastern|western)\s+)?countryside\b"
)
AreaPoint = tuple[float, float, float]  # lon, lat, uncertainty in metres

_TABLES: dict[int, tuple[Reference, dict[tuple[str, str | None], AreaPoint]]] = {}


def _table(reference: Reference) -> dict[tuple[str, str | None], AreaPoint]:
    """(admin-1 name, country) -> a representative point and half the area's extent, built once."""
    hit = _TABLES.get(id(reference))
    if hit is None or hit[0] is not reference:  # the object itself is kept, so its id is not reused
        if len(_TABLES) >= 4:
            _TABLES.pop(next(iter(_TABLES)))
        table: dict[tuple[str, str | None], AreaPoint] = {}
        for row in reference.admin1.itertuples(index=False):
            geom = row.geometry
            if geom is None or geom.is_empty or not isinstance(row.name, str):
                continue
            country = row.country if isinstance(row.country, str) and row.country.strip() else None
            table[(row.name, country)] = point_and_reach(geom)
        hit = _TABLES[id(reference)] = (reference, table)
    return hit[1]


def area_point(reference: Reference, admin1: str, country: str | None) -> AreaPoint | None:
    """The point and reach of the admin-1 `admin1` (in `country` when given; else the only one so named)."""
    table = _table(reference)
    if (admin1, country) in table:
        return table[(admin1, country)]
    named = [v for (name, c), v in table.items() if name == admin1 and (country is None or c is None)]
    return named[0] if len(named) == 1 else None


def names_area(sentence: str, admin1: str, gaz: Gazetteer) -> bool:
    """Whether `sentence` names the admin-1 `admin1` by one of its names (a name of one or two words), or
    as the countryside of a town in it ("the Nawa countryside": Daraa, where every Nawa lies in one country,
    as `find_qualifiers` reads it). A province named as someone's origin ("he was from the Daraa
    countryside") says where that person came from, not where the place is: it does not count."""
    words = [(m.start(), m.group()) for m in _NAME.finditer(sentence)]
    pairs = [(a, f"{w} {v}") for (a, w), (_, v) in zip(words, words[1:], strict=False)]
    towns = [(m.start(), m.group(1)) for m in _COUNTRYSIDE.finditer(sentence)]
    return any(
        found is not None and found[0] == admin1
        and not is_origin(sentence, a)
        for a, found in [
            *((a, gaz.admin1_for(w)) for a, w in [*words, *pairs]),
            *((a, admin1_via_place(t, gaz, around=True)) for a, t in towns),
        ]
    )  # fmt: skip


def lacks_gazetteer_place(cand: Candidate) -> bool:
    """The candidate's location is a name the text gives that no gazetteer place stands for."""
    return cand.place_id is None and bool(cand.location) and cand.location in cand.unresolved


def place_at_area(cand: Candidate, gaz: Gazetteer) -> bool:
    """Put a candidate whose place we lack at the province the text puts it in; whether it was moved.

    Only a candidate with no point of its own (a point from the gazetteer or the analyst is never replaced),
    and only where its sentence names that province in its own words ("in the Quneitra countryside"): a
    province read from a district's name spelt like a town abroad ("the Sahlin area of Al-Salem district",
    Yemen, read as the West Bank's Salem) would be a point hundreds of km off; that name stays pointless.
    """
    reference = gaz.areas
    if reference is None or cand.lat is not None or not cand.admin1 or not lacks_gazetteer_place(cand):
        return False
    if not names_area(cand.sentence, cand.admin1, gaz):
        return False
    found = area_point(reference, cand.admin1, cand.country)
    if found is None:
        return False
    cand.lon, cand.lat, unc = found
    cand.uncertainty_m, cand.geo_precision = unc, "region"
    why = f"{cand.location!r} is not in the gazetteer: placed at {cand.admin1} (province) ±{unc / 1000:g} km"
    cand.evidence["geo_precision"] = Evidence("region", why, AREA_CONFIDENCE)
    return True
