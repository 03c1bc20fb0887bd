"""Child-process bodies for tests/test_store.py (spawned, so they live in a light module of their own).

Importing only `sitmap.store.write` keeps each spawned interpreter's start-up short (no geopandas).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from sitmap.store.write import ConflictError, read_event_file, save_features, upsert_event


def upsert_with_retry(path: str, feature: dict, barrier, results) -> None:
    """Read the file's version, upsert, and on a conflict read again and retry: what an editor does."""
    barrier.wait(timeout=60)  # everyone starts at once, so saves really race
    attempts = 0
    while True:
        attempts += 1
        _features, version, _problems = read_event_file(path)
        try:
            upsert_event(path, feature, expected_version=version, timeout=60)
        except ConflictError:
            continue
        results.put((feature["id"], attempts))
        return


def save_and_hang(path: str, features: list, version, ready: str, stage: str) -> None:
    """Start a save and freeze at `stage` (after writing the temp file, before it replaces the target).

    The parent SIGKILLs this process once `ready` exists, as a crash or an OOM kill would.
    """
    name = "fsync" if stage == "fsync" else "replace"
    real = getattr(os, name)

    def hang(*args, **kwargs):
        if name == "fsync" and not os.path.basename(_fd_path(args[0])).endswith(".tmp"):
            return real(*args, **kwargs)
        Path(ready).touch()
        time.sleep(600)

    setattr(os, name, hang)
    save_features(path, features, expected_version=version)


def _fd_path(fd: int) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""
