"""The gazetteer index and the names of regions: countries, admin-1 qualifiers, place records.

`Gazetteer.from_reference` indexes every name of every place (`reference.normalise_place_name`, plus a
consonant skeleton for transliterations the normaliser does not fold) and the admin-1 names; qualifiers
("Quneitra Province", "western Daraa countryside", "Tehran, Khuzestan and Ilam provinces") name a region.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from sitmap.reference.layers import Reference, normalise_place_name

# An admin-1 region: (its name, its country; None where the admin-1 layer gives no country).
Region = tuple[str, str | None]

# Countries of the reports' region, with the demonyms that mark them; ISO3 builds event ids.
COUNTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Syria": ("SYR", ("Syrian",)),
    "Lebanon": ("LBN", ("Lebanese",)),
    "Iraq": ("IRQ", ("Iraqi",)),
    "Iran": ("IRN", ("Iranian",)),
    "Israel": ("ISR", ("Israeli",)),
    "Yemen": ("YEM", ("Yemeni",)),
    "Jordan": ("JOR", ("Jordanian",)),
    "Russia": ("RUS", ("Russian",)),
    "Turkey": ("TUR", ("Turkish",)),
    "Saudi Arabia": ("SAU", ("Saudi",)),
    "Egypt": ("EGY", ("Egyptian",)),
    "Palestinian Territory": ("PSE", ("Palestinian",)),
    "United States": ("USA", ("American",)),
}
_COUNTRY_ALIASES = {
    "Türkiye": "Turkey",
    "Gaza Strip": "Palestinian Territory",
    "West Bank": "Palestinian Territory",
}
_COUNTRY_ALIASES |= {"Palestine": "Palestinian Territory", "the United States": "United States"}
_DEMONYM_AREA = re.compile(
    r"\b(?P<dem>" + "|".join(d for _, ds in COUNTRIES.values() for d in ds) + r")\s+"
    r"(?:(?:missile|military|air|nuclear|naval|army|government|border)\s+)*"
    r"(?:sites?|bases?|facilit(?:y|ies)|territory|airspace|positions?|border|coast|soil)\b"
)
_QUALIFIER = re.compile(
    r"(?:\b(?:northern|southern|eastern|western|north|south|east|west|northeastern|northwestern|"
    r"southeastern|southwestern|central|rural)\s+)?"
    r"(?P<area>[A-Z][\w'’‘`-]*(?:\s+(?:[A-Z][\w'’‘`-]*|al|el|ad|ar|as|ash|az|ez|ed))*)\s+"
    r"(?P<word>[Pp]rovince|[Gg]overnorate|[Dd]istrict|[Cc]ountryside|[Rr]egion|[Mm]uhafazah)\b"
)

_KIND_RANK = {"city": 4, "town": 3, "base": 2, "site": 2, "hill": 2, "village": 1}


def skeleton(key: str) -> str:
    """The consonants of a normalised name (vowels and spaces dropped): Ruwaihania/Ruwaihina -> rwhn."""
    return re.sub(r"[aeiouy\s]", "", key)


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a sentence: resolved to a gazetteer entry, or unresolved (place_id None)."""

    start: int
    end: int
    text: str
    place_id: str | None
    name: str
    country: str | None = None
    admin1: str | None = None
    lon: float | None = None
    lat: float | None = None
    uncertainty_m: float | None = None
    kind: str | None = None
    qualifier: str | None = None  # the admin-1 the text names ("Quneitra" from "Quneitra Province")
    near: bool = False  # "near X", "outside X": the event is around, not at, the place
    match: str = "exact"  # exact | transliteration | arabic | unresolved
    role: str = "mention"  # locative (where something happened) | anchor ("east of X") | mention
    confidence: float = 0.9
    reason: str = ""
    notes: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.place_id is not None


@dataclass
class Gazetteer:
    """Lookup tables built once from the reference layers."""

    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_key: dict[str, set[str]] = field(default_factory=dict)
    by_skeleton: dict[str, set[str]] = field(default_factory=dict)
    admin1: dict[str, Region] = field(default_factory=dict)  # key -> (name, country)
    max_tokens: int = 1

    @classmethod
    def from_reference(cls, reference: Reference) -> Gazetteer:
        gaz = cls()
        for row in reference.places.itertuples(index=False):
            geom = row.geometry
            point = geom.representative_point() if geom is not None and not geom.is_empty else None
            rec = {
                "id": row.id,
                "name": re.sub(r"\s*\(.*?\)", "", str(row.name)).strip(),
                "country": _clean(getattr(row, "country", None)),
                "admin1": _clean(getattr(row, "admin1", None)),
                "kind": _clean(getattr(row, "kind", None)),
                "uncertainty_m": _number(getattr(row, "uncertainty_m", None)),
                "lon": point.x if point is not None else None,
                "lat": point.y if point is not None else None,
            }
            gaz.records[row.id] = rec
            alts = getattr(row, "alt_names", None)
            names = [row.name, getattr(row, "name_ar", None), *(list(alts) if alts is not None else [])]
            for name in names:
                if isinstance(name, str) and name.strip():
                    gaz._index(row.id, name)
                    gaz._index(row.id, re.sub(r"\s*\(.*?\)", "", name))
        for row in reference.admin1.itertuples(index=False):
            for name in (getattr(row, "name", None), getattr(row, "ne_name", None)):
                if isinstance(name, str) and name:
                    for variant in (name, re.sub(r"\s*\(.*?\)", "", name)):
                        gaz.admin1[normalise_place_name(variant)] = (row.name, _clean(row.country))
        return gaz

    def _index(self, place_id: str, name: str) -> None:
        key = normalise_place_name(name)
        if not key:
            return
        self.by_key.setdefault(key, set()).add(place_id)
        self.max_tokens = max(self.max_tokens, min(6, len(name.split())))
        sk = skeleton(key)
        if len(sk) >= 4:
            self.by_skeleton.setdefault(sk, set()).add(place_id)

    def lookup(self, text: str, *, exact_only: bool = False) -> tuple[list[str], str]:
        """Gazetteer ids for a name, and how they matched (exact key, or consonant skeleton)."""
        key = normalise_place_name(text)
        if not key:
            return [], ""
        if key in self.by_key:
            return sorted(self.by_key[key]), "exact"
        if exact_only:
            return [], ""
        ids = self.by_skeleton.get(skeleton(key), set())
        if len(ids) == 1:
            (pid,) = ids
            best = max(
                difflib.SequenceMatcher(None, key, normalise_place_name(k)).ratio()
                for k in (self.records[pid]["name"], text)
            )
            if best >= 0.75 and key[0] == normalise_place_name(self.records[pid]["name"])[0]:
                return [pid], "transliteration"
        return [], ""

    def admin1_for(self, text: str) -> Region | None:
        key = normalise_place_name(text)
        if key in self.admin1:
            return self.admin1[key]
        sk = skeleton(key)
        for k, v in self.admin1.items():
            if len(sk) >= 4 and skeleton(k) == sk:  # shorter skeletons collide (Qaim/Qom)
                return v
        return None


def _clean(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _number(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if f == f else None


_DIRECTIONAL = re.compile(
    r"\b(?:northern|southern|eastern|western|northeastern|northwestern|southeastern|southwestern|central|"
    r"rural)\s+(?P<area>[A-Z][\w'’‘`-]*(?:\s+[A-Z][\w'’‘`-]*)?)"
)
_AREA_LIST = re.compile(
    r"(?P<list>[A-Z][\w'’‘`-]*(?:\s+[A-Z][\w'’‘`-]*)?(?:,\s+[A-Z][\w'’‘`-]*(?:\s+[A-Z][\w'’‘`-]*)?)*,?\s+"
    r"and\s+[A-Z][\w'’‘`-]*(?:\s+[A-Z][\w'’‘`-]*)?)\s+(?:[Pp]rovinces|[Gg]overnorates)\b"
)


def _admin1_via_place(name: str, gaz: Gazetteer) -> Region | None:
    """ "Hodeidah Governorate": the governorate of the gazetteer's Hodeidah, when spellings differ."""
    ids, how = gaz.lookup(name, exact_only=True)
    regions = {(gaz.records[i]["admin1"], gaz.records[i]["country"]) for i in ids if gaz.records[i]["admin1"]}
    if len(regions) != 1:
        return None
    (admin1, country) = regions.pop()
    return gaz.admin1_for(admin1) or (admin1, country)


Qualifier = tuple[int, int, str, str | None]  # (start, end, admin-1 name, country) in a sentence


def find_qualifiers(text: str, gaz: Gazetteer) -> list[Qualifier]:
    """Admin-1 qualifiers in a sentence: (start, end, admin1 name, country).

    "Quneitra Province", "western Daraa countryside", "southern Quneitra" and each name of "Tehran,
    Khuzestan and Ilam provinces" name a region, not the same-named town.
    """
    out: list[Qualifier] = []
    for m in _AREA_LIST.finditer(text):
        for part in re.finditer(r"[A-Z][\w'’‘`-]*(?:\s+[A-Z][\w'’‘`-]*)?", m.group("list")):
            found = gaz.admin1_for(part.group(0))
            if found:
                a = m.start("list") + part.start()
                out.append((a, a + len(part.group(0)), found[0], found[1]))
    for m in _DIRECTIONAL.finditer(text):
        found = gaz.admin1_for(m.group("area")) or gaz.admin1_for(m.group("area").split()[0])
        if found and not any(a <= m.start("area") < b for a, b, _, _ in out):
            out.append((m.start(), m.start("area") + len(m.group("area").split()[0]), found[0], found[1]))
    for m in _QUALIFIER.finditer(text):
        if any(a <= m.start("area") < b for a, b, _, _ in out):
            continue
        area = m.group("area")
        words = area.split()
        for i in range(len(words)):  # "Israeli forces in Quneitra Province": try the shortest tail too
            found = gaz.admin1_for(" ".join(words[i:])) or _admin1_via_place(" ".join(words[i:]), gaz)
            if found:
                start = m.start("area") + len(" ".join(words[:i])) + (1 if i else 0)
                out.append((start if i else m.start(), m.end(), found[0], found[1]))
                break
    return out


def find_countries(text: str) -> list[tuple[int, int, str, str]]:
    """Countries named as locations ("in Syria", "Iranian missile sites"): (start, end, name, why)."""
    out = []
    names = list(COUNTRIES) + list(_COUNTRY_ALIASES)
    for m in re.finditer(
        r"\b(?:in|to|into|from|inside|across|over)\s+(?P<c>" + "|".join(names) + r")\b", text
    ):
        name = _COUNTRY_ALIASES.get(m.group("c"), m.group("c"))
        out.append((m.start("c"), m.end("c"), name, f"country named as a location: {m.group(0)!r}"))
    for m in _DEMONYM_AREA.finditer(text):
        name = next(c for c, (_, ds) in COUNTRIES.items() if m.group("dem") in ds)
        out.append((m.start(), m.end(), name, f"country from {m.group(0)!r}"))
    return sorted(out)


def iso3(country: str | None) -> str | None:
    return COUNTRIES[country][0] if country in COUNTRIES else None
