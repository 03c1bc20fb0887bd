"""Event types (from trigger words) and claim status in report sentences (actors: `sitmap.extract.actors`).

The triggers are the verbs and nouns daily conflict reports use ("raided", "patrolled", "struck",
"shelled", "clashed"), each mapped to a key of `sitmap.vocabulary.EVENT_TYPES` (the table:
`trigger_table`). "Struck" and "strikes" become a drone attack, missile strike or shelling when the
clause says drones, missiles or artillery, and an attack on shipping when the target is a vessel;
otherwise an airstrike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitmap.extract.told_triggers import described, without_intercepted
from sitmap.extract.trigger_table import TRIGGERS
from sitmap.extract.trigger_words import STATEMENT_BREAK, VICTIMS

_F = re.IGNORECASE

_REFINE = (  # what "struck"/"strikes" becomes given other words in the clause
    ("drone_attack", re.compile(r"\b(?:drones?|UAVs?)\b", _F)),
    ("missile_strike", re.compile(r"\b(?:missiles?|rockets?)\b", _F)),
    ("shelling", re.compile(r"\b(?:artillery|mortars?)\b", _F)),
)
# "struck", "strikes", "the strike targeted", "the attack hit", "targeted the ... airbase": the clause's
# weapon words decide between an air strike, a drone attack, a missile strike and shelling
_AIR_VERBS = re.compile(
    r"^(?:struck|strikes?|.*\bstrikes?|(?:strikes?|attacks?)\s+\w+|(?:targeted|attacked|struck|hit)\s.*bases?"
    r"|bombard\w*(?:\s+of)?)$",
    _F,
)


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    text: str
    event_type: str
    confidence: float
    reason: str
    outcome: bool = False  # a death told without the attack: an event only at a place its clause names


# Civilians killed, the attack untold: "two shepherds were killed near X", "a man was found shot dead in Y".
# Violence against civilians (the perpetrator may be unknown), but only in a sentence telling no event of its
# own (else the deaths are that strike's or raid's outcome). "The bodies of shepherds killed by Israeli fire",
# a participle, took the place and subject of the clause around it (a dateline's city, the army that found
# them) in a real AFP lede: left out.
_KILLED = re.compile(
    rf"\b{VICTIMS}\s+((?:was|were)\s+(?:found\s+(?:shot\s+)?dead|(?:found\s+)?(?:shot\s+(?:dead|and\s+killed)"
    r"|killed|murdered)))\b",
    _F,
)


def find_triggers(text: str) -> list[Trigger]:
    """Event-type triggers in a sentence, in order, non-overlapping; same-type neighbours merged."""
    taken: list[tuple[int, int]] = []
    found: list[Trigger] = []
    for key, pattern, conf in TRIGGERS:
        for m in pattern.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken) or described(text, key, m):
                continue
            taken.append((m.start(), m.end()))
            found.append(Trigger(m.start(), m.end(), m.group(0), key, conf, f"{m.group(0)!r} → {key}"))
    if not found and (k := _KILLED.search(text)):
        why = f"{k.group(0)!r}: civilians killed, no attack told → attack_on_civilians"
        found.append(Trigger(k.start(1), k.end(1), k.group(1), "attack_on_civilians", 0.6, why, outcome=True))
    found.sort(key=lambda t: t.start)
    found = without_intercepted(text, found)
    merged: list[Trigger] = []
    for t in found:
        if t.event_type == "airstrike" and _AIR_VERBS.match(t.text):
            t = _refine_strike(text, t)
        elif t.event_type == "airstrike" and _PASSIVE.search(t.text):
            t = _refine_passive(text, t)
        if t.event_type == "missile_strike" and _AIRCRAFT.search(_clause_lead(text, t.start)):
            t = Trigger(t.start, t.end, t.text, "airstrike", t.confidence, f"{t.reason}; {_AIRCRAFT_WHY}")
        if t.event_type == "drone_attack" and (
            _UAV_TARGET.match(text, t.start)
            or _UAV_TARGET_BEFORE.search(text[max(0, t.start - 80) : t.start])
        ):
            t = Trigger(t.start, t.end, t.text, "airstrike", t.confidence, f"{t.reason}; {_UAV_WHY}")
        if (
            merged
            and merged[-1].event_type == t.event_type
            and not re.search(STATEMENT_BREAK, text[merged[-1].end : t.start], re.IGNORECASE)
        ):
            continue  # "signed ... an agreement", "attacked ... the engagement": one event
        merged.append(t)
    return merged


# A drone that hits a vehicle is an armed UAV firing its munitions (a one-way attack drone is aimed at
# fixed sites: bases, airports, ships, towns): the labels' and ACLED's air/drone strike, an airstrike
_UAV_TARGET = re.compile(
    r"[^.;]{0,60}?\b(?:cars?|vehicles?|motorbikes?|motorcycles?|pickups?|trucks?|vans?)\b", _F
)
# the vehicle told first: "riding a motorbike ... were killed in a drone strike", "was in a van when the
# drone attack occurred" (in the same sentence, no clause break)
_UAV_TARGET_BEFORE = re.compile(
    r"\b(?:cars?|vehicles?|motorbikes?|motorcycles?|pickups?|trucks?|vans?)\b[^.;]*$", _F
)
_UAV_WHY = "a drone that hits a vehicle is an armed UAV's strike → airstrike"
_PASSIVE = re.compile(r"\b(?:was|were)\s+(?:also\s+)?(?:hit|struck|targeted|bombed)$", _F)
_BY_WEAPON = (
    ("drone_attack", re.compile(r"\s+by\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:drones?|UAVs?)\b", _F)),
    (
        "missile_strike",
        re.compile(r"\s+by\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:missiles?|rockets?|projectiles?)\b", _F),
    ),
    ("shelling", re.compile(r"\s+by\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:shells?|artillery|mortars?)\b", _F)),
)


def _refine_passive(text: str, t: Trigger) -> Trigger:
    """ "the car was hit by a drone": the weapon after "by" names the type; without one, an air strike."""
    for key, pattern in _BY_WEAPON:
        if pattern.match(text, t.end):
            return Trigger(t.start, t.end, t.text, key, 0.7, f"{t.text!r} by a weapon named after it → {key}")
    return Trigger(
        t.start, t.end, t.text, "airstrike", 0.65, f"{t.text!r}: something hit, no weapon named → airstrike"
    )


def _clause_lead(text: str, start: int) -> str:
    """The words before a verb at `start`, back to its clause's start: its subject."""
    return re.split(r"[,;]|\b(?:after|when|before|while|as|and)\b", text[max(0, start - 50) : start])[-1]


# Missiles or rockets fired by an aircraft: ACLED's air/drone strike, not a missile strike
_AIRCRAFT = re.compile(
    r"\b(?:warplanes?|(?:fighter\s+)?jets?|aircraft|helicopters?|gunships?|bombers?)\b", _F
)
_AIRCRAFT_WHY = "fired from an aircraft → airstrike"


def _refine_strike(text: str, t: Trigger) -> Trigger:
    """The weapon as instrument: "drones struck", "struck ... with missiles" (not "struck missile sites")."""
    before = re.findall(r"\w+", _clause_lead(text, t.start))
    # "with a drone that hit": any of the three words after "with" (not only the third)
    after = re.match(r"[^.;]{0,90}?\bwith\s+((?:\w+\s+){0,2}\w+)", text[t.end :])
    for word in [*before, *(after.group(1).split() if after else [])]:
        for key, pattern in _REFINE:
            if word and pattern.fullmatch(word):
                return Trigger(t.start, t.end, t.text, key, 0.75, f"{t.text!r} with {word!r} → {key}")
    return t


_CLAIMED = re.compile(r"\bclaim(?:ed|s)?\b|\baccording to (?:the )?(?:Houthis?|IRGC|Hezbollah|Hamas)\b", _F)
_ASSESSED = re.compile(r"\b(?:CTP-ISW|ISW|CTP)\s+assess(?:es|ed)?\b|\blikely\b|\bmay have\b|\bprobably\b", _F)


def claim_status_for(sentence: str) -> tuple[str, str]:
    """How the report holds the event: claimed by a party, assessed by the analyst, or reported."""
    if m := _CLAIMED.search(sentence):
        return "claimed", f"{m.group(0)!r}: a party's claim"
    if m := _ASSESSED.search(sentence):
        return "assessed", f"{m.group(0)!r}: the analyst's assessment"
    return "reported", "stated as reported fact"
