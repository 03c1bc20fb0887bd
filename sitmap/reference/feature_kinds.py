"""Terrain and installation features in the gazetteer: hills, mountains, wadis, oil fields, energy sites
(refineries, terminals, depots), dams, crossings and military installations, each a `kind` of its own so the
matcher treats a hill or an oil field as such.

Written once here and read by the build (`scripts/geonames_extract.py`: which GeoNames feature codes are
kept, as which kind, with what uncertainty), by the index (`gazetteer.Gazetteer`: a feature is found by
its exact spellings only, never by a close transliteration) and by extraction (`extract.places`: a
feature named like a nearby village is chosen only when the words around the name say hill, mount, wadi…).
"""

from __future__ import annotations

import re

# GeoNames feature code -> (kind, uncertainty in metres). The uncertainty is the feature's extent around its
# point, not a position error: a hill's top ± 1 km; a massif, a wadi (a line: GeoNames' point is one spot
# of it) or an oil field (an area) several km, so an event placed there is "near", not "exact".
FEATURE_CODES: dict[str, tuple[str, int]] = {
    "HLL": ("hill", 1000),
    "HLLS": ("hill", 2000),  # a group of hills
    "PK": ("mountain", 1000),  # a peak
    "MT": ("mountain", 3000),
    "MTS": ("mountain", 50000),  # a range, 100-170 km long here: region-level
    "WAD": ("wadi", 5000),
    "DAM": ("dam", 1000),
    "OILF": ("oilfield", 5000),
    # A refinery, an oil terminal or a fuel depot: a compact site (1-2 km), unlike a field (an area of tens of
    # km), and named with other words ("the X refinery", "X depot"), so a kind of its own.
    "OILR": ("energy_site", 2000),  # a refinery
    "OILT": ("energy_site", 1000),  # a tank farm
    "PSTB": ("crossing", 1000),  # a border post
    "INSM": ("base", 1500),  # a military installation
    "MILB": ("base", 1500),
    "AIRB": ("base", 3000),  # an airbase, as the curated air bases of places_curated.csv
    "AIRF": ("base", 2000),
}
# A named region of the theatre (the Golan Heights, the Upper Galilee, the Qalamoun mountains): an area of
# tens of km, no GeoNames code here; the hand-kept rows of `geodata/features_curated.csv` give point and
# extent.
REGION_KIND = "region"
FEATURE_KINDS = frozenset(kind for kind, _ in FEATURE_CODES.values()) - {"base"} | {
    REGION_KIND
}  # "base" was a kind

# The words that say a name is a feature of that kind ("the hill of Tell X", "Mount X", "X oil field"),
# read in and around a mention.
_CUES = {
    "hill": r"hills?|hilltops?|heights?|tells?|tel|tal|tall|tallet|mound",
    "mountain": r"mount|mountains?|mt|jabal|jebel|djebel|peaks?|summit|ridge|massif|range",
    "wadi": r"wadi|ouadi|valley|ravine|gorge",
    "dam": r"dams?|sadd|reservoir",
    "oilfield": r"oil\s*fields?|gas\s*fields?|fields?|wells?",
    "energy_site": r"refiner(?:y|ies)|terminals?|depots?|tank\s*farms?|storage|ports?|plants?",
    "crossing": r"crossings?|border\s+posts?|checkpoints?|posts?",
    "base": r"bases?|airbases?|air\s+bases?|barracks|garrison|installations?|airfields?|airports?",
    # "the Golan front", "the Qalamoun region", "the Hauran plain", "the Golan Regional Council" (its area)
    REGION_KIND: r"heights|valley|plains?|plateau|desert|mountains|regions?|regional|areas?|front|countryside"
    r"|peninsula|steppe",
}
_CUE_WORDS = {kind: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for kind, words in _CUES.items()}


def is_feature(kind: str | None) -> bool:
    """Whether a gazetteer `kind` is a terrain feature (not a populated place nor a base)."""
    return kind in FEATURE_KINDS


def names_kind(text: str, kind: str | None) -> bool:
    """Whether `text` (a mention and the words around it) has a word naming a feature of `kind`."""
    cue = _CUE_WORDS.get(kind or "")
    return bool(cue and cue.search(text))


# The feature words in Arabic script, as `names.normalise_name` folds them (tall, tallah, jabal, wadi, sadd)
_ARABIC_GENERIC = frozenset({"تل", "تله", "جبل", "وادي", "سد"})


def generic(word: str) -> bool:
    """Whether a (normalised) word is itself a feature word ("wadi", "jabal", "tel", "جبل"), not a name."""
    return word in _ARABIC_GENERIC or any(cue.fullmatch(word) for cue in _CUE_WORDS.values())


def words_around(text: str, a: int, b: int) -> str:
    """The words just before and after the name at text[a:b], not the name: "Tell X" is a village's name
    as often as a hill's, but "the hill of X", "X heights" say hill."""
    return f"{text[max(0, a - 25) : a]} … {text[b : b + 25]}"
