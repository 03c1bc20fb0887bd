"""Read `geodata/features_curated.csv`: terrain and installation features that reports name and no GeoNames
extract here holds (Syria's Tishrin Dam, the al-Omar oil field), one cited source per row, each a `kind` of
`sitmap.reference.feature_kinds`. Used by ``scripts/build_gazetteer.py --features``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sitmap.reference.areas import place_areas
from sitmap.reference.feature_kinds import FEATURE_KINDS, REGION_KIND
from sitmap.reference.gazetteer_records import HAND_KEPT_SOURCE
from sitmap.reference.layers import Reference
from sitmap.reference.names import normalise_name

REGION_MIN_M = 10000  # beyond it an event stands at region precision (`extract.locate`)
REQUIRED = ("id", "name", "country", "kind", "lat", "lon", "uncertainty_m", "source")


class FeatureTableError(ValueError):
    """A row of the hand-kept table lacks a field, names an unknown kind or a bad point."""


def read_hand_features(path: Path) -> list[dict[str, str]]:
    """The table's rows, checked: every required field, a known feature kind, a point, full names only
    (a feature's bare one-word name would take a person's or a village's: "Omar")."""
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for line, row in enumerate(rows, start=2):
        where = f"{path}: line {line} ({row.get('id')!r})"
        missing = [k for k in REQUIRED if not (row.get(k) or "").strip()]
        if missing:
            raise FeatureTableError(f"{where}: {', '.join(missing)} required")
        if row["kind"] not in FEATURE_KINDS:
            raise FeatureTableError(f"{where}: kind {row['kind']!r} is none of {sorted(FEATURE_KINDS)}")
        try:
            lat, lon, extent = float(row["lat"]), float(row["lon"]), float(row["uncertainty_m"])
        except ValueError:
            raise FeatureTableError(f"{where}: lat, lon and uncertainty_m must be numbers") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180 and extent > 0):
            raise FeatureTableError(f"{where}: point {lat}, {lon} or extent {extent}")
        if row["kind"] == REGION_KIND:
            # an area of tens of km: its events stand at region precision, never on one spot; its one-word
            # name ("Golan", "Qalamoun") is what reports write, and the index reads it only beside a word
            # saying region ("the Golan front"), so a person or a town of that name stays theirs
            if extent <= REGION_MIN_M:
                raise FeatureTableError(
                    f"{where}: a region's extent must exceed {REGION_MIN_M} m (region precision)"
                )
            continue
        names = [row["name"], *filter(None, (row.get("alt_names") or "").split("|"))]
        if short := [n for n in names if " " not in normalise_name(n)]:
            raise FeatureTableError(f"{where}: one-word names {short}: give the full name")
    return rows


def hand_feature_records(path: Path, reference: Reference, taken: set[str]) -> list[dict[str, object]]:
    """The table's rows as gazetteer.csv records (country and admin-1 as the other rows': `place_areas`);
    an id already taken (places.geojson, an earlier row) is an error, not a renamed row."""
    out: list[dict[str, object]] = []
    for row in read_hand_features(path):
        if row["id"] in taken:
            raise FeatureTableError(f"{path}: id {row['id']!r} is already a place's")
        taken.add(row["id"])
        lat, lon = float(row["lat"]), float(row["lon"])
        country, admin1 = place_areas(reference, lon, lat, row["country"])
        names = "|".join(filter(None, [row["alt_names"], row["name_ar"]]))
        out.append({
            "id": row["id"], "name": row["name"], "alt_names": names, "name_ar": row["name_ar"],
            "country": country, "source_country": row["country"], "admin1": admin1 or "", "kind": row["kind"],
            "lat": f"{lat:.5f}", "lon": f"{lon:.5f}", "uncertainty_m": int(float(row["uncertainty_m"])),
            "population": "", "geonameid": "", "source": f"{row['source']} {HAND_KEPT_SOURCE}",
        })  # fmt: skip
    return out
