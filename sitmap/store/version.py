"""A file's version (the sha256 of its bytes), and reading a file's bytes with it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from sitmap.store.atomic import UnreadableFileError, read_regular_bytes
from sitmap.store.errors import StoreError


@dataclass(frozen=True)
class FileVersion:
    """What a file held when it was read: the sha256 of its bytes (and their count, for messages)."""

    sha256: str
    size: int

    @classmethod
    def of_bytes(cls, data: bytes) -> FileVersion:
        return cls(sha256(data).hexdigest(), len(data))

    @classmethod
    def of_file(cls, path: Path | str) -> FileVersion | None:
        """The version on disk now, or None when the file does not exist."""
        return current(Path(path))[1]

    def __str__(self) -> str:
        return f"sha256 {self.sha256[:12]} ({self.size:,} bytes)"


def current(path: Path) -> tuple[bytes | None, FileVersion | None]:
    """The file's bytes and version, (None, None) when it does not exist; UnreadableFileError for a
    FIFO, folder, broken link or refused read is a StoreError (never blocks)."""
    if not os.path.lexists(path):
        return None, None
    try:
        data = read_regular_bytes(path, None) or b""  # no size limit: None never comes back
    except UnreadableFileError as e:
        raise StoreError(str(e)) from e
    return data, FileVersion.of_bytes(data)
