"""The event store: every `events/**/*.geojson` loaded strictly, and safe (atomic, locked, versioned) saves.

Loading reports every problem and still loads every valid feature: a file that cannot be parsed loads
nothing, a file with one bad feature loads the others. Loading never writes (no lock files, no repairs):
saves replace files atomically, so a reader always sees a whole old or a whole new file without locking.
Saving lives in `sitmap.store.write` and is re-exported here (`save_features`, `upsert_event`, ...).
"""

from __future__ import annotations

import functools
import gc
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely

from sitmap.model import Problem, event_period, feature_label
from sitmap.settings import Settings, load_settings
from sitmap.store.files import SKIPPED_DIRS, capped, discover, event_files
from sitmap.store.geojson_io import (
    UnreadableFileError,
    may_hold_bad_text,
    parse_feature_collection,
    read_bytes_limited,
)
from sitmap.store.reports import Report, find_quote, read_reports
from sitmap.store.write import (
    ConflictError,
    EventNotFoundError,
    FileVersion,
    LockTimeoutError,
    StoreError,
    ValidationError,
    delete_event,
    read_event_file,
    save_features,
    upsert_event,
    validate_features,
)

__all__ = [
    "EVENT_COLUMNS",
    "SKIPPED_DIRS",
    "ConflictError",
    "EventNotFoundError",
    "FileVersion",
    "LockTimeoutError",
    "Store",
    "StoreError",
    "ValidationError",
    "delete_event",
    "event_files",
    "load_store",
    "read_event_file",
    "save_features",
    "upsert_event",
    "validate_features",
    "validate_paths",
]

EVENT_COLUMNS = (
    "id", "date", "date_end", "time_precision", "start", "end", "event_type", "actors", "country",
    "admin1", "location", "geo_precision", "uncertainty_m", "claim_status", "summary", "report_id",
    "report_paragraph", "quote", "sources", "tags", "claims", "upstream", "source_file", "geometry",
)  # fmt: skip

_P = ParamSpec("_P")
_R = TypeVar("_R")
_Row = tuple[dict[str, Any], str, str]  # (feature, source file, feature label)


@dataclass
class Store:
    """Everything loaded from an events folder."""

    events: gpd.GeoDataFrame
    problems: list[Problem] = field(default_factory=list)
    reports: dict[str, Any] = field(default_factory=dict)
    files: dict[Path, FileVersion] = field(default_factory=dict)  # keyed like `events.source_file`

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def _feature_errors(
    parse_problems: list[Problem], features: list[Any]
) -> tuple[set[int], set[tuple[str, str]]]:
    """Feature indices the parser found errors in, and the (feature, field) places it already reported."""
    if not any(p.is_error and p.feature != "-" for p in parse_problems):
        return set(), set()
    index_of = {
        feature_label(i, f.get("id") if isinstance(f, dict) else None): i for i, f in enumerate(features)
    }
    errs = [p for p in parse_problems if p.is_error and p.feature in index_of]
    return {index_of[p.feature] for p in errs}, {(p.feature, p.field) for p in errs}


def _gc_paused(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run `func` with the cyclic GC paused.

    Parsing builds millions of small containers that all stay alive, so the GC would rescan them again and
    again with nothing to free (about a quarter of the load time at 100k events).
    """

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return wrapper


@_gc_paused
def load_store(
    events_dir: Path | str, *, settings: Settings | None = None, today: date | None = None
) -> Store:
    """Load and validate every event file under `events_dir`; see the module docstring."""
    settings = settings or load_settings()
    events_dir = Path(events_dir)
    if not events_dir.is_dir():
        problem = Problem(str(events_dir), "-", "-", "events folder does not exist")
        return _load([], [], settings, today, [problem])
    files, problems = discover(events_dir, settings)
    return _load(files, [events_dir / "reports"], settings, today, problems)


@_gc_paused
def validate_paths(
    paths: list[Path], *, settings: Settings | None = None, today: date | None = None
) -> tuple[list[Problem], int]:
    """Every problem in these event files and folders (checked together), and how many events are valid.

    Folders are read like `load_store` reads the events folder. Report links are checked against each
    folder's `reports/`, or, when only files are given, against the configured events folder's `reports/`.
    """
    settings = settings or load_settings()
    files: dict[Path, None] = {}
    problems: list[Problem] = []
    folders = [Path(p) for p in paths if Path(p).is_dir()]
    for path in map(Path, paths):
        found, left_out = discover(path, settings) if path.is_dir() else ([path], [])
        problems += left_out
        for file in found:
            files.setdefault(file, None)
    reports_dirs = [f / "reports" for f in folders] or [settings.events_dir / "reports"]
    store = _load(list(files), reports_dirs, settings, today, problems)
    return store.problems, len(store.events)


def _load(
    paths: list[Path],
    reports_dirs: list[Path],
    settings: Settings,
    today: date | None,
    problems: list[Problem],
) -> Store:
    files: dict[Path, FileVersion] = {}
    rows: list[_Row] = []
    for path in paths:
        file = str(path)
        try:
            data = read_bytes_limited(path, settings.max_file_bytes)
        except UnreadableFileError as e:
            problems.append(Problem(file, "-", "-", e.reason))
            continue
        if data is None:
            problems.append(
                Problem(file, "-", "-", f"file is over the {settings.max_file_bytes:,}-byte limit; not read")
            )
            continue
        files[path] = FileVersion.of_bytes(data)
        features, found = parse_feature_collection(data, file=file, max_depth=settings.max_json_depth)
        if features is None:
            problems += capped(found, file)
            continue
        parse_bad, reported = _feature_errors(found, features)
        checked, bad = validate_features(features, file=file, today=today, check_text=may_hold_bad_text(data))
        # A NaN or duplicate key the parser named is not reported a second time by the field's own check.
        problems += capped(found + [p for p in checked if (p.feature, p.field) not in reported], file)
        rows += [
            (f, file, feature_label(i, f["id"]))
            for i, f in enumerate(features)
            if i not in bad and i not in parse_bad
        ]
    rows = _drop_cross_file_duplicates(rows, problems)
    events = build_frame(rows)
    problems += _swap_warnings(events, rows, settings.geodata_dir)
    reports = _check_report_links(reports_dirs, rows, problems)
    return Store(events=events, problems=problems, reports=reports, files=files)


def _drop_cross_file_duplicates(rows: list[_Row], problems: list[Problem]) -> list[_Row]:
    where: dict[str, list[int]] = defaultdict(list)
    for n, (feat, _file, _label) in enumerate(rows):
        where[feat["id"]].append(n)
    drop: set[int] = set()
    for fid, ns in where.items():
        if len(ns) < 2:
            continue
        for n in ns:
            others = "; ".join(f"{rows[m][1]} {rows[m][2]}" for m in ns if m != n)
            problems.append(Problem(rows[n][1], rows[n][2], "id", f"duplicate id {fid!r}: also in {others}"))
        drop.update(ns)
    return [r for n, r in enumerate(rows) if n not in drop]


def build_frame(rows: list[_Row]) -> gpd.GeoDataFrame:
    """The events GeoDataFrame of (feature, source file, label) rows, built column by column with vectorised
    geometry constructors (also the PostGIS store's, so both backends give the same frame)."""
    props = [f.get("properties") or {} for f, _, _ in rows]
    cols: dict[str, Any] = {"id": [f["id"] for f, _, _ in rows]}
    for name in ("date", "date_end", "time_precision"):
        cols[name] = [p.get(name) for p in props]
    periods: dict[tuple[Any, Any, Any], tuple[date, date]] = {}  # many events share a date: parse each once
    keys = [(p["date"], p["time_precision"], p.get("date_end")) for p in props]
    for key in set(keys):
        periods[key] = event_period({"date": key[0], "time_precision": key[1], "date_end": key[2]})
    cols["start"] = np.array([periods[k][0] for k in keys], dtype="datetime64[D]").astype("datetime64[ns]")
    cols["end"] = np.array([periods[k][1] for k in keys], dtype="datetime64[D]").astype("datetime64[ns]")
    for name in ("event_type", "actors", "country", "admin1", "location", "geo_precision"):
        cols[name] = [p.get(name) for p in props]
    cols["uncertainty_m"] = np.array(
        [np.nan if p.get("uncertainty_m") is None else p["uncertainty_m"] for p in props], dtype=float
    )
    cols["claim_status"] = [p.get("claim_status") for p in props]
    cols["summary"] = [p.get("summary") for p in props]
    reports = [p.get("report") or {} for p in props]
    cols["report_id"] = [r.get("id") for r in reports]
    cols["report_paragraph"] = [r.get("paragraph") for r in reports]
    cols["quote"] = [p.get("quote") for p in props]
    cols["sources"] = [p.get("sources") or [] for p in props]
    cols["tags"] = [p.get("tags") or [] for p in props]
    cols["claims"] = [p.get("claims") or [] for p in props]
    cols["upstream"] = [p.get("upstream") for p in props]  # the record an import was built from, or None
    cols["source_file"] = [file for _, file, _ in rows]
    frame = pd.DataFrame(cols, columns=list(EVENT_COLUMNS[:-1]))
    # Keep lists (and the upstream records) as Python objects, whatever pandas infers.
    for name in ("actors", "sources", "tags", "claims", "upstream"):
        frame[name] = pd.Series(cols[name], dtype=object)
    return gpd.GeoDataFrame(frame, geometry=_geometries([f.get("geometry") for f, _, _ in rows]), crs=4326)


def _geometries(geoms: list[Any]) -> npt.NDArray[np.object_]:
    """Shapely geometries: points in one shapely.points call, the rest in one shapely.from_geojson call."""
    out = np.full(len(geoms), None, dtype=object)
    pts = [i for i, g in enumerate(geoms) if g is not None and g["type"] == "Point"]
    if pts:
        xy = np.array([geoms[i]["coordinates"][:2] for i in pts], dtype=float)
        out[pts] = shapely.points(xy)
    rest = [i for i, g in enumerate(geoms) if g is not None and g["type"] != "Point"]
    if rest:
        out[rest] = shapely.from_geojson([json.dumps(geoms[i]) for i in rest])
    return out


@functools.lru_cache(maxsize=4)
def _country_shapes(path: str, _mtime_ns: int, _size: int) -> dict[str, Any]:
    """Country polygons by lower-case name and ISO3; cached per file state (the args are the key)."""
    frame = gpd.read_file(path)
    shapes: dict[str, Any] = {}
    for row in frame.itertuples():
        geom = row.geometry
        if geom is None:
            continue
        shapely.prepare(geom)
        for key in (getattr(row, "name", None), getattr(row, "iso3", None)):
            if isinstance(key, str) and key:
                shapes[key.strip().lower()] = geom
    return shapes


def _swap_warnings(events: gpd.GeoDataFrame, rows: list[_Row], geodata_dir: Path) -> list[Problem]:
    """A point outside its stated country whose swapped reading falls inside it: likely lat/lon swapped."""
    path = Path(geodata_dir) / "countries.geojson"
    if events.empty or not path.is_file():
        return []  # the check is optional: no country layer, no check
    is_point = np.asarray(events.geom_type == "Point") & events["country"].notna().to_numpy()
    if not is_point.any():
        return []
    st = path.stat()
    try:
        shapes = _country_shapes(str(path), st.st_mtime_ns, st.st_size)
    except Exception as e:  # noqa: BLE001 - any unreadable layer means "skip the check", said once
        return [
            Problem(
                str(path), "-", "-", f"country layer unreadable, lat/lon swap check skipped: {e}", "warning"
            )
        ]
    out = []
    xs, ys = shapely.get_x(events.geometry.values), shapely.get_y(events.geometry.values)
    countries = events["country"].to_numpy()
    by_country: dict[str, list[int]] = defaultdict(list)
    for n in np.flatnonzero(is_point):
        by_country[str(countries[n]).strip().lower()].append(int(n))
    for key, rows_of in by_country.items():
        shape = shapes.get(key)
        if shape is None:
            continue
        idx = np.asarray(rows_of)
        x, y = xs[idx], ys[idx]
        # Outside as written, a valid latitude when swapped, and inside when swapped.
        suspect = ~shapely.intersects_xy(shape, x, y) & (np.abs(x) <= 90)
        suspect &= shapely.intersects_xy(shape, y, x)
        for n, lon, lat in zip(idx[suspect], x[suspect], y[suspect], strict=True):
            _feat, file, label = rows[n]
            out.append(
                Problem(
                    file,
                    label,
                    "geometry.coordinates",
                    f"[{lon:g}, {lat:g}] (lon {lon:g}, lat {lat:g}) is outside {countries[n]}, but "
                    f"[{lat:g}, {lon:g}] (lon {lat:g}, lat {lon:g}) is inside it: lat/lon swapped? "
                    "GeoJSON order is [lon, lat]",
                    "warning",
                )
            )
    return out


def _check_report_links(
    reports_dirs: list[Path], rows: list[_Row], problems: list[Problem]
) -> dict[str, Report]:
    """The reports, and warnings for events that cite a missing report, paragraph or quote."""
    reports: dict[str, Report] = {}
    for folder in reports_dirs:
        found, errors = read_reports(folder)
        reports.update(found)
        problems += [Problem(e.file, "-", e.field, e.message) for e in errors]
    where = " or ".join(str(d) for d in reports_dirs)
    for feat, file, label in rows:
        link = (feat.get("properties") or {}).get("report")
        if not isinstance(link, dict):
            continue
        report = reports.get(link["id"])
        if report is None:
            problems.append(
                Problem(
                    file,
                    label,
                    "properties.report.id",
                    f"report {link['id']!r} not found in {where}",
                    "warning",
                )
            )
            continue
        pid = link.get("paragraph")
        para = report.paragraph(pid) if pid else None
        if pid and para is None:
            problems.append(
                Problem(
                    file,
                    label,
                    "properties.report.paragraph",
                    f"no paragraph {pid!r} in {link['id']!r}",
                    "warning",
                )
            )
        quote = (feat.get("properties") or {}).get("quote")
        if para is not None and quote and find_quote(para.text, quote) is None:
            problems.append(
                Problem(file, label, "properties.quote", f"quote not found in {link['id']} {pid}", "warning")
            )
    return reports
