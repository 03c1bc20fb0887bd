"""Who may do what: the four roles, the actions the app and the CLI guard, and the one table joining them.

Every check in the app goes through `can` or `require` with an `Action` from here, so changing what a role may
do is one line in `PERMISSIONS` (and a test in tests/auth/ reads the table back).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class Role(StrEnum):
    VIEWER = "viewer"  # reads the map, the reports, the history; downloads and presents
    ANALYST = "analyst"  # also reviews report candidates (accept, reject, own places) and saves decks
    EDITOR = "editor"  # also edits and deletes any stored event and imports events
    ADMIN = "admin"  # also manages users


ROLE_NAMES: tuple[str, ...] = tuple(r.value for r in Role)


class Action(StrEnum):
    READ = "read"  # see the map page, reports and history
    REVIEW = "review"  # the Review page: ingest a report, accept or reject candidates, add own places
    SAVE_DECK = "save deck"  # add, edit, move or delete briefing slides
    EDIT_EVENT = "edit event"  # change any stored event
    DELETE_EVENT = "delete event"  # remove any stored event
    IMPORT = "import"  # bulk imports of events (ACLED exports, GeoJSON folders)
    MANAGE_USERS = "manage users"  # add, remove, change the role of users


_ALL = frozenset(Role)
_ANALYST_UP = frozenset({Role.ANALYST, Role.EDITOR, Role.ADMIN})
_EDITOR_UP = frozenset({Role.EDITOR, Role.ADMIN})

PERMISSIONS: Mapping[Action, frozenset[Role]] = MappingProxyType(
    {
        Action.READ: _ALL,
        Action.REVIEW: _ANALYST_UP,
        Action.SAVE_DECK: _ANALYST_UP,
        Action.EDIT_EVENT: _EDITOR_UP,
        Action.DELETE_EVENT: _EDITOR_UP,
        Action.IMPORT: _EDITOR_UP,
        Action.MANAGE_USERS: frozenset({Role.ADMIN}),
    }
)


@dataclass(frozen=True)
class User:
    """A signed-in person: the name every write records, their role, and how they were recognised
    (`local`: no login, `password`: the users file, `header`: the company proxy)."""

    name: str
    role: Role
    via: str


class PermissionDenied(PermissionError):
    """A user tried an action their role does not allow; nothing was done."""

    def __init__(self, user: User | None, action: Action):
        self.user, self.action = user, action
        who = "nobody is signed in" if user is None else f"{user.name} is {user.role.value}"
        allowed = ", ".join(r.value for r in Role if r in PERMISSIONS[action])
        super().__init__(f"refused: {action.value} needs the role {allowed} ({who}); nothing was done")


def parse_role(text: object) -> Role:
    """The role named `text` (case and surrounding spaces ignored); ValueError naming the choices."""
    name = str(text).strip().lower()
    if name not in ROLE_NAMES:
        raise ValueError(f"unknown role {text!r}: expected one of {', '.join(ROLE_NAMES)}")
    return Role(name)


def can(user: User | None, action: Action) -> bool:
    """Whether `user` (None: nobody signed in) may do `action`."""
    return user is not None and user.role in PERMISSIONS[action]


def require(user: User | None, action: Action) -> User:
    """`user` when they may do `action`; else `PermissionDenied`."""
    if user is None or not can(user, action):
        raise PermissionDenied(user, action)
    return user
