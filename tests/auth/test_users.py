"""The users file: argon2 hashes only (never a password), clear errors naming the file and the field, the
`SITMAP_AUTH` settings, and how each mode finds the user and their role."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from sitmap.auth.identity import header_user, local_user, password_user
from sitmap.auth.roles import Role
from sitmap.auth.users import UsersFileError, change_users, load_users, verify_password
from sitmap.settings import load_settings

PASSWORD = "correct horse battery"


def users_file(tmp_path: Path, users: object, version: object = 1) -> Path:
    path = tmp_path / "users.json"
    path.write_text(json.dumps({"version": version, "users": users}), encoding="utf-8")
    return path


def test_added_user_is_stored_as_an_argon2_hash_in_an_owner_only_file(tmp_path: Path) -> None:
    path = tmp_path / ".sitmap" / "users.json"
    change_users(path, "alice", role=Role.EDITOR, password=PASSWORD, create=True)
    text = path.read_text(encoding="utf-8")
    assert PASSWORD not in text and "$argon2id$" in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    accounts = load_users(path)
    assert accounts["alice"].role is Role.EDITOR
    assert verify_password(accounts, "alice", PASSWORD) == accounts["alice"]
    assert verify_password(accounts, "alice", PASSWORD + "!") is None
    assert verify_password(accounts, "mallory", PASSWORD) is None


def test_set_role_password_and_remove_keep_the_others(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    change_users(path, "alice", role=Role.VIEWER, password=PASSWORD, create=True)
    change_users(path, "bob", role=Role.ANALYST, create=True)  # a proxy user: no password
    change_users(path, "alice", role=Role.ADMIN)
    assert load_users(path)["alice"].role is Role.ADMIN
    assert verify_password(load_users(path), "alice", PASSWORD) is not None  # the hash is kept
    assert verify_password(load_users(path), "bob", "") is None  # no password: never signs in with one
    change_users(path, "alice", remove=True)
    assert set(load_users(path)) == {"bob"}
    with pytest.raises(KeyError, match="already exists"):
        change_users(path, "bob", role=Role.VIEWER, create=True)
    with pytest.raises(KeyError, match="does not exist"):
        change_users(path, "alice", role=Role.VIEWER)
    with pytest.raises(ValueError, match="at least 10"):
        change_users(path, "carol", role=Role.VIEWER, password="short", create=True)
    assert "carol" not in load_users(path)


def test_a_plain_password_in_the_file_is_refused_naming_file_and_field(tmp_path: Path) -> None:
    path = users_file(tmp_path, {"alice": {"role": "editor", "password": PASSWORD}})
    with pytest.raises(UsersFileError) as bad:
        load_users(path)
    assert str(bad.value).startswith(f"{path}: users.alice.password: not an argon2 hash")
    assert PASSWORD not in str(bad.value)


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ('{"version": 1, "users": {"bob": {"role": "boss"}}}', "users.bob.role"),
        ('{"version": 1, "users": {"bob": {"role": "viewer", "pasword": "x"}}}', "users.bob.pasword"),
        ('{"version": 1, "users": {"bad name": {"role": "viewer"}}}', "users.bad name"),
        ('{"version": 1, "users": ["bob"]}', "users"),
        ('{"users": {}}', "version"),
        ("{not json", "-"),
    ],
)
def test_a_bad_users_file_names_the_file_and_the_field(tmp_path: Path, content: str, field: str) -> None:
    path = tmp_path / "users.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsersFileError) as bad:
        load_users(path)
    assert str(bad.value).startswith(f"{path}: {field}: ")
    assert bad.value.field == field


def test_auth_settings_are_checked(tmp_path: Path) -> None:
    s = load_settings(env={"SITMAP_EVENTS": str(tmp_path)})
    assert s.auth == "none" and s.users_file == tmp_path / ".sitmap" / "users.json"
    s = load_settings(env={"SITMAP_AUTH_GROUP_ROLES": "sitmap-eds=Editor, ops=viewer"})
    assert s.auth_group_roles == (("sitmap-eds", "editor"), ("ops", "viewer"))
    for env in (
        {"SITMAP_AUTH": "ldap"},
        {"SITMAP_AUTH_GROUP_ROLES": "eds=boss"},
        {"SITMAP_AUTH_DEFAULT_ROLE": "x"},
    ):
        with pytest.raises(ValueError, match="invalid sitmap setting"):
            load_settings(env=env)


def test_each_mode_finds_the_user_and_their_current_role(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    change_users(path, "ed@example.org", role=Role.EDITOR, create=True)
    settings = load_settings(
        env={
            "SITMAP_AUTH": "header",
            "SITMAP_USERS_FILE": str(path),
            "SITMAP_AUTH_GROUP_ROLES": "sitmap-analysts=analyst,sitmap-admins=admin",
        }
    )
    # The users file wins over groups; else the highest mapped group; else the default role.
    assert header_user(settings, {"email": "ed@example.org", "groups": "sitmap-admins"}).role is Role.EDITOR
    both = {"email": "ann@example.org", "groups": "sitmap-analysts, sitmap-admins"}
    assert header_user(settings, both).role is Role.ADMIN
    assert header_user(settings, {"email": "new@example.org"}).role is Role.VIEWER
    assert header_user(settings, {"email": "  "}) is None and header_user(settings, {}) is None
    strict = load_settings(env={"SITMAP_AUTH_DEFAULT_ROLE": "none", "SITMAP_USERS_FILE": str(path)})
    assert header_user(strict, {"email": "new@example.org"}) is None
    # Password mode reads the role on every call: a removed account is signed out at once.
    assert password_user(settings, "ed@example.org").role is Role.EDITOR
    change_users(path, "ed@example.org", remove=True)
    assert password_user(settings, "ed@example.org") is None
    assert local_user().role is Role.ADMIN and local_user().via == "local"


def test_keep_an_admin_refuses_to_leave_a_file_without_one(tmp_path) -> None:
    from sitmap.auth.roles import Role
    from sitmap.auth.users import change_users, load_users

    path = tmp_path / "users.json"
    change_users(path, "ada", role=Role.ADMIN, create=True)
    change_users(path, "ed", role=Role.EDITOR, create=True)
    with pytest.raises(ValueError, match="last admin"):
        change_users(path, "ada", role=Role.VIEWER, keep_an_admin=True)
    with pytest.raises(ValueError, match="last admin"):
        change_users(path, "ada", remove=True, keep_an_admin=True)
    assert load_users(path)["ada"].role is Role.ADMIN  # nothing written
    change_users(path, "ed", role=Role.ADMIN, keep_an_admin=True)
    change_users(path, "ada", remove=True, keep_an_admin=True)  # another admin remains: allowed
    change_users(path, "ed", role=Role.VIEWER)  # the CLI's path (no keep_an_admin) may, as the way back
    assert {a.role for a in load_users(path).values()} == {Role.VIEWER}
