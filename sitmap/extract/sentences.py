"""A paragraph's sentences: where one ends, when a full stop after an abbreviation or an initial does not."""

from __future__ import annotations

import re

_ABBREV = {"u.s", "u.n", "mr", "mrs", "dr", "gen", "lt", "col", "maj", "capt", "st", "no", "e.g", "i.e"}
_ABBREV |= {
    "approx",
    "vs",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
_BOUNDARY = re.compile(r"[.!?][\"”’)]*(?:\s*\[\d+\])*\s+(?=[A-Z0-9\"“‘(\u0600-\u06ff])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a full stop after an abbreviation or an initial does not end one."""
    out = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        word = re.search(r"([\w.]+)$", text[start : m.start()])
        token = word.group(1).lower() if word else ""
        if token in _ABBREV or re.fullmatch(r"[a-z]", token) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
            continue
        out.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return [(a, b - (len(text[a:b]) - len(text[a:b].rstrip()))) for a, b in out]
