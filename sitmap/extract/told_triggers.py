"""Trigger words that tell no event of their own: ground described by who holds it, part of a salvo
intercepted, the weapon named before its interception (`sitmap.extract.types.find_triggers`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitmap.actors import ACTORS, FORCE_NOUNS

if TYPE_CHECKING:
    from sitmap.extract.types import Trigger

# Ground held, described rather than told: "an area patrolled by UNIFIL", "the village captured by the
# tribes", "territory occupied by Israel since 1967", "the occupied town of Safed" (not "the town was
# captured by", nor the verb with its object: "fighters captured villages west of X").
_HOLDING = re.compile(r"(?:patrolled|captured|seized|occupied)$", re.IGNORECASE)
_HELD_BY = re.compile(r"\s+(?:by|since)\b", re.IGNORECASE)
_HELD_PLACE = re.compile(
    r"\s+(?:towns?|city|cities|villages?|territor\w*|lands?|areas?|settlements?)\b", re.IGNORECASE
)
# The participle used attributively, before its noun: "the occupied town", "an illegally occupied area",
# "the Israeli-occupied village", "Israel's occupied lands"
_ATTRIBUTIVE = re.compile(
    r"(?:\b(?:the|an?|its|their|this|that)\s+(?:\w+(?:ern|ly)\s+)?|[\w’']+['’]s\s+|\w-)$", re.IGNORECASE
)
_TOLD = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


# The fate of an attack told with it: "most of the rockets were intercepted, the rest fell", "a missile set
# off sirens before it was shot down", "they have fallen short or been intercepted" (the attack is the event)
_PART_OF = re.compile(
    r"\b(?:(?:some|most|majority|many|several|part|all\s+but\s+\w+)\s+of\s+(?:them|the\s+[\w-]+)"
    r"|(?:before|until|but|though|although)\s+(?:it|they|both|all)|\bor)\s+"
    r"(?:(?:was|were|had\s+been|have\s+been|been)\s+)?$",
    re.IGNORECASE,
)
# What an active "intercepted", "shot down" brings down: a weapon or an aircraft ("intercepted smuggling
# attempts" stopped smugglers, no weapon)
_AIRBORNE = re.compile(
    r"[^.;]{0,40}?\b(?:drones?|UAVs?|missiles?|rockets?|projectiles?|aircraft|planes?|jets?|helicopters?"
    r"|targets?|Hermes|MQ-9|Reapers?)\b",
    re.IGNORECASE,
)
_PASSIVE = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?$", re.IGNORECASE)


# A crossing or an entry told with the bare verb ("seen to cross the border into", "seen entering the area")
# is a force's incursion only when a force is its subject: refugees, families, an aid convoy, a storm make
# none. A force: its bare name ("troops", "tanks") or a demonym before one of the table's force nouns
# ("Israeli convoy", "Syrian army units").
_BARE_FORCES = (
    "forces", "troops", "soldiers", "army", "military", "tanks?", "bulldozers?", "infantry", "units?",
    "patrols?", "fighters", "gunmen", "militants", "militias?", "armou?red\\s+vehicles?",
)  # fmt: skip
_DEMONYMS = sorted({d for a in ACTORS for d in a.demonyms}, key=len, reverse=True)
_FORCE = re.compile(
    r"\b(?:" + "|".join(_BARE_FORCES) + r")\b|\b(?-i:" + "|".join(map(re.escape, _DEMONYMS)) + r")\s+"
    r"(?:[a-z][\w-]*\s+)?(?:" + "|".join(n.replace(" ", r"\s+") for n in FORCE_NOUNS) + r")\b",
    re.IGNORECASE,
)
# or a force or group by its name ("UNDOF", "Hezbollah", "the IDF"), as written
_NAMED = re.compile(
    r"\b(?:"
    + "|".join(map(re.escape, sorted({n for a in ACTORS if a.kind in ("force", "group") for n in a.aliases})))
    + r")\b"
)
_BARE_MOVE = re.compile(r"(?:cross|crossing|entering)\b", re.IGNORECASE)  # not "crossed into": told
# "an incident 40 nautical miles west of X" is a maritime agency's formula: an attack only with the agency
# (or the vessel's report) or a hostile word in the sentence, not a coast guard's rescue or a firm's denial
_AT_SEA_SOURCE = re.compile(
    r"\b(?:UKMTO|United\s+Kingdom\s+Maritime\s+Trade\s+Operations|maritime\s+security|Ambrey"
    r"|(?:vessel|ship|master|captain|crew)s?\s+(?:had\s+|has\s+)?reported|report\s+of\s+an\s+incident"
    r"|missiles?|projectiles?|rockets?|drones?|explosions?|blasts?|approach(?:ed|ing)?|attack(?:ed|s)?"
    r"|fired|hit|struck|boarded)\b",
    re.IGNORECASE,
)


def _clause_subject(text: str, start: int) -> str:
    """The words before a verb at `start`, back to its clause's start (a comma, a conjunction; not "and",
    which joins subjects: "an Israeli tank and excavators cross the line")."""
    return re.split(r"[,;]|\b(?:after|when|before|while|as|but)\b", text[max(0, start - 90) : start])[-1]


def described(text: str, key: str, m: re.Match) -> bool:
    if key == "ground_incursion" and _BARE_MOVE.match(m.group(0)):
        subject = _clause_subject(text, m.start())
        return not _FORCE.search(subject) and not _NAMED.search(subject)
    if key == "attack_on_shipping" and m.group(0).lower().startswith("incident"):
        return not _AT_SEA_SOURCE.search(text)
    if key == "interception":
        active = re.match(r"(?:intercept|shot|shoot|downed|brought)", m.group(0), re.IGNORECASE)
        lead = text[: m.start()]
        if active and not _PASSIVE.search(lead) and not _AIRBORNE.match(text, m.end()):
            return True
        return bool(_PART_OF.search(lead))
    if key not in ("patrol", "ground_incursion") or not _HOLDING.search(m.group(0)):
        return False
    if _HELD_PLACE.match(text, m.end()) and _ATTRIBUTIVE.search(text[: m.start()]):
        return True
    return bool(_HELD_BY.match(text, m.end())) and not _TOLD.search(text[: m.start()])


# "A suicide drone ... was shot down": the weapon named as the subject of its interception is that event, not
# an attack. A trigger telling the launch ("fired drones at") is an attack; so is one with a verb of its own
# or another clause before the interception ("a drone attack hit the port, and a second drone was shot down").
_LAUNCH = re.compile(r"(?:fired|launched|sent|flew|targeted|attacked|struck|hit)\b", re.IGNORECASE)
_OWN_CLAUSE = re.compile(  # an infinitive is no verb of its own: "a drone trying to hit the base"
    r"[,;.]|\b(?:and|but)\b|(?<!\bto\s)\b(?:hit|struck|strikes?|attack\w*|targeted|bombed)\b", re.IGNORECASE
)


# the same subject's second verb: "a drone targeted the port and was shot down"
_AND_PASSIVE = re.compile(r"\band\s+(?:was|were|(?:had|has|have)\s+been)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def _subject_of(text: str, t: Trigger, downed: Trigger) -> bool:
    gap = _AND_PASSIVE.sub("", text[t.end : downed.start])
    return t.start < downed.start and len(gap) <= 80 and not _OWN_CLAUSE.search(gap)


def without_intercepted(text: str, found: list[Trigger]) -> list[Trigger]:
    downed = [t for t in found if t.event_type == "interception"]
    return [
        t
        for t in found
        if not (
            t.event_type in ("drone_attack", "missile_strike")
            and not _LAUNCH.match(t.text)
            and any(_subject_of(text, t, d) for d in downed)
        )
    ]
