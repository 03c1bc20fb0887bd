"""The users page (AppTest, header mode): only an admin gets it; the admin adds, re-roles, sets a password
for and removes accounts through `change_users`, and cannot leave the team without an admin."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sitmap.auth.roles import Role
from sitmap.auth.users import load_users, verify_password
from sitmap.ui.text import md_escape
from sitmap.ui.users.page import field_key
from tests.ui.test_auth import PASSWORD, events_with_users

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
ADMIN, EDITOR = "ada@example.org", "ed@example.org"


@pytest.fixture
def users(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The users file of a copy of the bundled events with an admin and an editor (header mode)."""
    folder = events_with_users(tmp_path, monkeypatch, {ADMIN: Role.ADMIN, EDITOR: Role.EDITOR})
    return folder / ".sitmap" / "users.json"


def open_users_page(who: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.user = {"email": who}
    at.run()
    assert not at.exception, at.exception
    hashes = {page["url_pathname"]: h for h, page in at._registered_pages.items()}
    if "users" in hashes:
        at._page_hash = hashes["users"]
        at.run()
        assert not at.exception, at.exception
    return at


def test_only_an_admin_gets_the_users_page(users: Path) -> None:
    admin = open_users_page(ADMIN)
    assert any(m.value == "### Users" for m in admin.markdown)
    # Names are escaped (an e-mail address would render as a mailto link) and the path is shown literally.
    assert sorted(e.label.split(" · ")[0] for e in admin.expander) == [md_escape(ADMIN), md_escape(EDITOR)]
    assert any(md_escape(users) in c.value for c in admin.caption)
    editor = open_users_page(EDITOR)
    assert not any(m.value == "### Users" for m in editor.markdown)


def test_an_admin_adds_reroles_sets_a_password_and_removes(users: Path) -> None:
    at = open_users_page(ADMIN)
    at.text_input(key="users_new_name").input("newbie@example.org")
    at.selectbox(key="users_new_role").set_value("analyst")
    at.button[0].click().run()  # Add user (the form's submit button comes first)
    assert not at.exception, at.exception
    assert load_users(users)["newbie@example.org"].role is Role.ANALYST

    at.selectbox(key=field_key("role", "newbie@example.org")).set_value("editor").run()
    assert load_users(users)["newbie@example.org"].role is Role.EDITOR

    at.text_input(key=field_key("password", "newbie@example.org")).input(PASSWORD)
    at.button(key=field_key("set_password", "newbie@example.org")).click().run()
    accounts = load_users(users)
    assert verify_password(accounts, "newbie@example.org", PASSWORD) is not None
    assert PASSWORD not in repr(at.session_state)

    at.button(key=field_key("remove_button", "newbie@example.org")).click().run()  # not ticked: refused
    assert "newbie@example.org" in load_users(users)
    at.checkbox(key=field_key("remove", "newbie@example.org")).check().run()
    at.button(key=field_key("remove_button", "newbie@example.org")).click().run()
    assert "newbie@example.org" not in load_users(users)
    assert any("Removed newbie" in s.value for s in at.success)

    # The page's log: each change with the admin who made it, newest first (the setup's own adds last).
    log = at.dataframe[-1].value
    newest = log.head(4)
    assert list(newest["Change"]) == ["removed", "password", "role", "added"]
    assert list(newest["Role"]) == ["editor", "editor", "analyst → editor", "analyst"]
    assert set(newest["By"]) == {ADMIN} and set(newest["From"]) == {"app"}
    assert set(newest["Account"]) == {"newbie@example.org"}


def test_the_last_admin_cannot_be_demoted_or_removed_from_the_page(users: Path) -> None:
    at = open_users_page(ADMIN)
    at.selectbox(key=field_key("role", ADMIN)).set_value("viewer").run()
    assert load_users(users)[ADMIN].role is Role.ADMIN
    assert any("last admin" in e.value for e in at.error)
    assert at.selectbox(key=field_key("role", ADMIN)).value == "admin"  # the row shows the role on file
    at.checkbox(key=field_key("remove", ADMIN)).check().run()
    at.button(key=field_key("remove_button", ADMIN)).click().run()
    assert ADMIN in load_users(users)


def test_in_password_mode_a_new_user_needs_a_long_enough_password(users: Path, monkeypatch) -> None:
    monkeypatch.setenv("SITMAP_AUTH", "password")
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.text_input(key="auth_name").input(ADMIN)
    at.text_input(key="auth_password").input(PASSWORD)
    at.button[0].click().run()
    at._page_hash = {p["url_pathname"]: h for h, p in at._registered_pages.items()}["users"]
    at.run()

    def add(password: str) -> None:
        at.text_input(key="users_new_name").input("pw@example.org")
        at.text_input(key="users_new_password").input(password)
        at.button[0].click().run()
        assert not at.exception, at.exception

    add("")
    assert any("needs a password" in e.value for e in at.error)
    add("short")
    assert any("at least 10 characters" in e.value for e in at.error)
    assert "pw@example.org" not in load_users(users)
    add(PASSWORD)
    assert verify_password(load_users(users), "pw@example.org", PASSWORD) is not None
