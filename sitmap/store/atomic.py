"""Safe file I/O: atomic replacement (the one way sitmap writes a file a reader might be looking at), and
reading a file that may turn out to be a FIFO, a folder, a broken link or unreadable."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO, a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class UnreadableFileError(OSError):
    """A path that cannot be read as a regular file; `reason` says why, in words for a problem list."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = str(path), reason


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a file")
    return f"not a regular file ({kind}); not read"


def read_regular_bytes(path: Path | str, max_bytes: int | None) -> bytes | None:
    """The bytes of a regular file, or None when it holds more than `max_bytes` (None: no limit).

    Raises UnreadableFileError for a broken symbolic link, anything that is not a regular file (checked
    before opening, and again on the open descriptor, so a FIFO swapped in meanwhile cannot block: it is
    opened non-blocking) and any OS refusal (permissions, I/O errors).
    """
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            raise UnreadableFileError(
                path, f"broken symbolic link (to {os.readlink(path)}); not read"
            ) from None
        raise UnreadableFileError(path, "file does not exist (removed while reading?)") from None
    except OSError as e:
        raise UnreadableFileError(path, f"cannot be read: {e.strerror or e}") from e
    if reason := _not_regular(st.st_mode):
        raise UnreadableFileError(path, reason)
    if max_bytes is not None and st.st_size > max_bytes:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        raise UnreadableFileError(path, f"cannot be read: {e.strerror or e}") from e
    try:
        if reason := _not_regular(os.fstat(fd).st_mode):
            raise UnreadableFileError(path, reason)
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read() if max_bytes is None else f.read(max_bytes + 1)  # it may have grown since stat
    except UnreadableFileError:
        raise
    except OSError as e:
        raise UnreadableFileError(path, f"cannot be read: {e.strerror or e}") from e
    finally:
        os.close(fd)
    return None if max_bytes is not None and len(data) > max_bytes else data


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Replace `path` with `data` so readers see the old file or the new one, never a partial one.

    Temp file in the same folder (same filesystem, so `os.replace` is atomic), flushed and fsynced, then
    renamed over the target, then the folder fsynced so the rename itself survives a crash.
    """
    path = Path(path)
    tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    # A new file: 0o666 less the umask (mkstemp would make it private). An existing file's mode is kept, and
    # the temp file has it from its creation: a private file's temp file is never readable by others, not
    # even empty for a moment (a handle opened then would read what is written later).
    mode = path.stat().st_mode & 0o777 if path.exists() else None
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else mode & 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            if mode is not None:
                os.fchmod(f.fileno(), mode)
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
