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
_SPEAKS = re.compile(r"\s+(?:said|says|told|tells|added|adds|warned|claimed|announced|stated|denied)\b")


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
