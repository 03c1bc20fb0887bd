"""The users page (admins only, and only when sign-in is on): every account of the users file with its role,
and the changes `sitmap users` makes on the server, from the browser.

Each change is a guarded callback (`Action.MANAGE_USERS`) over `sitmap.auth.users.change_users`, which keeps
the file's lock, validation and atomic write; a change that would leave no admin is refused, so an admin
cannot lock the team out of this page. Passwords never stay in the session: each field is cleared as it is
read.
"""

from __future__ import annotations

import streamlit as st

from sitmap.auth.audit import read_changes
from sitmap.auth.roles import Action, Role
from sitmap.auth.users import MIN_PASSWORD, UsersFileError, change_users, load_users
from sitmap.settings import Settings, load_settings
from sitmap.ui import auth
from sitmap.ui.keys import (
    USERS_ADD,
    USERS_FIELD,
    USERS_MESSAGE,
    USERS_NEW_NAME,
    USERS_NEW_PASSWORD,
    USERS_NEW_ROLE,
)
from sitmap.ui.text import md_escape

ROLES = [r.value for r in Role]
LOG_ROWS = 50  # the newest changes shown; `sitmap users log` prints them all


def field_key(field: str, name: str) -> str:
    """The session key of one account's field (`role`, `password`, `remove`)."""
    return f"{USERS_FIELD}{field}:{name}"


def _take_password(key: str) -> str:
    ss = st.session_state
    password = str(ss.get(key) or "")
    ss[key] = ""  # never kept in the session
    return password


def _change(settings: Settings, name: str, done: str, **change: object) -> bool:
    try:
        change_users(
            settings.users_file,
            name,
            keep_an_admin=True,
            by=auth.user_name(),
            via="app",
            **change,  # type: ignore[arg-type]
        )
    except (KeyError, ValueError, UsersFileError) as e:
        st.session_state[USERS_MESSAGE] = ("error", str(e.args[0]) if isinstance(e, KeyError) else str(e))
        return False
    st.session_state[USERS_MESSAGE] = ("success", done)
    return True


@auth.guard(Action.MANAGE_USERS)
def add_user(settings: Settings) -> None:
    ss = st.session_state
    name = str(ss.get(USERS_NEW_NAME) or "").strip()
    password = _take_password(USERS_NEW_PASSWORD)
    if settings.auth == "password" and not password:
        ss[USERS_MESSAGE] = (
            "error",
            f"{name or 'A new user'} needs a password to sign in (≥ {MIN_PASSWORD} characters)",
        )
        return
    role = Role(str(ss.get(USERS_NEW_ROLE) or Role.VIEWER.value))
    added = f"Added {name} as {role.value}."
    if _change(settings, name, added, role=role, password=password or None, create=True):
        ss[USERS_NEW_NAME] = ""  # kept on a refusal, to be corrected


@auth.guard(Action.MANAGE_USERS)
def set_role(settings: Settings, name: str) -> None:
    key = field_key("role", name)
    role = Role(str(st.session_state.get(key)))
    if not _change(settings, name, f"{name} is now {role.value}.", role=role):
        del st.session_state[key]  # refused: the row shows the role on file again


@auth.guard(Action.MANAGE_USERS)
def set_password(settings: Settings, name: str) -> None:
    password = _take_password(field_key("password", name))
    _change(settings, name, f"Set a new password for {name}.", password=password)


@auth.guard(Action.MANAGE_USERS)
def remove_user(settings: Settings, name: str) -> None:
    if not st.session_state.get(field_key("remove", name)):
        st.session_state[USERS_MESSAGE] = ("error", f"Tick “Remove {name}” first.")
        return
    _change(settings, name, f"Removed {name}.", remove=True)


def _show_message() -> None:
    message = st.session_state.pop(USERS_MESSAGE, None)
    if message:
        kind, text = message
        (st.success if kind == "success" else st.error)(md_escape(text))


def render() -> None:
    settings = load_settings()
    st.markdown("### Users")
    auth.show_refusal()
    if not auth.allowed(
        Action.MANAGE_USERS, settings
    ):  # the page is routed to admins only; this is the backstop
        st.error("Only an admin manages users.")
        return
    _show_message()
    try:
        accounts = load_users(settings.users_file)
    except UsersFileError as e:
        st.error(md_escape(str(e)))
        return
    st.caption(
        f"{len(accounts)} account(s) in {md_escape(settings.users_file)}. "
        "Changes are written at once; a user's new role applies at their next click."
    )
    with st.form(USERS_ADD, clear_on_submit=False):
        st.markdown("**Add a user**")
        cols = st.columns([3, 2, 3])
        cols[0].text_input("Name (login or e-mail)", key=USERS_NEW_NAME)
        cols[1].selectbox("Role", ROLES, key=USERS_NEW_ROLE)
        cols[2].text_input(
            f"Password (≥ {MIN_PASSWORD} characters)",
            key=USERS_NEW_PASSWORD,
            type="password",
            autocomplete="new-password",
        )
        st.form_submit_button("Add user", on_click=add_user, args=(settings,))
    me = auth.user_name()
    for name, account in sorted(accounts.items()):
        has_password = "password set" if account.password_hash else "no password (proxy sign-in only)"
        label = f"{md_escape(name)} · {account.role.value} · {has_password}" + (
            " · you" if name == me else ""
        )
        with st.expander(label):  # the name escaped: an e-mail address would otherwise become a mailto link
            cols = st.columns([2, 3, 2])
            key = field_key("role", name)
            if key not in st.session_state:
                st.session_state[key] = account.role.value
            cols[0].selectbox("Role", ROLES, key=key, on_change=set_role, args=(settings, name))
            cols[1].text_input(
                "New password", key=field_key("password", name), type="password", autocomplete="new-password"
            )
            cols[1].button(
                "Set password",
                key=field_key("set_password", name),
                on_click=set_password,
                args=(settings, name),
            )
            cols[2].checkbox(f"Remove {md_escape(name)}", key=field_key("remove", name))
            cols[2].button(
                "Remove", key=field_key("remove_button", name), on_click=remove_user, args=(settings, name)
            )
    _log(settings)


def _log(settings: Settings) -> None:
    """The newest changes to the accounts: who changed whom, when, and from where."""
    changes, problems = read_changes(settings.users_file, limit=LOG_ROWS)
    st.markdown("**Recent changes**")
    for problem in problems:
        st.warning(md_escape(problem))
    if not changes:
        st.caption("No change to the accounts has been logged yet.")
        return
    st.dataframe(  # plain text cells: the grid never renders them as markup
        [
            {
                "When (UTC)": c.at.replace("T", " ").rstrip("Z"),
                "Account": c.user,
                "Change": c.change,
                "Role": c.role_text(),
                "By": c.by,
                "From": c.via,
            }
            for c in changes
        ],
        hide_index=True,
        width="stretch",
    )
