"""Re-importing ACLED, a living dataset: upstream corrections come in, analyst edits stay, nothing vanishes.

Each stored event keeps the values it was imported with (`properties.upstream.fields`). A re-import compares,
field by field, that base with the analyst's current value and with the newer export's value:

- upstream unchanged -> the analyst's value stays (edited or not);
- upstream changed, the analyst did not edit -> upstream's value is taken;
- both changed (differently) -> a conflict, named by field: the analyst's value stays unless
  `prefer="upstream"`. The base moves on to the newer export either way, so a settled conflict is not
  reported again.

An event stored without an upstream record (imported before sitmap kept one, or written by hand) has no base:
each field that differs is a conflict. Rows missing from a newer export that covers the same countries and
dates are listed as dropped upstream; they are never deleted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from sitmap.ingest.acled import _slug, export_scope, parse_acled_date, read_acled_csv
from sitmap.model import Problem
from sitmap.periods import parse_event_date
from sitmap.settings import Settings
from sitmap.store.load import FileVersion, event_files, read_event_file, save_features

Prefer = Literal["local", "upstream"]


@dataclass
class ImportResult:
    """What a re-import did, event by event (ids), and the rows it refused."""

    path: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # upstream's changes taken
    unchanged: list[str] = field(default_factory=list)
    kept_local: list[str] = field(default_factory=list)  # the analyst's edits kept, upstream unchanged
    conflicts: dict[str, list[str]] = field(default_factory=dict)  # id -> fields both sides changed
    dropped: list[str] = field(default_factory=list)  # stored, in the export's scope, missing from it
    problems: list[Problem] = field(default_factory=list)  # rows refused, and why
    version: FileVersion | None = None

    @property
    def refused(self) -> int:
        return len({p.feature for p in self.problems})


def _value(value: Any) -> str:
    """A field's value compared as JSON; no value, an empty list and an empty string are the same."""
    return json.dumps(None if value in (None, [], "") else value, sort_keys=True, ensure_ascii=False)


def _fields(feature: dict) -> dict[str, Any]:
    props = feature.get("properties") or {}
    return {**{k: v for k, v in props.items() if k != "upstream"}, "geometry": feature.get("geometry")}


def merge_event(local: dict, new: dict, prefer: Prefer = "local") -> tuple[dict, str, list[str]]:
    """The stored event `local` brought up to the re-imported `new`: (merged, outcome, conflicting fields).

    Outcome: "unchanged", "kept-local", "updated" or "conflict".
    """
    upstream = (local.get("properties") or {}).get("upstream")
    base = upstream.get("fields") if isinstance(upstream, dict) else None
    mine, theirs = _fields(local), _fields(new)
    merged: dict[str, Any] = {}
    kept, taken, conflicts = [], [], []
    for name in sorted(set(mine) | set(theirs) | set(base or {})):
        ours, other = mine.get(name), theirs.get(name)
        if _value(ours) == _value(other):
            merged[name] = ours
        elif base is not None and _value(other) == _value(base.get(name)):
            merged[name] = ours
            kept.append(name)
        elif base is not None and _value(ours) == _value(base.get(name)):
            merged[name] = other
            taken.append(name)
        else:
            merged[name] = other if prefer == "upstream" else ours
            conflicts.append(name)
    geometry = merged.pop("geometry", None)
    props = {k: v for k, v in merged.items() if v is not None}
    props["upstream"] = new["properties"]["upstream"]
    result = {**local, "id": local["id"], "geometry": geometry, "properties": props}
    record_changed = not isinstance(upstream, dict) or any(
        _value(upstream.get(k)) != _value(props["upstream"].get(k)) for k in ("row", "timestamp")
    )
    if conflicts:
        return result, "conflict", conflicts
    if taken or (base is not None and record_changed):  # ACLED revised the record: the file changes
        return result, "updated", []
    return result, ("kept-local" if kept else "unchanged"), []


def _in_scope(feature: dict, countries: set[str], first: date | None, last: date | None) -> bool:
    """Is this stored ACLED event one the export would list if ACLED still had it?"""
    upstream = (feature.get("properties") or {}).get("upstream")
    if not isinstance(upstream, dict) or upstream.get("source") != "acled" or first is None or last is None:
        return False
    row = upstream.get("row") or {}
    props = feature.get("properties") or {}
    if (row.get("country") or props.get("country") or "").strip() not in countries:
        return False
    try:
        day = parse_acled_date(row.get("event_date") or "")
    except ValueError:
        try:
            day = parse_event_date(props.get("date"), props.get("time_precision") or "day")
        except ValueError:
            return False
    return first <= day <= last


def split_file(feature: dict[str, Any]) -> Path:
    """Where a split import keeps an event: `<country>/<year>/<country>-<year>-<month>.geojson` (relative to
    its folder; `<country>-<year>.geojson` for an event dated only to its year). A month of one country is a
    few thousand events at most (ACLED's busiest country-years are ~40k), so no file nears the store's size
    limit as a living dataset grows, and an analyst's edit rewrites and re-reads one small file."""
    props = feature.get("properties") or {}
    country = _slug(str(props.get("country") or "")) or "no-country"
    day = str(props.get("date") or "")
    year, month = day[:4] or "undated", day[5:7]
    name = f"{country}-{year}-{month}" if month.isdigit() else f"{country}-{year}"
    return Path(country) / year / f"{name}.geojson"


def import_acled(
    csv_path: Path | str,
    into: Path | str,
    *,
    events_dir: Path | str | None = None,
    settings: Settings | None = None,
    today: date | None = None,
    prefer: Prefer = "local",
) -> ImportResult:
    """Merge an ACLED CSV into the event file `into`, or, when `into` is a folder (no `.geojson` suffix),
    into one file per country and month under it (`split_file`; an event already stored under it stays in
    its file). See the module docstring. Saves each file atomically, once.

    Raises ValueError when the file cannot be read at all (not UTF-8, not an ACLED export, unreadable target).
    """
    csv_path, into = Path(csv_path), Path(into)
    try:
        text = csv_path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(f"{csv_path}: not UTF-8 (byte {e.start})") from e
    features, problems = read_acled_csv(text, file=str(csv_path), today=today)
    whole_file = [p for p in problems if p.feature == "-"]
    if whole_file:
        raise ValueError("; ".join(map(str, whole_file)))
    result = ImportResult(into, problems=problems)
    split = into.suffix.lower() != ".geojson"
    scanned = [*(event_files(Path(events_dir)) if events_dir is not None else [])]
    if split and into.is_dir():
        scanned += event_files(into)
    stored: dict[str, Path] = {}  # id -> the file holding it
    for path in dict.fromkeys(p.resolve() for p in scanned):
        for f in read_event_file(path, settings=settings)[0] or []:
            if isinstance(f, dict) and isinstance(f.get("id"), str):
                stored[f["id"]] = path
    groups: dict[Path, list[dict[str, Any]]] = {}
    here = into.resolve()
    for feature in features:
        fid = feature["id"]
        home = stored.get(fid)
        if split:
            inside = home is not None and home.is_relative_to(here)
            target = home if inside and home is not None else here / split_file(feature)
        else:
            target = here
        if home is not None and home != target:
            result.problems.append(Problem(str(csv_path), fid, "id", f"already stored in {home}; refused"))
            continue
        groups.setdefault(target, []).append(feature)
    targets = dict.fromkeys([*groups, *(p.resolve() for p in event_files(into))] if split else [here])
    scope = export_scope(text)
    for target in targets:
        result.version = _merge_file(target, groups.get(target, []), scope, prefer, settings, today, result)
    return result


def _merge_file(
    into: Path,
    features: list[dict[str, Any]],
    scope: tuple[set[str], set[str], date | None, date | None],
    prefer: Prefer,
    settings: Settings | None,
    today: date | None,
    result: ImportResult,
) -> FileVersion | None:
    """Merge `features` into the file `into` (recording each outcome in `result`); its version after."""
    current, version, parse_problems = read_event_file(into, settings=settings)
    if current is None:
        raise ValueError(f"{into}: cannot read the target file: {'; '.join(map(str, parse_problems))}")
    index = {f.get("id"): i for i, f in enumerate(current) if isinstance(f, dict)}
    merged = list(current)
    changed = False
    outcomes = {"unchanged": result.unchanged, "kept-local": result.kept_local, "updated": result.updated}
    for feature in features:
        fid = feature["id"]
        if fid in index:
            event, outcome, conflicting = merge_event(merged[index[fid]], feature, prefer)
            changed = changed or event != merged[index[fid]]
            merged[index[fid]] = event
            if outcome == "conflict":
                result.conflicts[fid] = conflicting
            else:
                outcomes[outcome].append(fid)
        else:
            index[fid] = len(merged)
            merged.append(feature)
            result.added.append(fid)
            changed = True
    listed, countries, first, last = scope
    result.dropped += [
        f["id"]
        for f in current
        if isinstance(f, dict) and f.get("id") not in listed and _in_scope(f, countries, first, last)
    ]
    if not changed:
        return version
    into.parent.mkdir(parents=True, exist_ok=True)
    return save_features(into, merged, expected_version=version, settings=settings, today=today)
