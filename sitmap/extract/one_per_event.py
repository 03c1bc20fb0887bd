"""One candidate per event: mentions of the same event merged, coarser ones into the finer (issue 11).

One candidate per (place, period, type): a province or country naming the same event as a village in it
("raided villages in Daraa province ... raided Nawa") merges into the village, with both spellings as
evidence; a capital named as a namesake and an unplaced twin of a placed event are dropped.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from sitmap.extract.area_mentions import apart_at_sea
from sitmap.extract.candidate import Candidate, Evidence
from sitmap.extract.ids import event_id
from sitmap.extract.place_words import introduced_as_a_city
from sitmap.extract.region_mentions import named_like_its_admin1
from sitmap.reference.gazetteer import PlaceMention, km_between
from sitmap.reference.names import normalise_name

_FAMILY = {"ground_incursion": "raid", "drone_attack": "strike", "missile_strike": "strike"}
_FAMILY |= {"airstrike": "strike", "shelling": "strike"}


def period(c: Candidate) -> tuple[date, date] | None:
    """The days a candidate's date covers (date..date_end, or its precision's span)."""
    if not c.date:
        return None
    parts = [int(x) for x in c.date.split("-")]
    if len(parts) == 1:
        first, last = date(parts[0], 1, 1), date(parts[0], 12, 31)
    elif len(parts) == 2 or c.time_precision == "month":
        first = date(parts[0], parts[1], 1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    else:
        first = last = date(*parts)
        if c.time_precision == "week":
            last = first + timedelta(days=6)
    if c.date_end:
        last = max(last, date.fromisoformat(c.date_end))
    return first, last


ON_OR_BEFORE_DAYS = 6  # a weekday names a day of the week up to the report: as far back as the report reaches


def _reach(c: Candidate, other: Candidate) -> tuple[date, date] | None:
    """The days `c` may be on, said of `other`: its period, and the week before it when only the report
    dates it and `other` is told in the same paragraph (the lede's episode told on; a later paragraph
    often recalls another episode at the same place)."""
    days = period(c)
    same_paragraph = (c.report_id, c.paragraph_id) == (other.report_id, other.paragraph_id)
    if days is None or not c.on_or_before or not same_paragraph or not _placed_by_its_sentence(c):
        return days  # a lede placed by a later sentence ("A second group was arrested near X") is no told-on
    return days[0] - timedelta(days=ON_OR_BEFORE_DAYS), days[1]


def _placed_by_its_sentence(c: Candidate) -> bool:
    """`c`'s place is named in its own sentence (not carried from elsewhere in its paragraph)."""
    ev = c.evidence.get("location")
    return ev is not None and ev.span is not None and c.start <= ev.span[0] < c.end


def _overlap(a: Candidate, b: Candidate) -> bool:
    pa, pb = _reach(a, b), _reach(b, a)
    if pa is None or pb is None:
        return pa is None and pb is None
    return pa[0] <= pb[1] and pb[0] <= pa[1]


def _coarser(c: Candidate, f: Candidate) -> bool:
    """`c` names the area `f` lies in: its province (region precision) or its country; or `c` names no place
    at all in the paragraph that placed `f` ("... struck a car in X. The drone struck the car on Monday")."""
    if c.location is None and c.country is None and f.location and c.paragraph_id == f.paragraph_id:
        return c.report_id == f.report_id
    if c.geo_precision == "country" and f.geo_precision != "country" and f.place_id is None:
        # "jets hit eastern Aleppo ... the raid destroyed a depot in Syria": the country restates the
        # province (or a village the gazetteer lacks) that the story named first
        return c.country is not None and c.country == f.country and bool(f.location)
    if f.geo_precision == "country":
        return False  # a country is no village the gazetteer lacks: it never lies in a province
    if f.place_id is None and f.location and c.location != f.location:
        # "a drone strike in Nabatieh governorate ... a car was hit in Kafra": the province names the
        # area of a village the gazetteer lacks, unless the village's own qualifier says otherwise; so does
        # a province named by its seat ("raids on Saada and Hajjah ... sites in the Safra district in
        # Saada") when the village's qualifier names that province and the text does not call it a city
        if c.place_id is None:
            region = c.geo_precision == "region" and bool(c.admin1) and c.location in (None, "", c.admin1)
            return region and f.admin1 in (None, c.admin1) and f.country in (None, c.country)
        return f.admin1 == c.admin1 and _names_its_province(c)
    if f.place_id is None or c.place_id == f.place_id:
        return False
    if (radius := _area_around(c)) and f.geo_precision not in ("region", "country"):
        # "raided a village in Quneitra ... searched a house in Ein Zywan": the village is the area's place;
        # "struck A, the B area and C": B is one of the act's list, not the area A and C lie in
        return (
            not _listed_with(c, f)
            and f.lat is not None
            and f.lon is not None
            and km_between(c.lat or 0, c.lon or 0, f.lat, f.lon) <= radius
        )
    if c.geo_precision == "country":
        return c.country is not None and c.country == f.country
    if c.place_id is None and c.geo_precision == "region":  # the province itself, not a village in it
        return bool(c.admin1) and c.admin1 == f.admin1 and c.location in (None, "", c.admin1)
    return False


def _names_its_province(c: Candidate) -> bool:
    """`c` is placed at a town named like its admin-1, and its sentence does not call it a city (the
    province's namesake, as `drop_namesake_capitals` reads it within one sentence)."""
    ev = c.evidence.get("location")
    if ev is None or ev.span is None or not named_like_its_admin1(c.location or "", c.admin1):
        return False
    return not introduced_as_a_city(c.sentence, ev.span[0] - c.start)


# "near Al Qaim on the Iraqi-Syrian border", "Nawa, in the Daraa countryside": the area follows the place as
# where it lies, not as another target
_SETTING = re.compile(r"\W*(?:in|on|along|at|near|inside|within)\s+(?:the\s+)?", re.IGNORECASE)


def _listed_with(area: Candidate, f: Candidate) -> bool:
    """`area` and `f` are places of one trigger, both named in its sentence, and neither is named right beside
    the other as where it lies: two members of the act's list ("struck A, the B area and C")."""
    ta, tb = area.evidence.get("event_type"), f.evidence.get("event_type")
    same_trigger = ta is not None and tb is not None and ta.span is not None and ta.span == tb.span
    same_sentence = (area.report_id, area.paragraph_id, area.start) == (f.report_id, f.paragraph_id, f.start)
    if not (same_trigger and same_sentence and _placed_by_its_sentence(area) and _placed_by_its_sentence(f)):
        return False
    a_at, f_at = area.evidence["location"].span, f.evidence["location"].span
    if a_at is None or f_at is None:
        return False
    # either order: "Al Qaim on the border" (the area after) or "crossed into Syria near Quneitra" (the place
    # after, saying where on the area's edge): the two are one act's setting, not two targets
    first, second = (f_at, a_at) if f_at[1] <= a_at[0] else (a_at, f_at)
    gap = area.sentence[first[1] - area.start : second[0] - area.start]
    return not _SETTING.fullmatch(gap)


def _area_around(c: Candidate) -> float:
    """The radius (km) of a place named as an area around it ("X countryside", "a village in X"): region
    precision at the place's point; 0 for any other candidate."""
    placed = c.place_id is not None and c.lat is not None and c.lon is not None
    return (c.uncertainty_m or 0) / 1000 if placed and c.geo_precision == "region" else 0.0


def merge_duplicates(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per (place, period, type family): exact repeats and coarser restatements merge."""
    out: list[Candidate] = []
    for c in cands:
        if c.reason:  # context, not an event: it neither absorbs nor is absorbed
            out.append(c)
            continue
        fam = _FAMILY.get(c.event_type, c.event_type)
        same = [
            o
            for o in out
            if not o.reason
            and _FAMILY.get(o.event_type, o.event_type) == fam
            and _overlap(o, c)
            and ((o.place_id or o.location) == (c.place_id or c.location) or _coarser(c, o) or _coarser(o, c))
            and not apart_at_sea(_written(o), _written(c))  # one sea, two stated points: two incidents
        ]
        if not same:
            out.append(c)
            continue
        keep = same[0]
        if _coarser(keep, c):  # the finer mention comes later: it takes the earlier one's place
            out[out.index(keep)] = c
            _absorb(c, keep)
        else:
            _absorb(keep, c)
    return out


def _written(c: Candidate) -> str:
    """The words that placed `c` (its location evidence as written)."""
    ev = c.evidence.get("location")
    return ev.text if ev is not None else ""


def _narrower(a: Candidate, b: Candidate) -> bool:
    """`a`'s period lies within `b`'s and is shorter: a day within the month or week `b` names."""
    pa, pb = period(a), _reach(b, a)
    if pa is None or pb is None:
        return pa is not None
    return pb[0] <= pa[0] and pa[1] <= pb[1] and pa[1] - pa[0] < pb[1] - pb[0]


def _named(c: Candidate) -> list[str]:
    """How the text named this candidate's place, each spelling once."""
    if "mentions" in c.evidence:
        return list(c.evidence["mentions"].value)
    loc = c.evidence.get("location")
    return [n for n in [(loc.text if loc is not None else "") or c.location or ""] if n]


def _absorb(keep: Candidate, other: Candidate) -> None:
    """`other` restates `keep`'s event: its actors and its spelling of the place become `keep`'s evidence,
    and its date `keep`'s when the text states it and it is the more precise ("raided X in March ... on 3
    March": the day; a date carried from another sentence or the report's day is no statement)."""
    keep.actors = list(dict.fromkeys([*keep.actors, *other.actors]))
    stated = (ev := other.evidence.get("date")) is not None and ev.span is not None  # not carried nor guessed
    if stated and _narrower(other, keep):
        keep.date, keep.date_end, keep.time_precision = other.date, other.date_end, other.time_precision
        keep.evidence["date"], keep.on_or_before = other.evidence["date"], other.on_or_before
        keep.id = event_id(keep.to_feature()["properties"])
    for i, claim in enumerate(other.claims, start=1):  # a stated distance said of either mention is kept
        if claim not in keep.claims:
            keep.claims.append(claim)
            if (ev := other.evidence.get(f"claim:{i}")) is not None:
                keep.evidence[f"claim:{len(keep.claims)}"] = ev
    names = list(dict.fromkeys([*_named(keep), *_named(other)]))
    if len(names) > 1:
        why = f"the same event named {len(names)} ways: " + "; ".join(repr(n) for n in names)
        keep.evidence["mentions"] = Evidence(names, why, 0.8)


def drop_namesake_capitals(
    places: list[PlaceMention], trigger_at: int = 0, sentence: str = ""
) -> list[PlaceMention]:
    """'shot a man in Tafas ... the second killing in Daraa': a province's namesake city named beside a
    place in that province stands for the province (a coarser restatement), not a second event. So does
    one framing the sentence before its trigger ("In Quneitra, soldiers entered X") when a place follows.
    One the text calls a city ("in the city of Sweida ... spread to Walgha") is the city and stays."""

    def namesake(p: PlaceMention) -> bool:
        if sentence and introduced_as_a_city(sentence, p.start):
            return False
        return p.resolved and normalise_name(p.name) == normalise_name(p.admin1 or "")

    inside = {normalise_name(q.admin1 or "") for q in places if q.resolved and not namesake(q)}
    framed = any(p.start >= trigger_at for p in places) and trigger_at > 0
    return [
        p
        for p in places
        if not (namesake(p) and (normalise_name(p.name) in inside or framed and p.end <= trigger_at))
    ]


def drop_unplaced_twins(cands: list[Candidate]) -> list[Candidate]:
    """ "an Israeli warplane fired two missiles at a house in Aitaroun": two triggers of one strike; the
    one whose clause names no place is the same event as the placed one of its family, not another."""
    placed = [c for c in cands if c.location and not c.reason]

    def twin(c: Candidate) -> bool:  # same family, same day: "fired missiles toward X on 31 December,
        fam = _FAMILY.get(c.event_type, c.event_type)  # and jets struck Sanaa on 1 January" are two
        return any(_FAMILY.get(p.event_type, p.event_type) == fam and _overlap(p, c) for p in placed)

    return [c for c in cands if c.location or c.reason or not twin(c)]
