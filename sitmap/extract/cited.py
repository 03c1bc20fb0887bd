"""News agencies, broadcasters and speakers: names cited as a source, which are no places ("..., SANA added"
is Syria's agency, not Sanaa; "Saree told the channel" is the spokesman, not Iran's Sari), read by
`extract.places` and `extract.dateline`; and who a sentence says told it (`tellers`, `told_by`), read by
`extract.actors` (a teller is no actor of what it tells) and `extract.pipeline` (the review shows it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# News agencies and broadcasters by the names reports cite them with: a source, not a place ("..., SANA
# added" is Syria's agency, not Sanaa; "Al Mayadeen reported" is the channel, not the city). An acronym in
# capitals is always the agency; a name in other case only where it is cited (`cited_source`).
_AGENCY_ACRONYMS = frozenset(
    {"SANA", "IRNA", "NNA", "WAFA", "KUNA", "ANHA", "ISNA", "ILNA", "MNA", "QNA", "SPA", "WAM", "BNA", "SABA",
     "TASS", "AFP"}
)  # fmt: skip
# ... in lower case with a hyphen read as a space (`_agency_name`: "Al-Manar" is "al manar")
_AGENCY_NAMES = frozenset(
    {
        "sana", "irna", "wafa", "kuna", "anha", "shafaq", "tasnim", "fars", "mehr", "saba", "petra",
        "anadolu", "xinhua", "rudaw", "hawar", "mayadeen", "al mayadeen", "almayadeen", "manar", "al manar",
        "jadeed", "al jadeed", "enab baladi", "baladi", "asharq", "alsumaria", "ynet", "kan",
        "maariv", "al jazeera", "aljazeera", "jazeera", "al arabiya", "arabiya", "al hadath", "sputnik",
        "tass", "reuters", "afp",
    }
)  # fmt: skip


def _agency_name(surface: str) -> str:
    """The name as `_AGENCY_NAMES` lists it: lower case, a hyphen or a run of spaces read as one space."""
    return " ".join(surface.lower().replace("-", " ").split())


_CITED_AFTER = re.compile(
    r"\)?,?\s+(?:news\s+agency|agency|said|says|added|adds|reported|reports|quoted|cited|citing|published"
    r"|broadcast|aired|claimed|correspondents?|reporters?|network|channel|television|TV)\b",
    re.I,
)
_CITED_BEFORE = re.compile(
    r"(?:\baccording\s+to|\btold|\b(?:quoted|cited|reported)\s+by|\bciting|\bagency|\bchannel|\bbroadcaster"
    # "a source speaking to X", "gave the toll to X": whom a source spoke to
    r"|\b(?:speaking|talking|spoke|spoken|gave|given|gives)\s+(?:\w+\s+){0,3}?to"
    r"|\boutlet|\()\s+(?:the\s+)?$|\($",
    re.I,
)
# "speaking to Al-Arabiya and Al-Hadath": an outlet listed after a cited one (its last one or two words)
_LISTED_AFTER = re.compile(r"([\w'’-]+)(?:\s+([\w'’-]+))?\s*(?:,|\s+and|\s+or)\s+(?:the\s+)?$")


# A name that speaks: "Saree told the channel", "Damascus said": a spokesman or a government, not a place
_PLACE_OF = re.compile(r"\b(?:of|in|from|at|near)\s+(?:the\s+)?$", re.I)
# an English word inside the span makes it a phrase ("Residents of Khiam"), not a speaker's name (a name's
# particles may be in lower case: "Mohammed bin Salman", "Ahmad al-Sharaa")
_LOWER_WORD = re.compile(r"\s(?!(?:bin|ibn|al|el|abu|ad|as|ash)\s)[a-z]+\s")
# The verbs a source is cited with, after its name (here and in `tellers`)
SPEECH_VERBS = r"said|says|say|told|tells|tell|added|adds|warned|claimed|announced|stated|denied"
_SPEAKS = re.compile(rf"\s+(?:{SPEECH_VERBS})\b")


def cited_source(text: str, start: int, end: int) -> bool:
    """Whether the name at `start`-`end` is a news agency or broadcaster cited as a source, or a speaker
    (`_SPEAKS`)."""
    surface = text[start:end]
    if surface in _AGENCY_ACRONYMS:
        return True
    if (
        _SPEAKS.match(text, end)
        and not _PLACE_OF.search(text[max(0, start - 20) : start])
        and not _LOWER_WORD.search(surface)
    ):
        return True  # ... but "residents of Khiam said", "Residents of Khiam said": where speakers are from
    if _agency_name(surface) not in _AGENCY_NAMES:
        return False
    if _CITED_AFTER.match(text, end) or _CITED_BEFORE.search(text[max(0, start - 40) : start]):
        return True
    listed = _LISTED_AFTER.search(text[max(0, start - 40) : start])
    if listed is None:
        return False
    offset = max(0, start - 40)
    last = listed.lastindex or 1  # the outlet before may be one word ("Sputnik") or two ("Al Mayadeen")
    return any(
        cited_source(text, offset + listed.start(g), offset + listed.end(last)) for g in range(1, last + 1)
    )


_PUBLISHER_WORDS = re.compile(r"\s(?:News(?:\s+Agency)?|Agency|TV|Media|Network)$")


def is_publisher(name: str) -> bool:
    """Whether `name` names a news agency or outlet ("SANA", "Shafaq News", "Al Mayadeen", "Enab Baladi")."""
    if name in _AGENCY_ACRONYMS or _agency_name(name) in _AGENCY_NAMES:
        return True
    return bool(_PUBLISHER_WORDS.search(name))


# Who a sentence is told by, written once (`tellers`): the review shows them beside the claim status
# (`told_by`), and a people named as the teller is no actor of what it tells (`extract.actors`).
# "according to (the) X", "(as) reported/quoted/cited by X": X runs to the clause's end or to a phrase after
# it ("according to Lebanon's health ministry on Monday", "... speaking on condition of anonymity")
_ACCORDING = re.compile(r"\b(?:according\s+to|(?:reported|quoted|cited)\s+by)\s+", re.I)
_ACCORDING_END = re.compile(
    r"[,;:.—]|\s+(?:that|on|in|at|near|over|during|amid|since|who|which|as|when|after|before|speaking|talking"
    rf"|{SPEECH_VERBS})\b|$"
)
# "According to residents Israeli troops raided X", no comma: the clause's subject starts at a determiner
# ("... statement the jets struck") or where a word in lower case turns to a capital ("residents Israeli");
# a name cut after a particle is no name ("according to a report about the attacks")
_SUBJECT_START = re.compile(
    r"\s(?:the|a|an)\s|(?<=\s)(?!(?:of|by|for|the|a|an|to|in|from|and|al|el)\s)[a-z][\w'’-]*\s+(?=[A-Z])"
)

_ENDS_IN_PARTICLE = re.compile(r"\b(?:about|of|for|with|by|to|from|on|in|at|into|over|and|or)\s*$")


def _name_before_clause(sentence: str, start: int, end: int) -> int:
    """Where a cited name with no comma after it ends: before the subject of the clause that follows it
    (the span `start`-`end` holds a verb), or before the verb ("reported by Al Mayadeen hit a car"); `end`
    when unsure (the span is then no name)."""
    verb = _NOT_A_NAME.search(sentence, start, end)
    if verb is None:
        return end
    turns = list(_SUBJECT_START.finditer(sentence, start, verb.start()))
    if not turns:
        return verb.start()
    cut = turns[-1].start() if turns[-1].group(0)[0].isspace() else turns[-1].end()
    return end if _ENDS_IN_PARTICLE.search(sentence, start, cut) else cut


# a speech verb, and what makes it tell something: "said.", "said (on X) that", "said gunmen clashed", but
# not "said no to", "told the soldiers to leave", "warned the patrol and then clashed", "were reported"
_SAID = re.compile(rf"\s+((?:was|were)\s+quoted\s+as\s+saying|{SPEECH_VERBS}|reported)\b")
_SAID_NOT = re.compile(r"\s+(?:no|yes|nothing|to|and|or|of|by|for|about|with|goodbye)\b", re.I)
_TOLD_VERBS = frozenset({"told", "tells", "tell", "warned"})
# an order: "told <whom> (, who ...,) to <verb>", "warned <whom> and/then <act>"; "told AFP the patrol fired"
# is a report (its "whom" would hold a verb)
_ORDER = re.compile(r"((?:\s+(?!that\b)[\w'’()-]+){1,5}?)(?:\s*,[^,;.]*,)?\s+(?:to|and|then)\b", re.I)
# negated, modal or passive: "did not say", "would not say", "has yet to say", "were warned": nobody told it
_UNSAID = re.compile(
    r"(?:n['’]t|\b(?:not|never|did|does|do|would|could|will|should|may|might|must|can|cannot|to"
    r"|was|were|is|are|been|being|be))$",
    re.I,
)
_CLAUSE_START = re.compile(r"[,;:—]|\b(?:that|as|and|but|while|when|after|before)\s")
# between the teller and its verb: "(NNA)", ", speaking to Enab Baladi,"
_ASIDE = re.compile(r"\([^()]*\)|,\s*(?:speaking|talking|quoted|cited|interviewed|writing)\b[^,;]*,", re.I)
_SPEAKER_LEAD = re.compile(
    r"^(?:(?:as|and|but|while|that|also|later|earlier|meanwhile|separately)\s+)+"
    # a time before it, with no comma: "On 2 March the ministry said", "On Sunday residents told X"
    r"|^(?:(?:early|late|on|in|at|during|by|since)\s+)+(?:(?:(?:the|a|last|this|that|of)\s+)*"
    r"(?:\d{1,4}(?:st|nd|rd|th)?|January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|morning|afternoon|evening"
    r"|night|day|week|month|year),?\s+)+",
    re.I,
)
_AUXILIARY = re.compile(
    r"(?:\s+(?:has|have|had|also|later|earlier|then|reportedly|previously|separately|initially|officially"
    r"|publicly|recently|subsequently|again))+$",
    re.I,
)
# a word that makes the span a clause, not a name: a verb ("troops raided X"), a pronoun, an event
_NOT_A_NAME = re.compile(
    r"\b(?:who|which|it|they|he|she|we|I|you|this|there"
    r"|(?!(?:unnamed|informed|armed|based|quoted|cited|united|concerned|displaced)\b)[a-z]+ed"
    r"|hit|struck|shot|fought|took|went|came|fell|held|sent|began|left|broke|killed|fired"
    r"|shelling|clash(?:es)?|strikes?|airstrikes?|explosions?|blasts?|attacks?|raids?|casualties|fighting"
    r"|gunfire|fire|bombing|incidents?|deaths|injuries)\b"
)
_MAX_WORDS = 8  # more is a clause, not a name


@dataclass(frozen=True)
class Teller:
    """Who a sentence says told it, at `start`-`end`: `cited` for "according to X" (whoever X is, a source),
    else the subject of a verb of speech (a force that speaks may be telling its own act)."""

    start: int
    end: int
    text: str
    cited: bool


def _name(sentence: str, start: int, end: int, cited: bool) -> Teller | None:
    """The teller at `start`-`end` if it reads as a name, not a clause; None when unsure."""
    while start < end and sentence[start].isspace():
        start += 1
    while end > start and sentence[end - 1].isspace():
        end -= 1
    who = sentence[start:end]
    if not who or len(who.split()) > _MAX_WORDS or _NOT_A_NAME.search(who):
        return None
    return Teller(start, end, who, cited)


def _cited(sentence: str) -> list[Teller]:
    found = []
    for m in _ACCORDING.finditer(sentence):
        stop = _ACCORDING_END.search(sentence, m.end())
        end = stop.start() if stop else len(sentence)
        end = _name_before_clause(sentence, m.end(), end)  # "According to X <clause>", no comma
        if (who := _name(sentence, m.end(), end, cited=True)) is not None:
            found.append(who)
    return found


def _speakers(sentence: str, m: re.Match[str]) -> list[Teller]:
    """The subjects of the speech verb `m`, back to its clause's start, if the verb tells something."""
    after = sentence[m.end() :]
    if _SAID_NOT.match(after):
        return []
    order = _ORDER.match(after) if m.group(1) in _TOLD_VERBS else None
    if order is not None and not _NOT_A_NAME.search(order.group(1)):
        return []  # "told the soldiers to leave": an order, not a report
    end = len(_AUXILIARY.sub("", sentence[: m.start()]))
    if _UNSAID.search(sentence[:end]):
        return []
    # the aside is no clause: "(NNA)" is part of the name, ", speaking to X," is left out of it
    lead = _ASIDE.sub(lambda a: ("_" if a.group(0)[0] == "(" else " ") * len(a.group(0)), sentence[:end])
    bounds = [0] + [b.end() for b in _CLAUSE_START.finditer(lead)]
    start = bounds.pop()
    who_end = len(lead.rstrip(" ,"))
    # "residents and activists said", "residents of Tafas and Nawa": the "and" joins names, not clauses (if
    # the names joined are too long for one: "NNA and residents of the southern town of X", each is one)
    also: list[Teller] = []
    while (
        bounds and lead[:start].rstrip().endswith("and") and not _NOT_A_NAME.search(lead[bounds[-1] : start])
    ):
        if len(lead[bounds[-1] : who_end].split()) > _MAX_WORDS:
            before_and = len(lead[:start].rstrip()) - len("and")
            if (other := _name(sentence, _lead_end(lead, bounds[-1]), before_and, cited=False)) is not None:
                also.append(other)
            break
        start = bounds.pop()
    who = _name(sentence, _lead_end(lead, start), who_end, cited=False)
    return also + [who] if who is not None else []


def _lead_end(lead: str, start: int) -> int:
    """Where the teller starts after `start`: past spaces and a leading "as", "and", a time ("On 2 March")."""
    start += len(lead[start:]) - len(lead[start:].lstrip())
    if (lead_words := _SPEAKER_LEAD.match(lead, start)) is not None:
        start = lead_words.end()
    return start


def tellers(sentence: str) -> list[Teller]:
    """Who the sentence says told it, in order; a teller inside another ("local sources quoted by X") once.
    Nobody when unsure: a wrong teller is worse than none."""
    found = _cited(sentence) + [t for m in _SAID.finditer(sentence) for t in _speakers(sentence, m)]
    found = sorted({(t.start, t.end): t for t in found}.values(), key=lambda t: t.start)
    return [t for t in found if not any(o != t and o.start <= t.start and t.end <= o.end for o in found)]


def told_by(sentence: str) -> list[str]:
    """Who the sentence says told it, as written and in order ("local sources", "SANA", "Residents of
    Tafas"); empty when it names nobody or it is unsure. Text from the report: show it escaped."""
    return list(dict.fromkeys(t.text for t in tellers(sentence)))
