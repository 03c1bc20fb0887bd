"""Atomic file replacement: the one way sitmap writes a file a reader might be looking at."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Replace `path` with `data` so readers see the old file or the new one, never a partial one.

    Temp file in the same folder (same filesystem, so `os.replace` is atomic), flushed and fsynced, then
    renamed over the target, then the folder fsynced so the rename itself survives a crash.
    """
    path = Path(path)
    tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    # os.open with 0o666 honours the umask (mkstemp would make the file private); keep an existing mode.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            if path.exists():
                os.fchmod(f.fileno(), path.stat().st_mode & 0o777)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
