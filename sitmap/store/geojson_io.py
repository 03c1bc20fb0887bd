"""Strict GeoJSON reading, geometry checks and RFC 7946 writing.

Reading never trusts the file: size is checked before reading, and every problem (encoding, JSON syntax,
duplicate keys, NaN, nesting, wrong top-level type, legacy `crs`) comes back as a `Problem` naming file,
feature and field instead of an exception. Writing produces one stable, diff-friendly layout so analysts can
keep `events/` in git. Geometry checks live in `sitmap.store.geojson_geometry` (re-exported here).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sitmap.model import OPTIONAL_PROPERTIES, REQUIRED_PROPERTIES, Problem, feature_label
from sitmap.store.atomic import UnreadableFileError, atomic_write_bytes, read_regular_bytes
from sitmap.store.geojson_geometry import GEOMETRY_TYPES, validate_geometry
from sitmap.store.geojson_scan import (
    NonFinite,
    line_col,
    locate_json_problems,
    may_hold_bad_text,
    number_hooks,
    scan_json,
)
from sitmap.store.geojson_scan import pairs_hook as _pairs_hook
from sitmap.store.json_text import indented

__all__ = [
    "GEOMETRY_TYPES",
    "UnreadableFileError",
    "atomic_write_bytes",
    "may_hold_bad_text",
    "dumps_feature_collection",
    "normalise_feature",
    "parse_feature_collection",
    "read_bytes_limited",
    "read_feature_collection",
    "validate_geometry",
    "write_feature_collection",
]

_BOM = b"\xef\xbb\xbf"
_WRAP_FEATURE = 'wrap it as {"type": "FeatureCollection", "features": [<this Feature>]}'


def read_bytes_limited(path: Path, max_bytes: int) -> bytes | None:
    """The file's bytes, or None when it is larger than `max_bytes` (checked before reading).

    Raises UnreadableFileError for what is not a readable regular file (see `atomic.read_regular_bytes`).
    """
    return read_regular_bytes(path, max_bytes)


def read_feature_collection(
    path: Path | str, *, max_bytes: int, max_depth: int, label: str | None = None
) -> tuple[list[Any] | None, list[Problem]]:
    """Read a FeatureCollection strictly: (features, problems), features None when the file is unusable.

    `label` is how problems name the file (default: the path). Feature #i of the result is feature #i of
    the file, so indices in problems match; entries that are not objects are kept (and reported).
    """
    path = Path(path)
    file = label or str(path)
    try:
        data = read_bytes_limited(path, max_bytes)
    except UnreadableFileError as e:
        return None, [Problem(file, "-", "-", e.reason)]
    if data is None:
        size = os.stat(path).st_size
        return None, [
            Problem(file, "-", "-", f"file is {size:,} bytes, over the {max_bytes:,}-byte limit; not read")
        ]
    return parse_feature_collection(data, file=file, max_depth=max_depth)


def parse_feature_collection(
    data: bytes, *, file: str, max_depth: int, members: dict[str, Any] | None = None
) -> tuple[list[Any] | None, list[Problem]]:
    """Parse the bytes of a GeoJSON file as `read_feature_collection` does.

    When `members` is given, it receives the collection's other top-level members (`name`, `bbox`, foreign
    members; not `type`, `features` or the legacy `crs`), so a save can keep them.
    """
    problems: list[Problem] = []

    def fatal(message: str, field: str = "-") -> tuple[None, list[Problem]]:
        problems.append(Problem(file, "-", field, message))
        return None, problems

    if not data.strip():
        return fatal('file is empty; an empty store file holds {"type": "FeatureCollection", "features": []}')
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fatal("file is UTF-16; save it as UTF-8")
    if data.startswith(_BOM):
        # RFC 8259 lets parsers ignore a BOM; we read on, and the next save writes the file without it.
        problems.append(Problem(file, "-", "-", "file starts with a UTF-8 byte order mark", "warning"))
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        return fatal(
            f"not valid UTF-8 at byte offset {e.start} (line {line}): byte 0x{data[e.start]:02x}; "
            "save the file as UTF-8 (it looks like Latin-1 or Windows-1252)"
        )
    scanned = scan_json(data, max_depth)
    if scanned.too_deep_at is not None:
        line, col = line_col(data, scanned.too_deep_at)
        return fatal(f"JSON nested deeper than {max_depth} levels at line {line}, column {col}")

    constants: list[str] = []
    key_count = 0

    def count_keys(obj: dict[str, Any]) -> dict[str, Any]:
        nonlocal key_count
        key_count += len(obj)
        return obj

    def constant_hook(name: str) -> float:
        constants.append(name)
        return NonFinite(name.replace("Infinity", "inf"))

    # Numbers Python cannot hold as written are marked by hooks, only when the bytes suggest any (hooks
    # make the C parser call back into Python for every number).
    numbers = number_hooks(constants) if scanned.huge_number else {}
    duplicates: list[tuple[dict[str, Any], list[str]]] = []
    try:
        doc = json.loads(text, object_hook=count_keys, parse_constant=constant_hook, **numbers)
        if key_count != scanned.members:
            # Fewer keys survived than the file has members: some key repeats. Rare, so only now pay
            # for the slower pairs hook that can say which.
            constants.clear()
            doc = json.loads(
                text, object_pairs_hook=_pairs_hook(duplicates), parse_constant=constant_hook, **numbers
            )
    except json.JSONDecodeError as e:
        return fatal(f"invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}")
    except RecursionError:  # the depth scan should have caught this; never let it escape
        return fatal("JSON nested too deeply to read")
    except ValueError as e:  # e.g. a number the hooks did not expect; never let it escape
        return fatal(f"JSON value cannot be read: {e}")

    features = _check_top_level(doc, file, problems)
    if features is None:
        return None, problems
    if members is not None:
        members.update((k, v) for k, v in doc.items() if k not in ("type", "features", "crs"))
    if duplicates or constants:
        locate_json_problems(doc, features, duplicates, file, problems)
        if any(p.feature == "-" and p.is_error for p in problems):
            return None, problems
    return features, problems


def _check_top_level(doc: Any, file: str, problems: list[Problem]) -> list[Any] | None:
    def fatal(message: str, field: str = "-") -> None:
        problems.append(Problem(file, "-", field, message))

    if isinstance(doc, list):
        fatal('file holds a JSON array; wrap it as {"type": "FeatureCollection", "features": [...]}')
        return None
    if not isinstance(doc, dict):
        fatal(f"file holds a JSON {type(doc).__name__}, not a GeoJSON FeatureCollection")
        return None
    kind = doc.get("type")
    if kind == "Feature":
        fatal(f"file holds a single Feature, not a FeatureCollection; {_WRAP_FEATURE}", "type")
        return None
    if kind in (*GEOMETRY_TYPES, "GeometryCollection"):
        fatal(
            f"file holds a bare {kind} geometry; wrap it in a Feature "
            '{"type": "Feature", "id": ..., "geometry": <this>, "properties": {...}} '
            'inside {"type": "FeatureCollection", "features": [...]}',
            "type",
        )
        return None
    if kind != "FeatureCollection":
        fatal(f"type must be 'FeatureCollection', got {kind!r}", "type")
        return None
    if "crs" in doc and _check_crs(doc["crs"], file, "-", "crs", problems):
        return None
    features = doc.get("features")
    if not isinstance(features, list):
        fatal("FeatureCollection needs a 'features' array", "features")
        return None
    for i, feat in enumerate(features):
        if not isinstance(feat, dict):
            problems.append(
                Problem(file, f"#{i}", "-", f"feature must be an object, got {type(feat).__name__}")
            )
            continue
        if feat.get("type") == "Feature" and "geometry" in feat and "crs" not in feat:
            continue  # the common case, kept cheap for large files
        label = feature_label(i, feat.get("id"))
        if feat.get("type") != "Feature":
            hint = "; wrap the geometry in a Feature" if feat.get("type") in GEOMETRY_TYPES else ""
            problems.append(
                Problem(file, label, "type", f"type must be 'Feature', got {feat.get('type')!r}{hint}")
            )
        if "geometry" not in feat:
            problems.append(
                Problem(file, label, "geometry", "geometry member is missing (null means no location)")
            )
        if "crs" in feat:
            _check_crs(feat["crs"], file, label, "crs", problems)
    return features


def _crs_name(crs: Any) -> str | None:
    if isinstance(crs, dict) and isinstance(crs.get("properties"), dict):
        name = crs["properties"].get("name") or crs["properties"].get("href")
        return name if isinstance(name, str) else None
    return crs if isinstance(crs, str) else None


def _check_crs(crs: Any, file: str, feature: str, field: str, problems: list[Problem]) -> bool:
    """Report a legacy `crs` member; True when it names a projected CRS (the coordinates are unusable)."""
    name = _crs_name(crs)
    projected, known = False, False
    if name:
        try:
            from pyproj import CRS
            from pyproj.exceptions import CRSError

            try:
                parsed = CRS.from_user_input(name)
                projected, known = parsed.is_projected, True
            except CRSError:
                pass
        except ImportError:  # pyproj is a dependency; without it we can still warn
            pass
    if projected:
        problems.append(
            Problem(
                file,
                feature,
                field,
                f"crs names {name}, a projected CRS: coordinates are not lon/lat. RFC 7946 removed `crs` and "
                "needs WGS84 lon/lat; reproject (e.g. geopandas .to_crs(4326)) and drop the member",
            )
        )
        return True
    what = f"names {name}" if known else f"names {name!r}, which sitmap cannot identify" if name else "is set"
    problems.append(
        Problem(
            file,
            feature,
            field,
            f"legacy crs member ({what}); RFC 7946 removed it: coordinates are read as WGS84 lon/lat and "
            "the next save drops it",
            "warning",
        )
    )
    return False


# --- writing -------------------------------------------------------------------------------------------

_NESTED_ORDER = {"report": ("id", "paragraph"), "sources": ("title", "publisher", "date", "url")}


def _ordered(obj: dict[str, Any], first: Iterable[str]) -> dict[str, Any]:
    first = [k for k in first if k in obj]
    return {**{k: obj[k] for k in first}, **{k: obj[k] for k in sorted(obj) if k not in first}}


def ordered_sources(sources: list[Any]) -> list[Any]:
    """Each source's members in sitmap's order (title, publisher, date, url, then the rest sorted)."""
    return [_ordered(s, _NESTED_ORDER["sources"]) if isinstance(s, dict) else s for s in sources]


def _round(value: Any) -> Any:
    if isinstance(value, list):
        return [_round(v) for v in value]
    if isinstance(value, float) and math.isfinite(value):
        return round(value, 6)
    return value


def _coords_text(value: Any, indent: int) -> str:
    """Positions on one line each; deeper arrays one level per line."""
    if not isinstance(value, list) or not value or not isinstance(value[0], list):
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    pad = " " * (indent + 2)
    inner = ",\n".join(pad + _coords_text(v, indent + 2) for v in value)
    return "[\n" + inner + "\n" + " " * indent + "]"


def _signed_area(ring: list[Any]) -> float:
    """Twice the ring's signed area (shoelace): positive when counter-clockwise."""
    area: float = sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:], strict=False))
    return area


def _wound(rings: list[Any]) -> list[Any]:
    """A polygon's rings with RFC 7946 §3.1.6 winding: exterior counter-clockwise, holes clockwise."""
    return [ring[::-1] if (_signed_area(ring) < 0) == (i == 0) else ring for i, ring in enumerate(rings)]


def rfc7946_winding(geom: dict[str, Any]) -> dict[str, Any]:
    """The geometry with its polygon rings wound as RFC 7946 asks (other types, odd shapes: unchanged;
    validation is the caller's job). Store files may be either way round; everything written is not."""
    try:
        if geom.get("type") == "Polygon":
            return {**geom, "coordinates": _wound(geom["coordinates"])}
        if geom.get("type") == "MultiPolygon":
            return {**geom, "coordinates": [_wound(p) for p in geom["coordinates"]]}
    except (TypeError, ValueError, KeyError):
        pass
    return geom


def normalise_feature(feature: dict[str, Any]) -> dict[str, Any]:
    """A feature with sitmap's key order and coordinates rounded to 6 decimals (about 0.1 m)."""
    props = feature.get("properties")
    if isinstance(props, dict):
        props = _ordered(props, (*REQUIRED_PROPERTIES, *OPTIONAL_PROPERTIES))
        if isinstance(props.get("report"), dict):
            props["report"] = _ordered(props["report"], _NESTED_ORDER["report"])
        if isinstance(props.get("sources"), list):
            props["sources"] = ordered_sources(props["sources"])
    geom = feature.get("geometry")
    if isinstance(geom, dict):
        geom = _ordered({**geom, "coordinates": _round(geom.get("coordinates"))}, ("type", "coordinates"))
        geom = rfc7946_winding(geom)
    out = {"type": "Feature", "id": feature.get("id"), "geometry": geom, "properties": props}
    rest = {k: feature[k] for k in sorted(feature) if k not in out and k != "crs"}
    return {**out, **rest}


def feature_block(feature: dict[str, Any], checked: bool = False) -> str:
    """One feature's text as `dumps_feature_collection` writes it in the features array (indented, no
    separator); `checked` as there."""
    feat = normalise_feature(feature)
    coords = feat["geometry"].get("coordinates") if isinstance(feat["geometry"], dict) else None
    if coords is not None:
        feat["geometry"]["coordinates"] = "\x00COORDS\x00"  # a placeholder no real value contains
    text = indented(feat, checked)
    if coords is not None:
        text = text.replace('"\\u0000COORDS\\u0000"', _coords_text(coords, 4), 1)
    return "    " + text.replace("\n", "\n    ")


FEATURES_OPEN = '  "features": [\n'  # what comes between the head and the first feature's block
FEATURE_SEPARATOR = ",\n"
FEATURES_CLOSE = "\n  ]\n}\n"


def collection_head(members: dict[str, Any] | None = None) -> str:
    """The text before the features array: `type`, then the other top-level `members` in their order."""
    head = '{\n  "type": "FeatureCollection",\n'
    for key, value in (members or {}).items():
        if key in ("type", "features", "crs"):
            continue
        text = json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False).replace("\n", "\n  ")
        head += f"  {json.dumps(str(key), ensure_ascii=False)}: {text},\n"
    return head


def dumps_feature_collection(
    features: list[dict[str, Any]], members: dict[str, Any] | None = None, *, checked: bool = False
) -> str:
    """RFC 7946 text: no `crs`, 2-space indent, stable key order, one position per line, trailing newline.

    `members` are other top-level members (`name`, `bbox`, foreign members) written, in their order,
    between `type` and `features`. Raises ValueError for NaN/Infinity (never written) and TypeError for
    values JSON cannot hold. `checked`: the caller found no such value (`sitmap.store.write`), so features
    are written by orjson where that gives the same text.
    """
    return joined_collection(collection_head(members), [feature_block(feat, checked) for feat in features])


def joined_collection(head: str, blocks: list[str]) -> str:
    """The file's text from its head and its features' blocks (`collection_head`, `feature_block`)."""
    if not blocks:
        return head + '  "features": []\n}\n'
    return head + FEATURES_OPEN + FEATURE_SEPARATOR.join(blocks) + FEATURES_CLOSE


def write_feature_collection(path: Path | str, features: list[dict[str, Any]]) -> None:
    """Write features as an RFC 7946 FeatureCollection (UTF-8, atomic). Validation is the caller's job."""
    atomic_write_bytes(path, dumps_feature_collection(features).encode("utf-8"))
