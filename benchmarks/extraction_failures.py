"""Why (place, date) fails: each missed labelled event and each extra candidate put in one category.

Used by `extraction_eval.py`, which prints the counts per split. The categories are counts only, so the
held-out split can be read this way without spending it (no passage, place or sentence is named): they say
which part of the pipeline loses the events (gazetteer coverage, place choice, dates, duplicates) and so
where work can move figures on text nobody here has read, which rules fitted to single misses do not.

Missed labelled events (recall), first category that applies:
- `not in our gazetteer`: no candidate names the place, the gazetteer knows none of its names, and the
  label has no coordinates (neither `places.geojson` nor `gazetteer.csv` had it when labelled);
- `not named in the text`: no name the gazetteer or the aliases know for the place occurs in the text
  (it is told by a description, or spelt in a way nothing here folds to);
- `place found, undated`: a candidate names the place but has no date;
- `place found, other date`: a candidate names the place, dated outside the labelled period;
- `place found, taken`: the only candidates at the place were matched to other events there;
- `named, not proposed`: the text names the place and no candidate stands there.

Extra candidates (precision), only dated candidates with a place count, as in the (place, date) field:
- `duplicate`: its place and date match a labelled event another candidate already took;
- `labelled place, other date`: the place is an event's, the date is not;
- `country, province or region (kind)`: an unlabelled coarse place, by kind: `country` (a whole country),
  `province` (an admin-1 area itself), `unresolved name` (a name the gazetteer lacks, kept at its province's
  point and reach), `named area` (a region, sea, border or "countryside of X" with a point of its own). The
  kinds behave differently (on tune+dev in s22: country 0 right / 11 wrong, unresolved names 52 / 31), so one
  count hid which policy would help;
- `place in a non-event`: the place is named in a labelled distractor's description (background, a
  statement, an aggregate, a destination…), by kind;
- `other unlabelled place`.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Protocol

from sitmap.extract.pipeline import Candidate
from sitmap.reference.names import normalise_name

COARSE = {"country", "region", "admin1"}


class PlaceLike(Protocol):
    keys: frozenset[str]
    lat: float | None

    def matches(self, other: Any, km: float) -> bool: ...


def _named_in(keys: frozenset[str], folded_text: str) -> bool:
    return any(k and re.search(rf"(?<!\w){re.escape(k)}(?!\w)", folded_text) for k in keys)


def missed_categories(
    text: str,
    placed: list[tuple[dict, PlaceLike]],
    used: set[int],
    cands: list[tuple[Candidate, PlaceLike | None, tuple | None]],
    km: float,
    gaz_keys: set[str],
) -> Counter[str]:
    """One category per labelled event with a place that no candidate took (see the module docstring)."""
    folded = normalise_name(text)
    out: Counter[str] = Counter()
    for i, (event, lp) in enumerate(placed):
        if i in used:
            continue
        at_place = [(c, cd) for c, cp, cd in cands if cp is not None and cp.matches(lp, km)]
        if not at_place and not lp.keys & gaz_keys and lp.lat is None:
            out["not in our gazetteer"] += 1
        elif not at_place and not _named_in(lp.keys & gaz_keys or lp.keys, folded):
            out["not named in the text"] += 1
        elif at_place and all(cd is None for _, cd in at_place):
            out["place found, undated"] += 1
        elif at_place:
            start, end = str(event["date"]["start"]), str(event["date"]["end"])
            inside = [cd for _, cd in at_place if cd and str(cd[0]) <= end and start <= str(cd[1])]
            out["place found, taken" if inside else "place found, other date"] += 1
        else:
            out["named, not proposed"] += 1
    return out


def coarse_kind(c: Candidate) -> str:
    """Which kind of coarse place a candidate stands at (see the module docstring)."""
    if c.geo_precision == "country" or not c.location:
        return "country"
    if c.place_id is None and c.location in c.unresolved:
        return "unresolved name"
    if c.place_id is None and normalise_name(c.location) == normalise_name(c.admin1 or ""):
        return "province"
    return "named area"


def extra_categories(
    extras: list[tuple[Candidate, PlaceLike, tuple]],
    placed: list[tuple[dict, PlaceLike]],
    distractors: list[dict],
    km: float,
) -> Counter[str]:
    """One category per dated, placed candidate that no labelled event took (see the module docstring)."""
    out: Counter[str] = Counter()
    for c, cp, cd in extras:
        same_place = [e for e, lp in placed if cp.matches(lp, km)]
        if any(
            str(cd[0]) <= str(e["date"]["end"]) and str(e["date"]["start"]) <= str(cd[1]) for e in same_place
        ):
            out["duplicate"] += 1
        elif same_place:
            out["labelled place, other date"] += 1
        elif c.geo_precision in COARSE or c.lat is None and c.country and not c.location:
            out[f"country, province or region ({coarse_kind(c)})"] += 1
        else:
            kinds = [
                d.get("kind", "?")
                for d in distractors
                if _named_in(cp.keys, normalise_name(d.get("what", "")))
            ]
            out[f"place in a non-event ({kinds[0]})" if kinds else "other unlabelled place"] += 1
    return out
