"""A place "on the road between X and Y" (or "the road linking X and Y"): the one rule for where such an event
is. It is labelled at the first-named town, X, with an uncertainty that covers the road (the distance to Y,
else ROAD_UNKNOWN_M); Y only says which road (an anchor), never a second event. "X ... on the road to Y" in
one sentence is that road too: Y names no place of its own, the event is told from X.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitmap.reference.gazetteer import PlaceMention, km_between

# Before X: "the road between", "the highway linking the towns of", "the road, between".
_ROAD = r"\b(?:road|highway|route|way|stretch),?\s+(?:between|linking|connecting)\s+"
_ROAD_BEFORE = re.compile(
    _ROAD + r"(?:the\s+)?(?:(?:towns?|villages?|localities|cities)\s+of\s+)?$",
    re.IGNORECASE,
)
# A name right before such a road is the road's own ("the Qalaa road between X and Y"), no place of the event.
_ROAD_NAMED = re.compile(r"\s+" + _ROAD, re.IGNORECASE)
# Between X and Y: "and", "with", "to", perhaps "the town of".
_ROAD_GAP = re.compile(r"\s+(?:and|with|to)\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?", re.IGNORECASE)
ROAD_UNKNOWN_M = 10_000.0  # the second town unplaced: the road's length is unknown, a few km at least
# After Y, the district or town that says where the road is: "... and Qana in Tyre", ", in the caza of Tyre".
_ROAD_IN = re.compile(
    r"\s*,?\s+(?:in|near)\s+(?:the\s+)?(?:(?:caza|district|area|region|city|town)\s+of\s+)?", re.IGNORECASE
)
ROAD_IN_KM = 30.0  # a district's reach: farther, it is another place of the sentence
# "patrolled X and set up a checkpoint on the road to Y": Y says which road leaves X
_ROAD_TO_BEFORE = re.compile(
    r"\b(?:road|highway|route)\s+(?:to|towards|leading\s+to)\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?$",
    re.IGNORECASE,
)


def _road_uncertainty(x: PlaceMention, y: PlaceMention) -> float:
    """How far from X an event on the road from X to Y may be (m): the distance to Y, else ROAD_UNKNOWN_M;
    never less than X's own uncertainty."""
    reach = ROAD_UNKNOWN_M
    if None not in (x.lat, x.lon, y.lat, y.lon):
        reach = km_between(x.lat, x.lon, y.lat, y.lon) * 1000  # type: ignore[arg-type]
    return max(x.uncertainty_m or 0.0, reach)


def road_between(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """`mentions` (in text order, with roles) with each "road between X and Y" pair read as one place: X the
    event's (locative, its uncertainty the road's reach), Y an anchor; a road's own name before it dropped."""
    out = list(mentions)
    named: set[int] = set()  # the roads' own names
    for i in range(len(out) - 1):
        x, y = out[i], out[i + 1]
        if not _ROAD_BEFORE.search(text[max(0, x.start - 60) : x.start]):
            continue
        if not _ROAD_GAP.fullmatch(text, x.end, y.start):
            continue
        if i and _ROAD_NAMED.match(text, out[i - 1].end):
            named.add(i - 1)
        unc = _road_uncertainty(x, y)
        why = f"; on the road between {x.text} and {y.text}: at the first-named, ±{unc / 1000:.1f} km"
        if x.resolved:
            x = replace(x, uncertainty_m=unc, near=False, reason=x.reason + why)
        out[i] = replace(x, role="locative")
        out[i + 1] = replace(y, role="anchor")
        if i + 2 < len(out) and _locates_road(text, out[i], out[i + 1], out[i + 2]):
            out[i + 2] = replace(out[i + 2], role="anchor")
    for i in range(1, len(out)):  # "X ... on the road to Y" in one sentence: told from X, Y says which road
        x, y = out[i - 1], out[i]
        if x.role != "locative" or "." in text[x.end : y.start]:
            continue
        if not _ROAD_TO_BEFORE.search(text[max(0, y.start - 40) : y.start]):
            continue
        unc = _road_uncertainty(x, y)
        why = f"; on the road from {x.text} to {y.text}: at {x.text}, ±{unc / 1000:.1f} km"
        # X's place and name at Y's span: the clause that names the road finds it there; its text stays X's,
        # so merging never takes Y's name as a spelling of X
        out[i] = replace(x, start=y.start, end=y.end, uncertainty_m=unc, near=False, reason=x.reason + why)
    return [m for i, m in enumerate(out) if i not in named]


def _locates_road(text: str, x: PlaceMention, y: PlaceMention, z: PlaceMention) -> bool:
    """Whether z, named right after the road's second town, says where the road is ("in Tyre")."""
    if not _ROAD_IN.fullmatch(text, y.end, z.start) or None in (x.lat, x.lon, z.lat, z.lon):
        return False
    return km_between(x.lat, x.lon, z.lat, z.lon) <= ROAD_IN_KM  # type: ignore[arg-type]
