"""A country's capital named by its demonym ("the Iraqi capital", "the Syrian capital's outskirts").

Reporters name the capital this way to avoid repeating the city; the place is the capital's gazetteer
entry. The table holds the capitals of the theatre's countries as Natural Earth's 1:10m populated places
flag them (FEATURECLA "Admin-0 capital", naturalearthdata.com, "Populated Places"). Israel and the
Palestinian territories are left out: their capital is disputed, and the text gives no way to tell which
city the writer means without taking a side.
"""

from __future__ import annotations

import re

from sitmap.extract.place_context import area_extent
from sitmap.extract.place_words import _NEAR
from sitmap.reference.countries import COUNTRIES
from sitmap.reference.gazetteer import Gazetteer, PlaceMention

CAPITALS: dict[str, str] = {  # country (as `reference.countries.COUNTRIES` names it) -> its capital
    "Syria": "Damascus",
    "Lebanon": "Beirut",
    "Iraq": "Baghdad",
    "Iran": "Tehran",
    "Yemen": "Sanaa",
    "Jordan": "Amman",
    "Russia": "Moscow",
    "Turkey": "Ankara",
    "Saudi Arabia": "Riyadh",
    "Egypt": "Cairo",
}
_BY_DEMONYM = {d: country for country, (_, ds) in COUNTRIES.items() if country in CAPITALS for d in ds}
_PHRASE = re.compile(r"\b(?:the|its)\s+(" + "|".join(_BY_DEMONYM) + r")\s+capital\b")
# "the Yemeni capital Sanaa", "the Iraqi capital, Baghdad,": the city's own name follows and is read as it
_NAMED_AFTER = re.compile(r",?\s+(?:city\s+(?:of\s+)?)?([A-Z][\w'’-]*)")


def capital_named(demonym: str) -> str | None:
    """The capital of the country whose people `demonym` names ("Lebanese" -> "Beirut"), else None."""
    country = _BY_DEMONYM.get(demonym)
    return CAPITALS[country] if country else None


def capital_mentions(text: str, gaz: Gazetteer) -> list[PlaceMention]:
    """ "in the Iraqi capital": the capital's gazetteer entry, spanning the demonym and "capital"."""
    out: list[PlaceMention] = []
    for m in _PHRASE.finditer(text):
        a, b = m.start(1), m.end()
        country = _BY_DEMONYM[m.group(1)]
        ids = [
            i
            for i in gaz.lookup(CAPITALS[country], exact_only=True)[0]
            if gaz.records[i]["country"] == country
        ]
        named = _NAMED_AFTER.match(text, b)
        if named and set(ids) & set(gaz.lookup(named.group(1))[0]):
            continue  # not "the Iraqi capital Wednesday night"
        ids.sort(key=lambda i: gaz.records[i]["kind"] != "city")  # the city, not a same-named hamlet
        if not ids:
            continue
        rec = gaz.records[ids[0]]
        unc, near = rec["uncertainty_m"], bool(_NEAR.search(text[max(0, m.start() - 40) : m.start()]))
        extent = area_extent(text, a, b)  # "the capital's outskirts": the area around it, not its point
        if extent is not None:
            unc, near = max(unc or 0.0, extent), False
        reason = f"{m.group(0)!r}: the capital of {country} → {rec['name']} ({ids[0]})"
        out.append(
            PlaceMention(
                a, b, text[a:b], ids[0], rec["name"], country=country, admin1=rec["admin1"], lon=rec["lon"],
                lat=rec["lat"], uncertainty_m=unc, kind=rec["kind"], near=near, match="exact",
                confidence=0.85, reason=reason,
            )
        )  # fmt: skip
    return out
