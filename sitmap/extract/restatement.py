"""A later sentence that says where the event just told happened: "The attack took place near X."

Agency copy often leads with a coarse place ("a missile hit the waters of the Red Sea") and places the
event more finely a sentence or two later, in a sentence that reports no event of its own ("The attack
took place … near the Bab el-Mandeb Strait", "UKMTO placed it close to …"). That sentence refines the
paragraph's latest event: its finest place replaces a coarser one it lies within, never a finer one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitmap.extract.candidate import Candidate
from sitmap.extract.ids import event_id
from sitmap.extract.locate import confidence, locate
from sitmap.extract.places import PlaceMention
from sitmap.geometry import GEOD

_EVENT_NOUN = r"(?:attack|strike|airstrike|raid|incident|assault|incursion|shooting|explosion|blast)s?"
_PREP = r"(?:in|at|near|off|outside|close\s+to|between)\b"
_VEHICLE = r"(?:cars?|vehicles?|vans?|trucks?|pick-?ups?|motorcycles?|motorbikes?|scooters?|buses|bus|convoy)"
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_NO_ROUTE = r"(?![^.;]*\b(?:from|to|towards?|heading|bound|not|never)\b)"
_WHEN = (
    rf"(?:(?:early|late|on|overnight|{_DAY}|morning|evening|night|afternoon)\s+){{0,3}}"  # "early on Monday"
)
_RESTATES = re.compile(
    # "The attack took place in ...", "The drone strike happened early on Monday near ...", "It occurred off"
    # (after who reported it: "<channel> reported the raid happened between X and Y", dev p75)
    rf"^\s*(?:[\w'’-]+\s+){{0,4}}?(?:reported|said|added)\s+(?:that\s+)?(?:the|this)\s+(?:[\w-]+\s+){{0,2}}?"
    rf"{_EVENT_NOUN}\s+(?:took\s+place|happened|occurred)\s+{_WHEN}{_PREP}"
    rf"|^\s*(?:(?:The|This|That)\s+(?:[\w-]+\s+){{0,2}}?{_EVENT_NOUN}|It)\s+"
    rf"(?:took\s+place|happened|occurred)\s+{_WHEN}{_PREP}"
    # "... placed it in the southern Red Sea": who reported it locates it
    rf"|\b(?:placed|located)\s+(?:it|the\s+(?:[\w-]+\s+)?{_EVENT_NOUN})\s+{_PREP}"
    # what the event hit, placed: "The car was travelling near X", "the main target was an area outside X"
    # (agency copy tells the strike on a vehicle or a target first and where it stood after)
    # (a route, "from Tyre to Nabatieh", or a denial, "not in X", names places it was not hit at)
    rf"|^\s*(?:[\w'’-]+\s+){{0,6}}?(?:the|its|their)\s+(?:main\s+|intended\s+|chief\s+)?targets?\s+(?:was|were)\b"
    rf"{_NO_ROUTE}"
    rf"|^\s*(?:The|This|That|Their|Its)\s+(?:[\w-]+\s+)?{_VEHICLE}\s+(?:was|were|had\s+been)\s+"
    rf"(?:travell?ing|driving|moving|parked|passing)\s+(?:near|in|outside|at|through|on\s+the\s+outskirts\s+of)\b"
    rf"{_NO_ROUTE}",
    re.I,
)
# A finer place counts as inside a coarse one within 1.1 × the coarse one's uncertainty (a sea's is half its
# length round a representative point: a crude circle, so little slack: Bab el-Mandeb is 1,186 km from the
# Red Sea's point, inside 1,210 km; Beirut, 1,341 km, is not; 1.5 let it in).
_REACH = 1.1


def restates_where(sentence: str) -> bool:
    """Whether `sentence` only says where an event already told happened."""
    return _RESTATES.search(sentence) is not None


def latest_event(cands: list[Candidate]) -> Candidate | None:
    """The paragraph's latest event (context left out), when its sentence told only that one."""
    events = [c for c in cands if not c.reason]
    if not events or sum(c.start == events[-1].start for c in events) > 1:
        return None
    return events[-1]


def refine_place(cand: Candidate, places: list[PlaceMention], offset: int) -> bool:
    """Move `cand` to the finest resolved place of the restating sentence when that place is finer than
    its own and lies within its reach (same country); returns whether it moved."""
    points = [
        p for p in places if p.resolved and p.match != "admin1" and p.lat is not None and p.lon is not None
    ]
    if not points:
        return False
    best = min(points, key=lambda p: p.uncertainty_m or 0.0)
    if cand.place_id == best.place_id or (cand.country and best.country and cand.country != best.country):
        return False
    if cand.place_id is not None:
        if cand.lat is None or cand.lon is None or (cand.uncertainty_m or 0.0) <= (best.uncertainty_m or 0.0):
            return False
        metres = GEOD.inv(cand.lon, cand.lat, best.lon, best.lat)[2]
        if metres > _REACH * (cand.uncertainty_m or 0.0):
            return False
    finer = f" (finer than {cand.location!r}, named first)" if cand.location else ""
    moved = replace(best, reason=f"a later sentence places the event{finer}: {best.reason}")
    locate(cand, cand.evidence, moved, [], offset)
    cand.confidence = confidence(cand)
    cand.id = event_id(cand.to_feature()["properties"])
    return True
