"""Admin-1 areas named bare, with no "province" after them ("clashes in Nineveh", "in Sistan and
Baluchestan", "in Salah al-Din"): reporting on Iraq, Iran and Yemen names provinces so, and the name matcher,
which looks for places, read them as nothing or as stray words ("Sistan", "Baluchestan", "West")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitmap.reference.countries import _COUNTRY_ALIASES, COUNTRIES

if TYPE_CHECKING:
    from sitmap.reference.gazetteer import Gazetteer, Qualifier

_WORD = r"[A-Z][\w'’‘`-]*"
# words joined by "and" ("Sistan and Baluchestan"), an article ("Salah al-Din") or a space
_JOIN = r"\s+(?:and|va|wa)\s+|\s+(?:al|el|ad|ar|as|ash|az|ez)-|\s+"
_RUN = re.compile(rf"(?<![\w-]){_WORD}(?:(?:{_JOIN}){_WORD}){{0,3}}")
_AREA_WORD = re.compile(r"\s+(?:Province|Governorate)$")


def bare_admin1(text: str, gaz: Gazetteer, found: list[Qualifier]) -> list[Qualifier]:
    """The admin-1 areas named bare in `text`, outside the qualifiers `found` already. The whole run of
    capitalised words must be the name ("the Kurdistan Region" is not Iran's Kurdistan province, "Nineveh
    Operations Command" no place); a name that is also a place's (Idlib, Marib) is left to the place's
    ranking, as before."""
    out: list[Qualifier] = []
    for run in _RUN.finditer(text):
        a, b = run.span()
        if any(x < b and a < y for x, y, _, _ in found):
            continue
        name = _AREA_WORD.sub("", run.group(0))
        if name in COUNTRIES or name in _COUNTRY_ALIASES:
            continue  # "the West Bank", "the Gaza Strip": read as territories, like countries
        area = gaz.admin1_for(name)
        if area and not gaz.lookup(name, exact_only=True)[0]:
            out.append((a, b, area[0], area[1]))
    return out
