"""Airfields and air bases of the region from PyPI's ``airportsdata`` (MIT; ICAO-coded airports and landing
strips with coordinates, derived from public aviation data), for ``scripts/build_gazetteer.py --airfields``.

A row whose name says base (Air Base, Air Force Base, Army Air Field, AB) is kind ``base`` (± 3 km, as
GeoNames' AIRB); the others (airports, airfields) are ``site`` (± 2 km). Each is found by its full name and
the forms reports write ("Dumayr air base", "Dumayr airbase", "Aleppo airport"), never by a bare one-word
name, so "Shayrat" alone stays the village and "Shayrat air base" is the base.
``geodata/airfields_curated.csv`` (hand-kept, one cited source or reason per row) adds the names reports
use that the registry lacks (Hmeimim for Bassel al-Assad airport, Kuweires). A curated place or an
extract's base within `MERGE_KM` is that airfield: it wins and the registry's row is left out.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from pathlib import Path

from anyascii import anyascii

from sitmap.reference.areas import place_areas
from sitmap.reference.gazetteer import km_between
from sitmap.reference.layers import Reference
from sitmap.reference.names import normalise_name

AIRPORTSDATA_VERSION = "20260905"  # the bytes of gazetteer.csv depend on it: the build refuses another
MERGE_KM = 5.0
EXTENT_M = {"base": 3000, "site": 2000}
_BASE = re.compile(r"\b(?:air\s*base|air\s+force\s+base|army\s+air\s+field|AB|naval\s+base)\b", re.IGNORECASE)
_SUFFIX = re.compile(
    r"\s+(?:International\s+)?(?:Air\s+Force\s+Base|Air\s*Base|Army\s+Air\s+Field|AB\s+Airport|Airfield|Airport)$",
    re.IGNORECASE,
)
ALIAS_FIELDS = ("icao", "alt_names", "name_ar", "kind", "source")  # name_ar, kind: optional


class AirfieldError(ValueError):
    """The registry is another version, or a hand-kept alias row is incomplete or names no airfield."""


def load_registry() -> dict[str, dict[str, object]]:
    """airportsdata's rows by ICAO code, checked to be the version the committed file was built from."""
    import airportsdata  # build time only: the app reads gazetteer.csv

    version = getattr(airportsdata, "__version__", "")
    if version != AIRPORTSDATA_VERSION:
        raise AirfieldError(f"airportsdata {version!r} installed; the build needs {AIRPORTSDATA_VERSION}")
    return dict(airportsdata.load("ICAO"))


def read_aliases(path: Path) -> dict[str, dict[str, str]]:
    """The hand-kept table's rows by ICAO code; an error names the file, the line and the field."""
    out: dict[str, dict[str, str]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            missing = [k for k in ("icao", "alt_names", "source") if not (row.get(k) or "").strip()]
            if missing:
                raise AirfieldError(
                    f"{path}: line {line} ({row.get('icao')!r}): {', '.join(missing)} required"
                )
            if row.get("kind") and row["kind"] not in EXTENT_M:
                raise AirfieldError(
                    f"{path}: line {line} ({row['icao']!r}): kind {row['kind']!r} is not base or site"
                )
            if row["icao"] in out:
                raise AirfieldError(f"{path}: line {line}: ICAO {row['icao']!r} written twice")
            out[row["icao"]] = row
    return out


def airfield_kind(name: str) -> str:
    return "base" if _BASE.search(name) else "site"


def airfield_names(name: str, city: str, kind: str) -> list[str]:
    """The registry's name and the forms reports write, each of two words or more and not generic alone."""
    stem = _SUFFIX.sub("", name.strip()).strip()
    if len(normalise_name(stem).replace(" ", "")) < 3:  # "Al Al Airport": nothing of a name is left
        return []
    forms = [name, f"{stem} air base", f"{stem} airbase"] if kind == "base" else [name, f"{stem} airport"]
    if kind == "site" and city and normalise_name(city) not in normalise_name(stem):
        forms.append(f"{city} airport")  # "Kamishly Airport" ... its city
    keys: set[str] = set()
    out = []
    for form in forms:
        key = normalise_name(form)
        if key and key not in keys and len(key.split()) > 1:
            keys.add(key)
            out.append(form)
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")


def airfield_records(
    registry: Mapping[str, Mapping[str, object]],
    countries: Mapping[str, str],
    aliases: dict[str, dict[str, str]],
    known: list[tuple[float, float]],
    reference: Reference,
    taken: set[str],
) -> tuple[list[dict[str, object]], dict[str, int]]:
    """gazetteer.csv records for the registry's airfields in `countries` (ISO2 -> our name), sorted by
    ICAO code; `known` are the points of curated places and bases already kept (they win)."""
    if unknown := sorted(set(aliases) - set(registry)):
        raise AirfieldError(f"airfields_curated.csv: ICAO codes {unknown} are in no airportsdata row")
    counts = {"airfields known": 0, "airfields off every admin-1": 0, "airfields added": 0}
    out: list[dict[str, object]] = []
    for icao in sorted(registry):
        row = registry[icao]
        if row["country"] not in countries:
            continue
        lat, lon = float(str(row["lat"])), float(str(row["lon"]))
        extra = aliases.get(icao, {})
        kind = extra.get("kind") or airfield_kind(str(row["name"]))  # the table knows Kuweires is a base
        names = airfield_names(str(row["name"]), str(row.get("city") or ""), kind)
        if not names:
            continue
        if any(km_between(lat, lon, la, lo) <= MERGE_KM for la, lo in known):
            counts["airfields known"] += 1
            continue
        alts = [n for n in [*names[1:], *filter(None, extra.get("alt_names", "").split("|"))] if n]
        name_ar = extra.get("name_ar", "")
        country, admin1 = place_areas(reference, lon, lat, countries[str(row["country"])])
        if not admin1:  # an island strip far off the coast (Qarnayn, Arzanah): every row has its admin-1
            counts["airfields off every admin-1"] += 1
            continue
        rid = f"{_slug(names[0])}-{icao.lower()}"
        if rid in taken:
            raise AirfieldError(f"airfield id {rid!r} is already a place's")
        taken.add(rid)
        source = f"airportsdata {AIRPORTSDATA_VERSION} {icao} (MIT)"
        if extra:
            source += f"; names: {extra['source']} (airfields_curated.csv)"
        alt_names = "|".join(n for n in dict.fromkeys([*alts, name_ar]) if n)
        out.append({
            "id": rid, "name": names[0], "alt_names": alt_names,
            "name_ar": name_ar, "country": country, "source_country": countries[str(row["country"])],
            "admin1": admin1, "kind": kind, "lat": f"{lat:.5f}", "lon": f"{lon:.5f}",
            "uncertainty_m": EXTENT_M[kind], "population": "", "geonameid": "", "source": source,
        })  # fmt: skip
    counts["airfields added"] = len(out)
    return out, counts
