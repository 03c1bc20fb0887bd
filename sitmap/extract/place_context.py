"""Geocoding by context: the paragraph and the report choose between same-named places, and refuse a
match that lies far from everything else the text is about.

A paragraph's context is the admin-1 units and countries it names and the points of the places it names
that resolve to one gazetteer entry; the report's theatre is the same over every paragraph. Candidates
for a name are ranked by: the sentence's own qualifier, an admin-1 or country the paragraph names,
distance to the paragraph's (else the report's) places, then size. A weak match (a transliteration, a
name shared by several places, or a village) more than MAX_KM from every place of its paragraph (else of
the report) is refused (`place_refusals`): a wrong point is worse than an unresolved name.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace

from sitmap.extract.name_cuts import cut_name
from sitmap.reference.areas import km_to_country
from sitmap.reference.countries import LAYER_NAMES, demonym_countries, find_countries
from sitmap.reference.gazetteer import (
    SEA_KIND,
    Gazetteer,
    PlaceMention,
    find_qualifiers,
    km_between,
)
from sitmap.reference.names import normalise_name

MAX_KM = 150.0
# Words after a name that make it an area around the place ("Homs countryside", "the Yarmouk area").
_AREA_AFTER = re.compile(r"(?:['’]s)?\s+(?:countryside|area|environs|surroundings|outskirts|suburbs)\b")
# Words before a name that do the same ("the outskirts of X", "the countryside of X").
_AREA_BEFORE = re.compile(
    r"\b(?:outskirts|countryside|environs|surroundings|vicinity|suburbs|edges|periphery)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "raided a village in X", "two towns in X": the event is at an unnamed place somewhere in X, not at X's
# point.
_SETTLEMENT_IN = re.compile(
    r"\b(?:villages?|towns?|hamlets?|localit(?:y|ies))\s+in\s+(?:the\s+)?$", re.IGNORECASE
)
# A capitalised geographic word after a name makes a longer name ("Yarmouk Basin"): not the town's point.
_AREA_WORDS = (
    "Basin",
    "Valley",
    "Plain",
    "Plains",
    "Heights",
    "Desert",
    "Mountains",
    "Mountain",
    "Range",
    "Triangle",
)
AREA_NAME_AFTER = re.compile(r"\s+(?:" + "|".join(_AREA_WORDS) + r")\b")
AREA_WORDS = frozenset(w.lower() for w in _AREA_WORDS)  # never a place on their own ("the Basin")
AREA_UNCERTAINTY_M = 20_000.0  # "X countryside": the rural area around X, about 20 km (region precision)
OUTSKIRTS_UNCERTAINTY_M = 12_000.0  # "outskirts of X": around X, beyond its built-up area


Point = tuple[str, float, float]  # (gazetteer id, lat, lon)


@dataclass(frozen=True)
class PlaceContext:
    """What a paragraph (and its report) is about, for ranking and refusing place candidates."""

    admin1: frozenset[str] = frozenset()  # normalised admin-1 names the paragraph names
    countries: frozenset[str] = frozenset()  # countries the paragraph names (or its places lie in)
    points: tuple[Point, ...] = ()  # the paragraph's unambiguous places
    theatre: tuple[Point, ...] = ()  # the report's unambiguous places
    villages: tuple[Point, ...] = ()  # the paragraph's village-scale names with one gazetteer entry
    about: frozenset[str] = frozenset()  # countries whose people or forces it names ("Syrian artillery")
    located: tuple[
        Point, ...
    ] = ()  # every place the paragraph's names resolve to read alone, ambiguous or not

    def distance_km(
        self, pid: str, lat: float | None, lon: float | None, rivals: Collection[str] = ()
    ) -> float | None:
        """Distance to the nearest other place of the paragraph, else of the report; None without any.
        `rivals` (the name's other candidates) are no other places: "Ariha" read context-free as Jericho
        must not measure Idlib's Ariha from Jericho."""
        if lat is None or lon is None:
            return None
        for pool in (self.points, self.theatre):
            others = [km_between(lat, lon, la, lo) for i, la, lo in pool if i != pid and i not in rivals]
            if others:
                return min(others)
        return None

    def village_km(
        self,
        pid: str,
        lat: float | None,
        lon: float | None,
        rivals: Collection[str] = (),
        *,
        anyplace: bool = False,
    ) -> float | None:
        """Distance to the nearest other village the paragraph names by its only name (`anyplace`: to any
        other name of it, read alone); None without any."""
        if lat is None or lon is None:
            return None
        pool = self.located if anyplace else self.villages
        near = [km_between(lat, lon, la, lo) for i, la, lo in pool if i != pid and i not in rivals]
        return min(near, default=None)


@dataclass
class _Named:
    """What some texts name, read without context (`_unambiguous`)."""

    points: list[Point] = field(default_factory=list)
    admin1: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    villages: list[Point] = field(default_factory=list)
    about: set[str] = field(default_factory=set)
    weak: set[Point] = field(default_factory=set)  # points read by an alias several places share
    located: list[Point] = field(default_factory=list)  # every resolved name's point, ambiguous or not


def _unambiguous(texts: Iterable[str], gaz: Gazetteer) -> _Named:
    """Points of names with one exact gazetteer entry (not a village: those collide with people's names;
    not a sea: its point is only representative), and the admin-1 and country names, of some texts; then
    the points of village-scale names with one exact entry (for ranking only); then the countries whose
    people the texts name (`demonym_countries`, for ranking only). A point is weak where several places
    share the name and it is not the listed place's own ("Ramadiyah": an alias of Iraq's Ramadi)."""
    from sitmap.extract.places import find_places  # places imports this module

    out = _Named()
    for text in texts:
        out.about |= demonym_countries(text)
        for _, _, name, country in find_qualifiers(text, gaz):
            out.admin1.add(normalise_name(name))
            if country:
                out.countries.add(country)
        out.countries |= {c[2] for c in find_countries(text)}
        for m in find_places(text, gaz, None):
            if not m.resolved or m.lat is None or m.lon is None:
                continue
            out.located.append((m.place_id or "", m.lat, m.lon))
            if cut_name(text, m.end):
                continue  # "Nour" of "Nour Shams camp": a cut of a longer name anchors nothing
            shared, how = gaz.lookup(m.text, exact_only=True)
            ids = gaz.listed_first(shared)  # "Quneitra" is one place, though hamlets bear its name too
            # ... but only where the name resolved to that place: Hamidiyah read as a hamlet of Hama is no
            # anchor at Iran's Hamidiyeh, nor is the hamlet's point an anchor under the town's id.
            rec = gaz.records[ids[0]] if len(ids) == 1 and m.place_id == ids[0] else {}
            if how == "exact" and rec and rec.get("layer") != "villages" and rec.get("kind") != SEA_KIND:
                out.points.append((ids[0], m.lat, m.lon))
                if len(shared) > 1 and normalise_name(rec["name"]) != normalise_name(m.text):
                    out.weak.add(out.points[-1])
            elif how == "exact" and rec and rec.get("layer") == "villages":
                out.villages.append((ids[0], m.lat, m.lon))
    return out


def report_contexts(paragraphs: list[tuple[str, str]], gaz: Gazetteer) -> dict[str, PlaceContext]:
    """A PlaceContext per paragraph id, from (id, text) pairs of one report."""
    parts = {pid: _unambiguous([text], gaz) for pid, text in paragraphs}
    located = [p for n in parts.values() for p in n.located]
    far = {p for n in parts.values() for p in n.weak if _far(p, located)}
    theatre = tuple(p for n in parts.values() for p in n.points if p not in far)
    return {
        pid: PlaceContext(
            frozenset(n.admin1),
            frozenset(n.countries),
            tuple(p for p in n.points if p not in far),
            theatre,
            tuple(n.villages),
            frozenset(n.about),
            tuple(n.located),
        )
        for pid, n in parts.items()
    }


def _far(point: Point, located: list[Point]) -> bool:
    """Whether a weak anchor lies more than MAX_KM from every other place the report names (and it names
    another): then it anchors nothing. Ramadiyah read as Iraq's Ramadi in a report about Tyre must not
    refuse Tyre and Ain Baal for lying 750 km from it (s18)."""
    pid, lat, lon = point
    kms = [km_between(lat, lon, la, lo) for i, la, lo in located if i != pid]
    return bool(kms) and min(kms) > MAX_KM


def context_score(
    pid: str, gaz: Gazetteer, ctx: PlaceContext | None, rivals: Collection[str] = ()
) -> tuple[bool, bool, float]:
    """How well a candidate fits its paragraph: admin-1 named, country named, -distance (km) to its other
    places (not to `rivals`, the name's other candidates)."""
    if ctx is None:
        return (False, False, 0.0)
    rec = gaz.records[pid]
    dist = ctx.distance_km(pid, rec["lat"], rec["lon"], rivals)
    # ... or to the nearest village named alone, when nearer: "al-Rafid ... Rasm al-Halabi" is Quneitra's
    # Rafid, not Lebanon's; "Taibah ... Tal al-Nahass" is Marjayoun's, not the one nearer a far Gaza.
    village = ctx.village_km(pid, rec["lat"], rec["lon"])
    dist = min((d for d in (dist, village) if d is not None), default=None)
    return (
        normalise_name(rec["admin1"] or "") in ctx.admin1,
        rec["country"] in ctx.countries,
        -(dist if dist is not None else 0.0),
    )


def toward_countries(pid: str, gaz: Gazetteer, ctx: PlaceContext | None) -> tuple[bool, float]:
    """How well a candidate fits the countries the paragraph is about, when no place decides: (in one of
    them, -km to the nearest other of them). "Israeli troops on Jabal Blat": the hill by the border, not
    its namesake in North Lebanon. Ranking only."""
    if ctx is None or gaz.areas is None:
        return (False, 0.0)
    rec = gaz.records[pid]
    about = ctx.about | {LAYER_NAMES.get(c, c) for c in ctx.countries}
    if not about or rec["lat"] is None or rec["lon"] is None:
        return (False, 0.0)
    # the nearest of them but its own: "Israeli artillery ... the Lebanese army said" is about the border
    others = about - {rec["country"]}
    kms = [km for c in others if (km := km_to_country(gaz.areas, c, rec["lon"], rec["lat"])) is not None]
    return (rec["country"] in about, -min(kms, default=0.0))


def in_others_country(pid: str, ids: list[str], gaz: Gazetteer, ctx: PlaceContext | None) -> bool:
    """Whether a candidate lies in a country of the paragraph's other places (else the report's), not
    counting this name's own candidates: "shot a farmer in Maariyah ... an attack in Tafas" is Syria's
    Maariya, not Israel's Maghār, though only Maghār is a listed place. Ranking only."""
    if ctx is None:
        return False
    for pool in ((*ctx.points, *ctx.villages), ctx.theatre):
        if countries := countries_of(pool, ids, gaz):
            return gaz.records[pid]["country"] in countries
    return False


def countries_of(pool: Iterable[Point], ids: Collection[str], gaz: Gazetteer) -> set[str]:
    """The countries of a pool of places, not counting a name's own candidates (`ids`)."""
    return {c for i, _, _ in pool if i not in ids and i in gaz.records and (c := gaz.records[i]["country"])}


def area_extent(text: str, a: int, b: int) -> float | None:
    """An uncertainty (m) for a name used as an area ("X countryside", "outskirts of X", "a village in X"),
    else None."""
    if _AREA_AFTER.match(text, b) or _SETTLEMENT_IN.search(text[max(0, a - 40) : a]):
        return AREA_UNCERTAINTY_M
    if _AREA_BEFORE.search(text[max(0, a - 40) : a]):
        return OUTSKIRTS_UNCERTAINTY_M
    return None


# ---------------------------------------------------------------- village-scale names need a place cue
def area_qualifiers(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """ "Jamleh, in the Yarmouk Basin": an area named right after a place says where the place is; the
    event is at the place."""
    out: list[PlaceMention] = []
    for m in mentions:
        words = m.text.split()
        is_area = bool(words) and words[-1].lower() in AREA_WORDS
        if is_area and out and 0 <= m.start - out[-1].end <= 16 and out[-1].role == "locative":
            m = replace(m, role="mention")
        out.append(m)
    return out


# Air bases named in full in gazetteer.csv ("the Harir air base"); not airports, which reports name in passing
# as often as a place where something happened ("flights from Damascus International Airport").
_INSTALLATIONS = frozenset({"base"})


def villages_only(ids: list[str], gaz: Gazetteer, surface: str = "") -> bool:
    """Every candidate is a row of the village-scale table, which a place cue must introduce; a base named
    in full ("the Harir air base") needs none: its own words say it is a place."""
    if len(surface.split()) > 1 and all(gaz.records[i].get("kind") in _INSTALLATIONS for i in ids):
        return False
    return all(gaz.records[i].get("layer") == "villages" for i in ids)


def small_places_only(ids: list[str], gaz: Gazetteer) -> bool:
    """Every candidate is a village (the village-scale table's rows, or `kind` village): a name that a
    longer one (the name and the capitalised word after it) may contain ("Ramot" in "Ramot Hashavim")."""
    return all(
        gaz.records[i].get("layer") == "villages" or gaz.records[i].get("kind") == "village" for i in ids
    )


def stray_village(m: PlaceMention, gaz: Gazetteer) -> bool:
    """A village of the village-scale gazetteer named where no place is introduced ("Assad said"):
    a person's or group's name far more often than the village."""
    if not m.resolved or m.role != "mention":
        return False
    return villages_only([m.place_id or ""], gaz, m.text)
