"""Saving event files: validated, atomic, locked and version-checked; and the checks a file must pass.

A save validates what will be on disk (the serialised bytes, read back), then, under the file's lock
(`<folder>/.sitmap/locks/<name>.lock`), checks that the file still has the content hash the caller read
(`FileVersion`) and replaces it atomically; a file that changed raises `ConflictError` and is never
overwritten. The file's other top-level members (`name`, `bbox`, foreign members) stay. `sitmap.store.load`
re-exports this module's API.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from sitmap.model import Problem, feature_label, validate_feature_id
from sitmap.settings import Settings, load_settings
from sitmap.store import splice
from sitmap.store.atomic import UnreadableFileError

# Re-exported: callers have long imported these from here (`sitmap.store.load` re-exports them too).
from sitmap.store.checks import json_problems
from sitmap.store.checks import validate_features as validate_features
from sitmap.store.errors import ConflictError as ConflictError
from sitmap.store.errors import EventNotFoundError as EventNotFoundError
from sitmap.store.errors import LockTimeoutError as LockTimeoutError
from sitmap.store.errors import StoreError as StoreError
from sitmap.store.errors import ValidationError as ValidationError
from sitmap.store.geojson_io import (
    atomic_write_bytes,
    collection_head,
    feature_block,
    joined_collection,
    may_hold_bad_text,
    parse_feature_collection,
)
from sitmap.store.version import FileVersion as FileVersion
from sitmap.store.version import current as _current

LOCKS_DIR = Path(".sitmap") / "locks"  # beside the file, hidden: the store skips hidden folders


def lock_path(path: Path) -> Path:
    """The lock file of an event file: `<folder>/.sitmap/locks/<name>.lock`, derived from the path alone so
    every process agrees on it, and kept out of the analyst's view (and out of git status listings)."""
    return path.parent / LOCKS_DIR / f"{path.name}.lock"


@contextmanager
def _locked(path: Path, timeout: float) -> Iterator[None]:
    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(lock, timeout=timeout):
            # Holding the lock, no save of this file is running: any temp file of ours is an orphan of a
            # killed save. Removing it here keeps folders tidy without ever touching a live write.
            for orphan in path.parent.glob(f".{path.name}.*.tmp"):
                orphan.unlink(missing_ok=True)
            yield
    except Timeout as e:
        raise LockTimeoutError(f"{path}: another save held {lock} for over {timeout:g} s") from e


def _check_version(path: Path, expected: FileVersion | None, found: FileVersion | None) -> None:
    if found != expected:
        raise ConflictError(path, expected, found)


def _valid_bytes(
    path: Path,
    features: list[Any],
    settings: Settings,
    today: date | None,
    members: dict[str, Any] | None = None,
) -> bytes:
    """The file's new bytes (with the collection's other top-level `members`), validated as they will be
    read back; raises ValidationError."""
    file = str(path)
    problems = [
        Problem(file, f"#{i}", "-", f"feature must be an object, got {type(f).__name__}")
        for i, f in enumerate(features)
        if not isinstance(f, dict)
    ]
    for i, f in enumerate(features):
        if isinstance(f, dict):
            problems += json_problems(f, file, feature_label(i, f.get("id")))
    problems += json_problems(members or {}, file, "-")
    if problems:
        raise ValidationError(problems)
    head, blocks = collection_head(members), [feature_block(f, checked=True) for f in features]  # no problem
    data = joined_collection(head, blocks).encode("utf-8")
    if len(data) > settings.max_file_bytes:
        raise ValidationError(
            [
                Problem(
                    file, "-", "-", f"{len(data):,} bytes is over the {settings.max_file_bytes:,}-byte limit"
                )
            ]
        )
    parsed, found = parse_feature_collection(data, file=file, max_depth=settings.max_json_depth)
    if parsed is not None:
        each: list[list[Problem]] = []
        checked = validate_features(
            parsed, file=file, today=today, check_text=may_hold_bad_text(data), each=each
        )
        if not found and not checked[1]:  # as written and valid: the next edit of one event splices
            day, depth = today or date.today(), settings.max_json_depth
            splice.remember(file, day, depth, head, blocks, data, parsed, each, members or {})
        _remember_validated(
            (file, FileVersion.of_bytes(data), today or date.today(), settings.max_json_depth),
            parsed,
            found,
            checked,
        )
        found = found + checked[0]
    errors = [p for p in found if p.is_error]
    if errors:
        raise ValidationError(errors)
    return data


_Validated = tuple[list[Any], list[Problem], tuple[list[Problem], set[int]]]
_last_validated: list[tuple[tuple[str, FileVersion, date, int], _Validated]] = []


def _remember_validated(
    key: tuple[str, FileVersion, date, int], features: list[Any], found: list[Problem], checked: Any
) -> None:
    """Keep the last bytes a save validated, as read back: the store's reload that follows the save
    (`sitmap.store.assemble.read_file`) takes them instead of parsing and validating the file again. The
    features were parsed here and never handed out, so no caller can have changed them."""
    _last_validated[:] = [(key, (features, list(found), checked))]


def take_validated(file: str, version: FileVersion, today: date | None, max_depth: int) -> _Validated | None:
    """The features, parse problems and `validate_features` result of these bytes of `file` when a save
    in this process just validated them (once: forgotten after), else None."""
    found = _last_validated[:1]
    if not found or found[0][0] != (file, version, today or date.today(), max_depth):  # a day later: no
        return None
    _last_validated.clear()
    return found[0][1]


def save_features(
    path: Path | str,
    features: list[dict[str, Any]],
    *,
    expected_version: FileVersion | None,
    settings: Settings | None = None,
    today: date | None = None,
    timeout: float = 30.0,
) -> FileVersion:
    """Write `features` as the whole file, if valid and if the file is still at `expected_version`.

    `expected_version=None` means the file must not exist yet. Raises ValidationError (nothing written),
    ConflictError (the file changed; nothing written) or LockTimeoutError.
    """
    path = Path(path)
    settings = settings or load_settings()
    # The file's own top-level members (name, bbox, foreign members) stay: only the features change.
    # Validated before waiting for the lock; under it, redone only if the file changed in between.
    old, before = _current(path)
    data = _valid_bytes(path, features, settings, today, _members(old, path, settings))
    with _locked(path, timeout):
        old, found = _current(path)
        _check_version(path, expected_version, found)
        if found != before:
            data = _valid_bytes(path, features, settings, today, _members(old, path, settings))
        atomic_write_bytes(path, data)
    version = FileVersion.of_bytes(data)
    _record(path, version, settings, today)
    return version


def _record(path: Path, version: FileVersion, settings: Settings, today: date | None) -> None:
    """Leave the record of bytes just written whose layout this process kept (`splice.record`)."""
    layout = splice.find(str(path), version, settings.max_json_depth, today or date.today())
    if layout is not None:
        splice.record(path, layout)


def _members(data: bytes | None, path: Path, settings: Settings) -> dict[str, Any]:
    """The top-level members of a file's bytes other than type, features and crs (none if unreadable)."""
    members: dict[str, Any] = {}
    if data is not None:
        parse_feature_collection(data, file=str(path), max_depth=settings.max_json_depth, members=members)
    return members


def read_event_file(
    path: Path | str,
    *,
    settings: Settings | None = None,
    members: dict[str, Any] | None = None,
    shared: bool = False,
) -> tuple[list[Any] | None, FileVersion | None, list[Problem]]:
    """One file's features (unvalidated beyond parsing), the version they came from, and parse problems.

    A missing file reads as no features at version None (save it with `expected_version=None`); one that
    cannot be read (a FIFO, a folder, refused) as None features at version None, with the reason.
    `members` receives the collection's other top-level members (see `parse_feature_collection`).
    `shared`: when this process wrote these bytes, the features it read back then, not parsed again (the
    caller must not change them).
    """
    settings = settings or load_settings()
    try:
        data, version = _current(Path(path))
    except StoreError as e:
        reason = e.__cause__.reason if isinstance(e.__cause__, UnreadableFileError) else str(e)
        return None, None, [Problem(str(path), "-", "-", reason)]
    if data is None:
        return [], None, []
    depth = settings.max_json_depth
    known = splice.find(str(path), version, depth) if shared else None
    if known is not None:
        if members is not None:
            members.update(known.members)
        return known.features, version, []
    seen = splice.parsed_before(str(path), version, depth) if shared else None
    if seen is not None:  # read a moment ago (the editor's read before its save): not parsed again
        if members is not None:
            members.update(seen[1])
        return seen[0], version, []
    found: dict[str, Any] = {}
    features, problems = parse_feature_collection(data, file=str(path), max_depth=depth, members=found)
    if members is not None:
        members.update(found)
    if (  # sitmap wrote these bytes (its record says so)? else the parse is kept for a save that follows
        shared
        and version is not None
        and features is not None
        and not problems
        and splice.recall(Path(path), data, version, depth, features, found) is None
    ):
        splice.note_parse(str(path), version, depth, features, found)
    return features, version, problems


Parsed = tuple[FileVersion, list[Any], dict[str, Any]]  # a file's version, its features and other members


def _modify(
    path: Path,
    change: Callable[[list[Any]], list[Any]],
    expected_version: FileVersion | None,
    settings: Settings | None,
    today: date | None,
    timeout: float,
    parsed: Parsed | None = None,
    edit: tuple[str, dict[str, Any] | None] | None = None,
) -> FileVersion:
    """Read-modify-write under the file's lock: parse the current file (unless `parsed` holds it at the
    version found: then its features, not changed by the caller, are used), apply `change`, save if valid.

    `edit` (an event id and its new feature, None to remove it) is what `change` does, for
    `sitmap.store.splice`: when sitmap wrote the file's current bytes (this process, or another that left
    its record) or they are in sitmap's form (`splice.adopt`), only that event is serialised and checked."""
    settings = settings or load_settings()
    with _locked(path, timeout):
        data, found = _current(path)
        _check_version(path, expected_version, found)
        day, depth = today or date.today(), settings.max_json_depth
        layout = splice.find(str(path), found, depth, day) if edit is not None else None
        features: list[Any] = []  # no file yet: the change starts from no features
        members: dict[str, Any] = {}
        if layout is None and data is not None:
            features, members = _features_of(path, data, found, parsed, depth)
            if edit is not None and found is not None:  # its first edit here: sitmap's form splices too
                layout = splice.adopt(path, data, found, day, depth, features, members)
        done = splice.spliced(layout, *edit, settings.max_file_bytes) if layout and edit else None
        if done is not None:
            atomic_write_bytes(path, done[0])
            after = done[1]
            splice.keep(after)
            splice.record(path, after)
            _remember_validated(
                (str(path), after.version, day, depth), after.features, [], splice.checked(after)
            )
            return after.version
        if layout is not None:  # a layout that did not splice this edit: the file as it read back
            features, members = layout.features, dict(layout.members)
        new = _valid_bytes(path, change(list(features)), settings, today, members)
        atomic_write_bytes(path, new)
    version = FileVersion.of_bytes(new)
    _record(path, version, settings, today)
    return version


def _features_of(
    path: Path, data: bytes, found: FileVersion | None, parsed: Parsed | None, max_depth: int
) -> tuple[list[Any], dict[str, Any]]:
    """The features and other top-level members of the file's current bytes: the caller's parse of them
    (`parsed`, at the version `found`), else parsed here; raises ValidationError when they cannot be read."""
    if parsed is not None and parsed[0] == found:
        return parsed[1], dict(parsed[2])
    members: dict[str, Any] = {}
    read, problems = parse_feature_collection(data, file=str(path), max_depth=max_depth, members=members)
    if read is None:
        raise ValidationError(problems)
    return read, members


def upsert_event(
    path: Path | str,
    feature: dict[str, Any],
    *,
    expected_version: FileVersion | None,
    settings: Settings | None = None,
    today: date | None = None,
    timeout: float = 30.0,
    parsed: Parsed | None = None,
) -> FileVersion:
    """Replace the event with this feature's id in place (a correction keeps its id), or append it."""
    fid = feature.get("id") if isinstance(feature, dict) else None
    found = validate_feature_id(fid, file=str(path), feature=feature_label(0, fid))
    if found:
        raise ValidationError(found)

    def change(features: list[Any]) -> list[Any]:
        for i, f in enumerate(features):
            if isinstance(f, dict) and f.get("id") == fid:
                features[i] = feature
                return features
        return [*features, feature]

    edit = (fid, feature) if isinstance(fid, str) else None
    return _modify(Path(path), change, expected_version, settings, today, timeout, parsed, edit)


def delete_event(
    path: Path | str,
    event_id: str,
    *,
    expected_version: FileVersion | None,
    settings: Settings | None = None,
    today: date | None = None,
    timeout: float = 30.0,
    parsed: Parsed | None = None,
) -> FileVersion:
    """Remove the event `event_id` from the file (the file stays, possibly with no features)."""

    def change(features: list[Any]) -> list[Any]:
        kept = [f for f in features if not (isinstance(f, dict) and f.get("id") == event_id)]
        if len(kept) == len(features):
            raise EventNotFoundError(f"{path}: no event with id {event_id!r}")
        return kept

    return _modify(Path(path), change, expected_version, settings, today, timeout, parsed, (event_id, None))
