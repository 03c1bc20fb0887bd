"""News agencies, broadcasters and speakers: names cited as a source, which are no places ("..., SANA added"
is Syria's agency, not Sanaa; "Saree told the channel" is the spokesman, not Iran's Sari). Read by
`extract.places` and `extract.dateline`."""

from __future__ import annotations

import re

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
# The verbs a source is cited with, after its name (here and in `extract.actors`: a speaker is no actor)
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


# Who a sentence is told by (the review shows it beside the claim status, `told_by`): "according to (the) X",
# "as reported by X", or the subject of a verb of speech, back to its clause's start ("..., local sources
# said", "Residents of Tafas told Enab Baladi that ...").
_ACCORDING = re.compile(r"\b(?:according\s+to|(?:reported|quoted|cited)\s+by)\s+", re.I)
_ACCORDING_END = re.compile(r"[,;:.()—]|\s+(?:that|on|in|who|which|as)\b|$")
_SAID = re.compile(rf"\s+(?:{SPEECH_VERBS}|reported|reports)\b")
_CLAUSE_START = re.compile(r"[,;:(—]|\b(?:that|as|and|but|while)\s")
_SPEAKER_LEAD = re.compile(r"^(?:(?:as|and|but|while|that)\s+)+", re.I)
_AUXILIARY = re.compile(r"(?:\s+(?:has|have|had|also|later|earlier|then|\w+ly))+$", re.I)
_RELATIVE = re.compile(r"\b(?:who|which|that|it|they|he|she|we|I)$", re.I)
_MAX_WORDS = 6  # more is a clause, not a name: nobody is quoted


def told_by(sentence: str) -> list[str]:
    """Who the sentence says told it, as written and in order ("local sources", "SANA", "Residents of
    Tafas"); empty when it names nobody. Text from the report: show it escaped."""
    found: list[tuple[int, str]] = []
    for m in _ACCORDING.finditer(sentence):
        end = _ACCORDING_END.search(sentence, m.end())
        who = sentence[m.end() : end.start() if end else len(sentence)].strip()
        if who and len(who.split()) <= _MAX_WORDS:
            found.append((m.start(), who))
    for m in _SAID.finditer(sentence):
        lead = _AUXILIARY.sub("", sentence[: m.start()])
        starts = [b.end() for b in _CLAUSE_START.finditer(lead)]
        who = _SPEAKER_LEAD.sub("", lead[starts[-1] if starts else 0 :].strip())
        if who and not _RELATIVE.search(who) and len(who.split()) <= _MAX_WORDS:
            found.append((m.start() - len(who), who))
    names = list(dict.fromkeys(who for _, who in sorted(found)))
    return [
        w for w in names if not any(w != o and w in o for o in names)
    ]  # "local sources quoted by X": once
