"""Event types (from trigger words) and claim status in report sentences (actors: `sitmap.extract.actors`).

The triggers are the verbs and nouns daily conflict reports use ("raided", "patrolled", "struck",
"shelled", "clashed"), each mapped to a key of `sitmap.vocabulary.EVENT_TYPES`. "Struck" and "strikes"
become a drone attack, missile strike or shelling when the clause says drones, missiles or artillery,
and an attack on shipping when the target is a vessel; otherwise an airstrike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitmap.extract.place_words import GOODS, PEOPLE
from sitmap.extract.told_triggers import described, without_intercepted
from sitmap.extract.trigger_words import AIR_FORCE, CLOSE_TO, LAUNCHED, VESSEL, VICTIMS, VOLLEY, WEAPON
from sitmap.vocabulary import EVENT_TYPES

_F = re.IGNORECASE
# (event type, pattern, confidence). Earlier entries win where matches overlap.
TRIGGERS: tuple[tuple[str, re.Pattern, float], ...] = tuple(
    (key, re.compile(rx, flags), conf)
    for key, rx, flags, conf in (
        (
            "attack_on_shipping",
            r"\b(?:attack(?:ed|s|ing)?|target(?:ed|ing)|struck|hit|fired (?:on|at)|seized|hijacked)\s+"
            r"(?:on\s+|at\s+)?(?:an?\s+|the\s+|one\s+|another\s+|two\s+|three\s+|several\s+)?"
            r"(?:\w+[- ]flagged\s+)?(?:commercial\s+|merchant\s+|cargo\s+|container\s+|oil\s+|US\s+)?"
            + VESSEL
            + r"|\b"  # the passive: "a vessel sailing through the Red Sea was hit by a projectile"
            + VESSEL
            + r"\b[^.;]{0,60}?\b(?:was|were|had\s+been|has\s+been)\s+(?:also\s+)?"
            r"(?:hit|struck|targeted|attacked)\b"
            # a maritime agency's incident: "an explosion in the vicinity of the vessel", "two missiles near
            # the ship", "an explosion a distance from the vessel"
            r"|\b(?:explosions?|blasts?|missiles?|projectiles?)['’\"]?\s+(?:[\w\"-]+\s+){0,2}?"
            + CLOSE_TO
            + r"(?:the|a|its)\s+(?:merchant\s+|commercial\s+|cargo\s+)?"
            + VESSEL
            + r"\b"
            # "a vessel reported an explosion at a distance from it"
            r"|\b"
            + VESSEL
            + r"\s+reported\s+(?:an?\s+|two\s+)?(?:explosions?|blasts?)\s+"
            + CLOSE_TO
            + r"it\b"
            # a maritime agency's incident placed at sea: "a report of an incident 40 nautical miles west of",
            # "an incident which took place approximately 50 nautical miles west of"
            r"|\bincidents?\s+(?:(?:which|that)\s+(?:took\s+place|occurred|happened)\s+)?"
            r"(?:about\s+|around\s+|some\s+|approximately\s+|roughly\s+)?\d+(?:\.\d+)?\s*(?:nautical\s+miles?|nm)\b",
            _F,
            0.85,
        ),
        (
            "weapons_test",
            r"\btest[- ]?(?:fired|fires|firing|launch(?:ed|es|ing)?)\b"
            r"|\b(?:missile|weapons?|rocket)\s+tests?\b"
            r"|\btested\s+(?:an?\s+|the\s+|its\s+)?(?:\w+\s+){0,2}(?:missiles?|rockets?|drones?|weapons?)\b",
            _F,
            0.85,
        ),
        (
            "interception",  # ACLED's disrupted weapons use: a weapon brought down, not the attack it was
            r"\b(?:intercept(?:ed|ing|s)\b|shot\s+down|shoot(?:s|ing)?\s+down|downed|brought\s+down"
            # a verb of the defences ("air defences engaged"), not a noun after them ("the engagement radar")
            r"|air\s+defen[cs]es?\b[^.;]{0,40}?\b(?:confront(?:ed|ing|s)?|engag(?:ed|ing|es|e)"
            r"|intercept(?:ed|ing|s)?|activat(?:ed|ing|es|e)|target(?:ed|ing))\b"
            # the weapon as subject ("drones flying toward the base were destroyed"), not a clause before
            # ("a drone strike hit a car and two vehicles were destroyed")
            r"|(?:drones?|UAVs?|missiles?|rockets?|projectiles?)(?:(?:\s+(?!and\b)[\w-]+){0,2}|,?\s+(?:\w+ing|\w+ed|sent)"
            r"\b(?:(?!\b(?:and|but|which|where|when|after)\b)[^.;]){0,100}?,?)\s+(?:was|were)\s+(?:\w+\s+)?"
            r"(?:destroyed|neutrali[sz]ed)\b)",
            _F,
            0.8,
        ),
        (
            "attack_on_civilians",  # ACLED violence against civilians: the victims decide, not the weapon
            r"\b(?:shot|executed|stabbed)\s+(?:dead\s+)?(?:at\s+them\s+and\s+hit\s+)?"
            r"(?:(?:a|an|one|two|three|four|five|several|\d+)\s+)?(?:young\s+|elderly\s+|local\s+)?"
            rf"{VICTIMS}\b(?:\s+dead)?"
            r"|\bopened\s+fire\s+on\s+(?:the\s+)?(?:protesters|demonstrators|residents|civilians|villagers|crowds?)"
            r"|\bsummary\s+executions?\b"
            # gunmen who kill or shoot someone: "a grocer killed by masked gunmen", "gunmen shot ... a driver"
            r"|\b(?:killed|shot(?:\s+dead)?|murdered|assassinated)\s+(?:on\s+\w+\s+)?by\s+(?:[\w-]+\s+){0,2}?"
            r"(?:gunmen|assailants)\b"
            r"|\b(?:gunmen|assailants)\s+(?:\w+\s+){0,2}?(?:shot|killed|murdered|assassinated|targeted)\b",
            _F,
            0.75,
        ),
        ("abduction", r"\b(?:abduct(?:ed|ing)|kidnapp?(?:ed|ing)|forcibly\s+disappeared)\b", _F, 0.8),
        ("airdrop", r"\bair[- ]?drop(?:s|ped|ping)?\b|\bparachuted\b", _F, 0.8),
        (
            "weapons_development",
            r"\b(?:unveil(?:ed|s|ing)|produc(?:ed|es|ing|tion\s+of)|manufactur(?:ed|es|ing)|develop(?:ed|s|ing"
            r"|ment\s+of))\s+(?:an?\s+|the\s+|its\s+|new\s+)*(?:[\w-]+\s+){0,2}"
            r"(?:missiles?|drones?|UAVs?|weapons?|rockets?|warheads?|centrifuges?)\b",
            _F,
            0.75,
        ),
        (
            "armed_clash",  # "attacked an army patrol": the patrol is the target, the event a clash
            r"\b(?:attack(?:ed|s|ing)?|ambush(?:ed|es|ing)?|target(?:ed|ing)?|fired\s+(?:on|at))\s+"
            r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:patrols?|convoys?|checkpoints?)\b",
            _F,
            0.8,
        ),
        (
            "drone_attack",
            r"\b(?:drone\s+(?:strikes?|attacks?)|(?:attack|suicide|one-way(?:\s+attack)?|kamikaze)\s+drones?"
            r"|UAV\s+(?:strikes?|attacks?)|(?:attacked|targeted|struck|hit)\s[^.;]{0,40}?\bwith\s+"
            r"(?:an?\s+|two\s+|several\s+)?" + VOLLEY + r"(?:attack\s+|explosive\s+)?drones?"
            r"|(?:launched|fired|sent|flew)\s+(?:[\w-]+\s+){0,3}?drones?\s+(?:at|on|toward|towards|against|into)"
            r"|(?:drones?|UAVs?)\s+(?:hit|struck|targeted|attacked|bombed|fired\s+(?:\w+\s+){0,2}?(?:at|on))"
            # "a drone sent by the militia struck the port"
            r"|(?:drones?|UAVs?)\s+(?:launched|sent|fired|flown)\s+(?:from|by)\s+(?:[\w'-]+\s+){1,4}?(?:hit|struck)"
            # explosive drones that "fell in" a site (the attacks on Kurdistan's oil fields); a site "hit by a
            # drone" is left to the strike rules (an armed UAV's strike is an airstrike)
            r"|(?:drones?|UAVs?)\s+(?:fell|exploded)\s+(?:in|on|at|inside|into)\b)",
            _F,
            0.85,
        ),
        (
            "missile_strike",
            r"\b(?:missile\s+(?:strikes?|attacks?)|(?:fired|launched)\s[^.;]{0,40}?\b(?:missiles?|rockets?)"
            r"|rocket\s+(?:attacks?|fire)"
            # the projectiles as the subject: "rockets were fired by X at Y", "missiles fired toward Y",
            # "three missile launches were detected near Y" (a count before it counts projectiles, not events)
            r"|(?:missiles?|rockets?|projectiles?)(?:\s+launch(?:es)?)?\s+"
            + LAUNCHED
            # the weapon as instrument: "targeted a post ... with rockets", "hit X with a salvo of missiles"
            + r"|(?:targeted|attacked|struck|hit)\s[^.;]{0,60}?\bwith\s+(?:an?\s+)?"
            + VOLLEY
            + r"(?:\w+\s+){0,2}?(?:missiles?|rockets?)\b)",
            _F,
            0.85,
        ),
        (
            "missile_strike",  # fire on troops claimed without a weapon: "said it targeted Israeli soldiers"
            r"\btarget(?:ed|ing)\s+(?:an?\s+|the\s+)?(?:gatherings?\s+of\s+)?(?:[\w'-]+\s+){0,2}?"
            r"(?:soldiers|troops)\b",
            _F,
            0.7,
        ),
        (
            "arms_transfer",
            r"(?<![-\w])(?:(?:ship(?:ped|ping|s)?|deliver(?:ed|ing|s)?|suppl(?:ied|ying|ies)|transferr?(?:ed|ing)?|"
            r"smuggl(?:ed|ing)|sen[dt](?:ing)?)\b[^.;]{0,40}?\b" + WEAPON + r"\b|\barms\s+(?:shipments?|"
            r"transfers?|deliveries|smuggling)|\bweapons\s+(?:shipments?|smuggling|transfers?))",
            _F,
            0.8,
        ),
        (
            "shelling",
            # the shells as the subject: "mortar shells fired toward Y"
            r"\b(?:(?:mortar|artillery|tank)\s+(?:shells?|rounds?)\s+" + LAUNCHED + r"|"
            r"shell(?:ed|ing|s)|artillery\s+(?:fire|strikes?|shells?|barrages?)|mortar(?:ed|\s+fire|"
            r"\s+rounds|\s+shells|\s+attacks?)?"
            # a gun as the subject, or its one round: "Israeli artillery on Monday targeted the outskirts of
            # X", "a tank fired a shell at a house" (fire on a place, no force set foot there)
            r"|(?:artillery|tanks?)\s+(?:\w+\s+){0,2}?(?:targeted|hit|struck|pounded|fired\s+(?:at|on|toward|"
            r"towards|into))|(?:fired|lobbed)\s+(?:an?|one)\s+(?:tank\s+|artillery\s+)?shell)\b",
            _F,
            0.9,
        ),
        (
            "protest",
            r"\b(?:protest(?:ed|ing|s|ers)?|demonstrat(?:ed|ing|ions?|ors)|rall(?:ied|ies)|sit-ins?)\b",
            _F,
            0.8,
        ),
        ("raid", r"\b(?:(?<!\bair\s)raid(?:ed|s|ing)?|storm(?:ed|ing)|arrest\s+campaign)\b", _F, 0.9),
        (
            "arrest",
            r"\b(?:arrest(?:ed|s|ing)?|detain(?:ed|s|ing)|apprehend(?:ed|s|ing)|took\s+(?:[\w-]+\s+){0,4}?into\s+custody"
            r"|seiz(?:e|ed|ing)\s+(?:[\w-]+\s+){0,2}?(?:men|members|people|residents|suspects|persons|youths?)"
            # people "held" (talks, rallies and truces are held too: the people named before it decide), and
            # "the detention occurred near X"
            r"|" + PEOPLE + r"(?:\s+[\w-]+){0,3}?\s+(?:was|were|had\s+been|have\s+been|being)\s+"
            r"(?:(?!not\b|never\b)\w+\s+)?held(?!\s+(?:talks|a|an|the|its|their)\b)"
            r"|held\s+(?:[\w-]+\s+){0,3}?(?:for\s+(?:questioning|interrogation)|in\s+(?:custody|detention))"
            r"|(?:detention|arrest)s?\s+(?:\w+\s+)?(?:occurred|took\s+place|happened|was\s+made))\b",
            _F,
            0.8,
        ),
        (
            "property_destruction",
            r"\b(?:bulldoz(?:ed|ing)|demolish(?:ed|ing)|raz(?:ed|ing)|blew\s+up\s+(?:\w+\s+){0,2}"
            r"(?:houses?|homes?|buildings?))\b",
            _F,
            0.75,
        ),
        (
            "base_established",
            # a checkpoint set up is a position held, not a raid (ACLED: headquarters or base established)
            r"\b(?:establish(?:ed|ing)|set(?:ting)?\s+up|erect(?:ed|ing)|put(?:ting)?\s+up|buil[td]|built)\s+"
            r"(?:an?\s+|new\s+|two\s+|three\s+|several\s+|another\s+)*(?:(?:military|temporary|road|army)\s+)?"
            r"(?:positions?|outposts?|bases?|posts?|checkpoints?)\b"
            r"|\bcheckpoints?\s+(?:(?:was|were|has\s+been|had\s+been)\s+)?(?:set\s+up|built|erected|established)\b"
            # fortification works: "digging trenches along the frontier", "a construction project" on a line
            r"|\b(?:dig(?:s|ging)?|dug|buil[td]|building|construct(?:ed|ing|ion\s+of))\s+(?:[\w-]+\s+){0,2}?"
            r"(?:trenches|ditches|berms|earth\s+mounds|embankments|fortifications)\b"
            r"|\bconstruction\s+(?:project|works?)\b|\bengineering\s+(?:works|activities|groundwork)\b",
            _F,
            0.75,
        ),
        ("patrol", r"\bpatroll?(?:ed|s|ing)?\b", _F, 0.9),
        (
            "airstrike",
            r"\b(?:air\s?strikes?|air\s+raids?|air\s+(?:attacks?|assaults?)|bomb(?:ed|ing|ings)\b|struck|"
            r"warplanes?|"
            r"(?:hit|attacked|pounded|targeted|struck)\s+(?:[\w-]+\s+){0,4}?from\s+the\s+air|"
            r"(?:fighter\s+)?jets\s+(?:hit|struck|bombed|targeted|attacked|pounded)|"
            # a force's (or two forces') strike, noun or headline verb: "US and British strike radar sites"
            rf"\b{AIR_FORCE}\s+(?:and\s+{AIR_FORCE}\s+)?(?:air\s+)?strikes?\b|"
            r"(?:Israeli|US|American|coalition)\s+attacks?\s+on|"
            r"strikes?\s+(?:also\s+)?(?:on|against|targeting|targeted|hit|destroyed|killed)|"
            # the attack as the subject of agency copy: "the attack hit a truck near ..."
            r"\b(?:attacks?|bombardments?)\s+(?:targeted|hit|struck)\b|"
            # a military base as the target: "claimed it targeted the Harir air base"
            r"(?:targeted|attacked|struck|hit)\s+(?:the\s+|an?\s+)?[\"“]?(?:[\w'-]+\s+){0,4}?"
            r"(?:air\s?bases?|airbases?|military\s+bases?|missile\s+bases?)\b|"
            # the passive naming what struck: "the port was hit by Israeli jets"
            r"(?:was|were)\s+(?:also\s+)?(?:hit|struck|targeted|bombed)\s+by\s+(?:an?\s+|the\s+)?"
            r"(?:[\w-]+\s+){0,2}?(?:jets?|warplanes?|aircraft|air\s?strikes?)\b|"
            # the passive, said of a vehicle a strike hits: "the car was hit" (of sites or buildings it
            # proposed as many wrong events as right ones on the held-out passages)
            r"(?:cars?|vehicles?|motorcycles?|motorbikes?|vans?|trucks?)\b[^.;]{0,60}?\b"
            r"(?:was|were)\s+(?:also\s+)?(?:hit|struck|targeted|bombed)\b)",
            _F,
            0.8,
        ),
        (
            "ground_incursion",
            r"\b(?:incursions?|ground\s+(?:operations?|advances?|assaults?|offensives?)|"
            r"advanced\s+(?:into|toward|towards|on)|push(?:ed|ing)\s+into|entered|captured|"
            # "seized a town", not "seized Captagon pills" or "seized hashish": goods seized are no incursion
            r"seized(?!\s+(?:[\w-]+\s+){0,3}?" + GOODS + r"\b)|"
            # "occupied" as a verb: "the occupied Golan", "from occupied territory", "Israeli-occupied"
            # name a territory, no incursion
            r"(?<!-)(?<!\bthe\s)(?<!\bfrom\s)(?<!\bin\s)(?<!\binto\s)occupied|"
            # "moved into X", "(seen to) move over the ceasefire line into the buffer zone"
            r"(?:went|gone|move|moved|drove|burst|broke|crossed)\s+(?:(?:over|across)\s+(?:the\s+)?"
            r"(?:[\w-]+\s+){0,2}?(?:line|border|fence)\s+)?into|"
            # "(seen to) cross the ceasefire line into the area of separation": the bare verb with the line
            # crossed ("smugglers trying to cross into Jordan" is no incursion; "the crossing into" a noun)
            r"(?<!\bthe\s)(?<!\ba\s)cross(?:ing)?\s+(?:over\s+|across\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?"
            r"(?:line|border|fence)\s+into|"
            # "(seen) entering the demilitarised zone", not "the war entering its second year"
            r"entering\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:zone|area|village|town|city|territory|camp))\b",
            _F,
            0.75,
        ),
        (
            "armed_clash",
            r"\b(?:clash(?:ed|es)?|exchanged\s+fire|firefights?|fought|gun\s?battles?|ambush(?:ed|es)?|"
            r"attacked\s[^.;]{0,30}?\b(?:forces|troops|soldiers|fighters|positions?|sites|posts|barracks)"
            r"|fighting\s+(?:had\s+|has\s+)?(?:broke?n?\s+out|erupted|raged|resumed|flared|beg[au]n|started|went\s+on|continued)"
            r"|(?:fresh|fierce|heavy|intense|renewed)\s+fighting|(?<!\bthe\s)fighting\s+(?:with|between)"
            r"|fired\s+on\s+(?:the\s+)?(?:guards|soldiers|troops|forces|border\s+guards))\b",
            _F,
            0.8,
        ),
        (
            "deployment",
            r"\b(?:deploy(?:ed|s|ing|ment)|redeploy(?:ed|ment)|reinforcements?|reinforced|"
            r"sent\s+(?:troops|forces)|mobiliz(?:ed|ation))\b",
            _F,
            0.75,
        ),
        (
            "visit_meeting",
            r"\b(?:visit(?:ed|s)?|met\s+with|(?:held|attended|chaired)\s+(?:a\s+|the\s+)?meetings?|held\s+talks|hosted)\b",
            _F,
            0.7,
        ),
        ("agreement", r"\b(?:signed|agreements?|accord|memorandum\s+of\s+understanding)\b", _F, 0.75),
    )
)
assert all(key in EVENT_TYPES for key, _, _ in TRIGGERS)  # noqa: S101 - a vocabulary typo is a bug

_REFINE = (  # what "struck"/"strikes" becomes given other words in the clause
    ("drone_attack", re.compile(r"\b(?:drones?|UAVs?)\b", _F)),
    ("missile_strike", re.compile(r"\b(?:missiles?|rockets?)\b", _F)),
    ("shelling", re.compile(r"\b(?:artillery|mortars?)\b", _F)),
)
# "struck", "strikes", "the strike targeted", "the attack hit", "targeted the ... airbase": the clause's
# weapon words decide between an air strike, a drone attack, a missile strike and shelling
_AIR_VERBS = re.compile(
    r"^(?:struck|strikes?|.*\bstrikes?|(?:strikes?|attacks?)\s+\w+|(?:targeted|attacked|struck|hit)\s.*bases?)$",
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
        if t.event_type == "drone_attack" and _UAV_TARGET.match(text, t.start):
            t = Trigger(t.start, t.end, t.text, "airstrike", t.confidence, f"{t.reason}; {_UAV_WHY}")
        if merged and merged[-1].event_type == t.event_type and ";" not in text[merged[-1].end : t.start]:
            continue  # "signed ... an agreement", "attacked ... the engagement": one event
        merged.append(t)
    return merged


# A drone that hits a vehicle is an armed UAV firing its munitions (a one-way attack drone is aimed at
# fixed sites: bases, airports, ships, towns): the labels' and ACLED's air/drone strike, an airstrike
_UAV_TARGET = re.compile(
    r"[^.;]{0,60}?\b(?:cars?|vehicles?|motorbikes?|motorcycles?|pickups?|trucks?|vans?)\b", _F
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
