"""Read a GeoNames country extract (``LB.txt`` from GeoNames' ``LB.zip``; CC BY 4.0): every feature GeoNames
holds for one country, in the tab-separated ``geoname`` table layout that cities500 also uses, but with the
villages that have no population figure (most of south Lebanon's) that cities500 leaves out.

Populated places are kept (feature class P, and refugee camps: `CAMP_CODES`), less sections of a city,
abandoned, historical and destroyed places (`LEFT_OUT`); so are the terrain and installation features whose
feature codes the build asks for (`sitmap.reference.feature_kinds.FEATURE_CODES`: hills, mountains, wadis,
dams, oil fields, border posts, military installations). Several extracts (LB.txt, SY.txt, IQ.txt, JO.txt)
are read alike; the country comes from each row. Used by ``scripts/build_gazetteer.py --extract``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from sitmap.reference.feature_kinds import FEATURE_CODES
from sitmap.reference.names import normalise_name

# GeoNames' feature codes of class P that name no place a report can mean today: a section of a city
# (a Beirut quarter such as "Haï Mâr Eliâs"), an abandoned, a historical or a destroyed place.
LEFT_OUT = {"PPLX", "PPLQ", "PPLH", "PPLW", "PPLCH"}
# Refugee camps are filed as spots (feature class S) but are lived-in towns that reports name as places
# ("a strike on the Ein el-Hilweh camp", Rashidieh, Burj el-Shemali; Jenin and Nour Shams in the West Bank):
# they are read as populated places, not as features.
CAMP_CODES = frozenset({"CMPRF"})
# Words of ordinary English text that names in the extract fold to (`normalise_name`): "in Asia" is not
# Assia (Batroun), "in Arab media" not Aaz el Arab (Beqaa). Such a spelling is dropped, and a place whose
# own name folds to one is left out (a hamlet far from any front line; no report names it so).
ENGLISH_WORDS = {"arab", "asia", "said", "name", "dome", "mail", "sail", "safari"}


class ExtractError(ValueError):
    """A row of the extract is not a GeoNames row: wrong number of fields or a bad id or point."""


def _number(text: str, path: Path, line: int, row: list[str], field: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ExtractError(
            f"{path}: line {line} (geonameid {row[0]!r} {row[1]!r}): {field} {text!r} is not a number"
        ) from None


def _english(name: str) -> bool:
    return normalise_name(name) in ENGLISH_WORDS


def is_place(fclass: str, fcode: str) -> bool:
    """A row the build treats as a populated place: class P less `LEFT_OUT`, or a refugee camp."""
    return (fclass == "P" and fcode not in LEFT_OUT) or fcode in CAMP_CODES


def read_extract(path: Path, columns: list[str], codes: frozenset[str] = frozenset()) -> pd.DataFrame:
    """The extract's populated places, and its features whose feature code is in `codes` (keys of
    FEATURE_CODES), as a table with `columns` (the geoname table's 19 names), typed as the build's
    cities500 table: population int, lat/lon float, the rest str."""
    unknown = sorted(codes - FEATURE_CODES.keys())
    if unknown:
        raise ExtractError(f"{path}: feature codes {unknown} are none of {sorted(FEATURE_CODES)}")
    records = []
    with open(path, encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not row:
                continue
            if len(row) != len(columns):
                raise ExtractError(
                    f"{path}: line {line}: {len(row)} tab-separated fields, a GeoNames row has {len(columns)}"
                )
            rec = dict(zip(columns, row, strict=True))
            if not rec["geonameid"].isdigit():
                raise ExtractError(f"{path}: line {line} ({rec['name']!r}): geonameid {rec['geonameid']!r}")
            place = is_place(rec["fclass"], rec["fcode"])
            if not (place or rec["fcode"] in codes) or _english(rec["name"]):
                continue
            rec["alternatenames"] = ",".join(n for n in rec["alternatenames"].split(",") if not _english(n))
            lat = _number(rec["lat"], path, line, row, "latitude")
            lon = _number(rec["lon"], path, line, row, "longitude")
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ExtractError(f"{path}: line {line} (geonameid {row[0]} {row[1]!r}): point {lat}, {lon}")
            population = int(_number(rec["population"] or "0", path, line, row, "population"))
            records.append({**rec, "lat": lat, "lon": lon, "population": population})
    return pd.DataFrame.from_records(records, columns=columns)


# A feature's generic word in the extract's spellings (Jabal, Jebel, Djebel; Ouâdi, Wâdi) and the English
# one reports write ("Mount Hermon", "Wadi Saluki"): a feature is also indexed under the English form.
_GENERIC = {
    "mountain": (re.compile(r"^(?:Jabal|Jebel|Djebel|Jbel|Jabel)\s+(?P<rest>.+)$"), "Mount"),
    "wadi": (re.compile(r"^(?:Ouâdi|Ouadi|Wâdi|Wādī|Oued)\s+(?P<rest>.+)$"), "Wadi"),
}
_ONE_WORD = {"hill": "Tell", "mountain": "Mount", "wadi": "Wadi"}  # a one-word feature name, with its word


def feature_spellings(name: str, kind: str) -> list[str]:
    """English spellings of a feature's name: "Jabal Blât" -> "Mount Blât", "Ouâdi X" -> "Wadi X"; a
    one-word name ("Sannîne") only with its generic word ("Mount Sannîne"): the index never takes a
    feature's bare one-word name, which is as often a village's or a common word."""
    if len(normalise_name(name).split()) < 2 and kind in _ONE_WORD:
        return [f"{_ONE_WORD[kind]} {name}"]
    rx, word = _GENERIC.get(kind, (None, ""))
    m = rx.match(name) if rx else None
    return [f"{word} {m.group('rest')}"] if m else []
