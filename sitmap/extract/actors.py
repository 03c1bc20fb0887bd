"""Who did it: the actors of a trigger, from its clause, its sentence and the story told so far.

Names come from the one actor table (`sitmap.actors`): an alias ("IDF", "Ansar Allah"), a demonym before a
forces word ("Israeli soldiers", "a Houthi drone", "American and British warplanes") or a state's forces
("Israel's army"). Actor 1 (ACLED's: the one acting) is the agent of a passive ("struck by an Israeli
drone"), else the nearest force named before the trigger in its clause or sentence; "they", "the troops"
and a sentence that names nobody ("a car was hit in Kafra") continue the story's actor. Actor 2 is the
other side: named just after an attack or clash trigger, or the group whose members it killed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitmap.actors import ACTOR_BY_NAME, ACTORS, Actor
from sitmap.extract.cited import Teller, tellers
from sitmap.extract.types import Trigger, _clause_lead

_W = r"(?<![\w'-])"  # a name starts a word (not "Iran" in "Iran-backed", not "US" in "US-led")
_E = r"(?![\w-])"


def _alias(alias: str) -> str:
    body = r"\s+".join(re.escape(w) for w in alias.split())
    # An acronym is matched as written ("US", not the pronoun "us"); other names in any case.
    return body if re.search(r"[A-Z]{2}", alias) else f"(?i:{body})"


def _nouns(actor: Actor) -> str:
    return "(?i:" + "|".join(n.replace(" ", r"\s+") for n in actor.nouns) + ")"


# one lower-case word between ("Israeli armed drone", "US fighter jets"), or "Arab" ("Bedouin Arab groups")
_MIDDLE = r"(?:(?:[a-z][\w-]*|Arab)\s+)?"


def _state_names(state: str) -> tuple[str, ...]:
    known = ACTOR_BY_NAME.get(state)
    return known.aliases if known is not None else (state,)


def _patterns(actor: Actor) -> list[str]:
    out = [_alias(a) for a in actor.aliases]
    if actor.demonyms:
        dem = "|".join(re.escape(d) for d in actor.demonyms)
        out.append(rf"(?:{dem})\s+{_MIDDLE}{_nouns(actor)}")
    if actor.kind == "group":  # "al-Qaida gunmen": the group's men, not an unidentified group beside it
        # (first: the alternation takes the first that matches, and the bare name matches too)
        names = "|".join(_alias(a) for a in actor.aliases)
        out.insert(0, rf"(?:{names})\s+(?i:gunmen|assailants|armed\s+men)")
    if actor.state:  # "Israel's army", "Jordan's border guards"
        states = "|".join(_alias(s) for s in _state_names(actor.state))
        out.append(rf"(?:{states})['’]s\s+{_MIDDLE}{_nouns(actor)}")
    return out


_PATTERNS: tuple[tuple[re.Pattern, Actor], ...] = tuple(
    (re.compile(rf"{_W}(?:{'|'.join(_patterns(a))}){_E}"), a) for a in ACTORS
)
_FIRST_FORCE = {d: a for a in reversed(ACTORS) if a.kind == "force" for d in a.demonyms}
# (a people's name joined to another, "Druze and Bedouin fighters", is a fight between them, not an alliance)
_ALL_NOUNS = "(?i:" + "|".join(sorted({n.replace(" ", r"\s+") for a in ACTORS for n in a.nouns})) + ")"
_DEMONYMS = "|".join(re.escape(d) for d in sorted(_FIRST_FORCE, key=len, reverse=True))
# "American and British warplanes": the first demonym names a force too.
_COORDINATED = re.compile(
    rf"{_W}({_DEMONYMS})(?:\s*,\s*|\s+and\s+)(?=(?:{_DEMONYMS})\s+{_MIDDLE}{_ALL_NOUNS}{_E})"
)
# "they", "the troops": an actor named earlier, continued.
_ANAPHOR = re.compile(
    rf"{_W}(?:[Tt]hey|(?i:the\s+(?:troops|soldiers|army|forces|military|jets|warplanes|aircraft|unit)"
    r"|troops|soldiers))" + _E
)
_FIRE_SERVICE = re.compile(r"\s+(?:and\s+rescue|brigades?|departments?|services?|fighters|stations?)\b", re.I)
# "the group", "the resistance group", "the Lebanese movement": the group named last, not the story's actor
# (a force may have acted since: "Israeli jets bombed X. The resistance group also fired missiles at Y").
_GROUP_ANAPHOR = re.compile(
    rf"{_W}(?i:the\s+(?:(?:resistance|militant|armed|Lebanese|Shiite|Palestinian|Yemeni|Iraqi|Iran-backed)\s+)"
    r"{0,2}(?:group|movement))" + _E
)
# Who reports is not who acts: "Lebanese army sources said that ...".
_SPEAKER = re.compile(r"\s+(?:sources|officials|spokes(?:man|woman|person)|media|outlets|statement)\b", re.I)
# Munitions named by their maker or supplier: "using American bombs", "with US missiles"
_MUNITION = re.compile(r"\b(?:bombs?|shells?|missiles?|rockets?|munitions)$", re.I)
_SUPPLIED = re.compile(r"\b(?:using|with|made|supplied|provided)\s+(?:(?:an?|the|\w+ly|\d+)\s+)?$", re.I)


@dataclass(frozen=True)
class ActorMention:
    """A name of an actor in a sentence (`actor` None: "they", "the troops", resolved by the story)."""

    start: int
    end: int
    text: str
    actor: Actor | None
    group: bool = False  # "the group": the story's last group, not its actor

    @property
    def names(self) -> tuple[str, ...]:
        return (self.actor.name,) if self.actor else ()


def _told(actor: Actor, start: int, end: int, told: list[Teller], text: str) -> bool:
    """Whether the actor's name is within who told the sentence: a source, not an actor ("according to the
    US military", "residents of Tafas said"). A force that says is left: "the army said its jets struck"
    is its own act; so is a force cited whose men act unnamed after it ("according to a statement by the
    Israeli army, troops raided"). People told of stay ("residents clashed with the patrol, a source
    said")."""
    for t in told:
        if not (t.start <= start and end <= t.end) or (not t.cited and actor.kind != "people"):
            continue
        if actor.kind == "force" and _ANAPHOR.search(text, t.end):
            continue
        return True
    return False


@lru_cache(maxsize=512)
def find_actors(text: str, anaphors: bool = False) -> tuple[ActorMention, ...]:
    """Actors named in `text`, in order, non-overlapping (the longest name wins); speakers left out."""
    found: list[tuple[int, int, Actor | None]]
    found = [(m.start(), m.end(), a) for pattern, a in _PATTERNS for m in pattern.finditer(text)]
    found += [(m.start(), m.end(1), _FIRST_FORCE[m.group(1)]) for m in _COORDINATED.finditer(text)]
    if anaphors:
        found += [(m.start(), m.end(), None) for m in _ANAPHOR.finditer(text)]
        groups = {(m.start(), m.end()) for m in _GROUP_ANAPHOR.finditer(text)}
        found += [(a, b, None) for a, b in groups]
    found.sort(key=lambda f: (f[0] - f[1], f[0]))  # longest first, then leftmost
    told = tellers(text)
    taken: list[ActorMention] = []
    for start, end, actor in found:
        if any(start < t.end and t.start < end for t in taken):
            continue
        if re.match(r"\s*(?:\(\w+\)\s*)?(?:base|post|airbase)s?\b", text[end:], re.I):
            continue  # "a former Syrian army base": a place, not who acted
        if re.search(r"\bfire$", text[start:end], re.I) and _FIRE_SERVICE.match(text[end:]):
            continue  # "Israeli Fire and Rescue services" put fires out: no force that fired
        if actor is not None and (_SPEAKER.match(text[end:]) or _told(actor, start, end, told, text)):
            continue
        if _MUNITION.search(text[start:end]) and _SUPPLIED.search(text[:start]):
            continue  # "a strike using American bombs": who made the bombs, not who struck
        taken.append(ActorMention(start, end, text[start:end], actor, anaphors and (start, end) in groups))
    return tuple(sorted(taken, key=lambda m: m.start))


@dataclass
class Story:
    """The actor a paragraph's story is about so far: the last one seen acting or, failing that, named."""

    actor: tuple[str, ...] = ()
    why: str = ""
    acts: int = 0  # how many times someone was seen acting (a sentence with none reads its named forces)
    # who was last seen acting: an attack told again with nobody named ("the drone strike killed two") is
    # theirs, not that of a force named since in a sentence telling nothing ("a UNIFIL vehicle watched")
    acting: tuple[tuple[str, ...], str] = ((), "")
    group: tuple[str, ...] = ()  # the last armed group named: what "the group" means

    def note_groups(self, sentence: str) -> None:
        """After every sentence: the last armed group it names, for a later "the group"."""
        named = [m for m in find_actors(sentence) if m.actor and m.actor.kind == "group"]
        if named:
            self.group = named[-1].names

    def acted(self, names: tuple[str, ...], text: str) -> None:
        if names:
            self.actor, self.why, self.acts = names, text, self.acts + 1
            self.acting = (names, text)

    def read(self, sentence: str) -> None:
        """After a sentence where nobody was seen acting: the last force or group it names (not a state
        or a people, which a report does not continue with "the troops")."""
        forces = [
            m
            for m in find_actors(sentence)
            if m.actor and m.actor.kind in ("force", "group") and not _is_object(sentence, m)
        ]
        if forces:
            self.actor, self.why = forces[-1].names, forces[-1].text


_TARGET_TYPES = {  # (an interception's other side is whose weapon it brought down: "downed Houthi drones")
    "armed_clash", "attack_on_shipping", "drone_attack", "missile_strike", "airstrike", "shelling",
    "interception",
}  # fmt: skip
_TARGET_LEAD = re.compile(r"^[^,;.]{0,25}$")  # a few words after the trigger: "struck the gate of the"
_VICTIM_AFTER = re.compile(r"\s+(?:members?|fighters?|commanders?|operatives?|militants?)\b", re.I)
# "members of the powerful Iran-backed X": up to two describing words between (lower case or "Iran-backed")
_VICTIM_BEFORE = re.compile(
    r"\b(?:members?|fighters?|commanders?|operatives?|leaders?) of (?:the )?"
    r"(?:(?:[a-z][\w-]*|[A-Z][a-z]+-backed)\s+){0,2}$"
)
# A group named as the subject of "were killed in" before the trigger was hit: "X militia was killed in a
# US drone strike" (the passive's "in"/"by" leads to the strike, not to another clause).
_HIT_PASSIVE = re.compile(
    r"^(?:\s+[a-z][\w-]*){0,2}\s+(?:was|were)\s+(?:killed|wounded|injured|hit|targeted)\s+(?:in|by)\b[^,;]{0,40}$"
)
# The troops a struck base houses: "the X air base in Anbar, where US troops are stationed", "which hosts".
_HOST_LEAD = re.compile(
    r"\b(?:base|airbase|post|outpost|camp|barracks|headquarters|compound|airport)"
    r"(?:\s+in\s+(?:[\w'-]+\s+){0,3}[\w'-]+)?,?\s+(?:(?P<where>where)|(?:which|that)\s+hosts|hosting|housing)"
    r"\s+(?:the\s+)?$",
    re.I,
)
_STATIONED = re.compile(r"\s+(?:are|were|is)\s+(?:stationed|based|deployed)\b")
# A force right after a verb of attack later in the trigger's clause is what the attack hit ("strikes on
# <city>, which hit the army's command"; dev p23); prepositions alone are not enough here.
_ATTACK_VERBS = r"destroyed|hit|struck|attacked|targeted|bombed|shelled|killed|killing"
_OBJECT_ARTICLE = r"\s+(?:the\s+|an?\s+|its\s+|two\s+|three\s+|several\s+)?$"
_HIT_LEAD = re.compile(rf"\b(?:{_ATTACK_VERBS}|targeting){_OBJECT_ARTICLE}", re.I)
# Just after a verb of attack or a preposition, a force is what was hit, not who acted.
_OBJECT_LEAD = re.compile(rf"\b(?:{_ATTACK_VERBS}|on|at|against|toward){_OBJECT_ARTICLE}", re.I)
_AGENT_LEAD = re.compile(r"^[^,;.]{0,40}?\bby\s+(?:an?\s+|the\s+)?$", re.I)
# "struck X in reply to an attack carried out by Y": Y acted in another event, the one replied to
_OTHER_ACT = re.compile(
    r"\b(?:in\s+(?:reply|response|retaliation)|retaliat\w*|aveng\w*|(?:after|following)\s+(?:an?|the)\s+"
    r"(?:[\w-]+\s+){0,2}(?:attacks?|strikes?|raids?|assaults?|bombings?))\b",
    re.I,
)
# Who the attack is put down to, later in the sentence: "in an assault executed by Yemen's Houthi rebels",
# "the attack is blamed on X" (actor 1 when nobody is named acting before the trigger).
_ATTRIBUTED = re.compile(
    r"\b(?:blamed\s+on|attributed\s+to|(?:executed|carried\s+out|conducted|claimed)\s+by)\s+"
    r"(?:the\s+)?(?:[A-Z][a-z]+['’]s\s+)?$"
)
# A subject the actor table does not know, right before the trigger ("after militants crossed into Israel"):
# they acted, not a force named earlier in the sentence or the story.
_UNNAMED_SUBJECT = re.compile(
    r"\b(?:militants?|infiltrators?|terrorists?|insurgents?|attackers?|smugglers?|operatives?|cells?|squads?)"
    r"(?:\s+(?:also|reportedly|allegedly|then|later|on\s+\w+))*\s*$",
    re.I,
)
# Types that need someone acting; a protest or a meeting does not take the story's actor.
_NO_STORY = {"protest", "riot", "visit_meeting", "agreement", "other"}
_CROWD = {"protest", "riot"}


def actors_for(
    text: str,
    trigger: Trigger,
    clause_start: int,
    clause_end: int,
    story: Story | None = None,
    since: int = 0,
) -> tuple[list[str], str]:
    """[actor 1, actor 2...] for `trigger` in sentence `text`, and why; a named actor 1 goes on in `story`.

    `since` is where the text about this trigger starts (the previous trigger's end): a subject named
    there ("...; when villagers protested, the troops fired") is this trigger's, not one named earlier.
    """
    known = story.actor if story is not None else ()
    group = story.group if story is not None else ()
    mentions = find_actors(text, anaphors=True)
    resolved = [m for m in mentions if m.actor or (group if m.group else known)]
    # after the trigger's start: the other side may be inside its words ("attacked an Israeli patrol")
    after_trigger = [m for m in resolved if trigger.start < m.start < clause_end]

    def names_of(m: ActorMention) -> tuple[str, ...]:
        return m.names or (group if m.group else known)

    clash = trigger.event_type == "armed_clash"
    hit_first = [  # "X militia was killed in a US drone strike": X is the side hit, named first
        m
        for m in resolved
        if m.actor
        and clause_start <= m.start < trigger.start
        and _HIT_PASSIVE.match(text[m.end : trigger.start])
    ]
    first: list[ActorMention] = []
    agent = [  # the agent may stand inside the trigger's words: "shot dead by unknown gunmen"
        m
        for m in after_trigger
        if _AGENT_LEAD.match(lead := text[_inside_from(trigger, m) : m.start]) and not _OTHER_ACT.search(lead)
    ]
    unnamed = _unnamed_subject(text, trigger, mentions)
    # "X said people were killed in strikes, which they blamed on Y": Y acted, X only speaks
    attributed = [
        m
        for m in mentions
        if m.actor
        and m.start > trigger.start
        and _attributed(text, m)
        and not _OTHER_ACT.search(text[trigger.end : m.start])
    ][:1]
    if agent or attributed:  # "was struck by an Israeli drone"
        first = agent[:1] or attributed
    else:
        for lo in () if unnamed else (clause_start, since, 0):
            before = [m for m in resolved if lo <= m.start <= trigger.start and m not in hit_first]
            if not clash:  # "it destroyed Syrian tanks near X; ... the air strikes": the tanks were hit
                before = [m for m in before if not _is_object(text, m)]
            if (
                trigger.event_type == "arrest"
            ):  # "while residents confronted them, and took a man": not theirs
                before = [m for m in before if not (m.actor and m.actor.kind == "people")]
                # "guards killed five smugglers and detained 15": the force arrests, the group is arrested
                before = [m for m in before if m.actor and m.actor.kind == "force"] or before
            if before:  # both sides of a clash may be named before it ("X and Y clashed")
                first = before[-2:] if clash else _with_coordinated(text, before)
                break
    others = [
        m
        for m in after_trigger
        if m not in agent
        and m not in attributed
        and m.actor is not None  # "attacked troops": the other side is named, never the story's
        and trigger.event_type in _TARGET_TYPES
        and (_TARGET_LEAD.match(text[trigger.end : m.start]) or clash or _was_hit(text, trigger.start, m))
    ][:2]
    victims = [
        m
        for m in after_trigger
        if m.actor
        and (
            _VICTIM_AFTER.match(text[m.end :]) or _VICTIM_BEFORE.search(text[max(0, m.start - 60) : m.start])
        )
    ]
    acting = [m for m in first if (m.actor and m.actor.kind != "people") or m.group]  # not the villagers
    if story is not None and acting:
        story.acted(tuple(n for m in acting for n in names_of(m)), ", ".join(m.text for m in acting))
    why = [f"{m.text!r} → {', '.join(names_of(m))}" + ("" if m.actor else " (the story's)") for m in first]
    names = [n for m in first for n in names_of(m)]
    last, last_why = (
        story.acting
        if story is not None and story.acting[0]
        else (known, story.why if story is not None else "")
    )
    hit = {n for m in others for n in names_of(m)}  # "drones attacked a coalition base": not the coalition's
    if not names and trigger.event_type not in _NO_STORY and last and not hit & set(last) and not unnamed:
        names = list(last)  # "a second car was hit in Kafra": nobody named, the story's actor
        why.append(f"nobody named: the story's actor ({last_why!r})")
    if not names and trigger.event_type in _CROWD:  # "thousands protested": ACLED's "Protesters (country)"
        names, why = ["Residents"], [*why, "nobody named: a protest's actor is the protesters"]
    for m in [*others, *victims, *hit_first]:
        why.append(f"{m.text!r} → {', '.join(names_of(m))} (other side)")
        names += names_of(m)
    names = list(dict.fromkeys(names))
    if not names:
        return [], "no actor named in the sentence or the story"
    return names, "; ".join(dict.fromkeys(why))


def _unnamed_subject(text: str, trigger: Trigger, mentions: tuple[ActorMention, ...]) -> bool:
    """The trigger's subject is a word for fighters the actor table does not know ("two militants"), with
    no known name joined to it ("Hezbollah militants", "Hezbollah-affiliated militants" are named)."""
    lead = _clause_lead(text, trigger.start)
    noun = _UNNAMED_SUBJECT.search(lead)
    if noun is None:
        return False
    start = trigger.start - len(lead) + noun.start()
    named = [m for m in mentions if m.start < trigger.start]
    return not any(start <= m.start or _JOINED.fullmatch(text[m.end : start]) for m in named)


_JOINED = re.compile(r"(?:-[\w-]+)?\s+(?:[a-z][\w-]*\s+)?")  # "Hezbollah militants", "Hezbollah-linked elite"


def _inside_from(trigger: Trigger, m: ActorMention) -> int:
    """Where the lead to `m` starts: the trigger's end, or its start when `m` is inside its words."""
    return trigger.start if m.start < trigger.end else trigger.end


def _was_hit(text: str, since: int, m: ActorMention) -> bool:
    """`m`, named after a trigger's start, is what the attack hit: right after a verb of attack, or the
    troops of a struck base ("the air base, where US troops are stationed")."""
    lead = text[since : m.start]
    if _HIT_LEAD.search(lead):
        return True
    host = _HOST_LEAD.search(lead)
    if host is None:
        return False
    return not host.group("where") or bool(_STATIONED.match(text[m.end :]))


def _attributed(text: str, m: ActorMention) -> bool:
    return bool(_ATTRIBUTED.search(text[max(0, m.start - 40) : m.start]))


def _is_object(text: str, m: ActorMention) -> bool:
    """`m` stands just after a verb of attack or a preposition: what was hit, not who acted."""
    return bool(_OBJECT_LEAD.search(text[max(0, m.start - 30) : m.start]))


def _with_coordinated(text: str, before: list[ActorMention]) -> list[ActorMention]:
    """The nearest actor before the trigger, with the ones joined to it by "and" or a comma."""
    out = [before[-1]]
    for m in reversed(before[:-1]):
        if not re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", text[m.end : out[0].start]):
            break
        out.insert(0, m)
    return out
