"""Review decisions kept with the report: which candidates an analyst rejected, and why.

Accepted candidates are in the event store (their report link says where they came from); rejected ones
write nothing there, so without a record a new session would offer them again. The record is a small JSON
file beside the report, `<events>/reports/<report-id>.review.json`::

    {"report": "pasted-2025-03-06",
     "rejected": {"syr-undated-homs-airstrike": {"reason": "aggregate", "paragraph": "p6", "at": "..."}}}

It is written atomically under its own lock (read, change, write), so two analysts rejecting at the same
time both keep their decisions. The store reads only `*.md` in `reports/`, so the record is not a report.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock

from sitmap.store.atomic import UnreadableFileError, atomic_write_bytes, read_regular_bytes
from sitmap.store.write import lock_path

SUFFIX = ".review.json"
MAX_BYTES = 4 * 1024 * 1024  # thousands of decisions; more is not a record sitmap wrote


def decisions_path(events_dir: Path | str, report_id: str) -> Path:
    return Path(events_dir) / "reports" / f"{report_id}{SUFFIX}"


def _load(path: Path) -> dict[str, dict[str, Any]]:
    """The record's rejections; {} when there is no record; UnreadableFileError (an OSError) when the file
    is there but is not a record this module can read (a hand edit's typo, a folder, over MAX_BYTES)."""
    if not os.path.lexists(path):
        return {}
    data = read_regular_bytes(path, MAX_BYTES)
    if data is None:
        raise UnreadableFileError(path, f"not a review record: over {MAX_BYTES:,} bytes")
    try:
        doc = json.loads(data or b"{}")
    except ValueError as e:
        raise UnreadableFileError(path, f"not a review record: {e}") from e
    rejected = doc.get("rejected", {}) if isinstance(doc, dict) else None
    if not isinstance(rejected, dict):
        raise UnreadableFileError(path, "not a review record: no 'rejected' table")
    return {str(k): v for k, v in rejected.items() if isinstance(v, dict)}


def _read(path: Path) -> dict[str, dict[str, Any]]:
    try:
        return _load(path)
    except OSError:
        return {}  # an unreadable record offers the candidates again: nothing is lost from the store


def rejections(events_dir: Path | str, report_id: str) -> dict[str, str]:
    """Rejected candidate ids of a report and the reason given for each."""
    path = decisions_path(events_dir, report_id)
    if not path.exists():
        return {}
    return {cid: str(rec.get("reason") or "") for cid, rec in _read(path).items()}


def record(
    events_dir: Path | str,
    report_id: str,
    *,
    rejected: Iterable[tuple[str, str, str]] = (),
    undone: Iterable[str] = (),
) -> dict[str, str]:
    """Add rejections (candidate id, paragraph id, reason) and take back `undone` ones; returns the record.

    Read, changed and written under the record's lock, so concurrent decisions are merged, not lost. A
    record that is there but cannot be read raises UnreadableFileError (an OSError) and is left as it is.
    """
    path = decisions_path(events_dir, report_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(lock, timeout=30):
        try:
            current = _load(path)
        except UnreadableFileError as e:  # rewriting it would drop every decision it holds
            raise UnreadableFileError(path, f"{e.reason}; not overwritten: fix or move it") from e
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for cand_id, paragraph, reason in rejected:
            current[cand_id] = {"reason": reason, "paragraph": paragraph, "at": now}
        for cand_id in undone:
            current.pop(cand_id, None)
        doc = {"report": report_id, "rejected": dict(sorted(current.items()))}
        atomic_write_bytes(path, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return {cid: str(rec.get("reason") or "") for cid, rec in current.items()}


__all__ = ["SUFFIX", "decisions_path", "record", "rejections"]
