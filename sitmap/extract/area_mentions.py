"""Areas named as places in ways the capitalised-name matcher of `extract.places` cannot see, resolved to
the gazetteer's area records (`reference.area_places`):

- a crossing names a border: smugglers "crossing from Syria" told of by Jordan's army fought on the
  Jordan-Syria border;
- an area written in lower case: "went into the demilitarised zone", "the area of separation".
"""

from __future__ import annotations

import re

from sitmap.extract.place_words import _LOCATIVE, in_motive
from sitmap.reference.area_places import border_name
from sitmap.reference.countries import _COUNTRY_ALIASES, COUNTRIES
from sitmap.reference.gazetteer import Gazetteer, PlaceMention

_BY_WORD: dict[str, str] = {name: name for name in COUNTRIES} | dict(_COUNTRY_ALIASES)
_BY_WORD |= {dem: name for name, (_, dems) in COUNTRIES.items() for dem in dems}
_COUNTRY_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _BY_WORD), key=len, reverse=True)) + r")\b"
)
_CROSSING = re.compile(
    r"\b(?:cross(?:ed|es|ing)?|infiltrat(?:e|ed|es|ing)|sneak(?:s|ed|ing)?)\s+(?:\w+\s+){0,3}?"
    r"(?:from|into)\s+(?:the\s+)?$"
)
CONFIDENCE = 0.7


def border_mentions(sentence: str, gaz: Gazetteer) -> list[PlaceMention]:
    """The border a sentence's crossing is over: the crossed country's and the other country's it names.

    "crossed from Syria" alone says nothing of which border; another country in the sentence (its name
    or its people's: "Jordan's army", "Jordanian guards") says which. Nothing when the two share none.
    """
    words = [(m.start(), m.end(), _BY_WORD[m.group(0)]) for m in _COUNTRY_WORD.finditer(sentence)]
    for a, b, crossed in words:
        if not _CROSSING.search(sentence[max(0, a - 60) : a]):
            continue
        other = next((c for _, _, c in words if c != crossed), None)
        if other is None:
            continue
        ids, _ = gaz.lookup(border_name(crossed, other))
        if len(ids) != 1:
            continue
        rec = gaz.records[ids[0]]
        why = f"a crossing from/into {crossed} told with {other}: the {rec['name']}"
        return [
            PlaceMention(
                a,
                b,
                sentence[a:b],
                rec["id"],
                rec["name"],
                lon=rec["lon"],
                lat=rec["lat"],
                uncertainty_m=rec["uncertainty_m"],
                kind=rec["kind"],
                # "in response to militants crossing into Israel": the motive's border, not this event's
                role="motive" if in_motive(sentence, a) else "locative",
                confidence=CONFIDENCE,
                reason=why,
            )  # fmt: skip
        ]
    return []


def zone_mentions(sentence: str, gaz: Gazetteer) -> list[PlaceMention]:
    """Area records' names written in lower case after "the" ("into the area of separation")."""
    out = []
    for rec in gaz.records.values():
        if rec.get("layer") != "areas" or rec["kind"] == "border":
            continue
        for name in (rec["name"], *rec.get("alt_names", ())):
            for m in re.finditer(r"\bthe\s+(" + re.escape(name.lower()) + r")\b", sentence):
                a, b = m.span(1)
                role = (
                    "locative"
                    if _LOCATIVE.search(sentence[max(0, m.start() - 45) : m.start()] + "the ")
                    else "mention"
                )
                why = f"{sentence[a:b]!r} names the reference area {rec['name']}"
                out.append(
                    PlaceMention(
                        a,
                        b,
                        sentence[a:b],
                        rec["id"],
                        rec["name"],
                        country=rec["country"],
                        lon=rec["lon"],
                        lat=rec["lat"],
                        uncertainty_m=rec["uncertainty_m"],
                        kind=rec["kind"],
                        role=role,
                        confidence=CONFIDENCE,
                        reason=why,
                    )  # fmt: skip
                )
    return out
