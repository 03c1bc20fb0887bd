"""`EventStore` over the GeoJSON files of an events folder (the embedded store).

An event's version is the sha256 of its own normalised feature, so two analysts editing different events of
one file never conflict: when only the file changed under a save (another event in it was edited), the save
re-reads the file and tries again. Writes through this adapter are serialised by a store-wide lock
(`<folder>/.sitmap/locks/store.lock`) and logged, one JSON line each, to `<folder>/.sitmap/history.jsonl`;
`changes_since` reads that log (a cursor is a byte offset into it), so edits made to the files by hand or
through the older `upsert_event` API are not in it (`change_key` does see them).
"""

from __future__ import annotations

import copy
import json
import os
from datetime import UTC, date, datetime
from hashlib import sha256
from pathlib import Path
from typing import Any

import geopandas as gpd
from filelock import FileLock

from sitmap.model import Problem, feature_label, validate_feature_id
from sitmap.settings import Settings, load_settings
from sitmap.store.files import event_files
from sitmap.store.geojson_io import normalise_feature
from sitmap.store.interface import Change, EventConflictError, HistoryEntry, Op
from sitmap.store.load import load_store
from sitmap.store.write import (
    LOCKS_DIR,
    ConflictError,
    EventNotFoundError,
    FileVersion,
    Parsed,
    StoreError,
    ValidationError,
    delete_event,
    read_event_file,
    upsert_event,
)
from sitmap.view import View, apply_view

HISTORY = Path(".sitmap") / "history.jsonl"
_RETRIES = 20  # file-level conflicts with writers outside this adapter; each retry re-reads the file


def feature_version(feature: dict[str, Any]) -> str:
    """The version of one event: the sha256 of its normalised feature as canonical JSON."""
    text = json.dumps(normalise_feature(feature), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return sha256(text.encode("utf-8")).hexdigest()


def store_lock(folder: Path | str) -> FileLock:
    """The store-wide write lock of an events folder: whoever holds it writes an event and its history line
    in one step, so the log's order is the order of the writes."""
    path = Path(folder) / LOCKS_DIR / "store.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(path, timeout=60)


def append_history(
    folder: Path | str, event_id: str, op: Op, user: str, why: str, old: Any, new: Any
) -> None:
    """One line in the folder's history log (`old`/`new`: the normalised features, None where there was
    none); the caller holds `store_lock(folder)`, so lines never interleave."""
    at = datetime.now(UTC).isoformat()
    entry = {"at": at, "id": event_id, "op": op, "user": user, "why": why, "old": old, "new": new}
    line = json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n"
    log = Path(folder) / HISTORY
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", encoding="utf-8") as f:
        f.write(line)
        f.flush()
        os.fsync(f.fileno())


class EmbeddedStore:
    """The `EventStore` of an events folder; new events go to `new_events_file` (relative to the folder)."""

    def __init__(
        self,
        folder: Path | str,
        *,
        new_events_file: str = "edits.geojson",
        settings: Settings | None = None,
        today: date | None = None,
    ):
        self.folder = Path(folder)
        self.new_events_file = self.folder / new_events_file
        self.settings = settings or load_settings()
        self.today = today
        self._log = self.folder / HISTORY

    # -- reading ---------------------------------------------------------------------------------------
    def query(self, view: View, *, limit: int | None = None) -> gpd.GeoDataFrame:
        store = load_store(self.folder, settings=self.settings, today=self.today)
        shown = apply_view(store.events, view)
        return shown if limit is None else shown.head(limit)

    def _find(self, event_id: str) -> tuple[Path, dict[str, Any] | None, FileVersion | None, Parsed | None]:
        """The file holding the event (or the new-events file), the event there, the file's version, and
        the file as parsed (for the save that follows, which then does not parse it again).

        Only the files that may hold it are read: the one the loaded store puts it in, and any file with a
        problem (an invalid or duplicated feature is in no frame, yet its id is taken)."""
        store = load_store(self.folder, settings=self.settings, today=self.today)
        events = store.events
        where = events.loc[(events["id"] == event_id).to_numpy(dtype=bool), "source_file"].tolist()
        suspects = {p.file for p in store.problems}
        paths = [p for p in event_files(self.folder, self.settings) if str(p) in suspects or str(p) in where]
        for path in sorted(paths, key=lambda p: str(p) not in where):
            members: dict[str, Any] = {}
            features, version, _ = read_event_file(path, settings=self.settings, members=members, shared=True)
            for feat in features or ():
                if isinstance(feat, dict) and feat.get("id") == event_id:
                    return (
                        path,
                        copy.deepcopy(feat),  # the features may be shared (`read_event_file`)
                        version,
                        None if version is None else (version, features or [], members),
                    )
        target = self.new_events_file
        return target, None, read_event_file(target, settings=self.settings)[1], None

    def get(self, event_id: str) -> tuple[dict[str, Any], str]:
        feature = self._find(event_id)[1]
        if feature is None:
            raise EventNotFoundError(f"{self.folder}: no event with id {event_id!r}")
        return normalise_feature(feature), feature_version(feature)

    # -- writing ---------------------------------------------------------------------------------------
    def save(self, feature: dict[str, Any], expected_version: str | None, *, user: str, why: str) -> str:
        fid = feature.get("id") if isinstance(feature, dict) else None
        problems = validate_feature_id(fid, file=str(self.folder), feature=feature_label(0, fid))
        if problems or not isinstance(fid, str):
            raise ValidationError(problems or [Problem(str(self.folder), "#0", "id", "id must be a string")])
        new = normalise_feature(feature)
        self._write(
            fid,
            expected_version,
            lambda path, version, parsed: upsert_event(
                path, new, expected_version=version, settings=self.settings, today=self.today, parsed=parsed
            ),
            (user, why, new),
        )
        return feature_version(new)

    def delete(self, event_id: str, expected_version: str, *, user: str, why: str) -> None:
        self._write(
            event_id,
            expected_version,
            lambda path, version, parsed: delete_event(
                path,
                event_id,
                expected_version=version,
                settings=self.settings,
                today=self.today,
                parsed=parsed,
            ),
            (user, why, None),
        )

    def _write(
        self, event_id: str, expected: str | None, write: Any, log: tuple[str, str, dict[str, Any] | None]
    ) -> None:
        """Check the event's version, `write(path, file_version, parsed)` and log it (`log`: user, why, new
        feature), all under the store lock so the log's order is the order of the writes; retry while only
        the file changed."""
        with store_lock(self.folder):
            for _ in range(_RETRIES):
                path, current, file_version, parsed = self._find(event_id)
                found = None if current is None else feature_version(current)
                if found != expected:
                    raise EventConflictError(event_id, expected, found)
                try:
                    write(path, file_version, parsed)
                except ConflictError:
                    continue  # the file changed, perhaps only another event in it: re-read and re-check
                user, why, new = log
                op: Op = "delete" if new is None else "insert" if current is None else "update"
                old = None if current is None else normalise_feature(current)
                append_history(self.folder, event_id, op, user, why, old, new)
                return
        raise StoreError(f"{self.folder}: event {event_id!r} not written: its file kept changing")

    # -- changes ---------------------------------------------------------------------------------------
    def _entries(self, offset: int) -> tuple[list[dict[str, Any]], int]:
        """Whole log lines from byte `offset`, and the offset after the last whole one."""
        try:
            with open(self._log, "rb") as f:
                f.seek(offset)
                data = f.read()
        except FileNotFoundError:
            return [], offset
        whole = data[: data.rfind(b"\n") + 1]  # a line being appended right now is read next time
        return [json.loads(line) for line in whole.splitlines()], offset + len(whole)

    def changes_since(self, cursor: str | None) -> tuple[list[Change], str]:
        entries, end = self._entries(int(cursor or 0))
        last: dict[str, dict[str, Any]] = {}
        for entry in entries:
            last.pop(entry["id"], None)  # keep the order of each event's last change
            last[entry["id"]] = entry
        changes = [
            Change(
                fid,
                e["op"],
                None if e["new"] is None else feature_version(e["new"]),
                e["new"],
            )
            for fid, e in last.items()
        ]
        return changes, str(end)

    def change_key(self) -> str:
        parts = []
        for path in [*event_files(self.folder, self.settings), self._log]:
            try:
                st = path.stat()
            except OSError:
                continue
            parts.append(f"{path}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}")
        return sha256("\n".join(parts).encode("utf-8")).hexdigest()

    def history(self, event_id: str) -> list[HistoryEntry]:
        return [
            HistoryEntry(datetime.fromisoformat(e["at"]), e["user"], e["op"], e["why"], e["old"], e["new"])
            for e in self._entries(0)[0]
            if e["id"] == event_id
        ]
