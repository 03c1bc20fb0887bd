"""`sitmap users add|set-role|set-password|remove|list` over a users file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sitmap.auth.roles import Role
from sitmap.auth.users import load_users, verify_password
from sitmap.cli import main

SECRET = "a good long password"


def test_users_commands_keep_the_file(tmp_path: Path, monkeypatch, capsys) -> None:
    events = tmp_path / "events"
    events.mkdir()
    path = events / ".sitmap" / "users.json"  # the default place: inside the events folder
    monkeypatch.setattr("sys.stdin", io.StringIO(SECRET + "\n"))
    assert (
        main(["users", "add", "ann", "--role", "analyst", "--password-stdin", "--events", str(events)]) == 0
    )
    assert (
        main(
            ["users", "add", "pat@example.org", "--role", "viewer", "--no-password", "--events", str(events)]
        )
        == 0
    )
    assert SECRET not in path.read_text(encoding="utf-8")
    assert verify_password(load_users(path), "ann", SECRET) is not None
    capsys.readouterr()
    assert main(["users", "list", "--users-file", str(path)]) == 0
    assert capsys.readouterr().out == "ann\tanalyst\tpassword\npat@example.org\tviewer\tno password\n"
    assert main(["users", "set-role", "ann", "editor", "--users-file", str(path)]) == 0
    assert load_users(path)["ann"].role is Role.EDITOR
    monkeypatch.setattr("sys.stdin", io.StringIO("another long password\n"))
    assert main(["users", "set-password", "ann", "--password-stdin", "--users-file", str(path)]) == 0
    assert verify_password(load_users(path), "ann", "another long password") is not None
    assert main(["users", "remove", "pat@example.org", "--users-file", str(path)]) == 0
    assert set(load_users(path)) == {"ann"}
    capsys.readouterr()
    assert main(["users", "log", "--limit", "3", "--users-file", str(path)]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [(r[1], r[2], r[3], r[5]) for r in rows] == [
        ("pat@example.org", "removed", "viewer", "cli"),
        ("ann", "password", "editor", "cli"),
        ("ann", "role", "analyst -> editor", "cli"),
    ]
    assert all(r[4] for r in rows)  # the server account that ran the CLI


@pytest.mark.parametrize(
    "argv",
    [
        ["users", "set-role", "nobody", "editor"],
        ["users", "add", "ann", "--role", "viewer", "--no-password"],
        ["users", "remove", "nobody"],
    ],
)
def test_users_mistakes_are_one_line_errors(tmp_path: Path, argv: list[str], capsys) -> None:
    path = tmp_path / "users.json"
    assert main(["users", "add", "ann", "--role", "viewer", "--no-password", "--users-file", str(path)]) == 0
    capsys.readouterr()
    assert main([*argv, "--users-file", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sitmap users: ") and err.count("\n") == 1


def test_a_bad_users_file_is_named_by_list(tmp_path: Path, capsys) -> None:
    path = tmp_path / "users.json"
    path.write_text(
        '{"version": 1, "users": {"ann": {"role": "editor", "password": "hunter22"}}}', encoding="utf-8"
    )
    assert main(["users", "list", "--users-file", str(path)]) == 2
    assert f"{path}: users.ann.password: not an argon2 hash" in capsys.readouterr().err
