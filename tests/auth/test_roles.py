"""The role table: what each role may do, read back from the one place that declares it."""

from __future__ import annotations

import pytest

from sitmap.auth.roles import PERMISSIONS, Action, PermissionDenied, Role, User, can, parse_role, require

# The roles, spelled out action by action: a change to the table must change this test too.
EXPECTED = {
    Role.VIEWER: {Action.READ},
    Role.ANALYST: {Action.READ, Action.REVIEW, Action.SAVE_DECK},
    Role.EDITOR: {
        Action.READ,
        Action.REVIEW,
        Action.SAVE_DECK,
        Action.EDIT_EVENT,
        Action.DELETE_EVENT,
        Action.IMPORT,
    },
    Role.ADMIN: set(Action),
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_may_do_exactly_its_actions(role: Role) -> None:
    user = User("someone", role, "password")
    assert {a for a in Action if can(user, a)} == EXPECTED[role]


def test_every_action_is_in_the_table_and_nobody_signed_in_may_do_anything() -> None:
    assert set(PERMISSIONS) == set(Action)
    assert not any(can(None, a) for a in Action)


def test_require_refuses_with_the_action_and_the_roles_that_may() -> None:
    viewer = User("vic", Role.VIEWER, "header")
    with pytest.raises(PermissionDenied) as refused:
        require(viewer, Action.EDIT_EVENT)
    assert "edit event" in str(refused.value) and "editor, admin" in str(refused.value)
    assert "vic is viewer" in str(refused.value)
    assert require(User("ed", Role.EDITOR, "header"), Action.EDIT_EVENT).name == "ed"
    with pytest.raises(PermissionDenied, match="nobody is signed in"):
        require(None, Action.READ)


def test_role_names_parse_loosely_and_unknown_ones_name_the_choices() -> None:
    assert parse_role(" Editor ") is Role.EDITOR
    with pytest.raises(ValueError, match="viewer, analyst, editor, admin"):
        parse_role("superuser")
