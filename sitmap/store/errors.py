"""The embedded store's errors: refused writes, version conflicts, lock timeouts and missing events."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sitmap.model import Problem

if TYPE_CHECKING:
    from sitmap.store.version import FileVersion


class StoreError(Exception):
    """Base of the store's errors."""


class ValidationError(StoreError):
    """Refused to write: the features (as they would be written) have errors."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:5])
        more = f"\n  ... and {len(problems) - 5} more" if len(problems) > 5 else ""
        super().__init__(f"nothing written: {len(problems)} problem(s)\n{shown}{more}")


class ConflictError(StoreError):
    """The file changed since it was read; nothing was written."""

    def __init__(self, path: Path, expected: FileVersion | None, found: FileVersion | None):
        self.path, self.expected, self.found = path, expected, found
        was = "not to exist" if expected is None else f"to be {expected}"
        now = "it does not exist" if found is None else f"it is {found}"
        super().__init__(
            f"{path} changed on disk since it was read (expected it {was}; {now}); "
            "reload and apply the edit again — nothing was written"
        )


class LockTimeoutError(StoreError):
    """Another save held the file's lock for too long."""


class EventNotFoundError(StoreError, KeyError):
    """No event with that id in the file."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "event not found"
