"""The one gazetteer index and matcher, and the admin-1 qualifiers that name regions (countries:
`reference.countries`).

`Gazetteer.from_reference` indexes every name of every place (`names.normalise_name`, plus a consonant
skeleton for transliterations the normaliser does not fold): the curated and GeoNames places of
`places.geojson` first, then the village-scale `gazetteer.csv` (a place already known is not added twice).
`lookup` answers extraction (exact key, or one close transliteration); `search` answers the review page
and the map (exact, then prefix, then close spellings). Nothing else matches place names.
Qualifiers ("Quneitra Province", "western Daraa countryside", "Tehran, Khuzestan and Ilam provinces")
name a region.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from rapidfuzz import fuzz, process

from sitmap.reference.area_places import border_records, zone_records
from sitmap.reference.countries import COUNTRIES
from sitmap.reference.feature_kinds import REGION_KIND, generic, is_feature
from sitmap.reference.gazetteer_records import BRACKET, clean, layer_records, table_records
from sitmap.reference.layers import Reference
from sitmap.reference.names import normalise_name, skeleton, spelling_key

# An admin-1 region: (its name, its country; None where the admin-1 layer gives no country).
Region = tuple[str, str | None]

_QUALIFIER = re.compile(
    r"(?:\b(?:northern|southern|eastern|western|north|south|east|west|northeastern|northwestern|"
    r"southeastern|southwestern|central|rural)\s+)?"
    # At most six words (no region's name is longer): unbounded, every capitalised word of a long run of
    # them started a match that read to the run's end, quadratic in a paragraph's length.
    r"(?P<area>[A-Z][\w'’‘`-]*(?:\s+(?:[A-Z][\w'’‘`-]*|al|el|ad|ar|as|ash|az|ez|ed)){0,5})\s+"
    r"(?P<word>[Pp]rovince|[Gg]overnorate|[Dd]istrict|[Cc]ountryside|[Rr]egion|[Mm]uhafazah)\b"
)

_KIND_RANK = {"city": 4, "town": 3, "base": 2, "site": 2, "hill": 2, "village": 1}
# Seas, gulfs and straits (places_curated.csv): a representative point with an uncertainty of half their
# extent. A name resolves to them, but their point says nothing about where the rest of a text is.
SEA_KIND = "sea"
_FUZZY_MIN = (
    88.0  # rapidfuzz ratio (0-100) for "similar spelling": Tafs~Tafas (89) yes, Jamleh~Jablah (80) no
)
_VILLAGE_FLOOR = 90.0  # lookup: rapidfuzz ratio for a village-scale row by a three-consonant skeleton
_VILLAGE_PART = 0.75  # search: a village-scale row's partial or similar name, against a listed place's
_SAME_PLACE_KM = 5.0  # a gazetteer.csv row this close to a known place of the same name is that place


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


def _open_end(key: str) -> bool:
    """Whether a normalised name ends in a vowel (after `normalise_name`, -ah/-eh end in "a")."""
    return key[-1:] in "aeiou"


@dataclass
class Gazetteer:
    """Lookup tables built once from the reference layers (the only place-name index)."""

    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_key: dict[str, set[str]] = field(default_factory=dict)
    by_skeleton: dict[str, set[str]] = field(default_factory=dict)
    skeleton_keys: dict[str, set[str]] = field(default_factory=dict)  # skeleton -> the keys that have it
    features: set[str] = field(default_factory=set)  # hills, wadis…: full names only, close spellings ≥ 90
    bare_features: dict[str, set[str]] = field(default_factory=dict)  # a feature's one-word names, apart
    admin1: dict[str, Region] = field(default_factory=dict)  # key -> (name, country)
    spellings: dict[str, set[str]] = field(default_factory=dict)  # `spelling_key` -> ids, for `spelt_as`
    max_tokens: int = 1
    areas: Reference | None = field(default=None, repr=False, compare=False)  # the layers, for `areas`
    _keys: list[str] = field(default_factory=list, repr=False)  # by_key's keys, for search
    # admin1's skeletons, each to the first region that has it (admin1_for); folded again if admin1 grows
    _admin1_skeletons: dict[str, Region] = field(default_factory=dict, repr=False, compare=False)
    _admin1_folded: int = field(default=-1, repr=False, compare=False)  # len(admin1) when it was folded

    @classmethod
    def from_reference(cls, reference: Reference) -> Gazetteer:
        gaz = cls(areas=reference)
        for row in reference.admin1.itertuples(index=False):  # first: the table's features skip them
            for name in (getattr(row, "name", None), getattr(row, "ne_name", None)):
                if isinstance(name, str) and name:
                    for variant in (name, BRACKET.sub("", name)):
                        gaz.admin1[normalise_name(variant)] = (row.name, clean(row.country))
        for record, names in layer_records(reference):
            gaz.add(record, names)
        if reference.gazetteer is not None:
            gaz._add_table(reference.gazetteer)
        countries = {iso: name for name, (iso, _) in COUNTRIES.items()}
        for record, names in [*zone_records(reference), *border_records(reference, countries)]:
            gaz.add(record, names)
        gaz._keys = sorted(gaz.by_key)
        return gaz

    def add(self, record: dict[str, Any], names: list[Any]) -> None:
        """Index one place under each of its names (and each name without a bracketed note)."""
        self.records[record["id"]] = record
        for name in names:
            if isinstance(name, str) and name.strip():
                self._index(record["id"], name)
                if "(" in name:
                    self._index(record["id"], BRACKET.sub("", name))
        self._keys = []

    def add_own_places(self, features: list[dict[str, Any]]) -> None:
        """Index the analyst's own places (`own_places`); they win over same-named gazetteer places."""
        from sitmap.reference.own_places import own_place_records

        for record, names in own_place_records(features, self.areas):
            self.add(record, names)
        self._keys = sorted(self.by_key)

    def _add_table(self, table: pd.DataFrame) -> None:
        """The village-scale rows (`gazetteer.csv`); a row naming a place already indexed is skipped."""
        known_gn = {r["geonameid"] for r in self.records.values() if r.get("geonameid")}
        for record, names in table_records(table):
            if record["geonameid"] in known_gn or record["id"] in self.records:
                continue
            if is_feature(record["kind"]):  # a hill, a wadi: its full names ("Jabal Blat"); a bare one-word
                self.features.add(record["id"])  # name only where the text says hill, wadi… (`bare_features`)
                keys = {k for n in names if isinstance(n, str) and (k := normalise_name(n))}
                # not a feature word alone ("Wadi", "Jabal": the cue itself), nor a short word ("Hut", "Sin")
                for k in (k for k in keys if " " not in k and not _short_latin(k) and not generic(k)):
                    self.bare_features.setdefault(k, set()).add(record["id"])
                # nor a region's name: "in Mount Lebanon" is the governorate, not the range's point ± 10 km
                full = [n for n in names if isinstance(n, str) and " " in normalise_name(n)]
                self.add(record, [n for n in full if normalise_name(n) not in self.admin1])
            elif not self._known_near(names[0], record["lat"], record["lon"]):
                names = [*names, *(j for n in names if (j := _JOINED_ARTICLE.sub("El ", n)) != n)]
                self.add(record, [n for n in names if not _short_latin(n)])

    def names_region(self, name: str) -> bool:
        """Whether `name` is a named region's one-word name ("Qalamoun", "Golan": kind `REGION_KIND`)."""
        return any(
            self.records[i]["kind"] == REGION_KIND for i in self.bare_features.get(normalise_name(name), ())
        )

    def _known_near(self, name: str, lat: float, lon: float) -> bool:
        for pid in self.by_key.get(normalise_name(name), ()):
            rec = self.records[pid]
            if rec["lat"] is not None and km_between(lat, lon, rec["lat"], rec["lon"]) < _SAME_PLACE_KM:
                return True
        return False

    def _index(self, place_id: str, name: str) -> None:
        key = normalise_name(name)
        if not key:
            return
        self.spellings.setdefault(spelling_key(name), set()).add(place_id)
        self.by_key.setdefault(key, set()).add(place_id)
        self.max_tokens = max(self.max_tokens, min(6, len(name.split())))
        sk = skeleton(key)
        if len(sk) >= 3:
            self.by_skeleton.setdefault(sk, set()).add(place_id)
            self.skeleton_keys.setdefault(sk, set()).add(key)

    def spelt_as(self, place_id: str, text: str) -> bool:
        """Whether a name of the place is spelt like `text` (`spelling_key`), not only folded alike."""
        return place_id in self.spellings.get(spelling_key(text), ())

    def listed_first(self, ids: list[str]) -> list[str]:
        """The curated and GeoNames places (`places.geojson`, own places) among `ids` if any, else all of
        them: a village of the village-scale table spelt like a listed place neither stands for it nor
        makes its name ambiguous ("Sweida", "Quneitra" are also hamlets' names)."""
        return [i for i in ids if self.records[i].get("layer") != "villages"] or ids

    def keys_of(self, place_id: str) -> frozenset[str]:
        """Every normalised name the index holds for a place (its name, spellings and Arabic names)."""
        return frozenset(k for k, ids in self.by_key.items() if place_id in ids)

    def lookup(self, text: str, *, exact_only: bool = False) -> tuple[list[str], str]:
        """Gazetteer ids for a name, and how they matched: the same normalised key ("exact"), or else
        up to three places with the same consonant skeleton and a close spelling ("transliteration"). Both
        names must end alike, in a vowel or not: a final -a/-ah/-eh (ta marbuta) that only one has makes
        another word (Suwaysah is not as-Suways, Suez), which the skeleton, all consonants, cannot see."""
        key = normalise_name(text)
        if not key:
            return [], ""
        if key in self.by_key:
            return sorted(self.by_key[key]), "exact"
        if exact_only:
            return [], ""
        sk = skeleton(key)
        floor = 75 if len(sk) >= 4 else 85  # three consonants collide more: ask for closer spellings
        close = [
            k
            for k in self.skeleton_keys.get(sk, ())
            if k[0] == key[0] and _open_end(k) == _open_end(key) and fuzz.ratio(key, k) >= floor
        ]
        ids = sorted({pid for k in close for pid in self.by_key[k]})
        near = {pid for k in close if fuzz.ratio(key, k) >= _VILLAGE_FLOOR for pid in self.by_key[k]}
        # A village-scale row by three consonants needs a closer spelling still: Suwaisa is Sweisa (92),
        # Toulin is not Tlin (89, Hasakah) nor Zummar Zmar (89, Aleppo); so does a hill or a wadi by any
        # skeleton (Wadi Saluki is Wadi es Sloûki, 95), its name being mostly a generic word and a short one.
        loose = len(sk) >= 4  # a village-scale row by a 4+ consonant skeleton at the floor above
        ids = [
            p for p in ids
            if p in near or (p not in self.features and (loose or self.records[p].get("layer") != "villages"))
        ]  # fmt: skip
        if 0 < len(ids) <= 3:  # several: the caller's context chooses (or refuses)
            return ids, "transliteration"
        return [], ""

    def search(
        self, query: str, limit: int = 10, prefer: frozenset[str] | set[str] = frozenset()
    ) -> list[dict[str, Any]]:
        """Places for a typed name, best first: the same name after normalisation, then names with a word
        starting with it, then names containing it, then close spellings (`lookup`'s rule, as extraction
        reads names; rapidfuzz ratio >= 88, same first letter). Equal scores: the analyst's own places,
        then places in an admin-1 or country of `prefer` (the candidate's), then larger places. Each result
        is the place's record plus `match` (why) and `score` (0-1)."""
        key = normalise_name(query)
        if not key:
            return []
        if not self._keys:
            self._keys = sorted(self.by_key)
        best: dict[str, tuple[float, str]] = {}

        def offer_ids(ids: Iterable[str], score: float, how: str) -> None:
            for pid in ids:
                # A partial name of a village-scale row ranks after close spellings of the listed places:
                # "Tafs" is Tafas (Daraa) before the hamlet Tafsh; a village's full name still ranks first.
                part = score < 1.0 and self.records[pid].get("layer") == "villages"
                s = score * _VILLAGE_PART if part else score
                if s > best.get(pid, (0.0, ""))[0]:
                    best[pid] = (s, how)

        def offer(k: str, score: float, how: str) -> None:
            offer_ids(self.by_key[k], score, how)

        if key in self.by_key:
            offer(key, 1.0, "same name")
        ids, how = self.lookup(query)  # what extraction resolves the name to, found by the search too
        if how == "transliteration":
            offer_ids(ids, 0.85, "same consonants, close spelling")
        if len(key) >= 3:
            for k in self._keys:
                if k != key and (k.startswith(key) or f" {key}" in k):
                    offer(k, 0.9, "a word of the name starts with it")
                elif k != key and key in k:
                    offer(k, 0.7, "name contains it")
        for k, ratio, _ in process.extract(
            key, self._keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_MIN, limit=50
        ):
            if k != key and k[0] == key[0]:
                offer(k, 0.8 * ratio / 100, "similar spelling")
        ranked = sorted(
            best.items(),
            key=lambda kv: (
                -kv[1][0],
                self.records[kv[0]].get("layer") != "own",  # the analyst's own places first
                not prefer or self.records[kv[0]]["admin1"] not in prefer,
                not prefer or self.records[kv[0]]["country"] not in prefer,
                -_KIND_RANK.get(self.records[kv[0]]["kind"] or "", 0),
                self.records[kv[0]]["name"],
            ),
        )
        return [
            {**self.records[pid], "match": how, "score": round(score, 3)}
            for pid, (score, how) in ranked[:limit]
        ]

    def admin1_for(self, text: str) -> Region | None:
        key = normalise_name(re.sub(r"['’]s$", "", text.strip()))  # "Daraa's countryside"
        if key in self.admin1:
            return self.admin1[key]
        sk = skeleton(key)
        if len(sk) < 4:  # shorter skeletons collide (Qaim/Qom)
            return None
        if self._admin1_folded != len(self.admin1):  # folded once: extraction asks for every span
            self._admin1_skeletons = {}
            for k, v in self.admin1.items():
                self._admin1_skeletons.setdefault(skeleton(k), v)
            self._admin1_folded = len(self.admin1)
        return self._admin1_skeletons.get(sk)


# A village-scale name this short in Latin letters ("Hot", "Has", "Mil", "Dar") is more often a word, an
# abbreviation or a cut of a longer name than the hamlet; such a row is found by its longer or Arabic names.
_SHORT_VILLAGE_NAME = 3


# OCHA writes the article joined to the next word ("Jbata Elkhashab", "Ein Eltineh"; 692 communities):
# split, the name folds like the usual "Jubata al-Khashab" (a first word such as "Eliyeh" is left whole).
_JOINED_ARTICLE = re.compile(r"(?<=\s)El(?=[a-z]{3,})")


def _short_latin(name: object) -> bool:
    key = normalise_name(name) if isinstance(name, str) else ""
    return bool(key) and key.isascii() and len(key.replace(" ", "")) <= _SHORT_VILLAGE_NAME


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine; enough for ranking and 150 km refusals)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


_SIDE = (
    r"(?:northern|southern|eastern|western|northeastern|northwestern|southeastern|southwestern|central|rural)"
)
_DIRECTIONAL = re.compile(rf"\b{_SIDE}\s+(?P<area>[A-Z][\w'’‘`-]*(?:\s+[A-Z][\w'’‘`-]*)?)")
# "Daraa's western countryside", "the western countryside of Daraa": the same region, told the other ways
_POSSESSIVE = re.compile(rf"\b(?P<area>[A-Z][\w-]*)['’]s\s+{_SIDE}\s+(?:countryside|province|governorate)\b")
_SIDE_OF = re.compile(rf"\b{_SIDE}\s+(?:countryside|province|governorate)\s+of\s+(?P<area>[A-Z][\w'’‘`-]*)")
_AREA_LIST = re.compile(  # a list of at most 30 names: an unbounded one made a long list of names quadratic
    r"(?P<list>[A-Z][\w'’‘`-]*(?:\s+[A-Z][\w'’‘`-]*)?(?:,\s+[A-Z][\w'’‘`-]*(?:\s+[A-Z][\w'’‘`-]*)?){0,29},?\s+"
    r"and\s+[A-Z][\w'’‘`-]*(?:\s+[A-Z][\w'’‘`-]*)?)\s+(?:[Pp]rovinces|[Gg]overnorates)\b"
)


def admin1_via_place(name: str, gaz: Gazetteer, around: bool = False) -> Region | None:
    """ "Hodeidah Governorate": the governorate of the gazetteer's Hodeidah, when spellings differ. `around`
    ("the Ariha countryside": the area around a town) is no governorate's name: where same-named places lie
    in several countries (Idlib's Ariha, the West Bank's Jericho) it is left to the place's ranking."""
    if gaz.names_region(name):
        return None  # "the Qalamoun region": the named region, not the governorate of a town spelt alike
    ids, how = gaz.lookup(name, exact_only=True)
    if around and len({gaz.records[i]["country"] for i in ids}) > 1:
        return None
    ids = gaz.listed_first(ids)  # "Sweida province": the city's governorate, not those of hamlets spelt alike
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
    for m in (m for rx in (_DIRECTIONAL, _POSSESSIVE, _SIDE_OF) for m in rx.finditer(text)):
        found = gaz.admin1_for(m.group("area")) or gaz.admin1_for(m.group("area").split()[0])
        if found and not any(a <= m.start("area") < b for a, b, _, _ in out):
            out.append((m.start(), m.start("area") + len(m.group("area").split()[0]), found[0], found[1]))
    for m in _QUALIFIER.finditer(text):
        if any(a <= m.start("area") < b for a, b, _, _ in out):
            continue
        area = m.group("area")
        words = area.split()
        # "Israeli forces in Quneitra Province": try the shortest tail too; but a district is named whole
        # ("Bint Jbeil district" is not the Jbeil district of Mount Lebanon)
        tails = 1 if m.group("word").lower() == "district" else len(words)
        for i in range(tails):
            around = m.group("word").lower() == "countryside"
            found = gaz.admin1_for(" ".join(words[i:])) or admin1_via_place(" ".join(words[i:]), gaz, around)
            if found:
                start = m.start("area") + len(" ".join(words[:i])) + (1 if i else 0)
                out.append((start if i else m.start(), m.end(), found[0], found[1]))
                break
    return out
