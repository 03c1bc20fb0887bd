"""Reading a set of event files into one `Store`, each file once: from its columnar snapshot when the file is
unchanged (`sitmap.store.columnar`), else parsed and validated (and its snapshot rewritten).

Within one process the last store of each events folder is remembered with the fingerprint and piece of
every file, so a reload after an edit re-reads only the changed files (and nothing else, not even their
snapshots) and patches the frame instead of rebuilding it. A large store's frame is kept in `apply_view`'s
order (start, then id), so a view that keeps it in order is not sorted again. The checks across files
(duplicate ids, report links) always run on the whole store.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from sitmap.model import Problem, feature_label
from sitmap.settings import Settings
from sitmap.store import splice
from sitmap.store.columnar import (
    CACHE_DIR,
    INDEX,
    Key,
    Piece,
    context_of,
    file_key,
    read_piece,
    to_frame,
    to_table,
    write_piece,
)
from sitmap.store.files import capped
from sitmap.store.frame import EVENT_COLUMNS, Store, _Row, build_frame
from sitmap.store.geojson_io import (
    UnreadableFileError,
    may_hold_bad_text,
    parse_feature_collection,
    read_bytes_limited,
)
from sitmap.store.patch import patch_in_place, same_events, spliced_piece
from sitmap.store.reports import Report, find_quote, read_reports
from sitmap.store.swap import swap_warnings
from sitmap.store.write import FileVersion, take_validated, validate_features
from sitmap.view.filtering import mark_in_time_order


@dataclass
class _Memo:
    """The last store read from a folder: each file's key, the frame and each row's position in its file."""

    context: str
    keys: dict[Path, Key]
    duplicates: frozenset[str]
    duplicate_problems: list[Problem]
    frame: Any
    index: npt.NDArray[np.int32]
    pieces: dict[Path, Piece]


_MEMO: dict[str, _Memo] = {}
_MEMO_LOCK = threading.Lock()
_MEMO_FOLDERS = 2  # folders remembered per process (each holds its whole frame)


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


def read_file(path: Path, settings: Settings, today: date | None) -> tuple[Piece | None, list[Problem]]:
    """One event file parsed and validated: its piece (None when it could not be read at all) and problems."""
    file = str(path)
    try:
        data = read_bytes_limited(path, settings.max_file_bytes)
    except UnreadableFileError as e:
        return None, [Problem(file, "-", "-", e.reason)]
    if data is None:
        limit = f"file is over the {settings.max_file_bytes:,}-byte limit; not read"
        return None, [Problem(file, "-", "-", limit)]
    version = FileVersion.of_bytes(data)
    saved = take_validated(file, version, today, settings.max_json_depth)  # just written by this process
    if saved is None:
        features, found = parse_feature_collection(data, file=file, max_depth=settings.max_json_depth)
    else:
        features, found, _ = saved
    rows: list[_Row] = []
    index: list[int] = []
    problems: list[Problem] = []
    if features is None:
        problems = capped(found, file)
    else:
        parse_bad, reported = _feature_errors(found, features)
        if saved is None:
            checked, bad = validate_features(
                features, file=file, today=today, check_text=may_hold_bad_text(data)
            )
        else:
            checked, bad = saved[2]
        # A NaN or duplicate key the parser named is not reported a second time by the field's own check.
        problems = capped(found + [p for p in checked if (p.feature, p.field) not in reported], file)
        for i, f in enumerate(features):
            if i not in bad and i not in parse_bad:
                rows.append((f, file, feature_label(i, f["id"])))
                index.append(i)
    frame = build_frame(rows)
    problems += swap_warnings(frame, rows, settings.geodata_dir)
    return Piece(to_table(frame, index), problems, version), problems


def _after_splice(path: Path, before: Piece, settings: Settings, day: date) -> Piece | None:
    """The piece of `path` patched from its piece `before` (`patch.spliced_piece`) when the file holds the
    bytes a splice in this process wrote over the bytes of `before`; else None (read it in full)."""
    try:
        data = read_bytes_limited(path, settings.max_file_bytes)
    except UnreadableFileError:
        return None
    version = FileVersion.of_bytes(data) if data is not None else None
    layout = splice.find(str(path), version, settings.max_json_depth, day) if version else None
    if layout is None or version is None:
        return None
    piece = spliced_piece(before, layout, str(path), settings.geodata_dir)
    if piece is not None:
        take_validated(str(path), version, day, settings.max_json_depth)  # the save's checks: not needed
    return piece


def load_files(
    paths: list[Path],
    reports_dirs: list[Path],
    settings: Settings,
    today: date | None,
    problems: list[Problem],
    *,
    folder: Path | None = None,
) -> Store:
    """The store of `paths`; with the events `folder` of a large store (over `settings.snapshot_mb`),
    through its snapshot (`folder`/.sitmap/cache) and the memo."""
    day = today or date.today()
    countries = settings.geodata_dir / "countries.geojson"
    context = context_of(settings.max_file_bytes, settings.max_json_depth, countries)
    all_keys = {path: file_key(path) for path in paths} if folder is not None else {}
    size = sum(k[0] for k in all_keys.values() if k is not None)
    large = folder is not None and size >= settings.snapshot_mb * 1024 * 1024
    cache_dir = folder / CACHE_DIR if large and folder is not None else None
    pieces: dict[Path, Piece] = {}
    keys: dict[Path, Key] = {}
    memo = _MEMO.get(str(folder)) if large else None
    if memo is not None and memo.context != context:
        memo = None
    previous: dict[Path, Piece] = {}  # the changed files' pieces as the memo's frame has them
    for path in paths:
        key = all_keys.get(path) if cache_dir is not None else None
        piece = None
        old_key = memo.keys.get(path) if memo is not None else None
        if old_key is not None and old_key == key and memo is not None:
            piece = memo.pieces.get(path)  # unchanged since the last load in this process: nothing read
        if piece is None and key is not None and cache_dir is not None:
            if old_key is not None and old_key != key:  # before its cache entry is replaced
                before = read_piece(cache_dir, path, old_key, context, day)
                if before is not None:
                    previous[path] = before
            piece = read_piece(cache_dir, path, key, context, day)
        if piece is None and path in previous:
            piece = _after_splice(path, previous[path], settings, day)
            if piece is not None and key is not None and cache_dir is not None:
                write_piece(cache_dir, path, key, context, day, piece)
        if piece is None:
            piece, file_problems = read_file(path, settings, today)
            if piece is None:
                problems += file_problems
                continue
            if key is not None and cache_dir is not None:
                write_piece(cache_dir, path, key, context, day, piece)
        pieces[path] = piece
        if key is not None:
            keys[path] = key
        problems += piece.problems
    if memo is not None and (memo.keys == keys or same_events(memo.pieces, pieces)):
        duplicates, dup_problems = memo.duplicates, memo.duplicate_problems  # the same ids in the same files
    else:
        dup_problems = []
        duplicates = _duplicates(pieces, dup_problems)
    problems += dup_problems

    def full(path: Path) -> Piece:
        """A piece with all its columns (the memo keeps only ids): read again from its snapshot."""
        piece = pieces[path]
        if len(piece.table.column_names) > 2 or cache_dir is None:
            return piece
        again = read_piece(cache_dir, path, keys[path], context, day)
        return again if again is not None else read_file(path, settings, today)[0] or piece

    frame, index = _frame(pieces, keys, duplicates, memo, previous, full, ordered=large)
    if large:
        mark_in_time_order(frame)  # apply_view then neither checks nor sorts it
    if large:
        slim = {path: _slim(piece) for path, piece in pieces.items()}
        with _MEMO_LOCK:
            _MEMO.pop(str(folder), None)
            while len(_MEMO) >= _MEMO_FOLDERS:
                _MEMO.pop(next(iter(_MEMO)))
            _MEMO[str(folder)] = _Memo(context, keys, duplicates, dup_problems, frame, index, slim)
    reports = _check_report_links(reports_dirs, frame, index, problems)
    files = {path: piece.version for path, piece in pieces.items()}
    return Store(events=frame, problems=problems, reports=reports, files=files)


def _duplicates(pieces: dict[Path, Piece], problems: list[Problem]) -> frozenset[str]:
    """Ids held by more than one file's events (each reported where it is; all copies are left out)."""
    if not pieces:
        return frozenset()
    # Counted in Arrow: no Python string per event (a million of them cost more than the rest of a reload).
    chunks = [chunk for p in pieces.values() for chunk in p.table.column("id").chunks]
    counts = pc.value_counts(pa.chunked_array(chunks, type=pa.string()))
    dup = frozenset(counts.filter(pc.greater(counts.field("counts"), 1)).field("values").to_pylist())
    if not dup:
        return dup
    where: dict[str, list[tuple[str, str]]] = {}
    wanted = pa.array(sorted(dup), type=pa.string())
    for path, piece in pieces.items():
        mask = pc.is_in(piece.table.column("id"), value_set=wanted)
        for fid, i in zip(
            piece.table.column("id").filter(mask).to_pylist(),
            piece.table.column("_index").filter(mask).to_pylist(),
            strict=True,
        ):
            where.setdefault(fid, []).append((str(path), feature_label(i, fid)))
    for fid, places in where.items():
        for n, (file, label) in enumerate(places):
            others = "; ".join(f"{f} {lab}" for m, (f, lab) in enumerate(places) if m != n)
            problems.append(Problem(file, label, "id", f"duplicate id {fid!r}: also in {others}"))
    return dup


def _frame(
    pieces: dict[Path, Piece],
    keys: dict[Path, Key],
    duplicates: frozenset[str],
    memo: _Memo | None,
    previous: dict[Path, Piece],
    full: Callable[[Path], Piece],
    *,
    ordered: bool,
) -> tuple[Any, npt.NDArray[np.int32]]:
    """The events frame: the memo's, patched where files changed, or built from every piece (`full` gives
    a piece with all its columns); `ordered`: in `apply_view`'s order (a large store's, which every view
    would otherwise sort again), else in the files' order. `previous`: changed files' pieces as they were."""
    if memo is not None and memo.duplicates == duplicates and keys:
        changed = [p for p in pieces if memo.keys.get(p) != keys.get(p)]
        gone = [p for p in memo.keys if p not in pieces]
        if not changed and not gone:
            return memo.frame, memo.index
        if len(changed) == 1 and not gone and changed[0] in previous:
            path = changed[0]
            patched = patch_in_place(memo.frame, str(path), previous[path], full(path), EVENT_COLUMNS)
            if patched is not None:
                return patched, memo.index
        if len(changed) + len(gone) <= max(1, len(pieces) // 4):
            stale = {str(p) for p in [*changed, *gone]}
            keep = ~memo.frame["source_file"].isin(stale).to_numpy()
            if not changed:
                return memo.frame[keep].reset_index(drop=True), memo.index[keep]
            fresh, fresh_index = _piece_frame([full(p) for p in changed], duplicates, ordered=False)
            frame = pd.concat([memo.frame[keep], fresh], ignore_index=True)
            return _in_order(frame, np.concatenate([memo.index[keep], fresh_index]))
    return _piece_frame([full(p) for p in pieces], duplicates, ordered=ordered)


def _slim(piece: Piece) -> Piece:
    """What the memo keeps of a piece: its ids and positions (for the duplicate check), copied out of the
    snapshot's memory map so the map (and the pages read through it) can be released."""
    if piece.table.column_names == ["id", INDEX]:
        return piece  # the memo's own (an unchanged file): already copied out
    ids = piece.table.select(["id", INDEX])
    return Piece(ids.take(pa.array(np.arange(ids.num_rows))), piece.problems, piece.version)


_ORDER = [("start", "ascending"), ("id", "ascending")]  # sitmap.view.apply_view's order


def _in_order(frame: Any, index: npt.NDArray[np.int32]) -> tuple[Any, npt.NDArray[np.int32]]:
    """The frame (and its positions) in `_ORDER`: a patched frame is the old one in order with the changed
    files' rows appended, so the reordering reads mostly in sequence."""
    keys = pa.table({"start": pa.array(frame["start"].to_numpy()), "id": pa.array(frame["id"])})
    order = pc.sort_indices(keys, sort_keys=_ORDER).to_numpy()
    return frame.take(order).reset_index(drop=True), index[order]


def _piece_frame(
    pieces: list[Piece], duplicates: frozenset[str], *, ordered: bool
) -> tuple[Any, npt.NDArray[np.int32]]:
    if not pieces:
        return build_frame([]), np.zeros(0, dtype=np.int32)
    table = pa.concat_tables([p.table for p in pieces])
    if duplicates:
        wanted = pa.array(sorted(duplicates), type=pa.string())
        table = table.filter(pc.invert(pc.is_in(table.column("id"), value_set=wanted)))
    if ordered:
        table = _taken(table, pc.sort_indices(table, sort_keys=_ORDER))
    built = to_frame(table, EVENT_COLUMNS)
    del table
    pa.default_memory_pool().release_unused()  # the joined columns, freed: give their pages back
    return built


def _taken(table: pa.Table, order: pa.Array) -> pa.Table:
    """`table.take(order)`, a column at a time from the column's chunks joined: a take across the chunks
    of a table of many files (one chunk each) costs several times as much."""
    columns = [table.column(name).combine_chunks().take(order) for name in table.column_names]
    return pa.Table.from_arrays(columns, schema=table.schema)


def _check_report_links(
    reports_dirs: list[Path], frame: Any, index: npt.NDArray[np.int32], problems: list[Problem]
) -> dict[str, Report]:
    """The reports, and warnings for events that cite a missing report, paragraph or quote."""
    reports: dict[str, Report] = {}
    for folder in reports_dirs:
        found, errors = read_reports(folder)
        reports.update(found)
        problems += [Problem(e.file, "-", e.field, e.message) for e in errors]
    where = " or ".join(str(d) for d in reports_dirs)
    linked = np.flatnonzero(frame["report_id"].notna().to_numpy())
    names = ("id", "report_id", "report_paragraph", "quote", "source_file")
    columns = [np.asarray(frame[c].array.take(linked), dtype=object) for c in names]  # not 1M-long arrays
    for n, fid, rid, pid, quote, file in zip(index[linked], *columns, strict=True):
        pid, quote = (v if isinstance(v, str) else None for v in (pid, quote))  # a missing value is NaN
        label = feature_label(int(n), fid)
        report = reports.get(rid)
        if report is None:
            message = f"report {rid!r} not found in {where}"
            problems.append(Problem(file, label, "properties.report.id", message, "warning"))
            continue
        para = report.paragraph(pid) if pid else None
        if pid and para is None:
            message = f"no paragraph {pid!r} in {rid!r}"
            problems.append(Problem(file, label, "properties.report.paragraph", message, "warning"))
        if para is not None and quote and find_quote(para.text, quote) is None:
            message = f"quote not found in {rid} {pid}"
            problems.append(Problem(file, label, "properties.quote", message, "warning"))
    return reports
