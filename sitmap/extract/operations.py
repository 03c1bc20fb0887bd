"""People detained during a raid or a clash: the arrest happened where and when the operation did.

ACLED codes an arrest made during a raid as its own event at the raid's location ("troops raided X and
detained three men"; "A farmer was detained by the soldiers." after the raid's sentence). Such a clause
names neither place nor day of its own, so on its own it read as commentary and was dropped.
"""

from __future__ import annotations

from sitmap.extract.candidate import Candidate, Evidence
from sitmap.extract.ids import event_id
from sitmap.extract.locate import confidence
from sitmap.extract.types import Trigger

# Operations on the ground in which people are detained (an air strike detains nobody).
OPERATION_TYPES = frozenset({"raid", "ground_incursion", "armed_clash"})
_WHERE = ("place_id", "location", "country", "admin1", "lon", "lat", "geo_precision", "uncertainty_m")
_WHEN = ("date", "time_precision", "date_end")


def latest_operation(cands: list[Candidate]) -> Candidate | None:
    """The latest event of `cands` (context left out) when it is a placed, dated operation on the ground
    at one place."""
    events = [c for c in cands if not c.reason]
    last = events[-1] if events else None
    if last is None or last.event_type not in OPERATION_TYPES or not last.place_id or not last.date:
        return None
    # an operation told of two villages ("pushed into X and Y"): which one the detention was in is unsaid
    told_with = {c.place_id for c in events if c.start == last.start and c.event_type == last.event_type}
    return last if len(told_with) == 1 else None


def at_operation(arrest: Candidate, operation: Candidate) -> None:
    """Give `arrest` (a clause with no place of its own) the operation's place, and its day unless the
    arrest's own sentence dates it (a date with a span in the text)."""
    own_day = arrest.evidence.get("date") is not None and arrest.evidence["date"].span is not None
    for name in (*_WHERE, *(() if own_day else _WHEN)):
        setattr(arrest, name, getattr(operation, name))
    what = operation.event_type.replace("_", " ")
    why = f"detained during the {what} the paragraph tells ({operation.sentence[:60]!r}): its place"
    arrest.evidence["location"] = Evidence(operation.place_id, why, 0.6)
    if "geo_precision" in operation.evidence:
        arrest.evidence["geo_precision"] = operation.evidence["geo_precision"]
    if not own_day:
        arrest.evidence["date"] = Evidence(operation.date, why.replace("its place", "its day"), 0.6)
    arrest.confidence = confidence(arrest)
    arrest.id = event_id(arrest.to_feature()["properties"])


def told_later(triggers: list[Trigger]) -> bool:
    """Whether an operation on the ground is among the sentence's later triggers."""
    return any(t.event_type in OPERATION_TYPES for t in triggers)


def at_later_operation(cands: list[Candidate], waiting: list[Candidate], keep: bool) -> list[Candidate]:
    """Give the `waiting` arrests the place and day of the operation the sentence told after them ("15
    detained during a day of fighting near X"); without one, they go (kept unplaced when `keep`)."""
    operation = latest_operation([c for c in cands if c not in waiting])
    for arrest in waiting:
        if operation is not None:
            at_operation(arrest, operation)
    if operation is not None or keep:
        return cands
    return [c for c in cands if c not in waiting]
