"""The search box's matching: literal, then normalised like the gazetteer's place names (case, diacritics,
hyphens, al-/el-, transliteration pairs), then actor aliases (IDF finds events of the Israel Defense Forces).

`search_key` folds with the gazetteer's own matcher (`sitmap.reference.normalise_name`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from sitmap.reference import normalise_name as _normalise
from sitmap.vocabulary import ACTOR_ALIASES

SEARCHED = ("id", "summary", "location", "quote", "actors", "admin1", "country")


@lru_cache(maxsize=200_000)
def search_key(text: str) -> str:
    """`text` folded for comparison (words separated by single spaces)."""
    return _normalise(text)


def _group_keys() -> dict[str, tuple[str, ...]]:
    keys: dict[str, tuple[str, ...]] = {}
    for group in ACTOR_ALIASES:
        folded = tuple(dict.fromkeys(search_key(name) for name in group))
        for key in folded:
            keys[key] = tuple(dict.fromkeys((*keys.get(key, ()), *folded)))
    return keys


ALIAS_KEYS = _group_keys()  # a name's key -> the keys of every name of its group(s)


def query_terms(text: str) -> tuple[str, tuple[str, ...]]:
    """(the query's key, the whole-word keys of its aliases) for a search box value."""
    key = search_key(text.strip())
    return key, tuple(k for k in ALIAS_KEYS.get(key, ()) if k != key)


def _haystack(row: Iterable[object]) -> str:
    parts: list[str] = []
    for value in row:
        if isinstance(value, list | tuple):
            parts.extend(str(v) for v in value)
        elif value is not None and not (isinstance(value, float) and np.isnan(value)):
            parts.append(str(value))
    return " ".join(parts)


def text_mask(events: pd.DataFrame, text: str) -> np.ndarray:
    """Events whose id, summary, place, quote, actors or region contain `text` literally, or from a word's
    start after normalisation, or name an alias of it as whole words."""
    needle = text.strip()
    if not needle:
        return np.ones(len(events), dtype=bool)
    columns = [c for c in SEARCHED if c in events.columns]
    hay = [_haystack(row) for row in zip(*(events[c] for c in columns), strict=True)]
    key, aliases = query_terms(needle)
    lowered = needle.lower()
    out = np.zeros(len(events), dtype=bool)
    for i, raw in enumerate(hay):
        if lowered in raw.lower():
            out[i] = True
            continue
        padded = f" {search_key(raw)} "
        if key and f" {key}" in padded:  # from a word's start: "ruwaih" finds Ruwaihaniya
            out[i] = True
        elif aliases:
            out[i] = any(f" {alias} " in padded for alias in aliases)
    return out
