"""Gazetteer records from the reference layers: the rows of `places.geojson` and `gazetteer.csv` as the
dicts `Gazetteer.add` indexes (loading; `gazetteer` matches).

A record's `country` and `admin1` are the built files' (the registry's country, `source_country`, where
Natural Earth's simplified border alone misplaced the point: `areas.place_areas`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pandas as pd

from sitmap.reference.layers import Reference

BRACKET = re.compile(r"\s*\(.*?\)")  # "Quneitra (old city)": the note in brackets is not part of the name

Names = list[Any]  # the names a record is indexed under (name, Arabic name, spellings; any may be missing)

# How a hand-kept row of geodata/features_curated.csv ends its `source` in gazetteer.csv (written by
# scripts/hand_features.py): a cited site known by its full names only ("the Rumaila oil field"), listed like
# places.geojson's curated rows, not a village row that must first be introduced ("in", "near").
HAND_KEPT_SOURCE = "(features_curated.csv)"


def layer_records(reference: Reference) -> Iterator[tuple[dict[str, Any], Names]]:
    """(record, names) for each place of `places.geojson` (curated and GeoNames rows)."""
    for row in reference.places.itertuples(index=False):
        geom = row.geometry
        point = geom.representative_point() if geom is not None and not geom.is_empty else None
        alts = getattr(row, "alt_names", None)
        record = {
            "id": row.id,
            "name": BRACKET.sub("", str(row.name)).strip(),
            "country": clean(getattr(row, "country", None)),
            "source_country": clean(getattr(row, "source_country", None)),
            "admin1": clean(getattr(row, "admin1", None)),
            "kind": clean(getattr(row, "kind", None)),
            "uncertainty_m": number(getattr(row, "uncertainty_m", None)),
            "lon": point.x if point is not None else None,
            "lat": point.y if point is not None else None,
            "geonameid": geonameid(getattr(row, "geonameid", None)),
        }
        yield record, [row.name, getattr(row, "name_ar", None), *(list(alts) if alts is not None else [])]


def table_records(table: pd.DataFrame) -> Iterator[tuple[dict[str, Any], Names]]:
    """(record, names) for each village-scale row of `gazetteer.csv` (its first name is its `name`); a
    hand-kept feature is no village row (`HAND_KEPT_SOURCE`)."""
    for row in table.itertuples(index=False):
        names = [row.name, *(str(row.alt_names).split("|") if isinstance(row.alt_names, str) else [])]
        record = {
            "id": row.id,
            "name": row.name,
            "country": clean(row.country),
            "source_country": clean(getattr(row, "source_country", None)),
            "admin1": clean(row.admin1),
            "kind": clean(row.kind),
            "uncertainty_m": number(row.uncertainty_m),
            "lon": float(row.lon),
            "lat": float(row.lat),
            "geonameid": geonameid(row.geonameid),
            "layer": None if str(getattr(row, "source", "")).endswith(HAND_KEPT_SOURCE) else "villages",
        }
        yield record, names


def geonameid(value: Any) -> int | None:
    n = number(value)
    return int(n) if n else None


def clean(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def number(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if f == f else None
