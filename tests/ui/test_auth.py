"""Login and roles in the app (AppTest): a viewer gets neither the Review page nor any write control, and the
write functions refuse a viewer's session even when called directly; an editor's edit records its author."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sitmap.auth.roles import Role
from sitmap.auth.throttle import ADDRESS_LIMIT
from sitmap.auth.users import change_users
from sitmap.settings import load_settings
from sitmap.store.embedded import EmbeddedStore
from sitmap.ui import auth as ui_auth
from sitmap.ui.map.event_edit import field_key
from sitmap.ui.text import md_escape

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
TELL = "syr-2025-03-03-tell-al-mal-raid"
VIEWER, EDITOR = "vic@example.org", "ed@example.org"
PASSWORD = "a long enough password"


def events_with_users(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, accounts: dict[str, Role]) -> Path:
    """A copy of the bundled events whose users file holds `accounts` (each with PASSWORD), served in header
    mode; returns the events folder."""
    folder = tmp_path / "events"
    shutil.copytree(ROOT / "events", folder)
    for name, role in accounts.items():
        change_users(folder / ".sitmap" / "users.json", name, role=role, password=PASSWORD, create=True)
    monkeypatch.setenv("SITMAP_EVENTS", str(folder))
    monkeypatch.setenv("SITMAP_AUTH", "header")
    return folder


@pytest.fixture
def events(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled events with a viewer and an editor."""
    return events_with_users(tmp_path, monkeypatch, {VIEWER: Role.VIEWER, EDITOR: Role.EDITOR})


def run_as(who: str | None, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.user = {"email": who} if who else {}
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def pages(at: AppTest) -> dict[str, str]:
    return {page["url_pathname"]: h for h, page in at._registered_pages.items()}


def labels(at: AppTest) -> set[str]:
    widgets = [*at.button, *at.expander, *at.selectbox, *at.toggle]
    return {w.label for w in widgets}


def test_a_viewer_gets_no_review_page_and_no_write_control(events: Path) -> None:
    editor = run_as(EDITOR, selected=TELL)
    review_hash = pages(editor)["review"]
    assert {"Edit this event", "Save slide", "Edit a deck's slides"} - {"Edit a deck's slides"} <= labels(
        editor
    )
    editor.toggle(key="edit_open").set_value(True).run()
    assert {"Save changes", "Delete"} <= labels(editor)

    viewer = run_as(VIEWER, selected=TELL)
    viewer.session_state["edit_open"] = True  # even with the editor's switch forced on
    viewer.run()
    assert "review" not in pages(viewer)
    assert not {"Edit this event", "Save changes", "Delete", "Save slide", "Edit a deck's slides"} & labels(
        viewer
    )
    assert any("Signed in as" in c.value and "viewer" in c.value for c in viewer.sidebar.caption)
    # The Review page's own address does not open it for a viewer: the session has no such page.
    viewer._page_hash = review_hash
    viewer.run()
    assert not viewer.exception, viewer.exception
    assert not any("Review candidate events" in m.value for m in viewer.markdown)
    assert any("10 of 10 events" in m.value for m in viewer.markdown)  # the map page instead
    assert not any(b.label == "Accept" for b in viewer.button)


def forged_writes() -> None:
    """A viewer's session calling every UI write function directly, as a forged widget event would."""
    import streamlit as st

    from sitmap.settings import load_settings
    from sitmap.ui import auth, cache
    from sitmap.ui.briefing import deck_editor, decks
    from sitmap.ui.map import event_edit
    from sitmap.ui.review import actions, ingest, own_place
    from sitmap.view import View

    settings = load_settings()
    store = cache.get_event_store(settings)
    tell = "syr-2025-03-03-tell-al-mal-raid"
    _feature, version = store.get(tell)
    st.session_state[event_edit.field_key(tell, version, "summary")] = "forged"
    calls = [
        lambda: event_edit.save(store, tell, version),
        lambda: event_edit.delete(store, tell, version),
        lambda: actions.accept(settings, "iran-update-2025-03-04", None, []),
        lambda: actions.accept_many(settings, "iran-update-2025-03-04", [], []),
        lambda: actions.reject(settings, "iran-update-2025-03-04", None, []),
        lambda: actions.reject_many(settings, "iran-update-2025-03-04", [], []),
        lambda: actions.undo(settings, "iran-update-2025-03-04", "forged"),
        lambda: ingest._ingest(settings, None, "a forged report"),
        lambda: own_place._add(settings, {"type": "Feature"}),
        lambda: decks._on_save(View(), settings.events_dir / "briefings", "forged"),
        lambda: deck_editor._change(settings.events_dir / "briefings", "deck", None, 1, "delete"),
    ]
    for call in calls:
        st.write(f"returned {call()!r}")
        auth.show_refusal()


def test_a_forged_write_from_a_viewer_is_refused_and_writes_nothing(events: Path) -> None:
    before = {p: p.read_bytes() for p in events.rglob("*") if p.is_file()}
    at = AppTest.from_function(forged_writes, default_timeout=90)
    at.user = {"email": VIEWER}
    at.run()
    assert not at.exception, at.exception
    refusals = [e.value for e in at.error]
    assert len(refusals) == 11 and all(
        r.startswith("refused") and "is viewer" in r and "nothing was done" in r for r in refusals
    )
    assert [m.value for m in at.markdown] == ["returned None"] * 11
    after = {p: p.read_bytes() for p in events.rglob("*") if p.is_file()}
    assert after == before  # no event, history, report, place or deck written
    # Nobody signed in (no proxy header) is refused too.
    at = AppTest.from_function(forged_writes, default_timeout=90)
    at.user = {}
    at.run()
    assert len(at.error) == 11 and all("nobody is signed in" in e.value for e in at.error)


def test_an_editors_edit_records_its_author_in_the_history(events: Path) -> None:
    store = EmbeddedStore(events, settings=load_settings(env={}))
    _feature, version = store.get(TELL)
    at = run_as(EDITOR, selected=TELL)
    at.toggle(key="edit_open").set_value(True).run()
    at.text_area(key=field_key(TELL, version, "summary")).input("Corrected by the editor.")
    at.text_input(key=field_key(TELL, version, "why")).input("second source")
    next(b for b in at.button if b.label == "Save changes").click()
    at.run()
    assert not at.exception, at.exception
    feature, _ = store.get(TELL)
    assert feature["properties"]["summary"] == "Corrected by the editor."
    entry = store.history(TELL)[-1]
    assert (entry.user, entry.op, entry.why) == (EDITOR, "update", "second source")
    panel = next(e for e in at.expander if e.label == "History (1 change)")
    assert md_escape(EDITOR) in panel.markdown[0].value


def test_password_mode_signs_in_with_the_hash_and_forgets_the_password(events: Path, monkeypatch) -> None:
    monkeypatch.setenv("SITMAP_AUTH", "password")
    at = run_as(None)
    assert [b.label for b in at.button] == ["Sign in"] and not at.expander  # nothing of the app yet
    at.text_input(key="auth_name").input(EDITOR)
    at.text_input(key="auth_password").input("wrong password!")
    at.button[0].click().run()
    assert any("Wrong name or password" in e.value for e in at.error)
    at.text_input(key="auth_name").input(EDITOR)
    at.text_input(key="auth_password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert "review" in pages(at) and any("Signed in as" in c.value for c in at.sidebar.caption)
    assert PASSWORD not in repr(at.session_state)
    at.sidebar.button[0].click().run()  # Sign out
    assert [b.label for b in at.button] == ["Sign in"]


def sign_in(at: AppTest, who: str, password: str) -> list[str]:
    """Submit the sign-in form; the errors the page then shows."""
    at.text_input(key="auth_name").input(who)
    at.text_input(key="auth_password").input(password)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return [e.value for e in at.error]


def test_password_mode_locks_a_name_after_repeated_failures(events: Path, monkeypatch) -> None:
    """Five wrong passwords lock the name: the right one is then refused unchecked, and an invented name is
    told the same, so the refusal tells nobody whether an account exists."""
    monkeypatch.setenv("SITMAP_AUTH", "password")
    name = "lockout-" + events.parent.name + "@example.org"  # this test's own name: the count is per process
    change_users(events / ".sitmap" / "users.json", name, role=Role.EDITOR, password=PASSWORD, create=True)
    at = run_as(None)

    for _ in range(5):
        assert any("Wrong name or password" in e for e in sign_in(at, name, "not the password"))
    refused = sign_in(at, name, PASSWORD)
    assert any(md_escape("Too many failed sign-ins") in e for e in refused), refused
    assert [b.label for b in at.button] == ["Sign in"]  # still the sign-in form: nothing of the app

    nobody = "nobody-" + events.parent.name + "@example.org"
    for _ in range(5):
        sign_in(at, nobody, "not the password")
    assert any(md_escape("Too many failed sign-ins") in e for e in sign_in(at, nobody, PASSWORD))

    # Another name is not held up by this one's lockout.
    sign_in(at, EDITOR, PASSWORD)
    assert "review" in pages(at)


def test_password_mode_locks_an_address_that_tries_many_names(events: Path, monkeypatch) -> None:
    """Password spraying: a few wrong passwords on each of many names locks no name, but locks the address
    they came from; a correct password from it is then refused unchecked, and other addresses are not held."""
    monkeypatch.setenv("SITMAP_AUTH", "password")
    address = {"now": "198.51.100.7"}  # no other test signs in from an address (AppTest has none)
    monkeypatch.setattr(ui_auth, "session_address", lambda settings: address["now"])
    at = run_as(None)

    for i in range(ADDRESS_LIMIT):
        refused = sign_in(at, f"guess-{i}-{events.parent.name}@example.org", "not the password")
        assert any("Wrong name or password" in e for e in refused)
    assert any(md_escape("Too many failed sign-ins from this address") in e for e in refused), refused
    refused = sign_in(at, EDITOR, PASSWORD)
    assert any(md_escape("Too many failed sign-ins from this address") in e for e in refused), refused
    assert [b.label for b in at.button] == ["Sign in"]

    address["now"] = "192.0.2.1"  # another client is not held up by this address's lockout
    sign_in(at, EDITOR, PASSWORD)
    assert "review" in pages(at)


def test_without_login_the_one_local_user_is_told_so(monkeypatch) -> None:
    monkeypatch.setenv("SITMAP_EVENTS", str(ROOT / "events"))
    monkeypatch.delenv("SITMAP_AUTH", raising=False)
    at = run_as(None)
    assert any("No login (SITMAP_AUTH=none)" in c.value for c in at.sidebar.caption)
    assert "review" in pages(at)


WRITES = {
    "save", "delete", "accept_candidate", "reject_candidate", "ingest_report", "add_own_place", "add_slide",
    "change_slide", "save_deck", "upsert_event", "save_features", "delete_event", "import_acled",
    "import_features", "record", "accept_into_store",
}  # fmt: skip
# Helpers that write without a guard of their own: every call of them must be from a guarded function.
GUARDED_HELPERS = {
    ("sitmap/ui/briefing/decks.py", "add_slide"),
    ("sitmap/ui/review/actions.py", "_save"),  # accept, accept_many
    ("sitmap/ui/review/actions.py", "_record_rejections"),  # reject, reject_many
}


def _ui_calls() -> list[tuple[str, str, bool, str, int]]:
    """(file, function, guarded, called name, line) of every call inside a function of sitmap/ui; a call
    of a module's own function by its bare name is named `file:name`."""
    calls = []
    for path in sorted((ROOT / "sitmap" / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef):
                continue
            guarded = any(
                isinstance(d, ast.Call) and ast.unparse(d.func) in ("auth.guard", "guard")
                for d in fn.decorator_list
            )
            for node in ast.walk(fn):
                if isinstance(node, ast.Call):
                    func = node.func
                    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                    file = str(path.relative_to(ROOT))
                    if isinstance(func, ast.Name):
                        name = f"{file}:{name}"
                    calls.append((file, fn.name, guarded, name, node.lineno))
    return calls


def test_every_write_call_in_the_ui_is_inside_a_guarded_function() -> None:
    """A new write path in sitmap/ui must be behind `auth.guard`, or this fails naming it; so must every
    caller of a helper that writes for guarded functions (a new unguarded caller of `_save` fails too)."""
    calls = _ui_calls()
    unguarded = {
        f"{file}:{line} {fn} calls {name}"
        for file, fn, guarded, name, line in calls
        if name.rpartition(":")[2] in WRITES and not guarded and (file, fn) not in GUARDED_HELPERS
    }
    assert not unguarded, sorted(unguarded)
    helpers = {f"{file}:{fn}" for file, fn in GUARDED_HELPERS}
    callers = {(file, fn, guarded, name, line) for file, fn, guarded, name, line in calls if name in helpers}
    assert {name for _f, _fn, _g, name, _l in callers} == helpers  # each helper is still called somewhere
    unguarded_callers = [f"{f}:{line} {fn} calls {name}" for f, fn, g, name, line in callers if not g]
    assert not unguarded_callers, unguarded_callers


def test_an_analysts_accept_records_its_author_in_the_history(events: Path) -> None:
    change_users(events / ".sitmap" / "users.json", "ann@example.org", role=Role.ANALYST, create=True)
    at = AppTest.from_file(str(ROOT / "tests" / "data" / "review" / "review_app.py"), default_timeout=90)
    at.user = {"email": "ann@example.org"}
    at.run()
    moscow = "rus-2025-01-moscow-agreement"
    at.toggle(key="rv_show_decided").set_value(True).run()  # its sentence is in the store: listed as decided
    at.selectbox(key="rv_selected").set_value(moscow).run()
    # The store holds this agreement under another id (rus-2025-01-strategic-partnership): accepting it
    # anyway takes an explicit choice (sitmap.ui.review.matched); this test is about the author.
    at.radio(key=f"rv:iran-update-2025-03-04:{moscow}:matched").set_value("new").run()
    at.button(key=f"rv:iran-update-2025-03-04:{moscow}:accept").click().run()
    assert not at.exception, at.exception
    entries = EmbeddedStore(events, settings=load_settings(env={})).history(moscow)
    assert [(e.user, e.op, e.why) for e in entries] == [
        ("ann@example.org", "insert", "accepted in review of report iran-update-2025-03-04")
    ]
    # A viewer reaching the page's code gets a refusal instead of the page.
    at = AppTest.from_file(str(ROOT / "tests" / "data" / "review" / "review_app.py"), default_timeout=90)
    at.user = {"email": VIEWER}
    at.run()
    assert [e.value for e in at.error] == ["Reviewing candidates needs the analyst, editor or admin role."]
    assert not at.button


def test_an_unusable_users_file_stops_the_app_with_file_and_field(events: Path) -> None:
    users = events / ".sitmap" / "users.json"
    users.write_text('{"version": 1, "users": {"vic@example.org": {"role": "boss"}}}', encoding="utf-8")
    at = run_as(VIEWER)
    assert [e.value for e in at.error] == [
        "Sign-in is unavailable: the users file is unusable. "
        + md_escape(
            f"{users}: users.vic@example.org.role: unknown role 'boss': "
            "expected one of viewer, analyst, editor, admin"
        )
    ]
    assert not at.dataframe and not at.expander  # nothing of the app


def test_the_no_login_default_listens_on_this_machine_only():
    """SITMAP_AUTH=none gives everyone who reaches the app every role, so the quick start (`streamlit run
    app.py` in the repo, reading .streamlit/config.toml) must not listen on the network: Streamlit's own
    default is every address, which made anyone on the LAN an admin. Team modes pass --server.address."""
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert load_settings(env={}).auth == "none"
    assert config["server"].get("address") == "127.0.0.1"
