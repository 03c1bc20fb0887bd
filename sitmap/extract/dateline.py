"""A paragraph's dateline: "BEIRUT, 12 June 2025 — ", "BEIRUT (Reuters) — ", "12 June 2025 — ".

A dateline is where and when the report was filed, not when its events happened: its date is the report's
own date (`dates.find_dates` gives it the role `reporting`, so it dates a clause only when the sentence
names no date of its own, and "yesterday" counts from it), and a summary leaves it out. Five forms, at
the very start of a paragraph and ending in a dash (an em or en dash, or a hyphen between spaces):
a place then a date and optionally an agency ("BEIRUT, June 12 (Reuters) - "), a place then an agency
("BEIRUT (Reuters) — "), a gazetteer place in capitals alone ("TYRE -- "), a gazetteer place and its
country ("BEIRUT, Lebanon - "), or a date alone ("12 June 2025 — "); a place, a date and an agency need
no dash ("Sidon, 9 June (AFP) The ..."). A colon ends a dateline as a dash does ("Beirut, Oct 10: "). A
publisher, a dash and a gazetteer place ("Shafaq News – Quneitra ") is one too: the lede follows the city.
A place with a dash and no date or agency ("Hezbollah — the Iran-backed group — ") is no dateline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from sitmap.extract.cited import is_publisher
from sitmap.extract.dates import find_dates
from sitmap.reference.countries import COUNTRIES

_WORD = r"[A-Z][\w'’.-]*"
_PLACE = rf"{_WORD}(?:\s+{_WORD}){{0,3}}(?:,\s*{_WORD}(?:\s+{_WORD}){{0,2}})?"
_DASH = r"(?:\s*[—–]\s*|\s+--?\s+)"
_END = rf"(?:{_DASH}|\s*:\s+)"  # a dash, or a colon ("Beirut, Oct 10: ")
_HEAD = re.compile(
    rf"\s*(?:(?P<place>{_PLACE})(?:,\s*(?P<d1>[^—–()\n,]{{3,30}}?))?\s*(?P<agency>\([^()\n]{{1,40}}\))?"
    rf"|(?P<d2>[^—–()\n]{{3,30}}?)){_END}"
)
# "Shafaq News – Quneitra ": a publisher, a dash and the city it files from, the lede straight after
_PUBLISHER = re.compile(rf"\s*(?P<publisher>{_WORD}(?:\s+{_WORD}){{0,2}}){_DASH}")
_CITY_WORD = re.compile(r"[\w'’-]+")
_NAME = re.compile(r"[\w'’-]+(?: [\w'’-]+)*")
# "Sidon, 9 June (AFP) The army said ...": a place, a date and an agency need no dash
_HEAD_UNDASHED = re.compile(
    rf"\s*(?P<place>{_PLACE}),\s*(?P<d1>[^—–()\n,]{{3,30}}?)\s*(?P<agency>\([^()\n]{{1,40}}\))\s+(?=[A-Z\"“])"
)


def _is_date(text: str | None) -> bool:
    """Whether `text` is one date and nothing else ("12 June 2025", "June 12")."""
    if not text:
        return False
    text = text.strip()
    found = find_dates(text, date.max)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(text) and found[0].date is not None


def dateline_end(text: str, is_place: Callable[[str], bool] | None = None) -> int:
    """Where the dateline at the start of `text` ends (after its dash and spaces); 0 without one.

    `is_place` (a gazetteer lookup) lets a place name in capitals stand alone ("TYRE -- "): an acronym in
    capitals before a dash ("IDF — troops raided X") is not one."""
    if is_place is not None and (p := _PUBLISHER.match(text)) and is_publisher(p.group("publisher")):
        return _city_end(text, p.end(), is_place)
    m = _HEAD.match(text)
    if m is None:
        m = _HEAD_UNDASHED.match(text)
        return m.end() if m is not None and _is_date(m.group("d1")) else 0
    if m.group("place") is not None:
        dated = _is_date(m.group("d1"))
        place = m.group("place")
        capitals = not m.group("d1") and place.isupper() and is_place is not None and is_place(place)
        # "BEIRUT, Lebanon - ": a gazetteer place and the country it is in (AP's and AFP's form)
        city, _, country = place.partition(",")
        country = country.strip() or (m.group("d1") or "").strip()
        in_country = country in COUNTRIES and is_place is not None and is_place(city.strip())
        if (m.group("d1") and not dated and not in_country) or not (
            dated or m.group("agency") or capitals or in_country
        ):
            return 0
    elif not _is_date(m.group("d2")):
        return 0
    return m.end()


def _city_end(text: str, start: int, is_place: Callable[[str], bool]) -> int:
    """After a publisher's dash: the end of the gazetteer place at `start` (with a colon or dash and spaces
    after it), longest name first ("Deir ez-Zor"); 0 when no place begins there."""
    words = [m for m in _CITY_WORD.finditer(text, start, start + 60)][:4]
    if not words or words[0].start() != start or not text[start].isupper():
        return 0
    for n in range(len(words), 0, -1):
        name = text[start : words[n - 1].end()]
        if _NAME.fullmatch(name) and is_place(name):  # only spaces between the name's words
            tail = re.compile(rf"{_END}|\s+").match(text, words[n - 1].end())
            return tail.end() if tail else 0
    return 0


def without_dateline(text: str) -> str:
    """`text` with the dateline at its start left out."""
    return text[dateline_end(text) :]


__all__ = ["dateline_end", "without_dateline"]
