"""Who is using the app, in each `SITMAP_AUTH` mode, from what the web layer hands over (no Streamlit here).

- `none`: one local user, named after the account running the app, with every role (see `local_user`).
- `password`: the name a session signed in with, its role read from the users file on every call, so a
  removed user or a changed role takes effect at once.
- `header`: the name the company proxy put in its trusted header (Streamlit copies it into `st.user` through
  `server.trustedUserHeaders`); the role from the users file, else the highest role of the user's mapped
  groups, else `SITMAP_AUTH_DEFAULT_ROLE`.
"""

from __future__ import annotations

import getpass
from collections.abc import Mapping

from sitmap.auth.roles import Role, User, parse_role
from sitmap.auth.users import Account, load_users
from sitmap.settings import Settings

_RANK = {role: i for i, role in enumerate(Role)}


def local_user() -> User:
    """The one user of `SITMAP_AUTH=none`: whoever runs the app on their own machine owns its files (they can
    edit them, and the CLI writes them, without any login), so the app gives them every role rather than
    a quick start that cannot review or correct anything. Their login name goes into the history."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no entry for the uid (some containers)
        name = "local"
    return User(name or "local", Role.ADMIN, "local")


def password_user(settings: Settings, signed_in: str | None) -> User | None:
    """The user a session signed in as, with their current role; None when nobody is (or the account is gone).
    `UsersFileError` when the users file cannot be read."""
    if not signed_in:
        return None
    account = load_users(settings.users_file).get(signed_in)
    return None if account is None else User(account.name, account.role, "password")


def _groups(value: object) -> set[str]:
    return {g.strip() for g in str(value or "").split(",") if g.strip()}


def header_role(
    settings: Settings, name: str, groups: set[str], accounts: Mapping[str, Account]
) -> Role | None:
    """The role of a user the proxy signed in: the users file's, else their groups', else the default."""
    if name in accounts:
        return accounts[name].role
    mapped = [parse_role(role) for group, role in settings.auth_group_roles if group in groups]
    if mapped:
        return max(mapped, key=_RANK.__getitem__)
    return None if settings.auth_default_role == "none" else parse_role(settings.auth_default_role)


def header_user(settings: Settings, user_info: Mapping[str, object]) -> User | None:
    """The user named in the proxy's headers as Streamlit passed them on (`st.user`); None when the header is
    missing or empty (the app was reached without the proxy) or the user has no role."""
    raw = user_info.get(settings.auth_user_key)
    name = raw.strip() if isinstance(raw, str) else ""
    if not name:
        return None
    role = header_role(
        settings, name, _groups(user_info.get(settings.auth_groups_key)), load_users(settings.users_file)
    )
    return None if role is None else User(name, role, "header")
