"""Who did the event just told, or whom it hit, named by a later sentence that reports no event of its own.

Agency copy tells the strike first and the sides after: "A drone struck a car in X. The army said its target
was a Hezbollah member.", "A missile hit a ship … The Houthis claimed the attack." Such a sentence adds the
side hit to the paragraph's latest event, and who acted when that event names nobody; an actor already named
is never replaced.
"""

from __future__ import annotations

import re

from sitmap.extract.actors import ActorMention, find_actors
from sitmap.extract.candidate import Candidate, Evidence

_EVENT_NOUN = r"(?:attacks?|strikes?|airstrikes?|raids?|assaults?|bombings?|shelling|incident|operation)"
_WORDS = r"(?:[\w-]+\s+)"
# "X claimed (responsibility for) the attack", "X said it (had) carried out the strike", "X said it targeted"
_CLAIMS = re.compile(
    rf"^\s*{_WORDS}{{0,2}}?(?:claimed\s+(?:responsibility\s+for\s+)?(?:the|this|that)\s+{_WORDS}{{0,2}}?"
    rf"{_EVENT_NOUN}\b|said\s+(?:it|they)\s+(?:had\s+)?(?:(?:carried\s+out|conducted)\s+(?:the|this|that)\s+"
    rf"{_WORDS}{{0,2}}?{_EVENT_NOUN}\b|(?:was|were)\s+behind\b|targeted\b|struck\b|hit\b|killed\b))",
    re.I,
)
# "The attack was blamed on X", "the strike is attributed to X"
_BLAMED = re.compile(
    rf"\b(?:the|this|that)\s+{_WORDS}{{0,2}}?{_EVENT_NOUN}\s+(?:was|is|has\s+been)\s+"
    r"(?:blamed\s+on|attributed\s+to)\s+(?:the\s+)?$",
    re.I,
)
# the side hit: "said it targeted a X operative", "claimed that the strike targeted X", "claimed it had
# eliminated a X commander", "its target was two X members", "the dead were X fighters", "killed two men
# whom the army described as X fighters"
_HIT = re.compile(
    r"(?:\b(?:said|claimed|claiming|saying)\s+(?:that\s+)?(?:it|they|(?:the|this|that)\s+"
    rf"{_EVENT_NOUN})\s+(?:had\s+)?(?:targeted|struck|hit|killed|eliminated)"
    r"|\b(?:its|their|the)\s+targets?\s+(?:was|were)"
    r"|\b(?:the\s+(?:dead|victims|men\s+killed)|those\s+killed)\s+(?:was|were)"
    rf"|\b(?:whom|who)\s+{_WORDS}{{0,4}}?(?:claimed|said|described|identified)\s+(?:as|were|was))"
    rf"\s+{_WORDS}{{0,4}}$",
    re.I,
)
# "a separate attack", "another strike", "in retaliation": the sentence tells an event of its own (one the
# extractor may have dropped for want of a place), so its sides are not the last event's
_OTHER_EVENT = re.compile(
    rf"\b(?:(?:separate|another|second|earlier|previous|other)\s+{_WORDS}{{0,2}}?{_EVENT_NOUN}\b"
    r"|in\s+(?:retaliation|response)\b"
    # "has (repeatedly) said it struck …": a habit, not this event; "said it had struck Houthi radar sites":
    # installations in the plural are a strike of its own (the US reply after a Houthi ship attack)
    r"|\b(?:has|have)\s+(?:\w+\s+)?said\b"
    r"|\bsaid\s+(?:it|they)\s+(?:had\s+)?(?:struck|hit|targeted|bombed)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:sites|positions|targets|facilities|depots|launchers|radars|bases)\b)",
    re.I,
)
_ATTACKS = {"airstrike", "drone_attack", "missile_strike", "shelling", "attack_on_shipping", "armed_clash"}
_ATTACKS |= {"attack_on_civilians", "raid", "ground_incursion"}


def add_told_sides(cand: Candidate, sentence: str) -> bool:
    """Add to `cand` the side hit and, when it names nobody acting, who acted, as `sentence` tells them;
    returns whether anything was added."""
    if cand.event_type not in _ATTACKS or _OTHER_EVENT.search(sentence):
        return False
    mentions = [m for m in find_actors(sentence) if m.actor is not None]
    hit = [m for m in mentions if _HIT.search(sentence[max(0, m.start - 60) : m.start])]
    acted = [m for m in mentions if m not in hit and _acted(sentence, m)][:1]
    added: list[tuple[str, str]] = []
    if not cand.actors and acted:
        added += [(n, f"{acted[0].text!r} → {n} (a later sentence: who acted)") for n in acted[0].names]
    if cand.actors or added:  # the side hit comes second: never alone, as if it had acted
        added += [(n, f"{m.text!r} → {n} (a later sentence: the side hit)") for m in hit for n in m.names]
    new = [(n, why) for n, why in dict(added).items() if n not in cand.actors]
    if not new:
        return False
    cand.actors = [*cand.actors, *(n for n, _ in new)]
    before = cand.evidence.get("actors")
    reasons = [before.reason] if before is not None and cand.actors[: -len(new)] else []
    cand.evidence["actors"] = Evidence(cand.actors, "; ".join([*reasons, *(why for _, why in new)]), 0.7)
    return True


def _acted(sentence: str, m: ActorMention) -> bool:
    """`m` claims the event or has it put down to it."""
    return bool(_CLAIMS.match(sentence[m.end :]) or _BLAMED.search(sentence[max(0, m.start - 80) : m.start]))
