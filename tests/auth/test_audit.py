"""The users log: each account change is one line with who, when, from where and the roles, never a
password; unreadable lines are named and skipped, the rest still read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitmap.auth.audit import audit_path, read_changes
from sitmap.auth.roles import Role
from sitmap.auth.users import change_users

SECRET = "a long enough password"


def test_every_change_is_logged_with_who_and_the_roles_but_no_password(tmp_path: Path) -> None:
    users = tmp_path / "users.json"
    change_users(users, "ann", role=Role.ANALYST, password=SECRET, create=True, by="root", via="cli")
    change_users(users, "ann", role=Role.EDITOR, by="ada", via="app")
    change_users(users, "ann", role=Role.EDITOR, by="ada", via="app")  # no change of role: nothing logged
    change_users(users, "ann", password=SECRET + "!", by="ada", via="app")
    change_users(users, "ann", role=Role.VIEWER, password=SECRET, by="ada", via="app")
    change_users(users, "ann", remove=True, by="root", via="cli")

    changes, problems = read_changes(users)
    assert problems == []
    assert [(c.change, c.role_text(), c.by, c.via) for c in reversed(changes)] == [
        ("added", "analyst", "root", "cli"),
        ("role", "analyst → editor", "ada", "app"),
        ("password", "editor", "ada", "app"),
        ("role", "editor → viewer", "ada", "app"),
        ("password", "viewer", "ada", "app"),
        ("removed", "viewer", "root", "cli"),
    ]
    assert all(c.user == "ann" and c.at.endswith("Z") for c in changes)
    text = audit_path(users).read_text(encoding="utf-8")
    assert SECRET not in text and "argon2" not in text
    assert audit_path(users).stat().st_mode & 0o077 == 0  # owner only, like the users file
    assert [c.change for c in read_changes(users, limit=2)[0]] == ["removed", "password"]


def test_a_refused_change_logs_nothing(tmp_path: Path) -> None:
    users = tmp_path / "users.json"
    change_users(users, "ada", role=Role.ADMIN, create=True)
    with pytest.raises(ValueError, match="last admin"):
        change_users(users, "ada", role=Role.VIEWER, keep_an_admin=True, by="ada", via="app")
    with pytest.raises(KeyError):
        change_users(users, "nobody", role=Role.VIEWER, by="ada", via="app")
    assert [c.change for c in read_changes(users)[0]] == ["added"]


def test_unreadable_lines_are_named_and_the_rest_still_read(tmp_path: Path) -> None:
    users = tmp_path / "users.json"
    change_users(users, "ann", role=Role.VIEWER, create=True, by="root", via="cli")
    with audit_path(users).open("a", encoding="utf-8") as f:
        f.write('{"at": "2026-01-01T00:00:00Z", "by": "x"\n')  # cut mid-line
        f.write(
            json.dumps({"at": "2026-01-01T00:00:01Z", "by": "x", "via": "app", "user": "u", "change": "?"})
        )
        f.write("\n[1, 2]\n")
    change_users(users, "ann", remove=True, by="root", via="cli")
    changes, problems = read_changes(users)
    assert [c.change for c in changes] == ["removed", "added"]
    assert [p.split(": ")[1] for p in problems] == ["line 2", "line 3", "line 4"]
    assert all(p.startswith(str(audit_path(users))) for p in problems)
