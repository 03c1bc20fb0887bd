"""Login and roles in the app: who this session is (`current_user`), the sign-in gate `app.py` runs before
routing (`gate`), and the server-side guard on every write (`guard`).

The rules (roles, the users file, each mode) are `sitmap.auth`; this module only reads Streamlit's session,
`st.user` (filled from the proxy's headers by `server.trustedUserHeaders`) and draws the sign-in form. A write
control a role may not use is never drawn (`allowed`), and the function behind it refuses anyway (`guard`),
so a session cannot write by sending a widget event for a control it was never shown.

Why a small form over `sitmap.auth.users` (argon2-cffi) and not streamlit-authenticator 0.4.2, which was
tried here: its login works offline and under AppTest, but it keeps its state under unprefixed session keys
(`authentication_status`, `username`, `name`, `roles`, ...) outside `ui/keys.py`, draws a cookie component
(extra-streamlit-components, an iframe) on every page and prints "Invalid token type" on each run without a
cookie, brings PyJWT, captcha and a client for its author's e-mail service, and by default (`auto_hash`)
accepts plain passwords in its YAML credentials and hashes them at start. Its gain, a remember-me cookie,
needs a signing key to keep; here a reload asks to sign in again.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import streamlit as st

from sitmap.auth.identity import header_user, local_user, password_user
from sitmap.auth.roles import Action, PermissionDenied, User, can
from sitmap.auth.throttle import ADDRESS_LIMIT, SignInThrottle, client_address
from sitmap.auth.users import UsersFileError, load_users, verify_password
from sitmap.settings import Settings, load_settings
from sitmap.ui.keys import AUTH_LOGIN, AUTH_NAME, AUTH_PASSWORD, AUTH_REFUSED, AUTH_SIGNED_IN
from sitmap.ui.text import md_escape

P = ParamSpec("P")
R = TypeVar("R")
log = logging.getLogger(__name__)


def current_user(settings: Settings | None = None) -> User | None:
    """This session's user in the configured mode; None when nobody is signed in. `UsersFileError` when
    the users file is needed and cannot be read."""
    settings = settings or load_settings()
    if settings.auth == "password":
        return password_user(settings, st.session_state.get(AUTH_SIGNED_IN))
    if settings.auth == "header":
        return header_user(settings, st.user.to_dict())
    return local_user()


def allowed(action: Action, settings: Settings | None = None) -> bool:
    """Whether this session may do `action` (to draw its control); False if the users file is unusable."""
    try:
        return can(current_user(settings), action)
    except UsersFileError:
        return False


def user_name() -> str:
    """The name a write records: this session's user (a guarded write only runs when there is one)."""
    user = current_user()
    return user.name if user is not None else "unknown"


def guard(action: Action) -> Callable[[Callable[P, R]], Callable[P, R | None]]:
    """Run the decorated write only for a session whose role allows `action`; otherwise write nothing, log
    it, and show the refusal once (a session that reaches this without the control was never shown it)."""

    def decorate(write: Callable[P, R]) -> Callable[P, R | None]:
        @functools.wraps(write)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R | None:
            try:
                user = current_user()
            except UsersFileError:
                user = None
            if not can(user, action):
                refusal = PermissionDenied(user, action)
                log.warning("%s (%s)", refusal, write.__qualname__)
                st.session_state[AUTH_REFUSED] = str(refusal)
                return None
            return write(*args, **kwargs)

        return guarded

    return decorate


def show_refusal() -> None:
    """The last refused write, once (callbacks run before the page, so the page shows it)."""
    refusal = st.session_state.pop(AUTH_REFUSED, None)
    if refusal:
        st.error(md_escape(refusal), icon=":material/block:")


def _sign_in(settings: Settings) -> None:
    ss = st.session_state
    name = str(ss.get(AUTH_NAME) or "").strip()
    password = str(ss.get(AUTH_PASSWORD) or "")
    ss[AUTH_PASSWORD] = ""  # never kept in the session
    names, addresses = sign_in_throttle(), address_throttle()
    address = session_address(settings)
    # Refused before the password is checked: a locked name or address cannot be guessed at all.
    if (wait := names.wait(name)) > 0:
        ss[AUTH_REFUSED] = f"Too many failed sign-ins for this name. Try again in {_duration(wait)}."
        return
    if address and (wait := addresses.wait(address)) > 0:
        ss[AUTH_REFUSED] = f"Too many failed sign-ins from this address. Try again in {_duration(wait)}."
        return
    try:
        account = verify_password(load_users(settings.users_file), name, password)
    except UsersFileError as e:
        ss[AUTH_REFUSED] = f"Sign-in is unavailable: the users file is unusable. {e}"
        return
    if account is None:
        locked = names.failed(name)
        locked_address = addresses.failed(address) if address else 0.0
        log.warning(
            "failed sign-in for %r from %s%s%s",
            name,
            address or "an unknown address",
            f"; name locked for {locked:.0f} s" if locked else "",
            f"; address locked for {locked_address:.0f} s" if locked_address else "",
        )
        ss[AUTH_REFUSED] = "Wrong name or password." + (
            f" Too many failed sign-ins for this name: try again in {_duration(locked)}." if locked else ""
        )
        if locked_address:
            ss[AUTH_REFUSED] += (
                f" Too many failed sign-ins from this address: try again in {_duration(locked_address)}."
            )
        return
    names.succeeded(name)  # the address keeps its count: one good account must not reset a spraying client
    for key in list(ss.keys()):  # a fresh session for the new user: nothing of the one before
        if key != AUTH_SIGNED_IN:
            del ss[key]
    ss[AUTH_SIGNED_IN] = account.name


def session_address(settings: Settings) -> str | None:
    """This session's client address for the sign-in count (`sitmap.auth.throttle.client_address`)."""
    header = settings.client_address_header
    values = st.context.headers.get_all(header) if header else None
    return client_address(st.context.ip_address, values)


@st.cache_resource(show_spinner=False)
def sign_in_throttle() -> SignInThrottle:
    """The server process's count of failed sign-ins per name (shared by every session it serves)."""
    return SignInThrottle()


@st.cache_resource(show_spinner=False)
def address_throttle() -> SignInThrottle:
    """The server process's count of failed sign-ins per client address, whatever names they tried."""
    return SignInThrottle(limit=ADDRESS_LIMIT)


def _duration(seconds: float) -> str:
    minutes = math.ceil(seconds / 60)
    return f"{math.ceil(seconds)} s" if seconds < 60 else f"{minutes} minute{'s' if minutes > 1 else ''}"


def _sign_out() -> None:
    st.session_state.clear()


def _sign_in_form(settings: Settings) -> None:
    st.markdown("### sitmap · sign in")
    show_refusal()
    with st.form(AUTH_LOGIN):
        st.text_input("Name", key=AUTH_NAME, autocomplete="username")
        st.text_input("Password", key=AUTH_PASSWORD, type="password", autocomplete="current-password")
        st.form_submit_button("Sign in", type="primary", on_click=_sign_in, args=(settings,))
    st.caption("Accounts are kept by an admin with `sitmap users` on the server.")


def gate(settings: Settings) -> User:
    """This session's user, or the run stops here: the sign-in form (password mode), or why nobody is
    signed in (header mode: the app must be reached through the proxy), or an unreadable users file."""
    try:
        user = current_user(settings)
    except UsersFileError as e:
        st.error(f"Sign-in is unavailable: the users file is unusable. {md_escape(e)}")
        st.stop()
    if user is None:
        if settings.auth == "password":
            _sign_in_form(settings)
        else:
            st.error(
                "Not signed in: this app is served behind the company's sign-in proxy, which names the user. "
                "Open it through the proxy's address; if you did, ask an admin to give you a role."
            )
        st.stop()
    _identity(user, settings)
    show_refusal()
    return user


def _identity(user: User, settings: Settings) -> None:
    """Who this is, at the top of the sidebar; in `none` mode, plainly that there is no login."""
    with st.sidebar:
        if user.via == "local":
            st.caption(no_login_note(user))
            return
        st.caption(f"Signed in as **{md_escape(user.name)}** · {user.role.value}")
        if settings.auth == "password":
            st.button("Sign out", on_click=_sign_out, icon=":material/logout:")


def no_login_note(user: User) -> str:
    """The caption of `SITMAP_AUTH=none` (the sidebar and the Review page show it)."""
    return (
        f"No login (SITMAP_AUTH=none): everyone who opens this app acts as **{md_escape(user.name)}** with "
        "every role. For a team, set SITMAP_AUTH (docs/deploy.md)."
    )
