"""Places by name and point, for the gazetteer build (`scripts/build_gazetteer.py`): which known place a
community, an extract's row or a feature is, by a shared spelling (or a 4+ consonant skeleton) within
MERGE_KM."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing
from sitmap.reference.gazetteer import km_between  # noqa: E402
from sitmap.reference.names import normalise_name, skeleton  # noqa: E402

MERGE_KM = 5.0  # a community this close to a known place of the same name is that place


class NameIndex:
    """Places by normalised name and by consonant skeleton, to find the known place a community is."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[tuple[float, float, int]]] = {}

    def add(self, names: list[str], lat: float, lon: float, ref: int) -> None:
        for key in {k for n in names if (k := normalise_name(n))}:
            for k in (key, f"~{skeleton(key)}") if len(skeleton(key)) >= 4 else (key,):
                self.by_key.setdefault(k, []).append((lat, lon, ref))

    def find(self, names: list[str], lat: float, lon: float) -> int | None:
        """The nearest place within MERGE_KM sharing a name (or a 4+ consonant skeleton), else None."""
        best: tuple[float, int] | None = None
        for key in {k for n in names if (k := normalise_name(n))}:
            for k in (key, f"~{skeleton(key)}") if len(skeleton(key)) >= 4 else (key,):
                for plat, plon, ref in self.by_key.get(k, ()):
                    d = km_between(lat, lon, plat, plon)
                    if d < MERGE_KM and (best is None or d < best[0]):
                        best = (d, ref)
        return best[1] if best else None


def _feature_names(props: dict[str, object]) -> list[str]:
    alts = props.get("alt_names") or []
    return [str(n) for n in [props.get("name"), props.get("name_ar"), *list(alts)] if n]  # type: ignore[call-overload]


Records = list[dict[str, object]]


def indices(places: Records, records: Records) -> tuple[NameIndex, NameIndex]:
    """Name indexes of the places.geojson places (ref -1) and of the output records (ref: list index)."""
    known, rows = NameIndex(), NameIndex()
    for f in places:
        lon, lat = f["geometry"]["coordinates"][:2]  # type: ignore[index]
        known.add(_feature_names(f["properties"]), float(lat), float(lon), -1)  # type: ignore[arg-type]
    for i, rec in enumerate(records):
        names = [str(rec["name"]), *str(rec["alt_names"]).split("|")]
        rows.add(names, float(rec["lat"]), float(rec["lon"]), i)  # type: ignore[arg-type]
    return known, rows
