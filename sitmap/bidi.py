"""Bidirectional text: place names (often Arabic) isolated inside Latin lines.

Without isolation an Arabic name at the start of a line makes the browser lay out the whole line right to
left, and the numbers after it move: "خان أرنبة ≈ 10–16 km" shows as "16–10 ≈". First Strong Isolate (U+2068)
and Pop Directional Isolate (U+2069) around the name give it its own direction and leave the line's alone
(Unicode Bidirectional Algorithm, UAX #9, isolates; the HTML equivalent is <bdi>).
"""

from __future__ import annotations

import unicodedata

FSI, PDI = "\u2068", "\u2069"
_RTL = frozenset({"R", "AL"})


def has_rtl(text: str) -> bool:
    """Whether `text` holds a right-to-left letter (Arabic, Hebrew...)."""
    return any(unicodedata.bidirectional(ch) in _RTL for ch in text)


def isolate(text: str) -> str:
    """`text` as a bidi isolate (unchanged when empty or already isolated)."""
    if not text or (text.startswith(FSI) and text.endswith(PDI)):
        return text
    return f"{FSI}{text}{PDI}"
