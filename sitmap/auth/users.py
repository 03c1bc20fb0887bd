"""The users file: who may sign in, with which role, and (for `SITMAP_AUTH=password`) an argon2 hash of their
password. Never a password itself: a value that is not an argon2 hash is refused when the file is read.

    {"version": 1, "users": {"alice": {"role": "editor", "password": "$argon2id$v=19$m=65536,t=3,p=4$..."}}}

Behind a proxy (`SITMAP_AUTH=header`) the same file maps each signed-in name to a role; entries there need no
password. Writes go through a lock and an atomic replace, and a new file is readable by its owner only.
Hashing is argon2-cffi's `PasswordHasher` with its defaults (argon2id, RFC 9106's low-memory profile).
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from filelock import FileLock

from sitmap.auth import audit
from sitmap.auth.roles import Role, parse_role
from sitmap.store.atomic import atomic_write_bytes

USERS_FILE = Path(".sitmap") / "users.json"  # inside the events folder unless SITMAP_USERS_FILE says where
VERSION = 1
MIN_PASSWORD = 10
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$")  # login names and the e-mails proxies send
_HASHER = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the name is unknown, so a wrong name costs as long as a wrong password."""
    return _HASHER.hash("not a password of anyone")


class UsersFileError(ValueError):
    """The users file cannot be used; the message names the file and the field."""

    def __init__(self, path: Path | str, field: str, problem: str):
        self.path, self.field = Path(path), field
        super().__init__(f"{path}: {field}: {problem}")


@dataclass(frozen=True)
class Account:
    name: str
    role: Role
    password_hash: str | None = None  # None: signs in only through the proxy (header mode)


def check_name(name: str) -> str:
    """`name` if it is a usable user name (letters, digits and . _ @ + -, at most 128), else ValueError."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(
            f"bad user name {name!r}: use letters, digits and . _ @ + - (starting with a letter or digit)"
        )
    return name


def hash_password(password: str) -> str:
    """An argon2id hash of `password`; ValueError when it is shorter than `MIN_PASSWORD` characters."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")
    return _HASHER.hash(password)


def _is_argon2_hash(value: str) -> bool:
    try:
        from argon2 import extract_parameters

        extract_parameters(value)
    except (InvalidHashError, ValueError, TypeError, IndexError):
        return False
    return value.startswith("$argon2")


def _account(path: Path, name: Any, entry: Any) -> Account:
    field = f"users.{name}"
    try:
        check_name(name)
    except ValueError as e:
        raise UsersFileError(path, field, str(e)) from None
    if not isinstance(entry, dict):
        raise UsersFileError(path, field, "expected an object with a role (and a password hash)")
    unknown = sorted(set(entry) - {"role", "password"})
    if unknown:
        raise UsersFileError(path, f"{field}.{unknown[0]}", "unknown field (expected role, password)")
    try:
        role = parse_role(entry.get("role"))
    except ValueError as e:
        raise UsersFileError(path, f"{field}.role", str(e)) from None
    password = entry.get("password")
    if password is not None and not (isinstance(password, str) and _is_argon2_hash(password)):
        raise UsersFileError(
            path,
            f"{field}.password",
            "not an argon2 hash: the file must never hold a password itself; set it with "
            "`sitmap users add` or `sitmap users set-password`",
        )
    return Account(name, role, password)


def load_users(path: Path | str) -> dict[str, Account]:
    """Every account in the file (an absent file has none); `UsersFileError` naming the file and field."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as e:
        raise UsersFileError(path, "-", f"cannot be read: {e.strerror or e}") from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise UsersFileError(path, "-", f"not JSON: {e}") from None
    if not isinstance(doc, dict):
        raise UsersFileError(path, "-", 'expected an object {"version": 1, "users": {...}}')
    if doc.get("version") != VERSION:
        raise UsersFileError(path, "version", f"expected {VERSION}, got {doc.get('version')!r}")
    users = doc.get("users")
    if not isinstance(users, dict):
        raise UsersFileError(path, "users", "expected an object of user name to {role, password}")
    return {name: _account(path, name, entry) for name, entry in users.items()}


def verify_password(accounts: Mapping[str, Account], name: str, password: str) -> Account | None:
    """The account when `password` is its password; None otherwise (unknown name, no password, mismatch)."""
    account = accounts.get(name)
    stored = account.password_hash if account is not None else None
    try:
        _HASHER.verify(stored or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    return account if stored else None


def _save(path: Path, accounts: Mapping[str, Account]) -> None:
    users: dict[str, dict[str, str]] = {}
    for a in sorted(accounts.values(), key=lambda a: a.name):
        users[a.name] = {"role": a.role.value, **({"password": a.password_hash} if a.password_hash else {})}
    data = json.dumps({"version": VERSION, "users": users}, indent=2, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():  # owner-only from the start: atomic_write_bytes keeps an existing file's mode
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    atomic_write_bytes(path, data.encode("utf-8"))


def change_users(
    path: Path | str,
    name: str,
    *,
    role: Role | None = None,
    password: str | None = None,
    create: bool = False,
    remove: bool = False,
    keep_an_admin: bool = False,
    by: str = "unknown",
    via: str = "script",
) -> dict[str, Account]:
    """Add (`create`), change (role and/or password) or `remove` one account under the file's lock; returns
    the accounts as written. KeyError when the account is missing (or, with `create`, already there).
    With `keep_an_admin` (the app's users page), a change that would leave a file with admins without any
    is refused with ValueError: nobody could then manage users from the app. The CLI, run on the server,
    is the way back and may do it. Each change is logged (`sitmap.auth.audit`) as done `by` someone `via`
    the app, the CLI or a script."""
    path = Path(path)
    check_name(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(f"{path}.lock", timeout=30):
        accounts = load_users(path)
        before = accounts.get(name)
        had_admin = any(a.role is Role.ADMIN for a in accounts.values())
        if create == (name in accounts):
            raise KeyError(f"{path}: user {name!r} {'already exists' if create else 'does not exist'}")
        if remove:
            del accounts[name]
        else:
            old = accounts.get(name)
            new_role = role or (old.role if old else None)
            if new_role is None:
                raise ValueError("a new user needs a role")
            digest = hash_password(password) if password is not None else (old.password_hash if old else None)
            accounts[name] = Account(name, new_role, digest)
        if keep_an_admin and had_admin and not any(a.role is Role.ADMIN for a in accounts.values()):
            raise ValueError(f"{name} is the last admin: make someone else an admin first")
        _save(path, accounts)
        after = accounts.get(name)
        roles = (before.role.value if before else None, after.role.value if after else None)
        for change in _changes(before, after, password is not None):
            audit.record(path, audit.UserChange(audit.now(), by, via, name, change, *roles))
        return accounts


def _changes(before: Account | None, after: Account | None, new_password: bool) -> list[str]:
    """What the log says of one call: added or removed, else a role change and/or a new password."""
    if before is None:
        return ["added"]
    if after is None:
        return ["removed"]
    return (["role"] if after.role is not before.role else []) + (["password"] if new_password else [])
