"""The event store: every `events/**/*.geojson` loaded strictly, and safe (atomic, locked, versioned) saves.

Loading reports every problem and still loads every valid feature: a file that cannot be parsed loads
nothing, a file with one bad feature loads the others. Loading never writes an event file (no lock files,
no repairs; only its own snapshot in `.sitmap/cache/`, see `sitmap.store.columnar`): saves replace files
atomically, so a reader always sees a whole old or a whole new file without locking.
Saving lives in `sitmap.store.write` and is re-exported here (`save_features`, `upsert_event`, ...).
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import ParamSpec, TypeVar

from sitmap.model import Problem
from sitmap.settings import Settings, load_settings
from sitmap.store.assemble import load_files
from sitmap.store.files import SKIPPED_DIRS, discover, event_files
from sitmap.store.frame import EVENT_COLUMNS, Store, build_frame
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
    "build_frame",
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

_P = ParamSpec("_P")
_R = TypeVar("_R")


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
        return load_files([], [], settings, today, [problem])
    files, problems = discover(events_dir, settings)
    return load_files(files, [events_dir / "reports"], settings, today, problems, folder=events_dir)


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
    store = load_files(list(files), reports_dirs, settings, today, problems)
    return store.problems, len(store.events)
