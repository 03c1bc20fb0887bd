"""Who changed which account, when: an append-only log beside the users file (`users.json` →
`users-audit.jsonl`), one JSON object a line, written by `sitmap.auth.users.change_users` under the users
file's lock once the change is saved. It names the account, what changed (added, role, password, removed),
the roles before and after, who did it and from where (the app's users page or the CLI). It never holds a
password or a hash.

A line that cannot be read (a hand edit, a disk filled mid-line) is reported by `read_changes` with the
file and line number and skipped; the lines after it still count.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

CHANGES = ("added", "role", "password", "removed")


@dataclass(frozen=True)
class UserChange:
    at: str  # UTC, ISO 8601 to the second
    by: str  # who made the change: the signed-in admin, or the server account running the CLI
    via: str  # "app" or "cli"
    user: str  # the account changed
    change: str  # one of CHANGES
    role_before: str | None = None
    role_after: str | None = None

    def role_text(self, arrow: str = " → ") -> str:
        """'viewer → editor' for a role change, else the account's role (after, or before a removal)."""
        if self.change == "role":
            return arrow.join(r for r in (self.role_before, self.role_after) if r)
        return self.role_after or self.role_before or ""


def audit_path(users_file: Path | str) -> Path:
    """The log of the users file `users_file`."""
    path = Path(users_file)
    return path.with_name(f"{path.stem}-audit.jsonl")


def record(users_file: Path | str, change: UserChange) -> None:
    """Append `change` to the log and flush it to disk (the caller holds the users file's lock)."""
    if change.change not in CHANGES:
        raise ValueError(f"unknown user change {change.change!r}; one of {', '.join(CHANGES)}")
    line = json.dumps(asdict(change), ensure_ascii=False, sort_keys=True) + "\n"
    fd = os.open(audit_path(users_file), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, line.encode("utf-8"))  # one write of one line: O_APPEND keeps lines whole
        os.fsync(fd)
    finally:
        os.close(fd)


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _entry(value: object) -> UserChange:
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    text = {k: value.get(k) for k in ("at", "by", "via", "user", "change")}
    for k, v in text.items():
        if not isinstance(v, str):
            raise ValueError(f"field {k!r} is not text")
    if value["change"] not in CHANGES:
        raise ValueError(f"field 'change' is not one of {', '.join(CHANGES)}")
    roles = [value.get(k) for k in ("role_before", "role_after")]
    if any(r is not None and not isinstance(r, str) for r in roles):
        raise ValueError("a role field is not text")
    return UserChange(
        value["at"], value["by"], value["via"], value["user"], value["change"], roles[0], roles[1]
    )


def read_changes(users_file: Path | str, limit: int | None = None) -> tuple[list[UserChange], list[str]]:
    """The logged changes, newest first (at most `limit`), and a problem line per unreadable entry."""
    path = audit_path(users_file)
    if not path.exists():
        return [], []
    changes: list[UserChange] = []
    problems: list[str] = []
    with path.open(encoding="utf-8", errors="replace") as f:
        for number, text in enumerate(f, start=1):
            if not text.strip():
                continue
            try:
                changes.append(_entry(json.loads(text)))
            except ValueError as e:  # json's own errors are ValueErrors too
                problems.append(f"{path}: line {number}: unreadable entry ({e}); skipped")
    changes.reverse()
    return (changes[:limit] if limit is not None else changes), problems


__all__ = ["CHANGES", "UserChange", "audit_path", "now", "read_changes", "record"]
