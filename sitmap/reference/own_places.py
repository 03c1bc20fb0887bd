"""The analyst's own gazetteer: places added once in the review page, stored with the events in
``events/places/places.geojson`` and indexed by every later extraction and place search.

Each feature is a Point (or Polygon) with ``id, name, alt_names, country, admin1, uncertainty_m, source,
added`` properties. The file is validated like event files: a bad feature names the file and the feature,
and nothing is written unless the whole collection is valid. Writes are atomic, under the file's lock.
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from anyascii import anyascii
from shapely.geometry import shape

from sitmap.reference.areas import area_at_border, areas_at
from sitmap.reference.layers import Reference

OWN_PLACES_DIR = "places"  # under the events folder; the event store skips it (not events)
OWN_PLACES_FILE = "places.geojson"
OWN_ID_PREFIX = "own-"
MAX_UNCERTAINTY_M = 500_000.0


class OwnPlaceError(ValueError):
    """An own-places file or a new place is invalid; the message names the file or the field."""


def own_places_path(events_dir: Path | str) -> Path:
    return Path(events_dir) / OWN_PLACES_DIR / OWN_PLACES_FILE


def _problems(feat: Any) -> list[str]:
    if not isinstance(feat, dict) or feat.get("type") != "Feature":
        return ["not a GeoJSON Feature"]
    props = feat.get("properties")
    if not isinstance(props, dict):
        return ["no properties"]
    out = []
    pid = props.get("id")
    if not isinstance(pid, str) or not re.fullmatch(r"own-[a-z0-9]+(-[a-z0-9]+)*", pid):
        out.append(f"id {pid!r} is not 'own-' and a lower-case slug")
    if not isinstance(props.get("name"), str) or not props["name"].strip():
        out.append("name is missing")
    alts = props.get("alt_names", [])
    if not isinstance(alts, list) or not all(isinstance(a, str) for a in alts):
        out.append("alt_names must be a list of strings")
    unc = props.get("uncertainty_m")
    if not isinstance(unc, int | float) or not 0 < unc <= MAX_UNCERTAINTY_M:
        out.append(f"uncertainty_m must be a number in (0, {MAX_UNCERTAINTY_M:g}] metres")
    if not isinstance(props.get("source"), str) or not props["source"].strip():
        out.append("source is missing (where the analyst found the place)")
    try:
        geom = shape(feat.get("geometry"))
    except (AttributeError, KeyError, TypeError, ValueError):
        return [*out, "geometry is not valid GeoJSON"]
    if geom.geom_type not in ("Point", "Polygon", "MultiPolygon") or geom.is_empty or not geom.is_valid:
        out.append("geometry must be a valid Point or Polygon")
    else:
        pt = geom.representative_point()
        if not (-180 <= pt.x <= 180 and -90 <= pt.y <= 90):
            out.append("coordinates are not longitude, latitude")
    return out


def load_own_places(events_dir: Path | str) -> list[dict[str, Any]]:
    """The analyst's places (features), [] when there is no file; OwnPlaceError names bad features."""
    path = own_places_path(events_dir)
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise OwnPlaceError(f"{path}: not valid UTF-8 JSON: {e}") from e
    feats = data.get("features") if isinstance(data, dict) else None
    if not isinstance(feats, list):
        raise OwnPlaceError(f"{path}: expected a GeoJSON FeatureCollection")
    errors, seen = [], set()
    for i, feat in enumerate(feats):
        errors += [f"{path}: feature #{i}: {p}" for p in _problems(feat)]
        pid = (feat.get("properties") or {}).get("id") if isinstance(feat, dict) else None
        if pid in seen:
            errors.append(f"{path}: feature #{i}: duplicate id {pid!r}")
        seen.add(pid)
    if errors:
        raise OwnPlaceError("; ".join(errors[:10]))
    return feats


def new_own_place(
    name: str,
    lat: float,
    lon: float,
    uncertainty_m: float,
    source: str,
    *,
    alt_names: list[str] | tuple[str, ...] = (),
    country: str | None = None,
    admin1: str | None = None,
) -> dict[str, Any]:
    """A validated own-place feature (not yet stored)."""
    if not all(isinstance(v, int | float) and math.isfinite(v) for v in (lat, lon)):
        raise OwnPlaceError("the place needs a point: set it on the map first")
    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-")
    feat = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]},
        "properties": {
            "id": OWN_ID_PREFIX + (slug or "place"),
            "name": name.strip(),
            "alt_names": [a.strip() for a in alt_names if a.strip()],
            "country": country or None,
            "admin1": admin1 or None,
            "kind": "village",
            "uncertainty_m": float(uncertainty_m),
            "source": source.strip(),
            "added": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    }
    problems = _problems(feat)
    if problems:
        raise OwnPlaceError("; ".join(problems))
    return feat


def add_own_place(events_dir: Path | str, feature: dict[str, Any]) -> str:
    """Store a new place (atomically) and return its id; a second place of the same name gets '-2'.

    The file is read, extended and written under its lock: two analysts adding a place at once both
    keep theirs (without it, the later write would drop the place the other had just added)."""
    from filelock import FileLock

    from sitmap.store.atomic import atomic_write_bytes
    from sitmap.store.write import lock_path

    path = own_places_path(events_dir)
    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(lock, timeout=30):
        feats = load_own_places(events_dir)
        ids = {f["properties"]["id"] for f in feats}
        base = pid = feature["properties"]["id"]
        n = 1
        while pid in ids:
            n += 1
            pid = f"{base}-{n}"
        feature = {**feature, "properties": {**feature["properties"], "id": pid}}
        problems = _problems(feature)
        if problems:
            raise OwnPlaceError("; ".join(problems))
        body = {"type": "FeatureCollection", "name": "own places", "features": [*feats, feature]}
        atomic_write_bytes(path, (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return pid


def own_place_records(
    features: list[dict[str, Any]], reference: Reference | None = None
) -> list[tuple[dict[str, Any], list[str]]]:
    """(gazetteer record, names) for each own place, as `Gazetteer.add` takes them.

    The analyst's country is the place's source country and is kept; a missing admin-1 is that country's
    nearest within the border slack, and a place saved without a country takes the areas its point lies
    in (`reference`'s polygons)."""
    out = []
    for feat in features:
        props = feat["properties"]
        pt = shape(feat["geometry"]).representative_point()
        country, admin1 = props.get("country") or None, props.get("admin1") or None
        if reference is not None and country is None:
            country, admin1 = areas_at(reference, pt.x, pt.y)
        elif reference is not None and admin1 is None and country is not None:
            admin1 = area_at_border(reference, country, pt.x, pt.y)
        record = {
            "id": props["id"], "name": props["name"], "country": country,
            "source_country": props.get("country"), "admin1": admin1, "kind": props.get("kind") or "village",
            "uncertainty_m": float(props["uncertainty_m"]), "lon": pt.x, "lat": pt.y, "geonameid": None,
            "layer": "own",
        }  # fmt: skip
        out.append((record, [props["name"], *props.get("alt_names", [])]))
    return out
