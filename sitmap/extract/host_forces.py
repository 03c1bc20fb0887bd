"""The side hit when a strike's target is the host country's army, named without its nationality, or
the area's ground is held by one movement (northern Yemen's Houthis).

Reports name the host's institutions bare: "Israeli strikes on the army headquarters in Damascus", "jets hit
the defence ministry". The side hit is then the forces of the country the event is placed in, unless they
are the ones acting (a government shelling "army positions" of someone else) or the words name another force.
"""

from __future__ import annotations

import re

from sitmap.extract.actors import find_actors
from sitmap.extract.candidate import Candidate, Evidence
from sitmap.reference.countries import COUNTRIES
from sitmap.reference.held_areas import holder

_ARMY_TARGET = re.compile(
    r"\b(?:(?:army|military)\s+(?:headquarters|command|bases?|barracks|positions?|posts?|sites?|depots?|"
    r"academy|airports?)|(?:defen[cs]e|interior)\s+ministry|general\s+staff)\b",
    re.I,
)
_STRIKES = {"airstrike", "drone_attack", "missile_strike", "shelling"}
# "…, killing three SDF fighters": the clause names whose positions they were (another force, not the host)
_CASUALTIES = re.compile(
    r"\b(?:killing|killed|wounding|wounded|injuring|injured)\s+(?:[\w-]+\s+){0,3}?$", re.IGNORECASE
)
# Where a movement holds the ground a foreign force strikes (`reference.held_areas`, per admin-1 area), the
# side hit is that movement, whether a report names them or not, unless the words name another target
# a target named another (ISIS, al-Qaeda and AQAP are also actors of `find_actors`: the side hit named)
_OTHER_TARGET = re.compile(r"\b(?:al[- ]Qa(?:eda|['’]?ida)|AQAP|militants?|jihadists?)\b", re.I)
_REACH = 60  # characters after the trigger's start: "struck the army headquarters", not a later clause


def add_host_forces(cand: Candidate, clause: str, trigger_end: int) -> bool:
    """Add the host country's forces as the side hit when `clause` (from the trigger on; the trigger's words
    end at `trigger_end`) names its army's site bare; returns whether they were added."""
    if cand.event_type not in _STRIKES or cand.country not in COUNTRIES:
        return False
    held = holder(cand.country, cand.admin1)
    if held is not None and cand.actors and held not in cand.actors and len(cand.actors) == 1:
        target = clause[trigger_end:_REACH]
        named = _OTHER_TARGET.search(target) or any(held not in a.names for a in find_actors(target))
        if not named:  # "hit a car carrying al-Qaeda fighters": the target is named, not the holder
            why = f"a strike in {cand.admin1}, {cand.country} → {held} (other side: who holds the ground)"
            return _add(cand, held, why)
    m = _ARMY_TARGET.search(clause, 0, _REACH)
    target = clause[max(trigger_end, m.start() - 25) if m else 0 : m.end() if m else 0]
    if m is None or find_actors(target):  # "Hezbollah positions", "Israeli army posts": not bare
        return False
    rest = clause[m.end() :]
    if any(a.actor is not None and _CASUALTIES.search(rest[: a.start]) for a in find_actors(rest)):
        return False
    demonyms = COUNTRIES[cand.country][1]
    host = [n for d in demonyms[:1] for a in find_actors(f"{d} army") for n in a.names]
    if not host or host[0] in cand.actors:
        return False
    why = f"{m.group(0)!r} in {cand.country} → {host[0]} (other side: the host's forces)"
    return _add(cand, host[0], why)


def _add(cand: Candidate, side: str, why: str) -> bool:
    cand.actors = [*cand.actors, side]
    before = cand.evidence.get("actors")
    cand.evidence["actors"] = Evidence(
        cand.actors, "; ".join(x for x in (before and before.reason, why) if x), 0.7
    )
    return True
