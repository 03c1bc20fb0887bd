"""The scorer's matching rules (`extraction_eval.py`'s docstring): places, periods, (place, date) one to one.

Apart from the scorer so that other measures (`extraction_ranking.py`, the failure categories) count by the
very rule the scorer counts by, and the scorer stays under 400 lines.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pyproj import Geod

from sitmap.extract.pipeline import Candidate
from sitmap.extract.places import Gazetteer
from sitmap.reference.names import normalise_name

GEOD = Geod(ellps="WGS84")


@dataclass
class Place:
    """A place to compare: its folded names and, when known, its coordinates."""

    keys: frozenset[str]
    lat: float | None = None
    lon: float | None = None
    label: str = ""

    def matches(self, other: Place, km: float) -> bool:
        if self.keys & other.keys:
            return True
        if None in (self.lat, self.lon, other.lat, other.lon):
            return False
        _, _, metres = GEOD.inv(self.lon, self.lat, other.lon, other.lat)
        return metres <= km * 1000


def as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def candidate_period(c: Candidate) -> tuple[date, date] | None:
    """The days a candidate's date covers: date..date_end, or the span of its precision."""
    if not c.date:
        return None
    parts = [int(x) for x in str(c.date).split("-")]
    if len(parts) == 1:
        start, end = date(parts[0], 1, 1), date(parts[0], 12, 31)
    elif len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        start, end = date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    else:
        start = end = date(*parts)
        if c.time_precision == "week":
            end = start + timedelta(days=6)
        elif c.time_precision == "month":
            start, end = (
                start.replace(day=1),
                start.replace(day=calendar.monthrange(start.year, start.month)[1]),
            )
    if c.date_end:
        end = max(end, as_date(c.date_end))
    return start, end


def overlaps(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def label_place(event: dict, aliases: dict[str, list[str]]) -> Place | None:
    if not event.get("place"):
        return None
    names = [event["place"], *aliases.get(event["place"], [])]
    keys = frozenset(normalise_name(n) for n in names)
    return Place(keys, event.get("lat"), event.get("lon"), event["place"])


def candidate_place(c: Candidate, gaz: Gazetteer) -> Place | None:
    if not c.location and not c.place_id:
        return None
    # The gazetteer's records carry no alt_names: its names for a place are the index's keys for it.
    keys = frozenset(normalise_name(n) for n in (c.location,) if n) | gaz.keys_of(c.place_id or "")
    return Place(keys, c.lat, c.lon, c.location or c.place_id or "")


def _distinct_places(places: list[Place]) -> list[Place]:
    """One entry per place named: mentions sharing a name key (a gazetteer place's every name) are one place.
    Distance is for matching, not for this: two villages a few km apart are two places, and merging points
    within `--km` made a candidate for one of them hide the other (p27: Froun beside Zawtar ash-Sharqiyah)."""
    out: list[Place] = []
    for p in places:
        if not any(p.keys & q.keys for q in out):
            out.append(p)
    return out


def match_place_date(
    cands: list[Candidate], placed: list[tuple[dict, Place]], gaz: Gazetteer, km: float
) -> tuple[list[bool | None], set[int]]:
    """(place, date): candidates against labelled events one to one (`one_to_one`).

    Per candidate True (it takes a labelled event), False (none is left for it) or None (no place or no
    period: not scored); and the indices of the labelled events taken. The confidence model's labels too.
    """
    scored = [(c, candidate_place(c, gaz), candidate_period(c)) for c in cands]
    dated = [(j, (c, cp, cd)) for j, (c, cp, cd) in enumerate(scored) if cp is not None and cd is not None]
    pairs = one_to_one([d for _, d in dated], placed, lambda cp, lp: cp.matches(lp, km))
    hits: list[bool | None] = [None] * len(cands)
    for k, (j, _) in enumerate(dated):
        hits[j] = k in pairs
    return hits, set(pairs.values())


def one_to_one(
    cands: list[tuple[Candidate, Place, tuple[date, date]]],
    placed: list[tuple[dict, Place]],
    same_place: Callable[[Place, Place], bool],
) -> dict[int, int]:
    """A maximum one-to-one matching of candidates to labelled events (candidate index -> event index), where
    a pair fits when `same_place` holds and the periods overlap. Kuhn's augmenting paths, candidates in
    document order: a greedy first-fit let a week-long candidate take the day that a later one needed, and
    counted the later one as extra and its day as missed though both events were found."""
    fits = [
        [
            i
            for i, (e, lp) in enumerate(placed)
            if same_place(cp, lp) and overlaps(cd, (as_date(e["date"]["start"]), as_date(e["date"]["end"])))
        ]
        for _, cp, cd in cands
    ]
    owner: dict[int, int] = {}  # event index -> candidate index

    def augment(j: int, seen: set[int]) -> bool:
        for i in fits[j]:
            if i not in seen:
                seen.add(i)
                if i not in owner or augment(owner[i], seen):
                    owner[i] = j
                    return True
        return False

    for j in range(len(cands)):
        augment(j, set())
    return {j: i for i, j in owner.items()}


def _at_spot(cand: Place, label: Place, km: float) -> bool:
    """A located candidate stands at the labelled place: within `km` when the label has coordinates, else by
    name (the label's place was not in the gazetteer when it was labelled)."""
    if label.lat is None or label.lon is None:
        return bool(cand.keys & label.keys)
    return cand.lat is not None and Place(frozenset(), cand.lat, cand.lon).matches(label, km)
