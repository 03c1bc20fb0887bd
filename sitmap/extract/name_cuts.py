"""A name cut from a longer one: a capitalised word beside a name the gazetteer knows may belong to it, and
then the text names a place the gazetteer lacks ("Bint Jbeil" is not Jbeil; "Nour" of "Nour Shams camp").

The left neighbour (`cut_from_longer_name`), the right one (`continued_on_right`), and the right one as weak
evidence unless it says what the place is (`cut_name`): each written here once.
"""

from __future__ import annotations

import re

from sitmap.extract.place_words import DEMONYMS

# Capitalised words that may stand before a place's name without being part of it.
_BEFORE_NAME_OK = {"rural", "greater", "upper", "lower", "old", "new", "north", "south", "east", "west"}
_LAST_WORD = re.compile(r"\b([A-Z][\w'’]*)(?<!['’]s)[ -]$")  # "Syria's Daraa": a possessive is no part of it


def cut_from_longer_name(text: str, start: int, allowed: set[str] | frozenset[str]) -> bool:
    """ "Bint Jbeil", "Zawtar el-Sharqiyeh": a name whose capitalised neighbour on the left belongs to it
    is a cut of a longer name the gazetteer lacks (Jbeil is Byblos, 300 km away), not that place."""
    m = _LAST_WORD.search(text[max(0, start - 30) : start])
    if m is None:
        return False
    word = m.group(1).lower()
    return word not in allowed and word not in DEMONYMS and word not in _BEFORE_NAME_OK


# A demonym before a common noun says what the place is and starts no longer name: "the Ein el-Hilweh
# Palestinian refugee camp", "the Hurfeish Druze village".
_DEMONYM_KIND = r"(?:" + "|".join(re.escape(d.title()) for d in sorted(DEMONYMS)) + r")\s+[a-z]"
_NEXT_WORD = re.compile(r"\s+(?!(?:Province|Governorate|District|City)\b|" + _DEMONYM_KIND + r")[A-Z][a-z]")


def continued_on_right(text: str, end: int) -> bool:
    """Whether a capitalised word follows the name ending at `end` (not an admin word: "Daraa Province"),
    which may be the rest of a longer name ("Ras Issa", "Ramot Hashavim")."""
    return bool(_NEXT_WORD.match(text, end))


# A capitalised word after a name that says what the place is ("Bab el-Mandeb Strait", "Hudaydah International
# Airport", "Tulkarm Camp"): the name is whole, not the first words of a longer one (`cut_name`).
_KIND_AFTER = re.compile(
    r"\s+(?:Straits?|Strip|Sea|Gulf|Bay|Lake|River|Islands?|Peninsula|Valley|Plain|International|Airport|Air"
    r"|Airbase|Base|Port|Harbou?r|Naval|Military|Camp|Refugee|Hospital|University|Prison|Stadium|Market"
    r"|Square|Mosque|Street|Road|Highway|Bridge|Crossing|Checkpoint|Junction|Gate|Dam|Oil|Gas|Field"
    r"|Terminal|Power)\b"
)


def cut_name(text: str, end: int) -> bool:
    """Whether the name ending at `end` is followed by a capitalised word of its own ("Nour" of "Nour Shams
    camp", "Tel" of "Tel Abu Qubays"): the first words of a longer name the gazetteer lacks, weak evidence."""
    return continued_on_right(text, end) and not _KIND_AFTER.match(text, end)
