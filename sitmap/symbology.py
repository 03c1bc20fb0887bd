"""Military symbology for events (the "symbols" overlay): APP-6(D) / MIL-STD-2525D symbol codes and frames.

An event whose type describes what a ground unit did (`UNIT_TYPES`) and that names an actor is drawn as a
land-unit (or land-installation) symbol: the frame says the actor's affiliation, the icon the kind of unit
the type implies. Every other event keeps its plain marker. The web map draws the codes with milsymbol
(vendored, `sitmap/webmap/vendor/milsymbol/`); the snapshot draws the same frames natively from `FRAMES`
(`sitmap.snapshot.symbols`), so both agree and the snapshot stays vector.

Affiliation is relative to the analyst's own side, which sitmap cannot know: every actor is **unknown**
(yellow quatrefoil) unless the `SITMAP_AFFILIATIONS` setting names it, e.g.
`Israel Defense Forces=friend; Hezbollah=hostile; UNDOF=neutral`. An event's affiliation is its first
actor's (the one acting: ACLED's actor 1); an event with no actor gets no symbol.

A 2525D code has 20 digits: version 10, context 0 (reality), standard identity (`AFFILIATIONS`), symbol
set (10 land unit, 20 land installation), status 0 (present), headquarters/task force 0, echelon 00, a
six-digit entity, and two modifiers 00.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Literal

Affiliation = Literal["friend", "hostile", "neutral", "unknown"]

# Standard identity digit and the frame's fill (2525D's "medium" colours, as milsymbol draws them).
AFFILIATIONS: dict[str, tuple[str, str]] = {
    "unknown": ("1", "#FFFF80"),
    "friend": ("3", "#80E0FF"),
    "neutral": ("4", "#AAFFAA"),
    "hostile": ("6", "#FF8080"),
}
_SIDES: dict[str, Affiliation] = {
    "unknown": "unknown",
    "friend": "friend",
    "neutral": "neutral",
    "hostile": "hostile",
}
_BY_DIGIT: dict[str, Affiliation] = {digit: _SIDES[k] for k, (digit, _) in AFFILIATIONS.items()}

# event type -> (symbol set, entity, icon drawn by the snapshot, why this unit). A report rarely names the
# unit, so the icon is the kind of unit the action implies, not a claim about the order of battle.
UNIT_TYPES: dict[str, tuple[str, str, str]] = {
    "raid": ("10", "121100", "infantry"),  # a raid is a dismounted assault: infantry
    "ground_incursion": ("10", "120500", "armour"),  # incursions across the line are led by armour
    "patrol": ("10", "121300", "reconnaissance"),  # a patrol is reconnaissance
    "deployment": ("10", "000000", "none"),  # a unit arrived: its kind is not stated
    "base_established": ("20", "110000", "military"),  # a military installation
}


def parse_affiliations(text: str) -> dict[str, Affiliation]:
    """`"Actor=friend; Other=hostile"` -> {"actor": "friend", "other": "hostile"} (names case-folded).

    Entries are separated by `;` or new lines; an unknown affiliation word raises ValueError."""
    out: dict[str, Affiliation] = {}
    for part in text.replace("\n", ";").split(";"):
        if not part.strip():
            continue
        name, sep, word = part.rpartition("=")
        key, value = name.strip().casefold(), word.strip().lower()
        if not sep or not key or value not in AFFILIATIONS:
            raise ValueError(f"expected 'actor=friend|hostile|neutral|unknown', got {part.strip()!r}")
        out[key] = _SIDES[value]
    return out


def affiliation(actors: Iterable[str] | None, table: Mapping[str, Affiliation]) -> Affiliation | None:
    """The first actor's affiliation from `table` (unknown when it is not there); None without an actor."""
    # `actors` may be a list, a numpy array (the columnar snapshot) or missing (None, NaN): never its truth
    named = actors if isinstance(actors, Iterable) and not isinstance(actors, str) else ()
    first = next((a for a in named if isinstance(a, str) and a.strip()), None)
    if first is None:
        return None
    return table.get(first.strip().casefold(), "unknown")


def sidc(event_type: str, side: Affiliation) -> str | None:
    """The 20-digit 2525D code for an event of `event_type` by an actor of affiliation `side`; None when the
    type is not a unit's action."""
    unit = UNIT_TYPES.get(event_type)
    if unit is None:
        return None
    symbol_set, entity, _ = unit
    return f"100{AFFILIATIONS[side][0]}{symbol_set}0000{entity}0000"


def event_sidcs(
    event_types: Iterable[str], actors: Iterable[Iterable[str] | None], table: Mapping[str, Affiliation]
) -> list[str | None]:
    """`sidc` per event (None where it keeps its plain marker)."""
    out: list[str | None] = []
    for kind, who in zip(event_types, actors, strict=True):
        side = affiliation(who, table) if kind in UNIT_TYPES else None
        out.append(sidc(kind, side) if side is not None else None)
    return out


def parse_sidc(code: str) -> tuple[Affiliation, str, str]:
    """(affiliation, symbol set, entity) of a code made by `sidc`."""
    return _BY_DIGIT[code[3]], code[4:6], code[10:16]


def _arc(cx: float, cy: float, r: float, start: float, stop: float) -> list[tuple[float, float]]:
    steps = [math.radians(start + (stop - start) * k / 12) for k in range(12)]
    return [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in steps]


# Each affiliation's land frame in milsymbol's 200 x 200 symbol space (y down, centre 100,100) as an outline:
# friend a 3:2 rectangle, hostile a diamond, neutral a square, unknown a quatrefoil of four half circles.
FRAMES: dict[str, list[tuple[float, float]]] = {
    "friend": [(25, 50), (175, 50), (175, 150), (25, 150)],
    "hostile": [(100, 28), (172, 100), (100, 172), (28, 100)],
    "neutral": [(45, 45), (155, 45), (155, 155), (45, 155)],
    "unknown": _arc(100, 63, 37, 180, 360)
    + _arc(137, 100, 37, 270, 450)
    + _arc(100, 137, 37, 0, 180)
    + _arc(63, 100, 37, 90, 270),
}
