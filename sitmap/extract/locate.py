"""Where a candidate is: its place mention's point and precision, with the evidence; and, for a candidate
whose own clause names no place, the place of its paragraph it refers back to (`paragraph_place`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitmap.extract.candidate import Candidate, Evidence
from sitmap.extract.ids import event_id
from sitmap.extract.places import _COUNTRY_ALIASES, COUNTRIES, PlaceMention
from sitmap.reference.names import normalise_name
from sitmap.vocabulary import GEO_PRECISIONS


def locate(cand: Candidate, ev: dict, place: PlaceMention | None, countries: list, offset: int) -> None:
    if place is not None and place.resolved:
        unc = place.uncertainty_m or GEO_PRECISIONS["near"]["default_uncertainty_m"]
        if place.near or place.role == "anchor":
            unc = max(unc, GEO_PRECISIONS["near"]["default_uncertainty_m"])
            precision = "near"
        else:
            precision = "exact" if unc <= 1000 else "near" if unc <= 10000 else "region"
        cand.place_id, cand.location, cand.country, cand.admin1 = (
            place.place_id,
            place.name,
            place.country,
            place.admin1,
        )
        cand.lon, cand.lat, cand.uncertainty_m, cand.geo_precision = place.lon, place.lat, unc, precision
        span = (offset + place.start, offset + place.end)
        ev["location"] = Evidence(
            place.place_id, "; ".join((place.reason, *place.notes)), place.confidence, span, place.text
        )
        why = f"±{unc / 1000:g} km from the gazetteer entry" + ("; 'near' the place" if place.near else "")
        ev["geo_precision"] = Evidence(precision, why, place.confidence)
        if place.qualifier:
            ev["admin1"] = Evidence(place.admin1, f"qualifier in the text names {place.qualifier}", 0.9)
        return
    if place is not None and place.match == "admin1":  # only a region named: region precision, no point
        cand.location, cand.country, cand.admin1 = place.name, place.country, place.admin1
        cand.geo_precision = "region"
        span = (offset + place.start, offset + place.end)
        ev["location"] = Evidence(None, place.reason, place.confidence, span, place.text)
        ev["geo_precision"] = Evidence("region", place.reason, place.confidence)
        return
    if place is not None:  # unresolved: the qualifier's area at region precision, never a guessed point
        cand.location, cand.country, cand.admin1 = place.text, place.country, place.admin1
        span = (offset + place.start, offset + place.end)
        ev["location"] = Evidence(None, place.reason, place.confidence, span, place.text)
        cand.geo_precision = "region"
        if place.admin1:
            ev["geo_precision"] = Evidence("region", f"unresolved place; area of {place.admin1}", 0.5)
        else:
            ev["geo_precision"] = Evidence("region", "unresolved place with no area to fall back to", 0.2)
        if place.admin1 or not countries:
            return
    if countries:
        a, b, name, why = countries[0]
        cand.country = cand.country or name
        if cand.location is not None:  # an unresolved place in a named country: keep region precision
            ev["country"] = Evidence(name, why, 0.7, (offset + a, offset + b), name)
            return
        cand.geo_precision = "country"
        ev["country"] = Evidence(name, why, 0.7, (offset + a, offset + b), name)
        ev["geo_precision"] = Evidence("country", "only a country is named", 0.5)
        if cand.location is None:
            cand.location = name
        return
    cand.geo_precision = "country"
    ev["geo_precision"] = Evidence("country", "no usable location named: set one in review", 0.2)


def confidence(c: Candidate) -> float:
    """Geometric mean of the type, place and date confidences."""
    parts = [c.evidence[k].confidence if k in c.evidence else 0.3 for k in ("event_type", "location", "date")]
    return round((parts[0] * parts[1] * parts[2]) ** (1 / 3), 2)


# "the town", "the village": a definite back-reference to a settlement the paragraph names elsewhere.
_BACK_REFERENCE = re.compile(r"\bthe\s+(?:town|village|city|hamlet)\b(?!\s+of\b)", re.IGNORECASE)
NOT_THE_EVENTS = ("origin", "motive")  # where someone came from, or a war's name: never the event's place
CARRIED_CONFIDENCE = 0.6

_NAMES_COUNTRY = re.compile(r"\b(?:" + "|".join(map(re.escape, [*COUNTRIES, *_COUNTRY_ALIASES])) + r")\b")
Located = tuple[int, PlaceMention]


def refers_back(text: str) -> bool:
    """Whether `text` names its place as "the town" / "the village" (`paragraph_place` finds which)."""
    return (
        _BACK_REFERENCE.search(text) is not None
    )  # (offset of the mention's sentence in the paragraph, the mention)


def paragraph_place(
    sentence_start: int, sentence: str, mentions: list[Located]
) -> tuple[Located, str] | None:
    """The paragraph's place an unplaced candidate's sentence refers to, with why; None when unclear.

    Only places the paragraph tells something happened at count (locative mentions: "in X", "near X"; not
    a dateline, a subject or an origin). "the town" refers back to the last such settlement named before
    the sentence, else to the only one named after it; a province's namesake town ("in Quneitra and
    Daraa") is no settlement there. A sentence without such a word takes the paragraph's place only when
    the paragraph has just one and the sentence names no country of its own ("villages in south Lebanon").
    """
    points: dict[str, Located] = {}
    for off, m in mentions:
        if m.resolved and m.match != "admin1" and m.role == "locative":
            points.setdefault(m.place_id or "", (off, m))
    if not points:
        return None
    ref = _BACK_REFERENCE.search(sentence)
    if ref:
        towns = {k: x for k, x in points.items() if not _province_namesake(x[1])}
        before = [x for off, m in mentions if (x := towns.get(m.place_id or "")) and off < sentence_start]
        if before:
            return before[-1], f"{ref.group(0)!r} refers back to {before[-1][1].text}, named before it"
        if len(towns) == 1:
            (only,) = towns.values()
            return only, f"{ref.group(0)!r} is {only[1].text}, the paragraph's only town, named after it"
        return None
    if len(points) == 1 and not _NAMES_COUNTRY.search(sentence):
        (only,) = points.values()
        return only, f"no place in the sentence: {only[1].text}, the only place its paragraph names"
    return None


def _province_namesake(m: PlaceMention) -> bool:
    return normalise_name(m.text) == normalise_name(m.admin1 or "")


def carry_paragraph_places(cands: list[Candidate], mentions: list[Located]) -> None:
    """Place, in place, each of `cands` that has no location by `paragraph_place`."""
    for c in cands:
        if c.location is not None or c.place_id is not None:
            continue
        found = paragraph_place(c.start, c.sentence, mentions)
        if found is None:
            continue
        (off, m), why = found
        m = replace(m, confidence=min(m.confidence, CARRIED_CONFIDENCE), reason=f"{why}; {m.reason}")
        locate(c, c.evidence, m, [], off)
        c.confidence = confidence(c)
        c.id = event_id(c.to_feature()["properties"])


_WHERE = re.compile(r",?\s+where\s+[^,;.]{0,40}$")


def where_place(sentence: str, places: list[PlaceMention], trigger_at: int) -> list[PlaceMention]:
    """ "the city of X, where fighting went on": a relative "where" puts the event at the place before it."""
    before = [p for p in places if p.end <= trigger_at and p.role not in NOT_THE_EVENTS]
    if before and _WHERE.match(sentence, before[-1].end, trigger_at):
        return [before[-1]]
    return []
