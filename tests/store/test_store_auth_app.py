"""An editor's edit in the app records its author in the event's history on the PostGIS store too (the
embedded case is tests/ui/test_auth.py). Runs with SITMAP_TEST_DATABASE_URL, like the rest of tests/store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

from sitmap.auth.roles import Role
from sitmap.auth.users import change_users
from sitmap.store.postgis import PostgisStore
from sitmap.ui.map.event_edit import field_key
from sitmap.ui.text import md_escape

ROOT = Path(__file__).resolve().parents[2]
TELL = "syr-2025-03-03-tell-al-mal-raid"
EDITOR = "ed@example.org"


def test_an_editors_edit_on_postgis_records_its_author(pg_url: str, tmp_path: Path, monkeypatch) -> None:
    events = tmp_path / "events"
    shutil.copytree(ROOT / "events" / "reports", events / "reports")
    change_users(events / ".sitmap" / "users.json", EDITOR, role=Role.EDITOR, create=True)
    bundled = json.loads((ROOT / "events" / "iran-update-2025-03-04.geojson").read_text(encoding="utf-8"))
    with PostgisStore(pg_url, init=True) as pg:
        pg.import_features(
            [(f, "iran-update-2025-03-04.geojson") for f in bundled["features"]],
            user="loader",
            why="test data",
            source="bundled",
        )
        _feature, version = pg.get(TELL)
    for name, value in {
        "SITMAP_EVENTS": str(events),
        "SITMAP_DATABASE_URL": pg_url,
        "SITMAP_AUTH": "header",
        "SITMAP_LIVE_SECONDS": "0",
    }.items():
        monkeypatch.setenv(name, value)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.user = {"email": EDITOR}
    at.query_params["selected"] = TELL
    at.run()
    assert not at.exception, at.exception
    at.toggle(key="edit_open").set_value(True).run()
    at.text_area(key=field_key(TELL, version, "summary")).input("Corrected on the team's database.")
    at.text_input(key=field_key(TELL, version, "why")).input("second source")
    next(b for b in at.button if b.label == "Save changes").click()
    at.run()
    assert not at.exception, at.exception
    with PostgisStore(pg_url) as pg:
        assert pg.get(TELL)[0]["properties"]["summary"] == "Corrected on the team's database."
        last = pg.history(TELL)[-1]
    assert (last.user, last.op, last.why) == (EDITOR, "update", "second source")
    panel = next(e for e in at.expander if e.label.startswith("History ("))
    assert md_escape(EDITOR) in panel.markdown[0].value


def test_an_analysts_accept_on_postgis_reaches_the_database_with_its_author(
    pg_url: str, tmp_path: Path, monkeypatch
) -> None:
    """Review's accept saves into the configured database (not into a GeoJSON file beside it), as the
    analyst, with the report as the reason (the embedded case is tests/ui/test_auth.py)."""
    analyst, moscow = "ann@example.org", "rus-2025-01-moscow-agreement"
    events = tmp_path / "events"
    shutil.copytree(ROOT / "events" / "reports", events / "reports")
    change_users(events / ".sitmap" / "users.json", analyst, role=Role.ANALYST, create=True)
    bundled = [
        (f, path.name)
        for path in sorted((ROOT / "events").glob("*.geojson"))
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]
    ]
    with PostgisStore(pg_url, init=True) as pg:
        pg.import_features(bundled, user="loader", why="test data", source="bundled")
    for name, value in {
        "SITMAP_EVENTS": str(events),
        "SITMAP_DATABASE_URL": pg_url,
        "SITMAP_AUTH": "header",
    }.items():
        monkeypatch.setenv(name, value)
    at = AppTest.from_file(str(ROOT / "tests" / "data" / "review" / "review_app.py"), default_timeout=90)
    at.user = {"email": analyst}
    at.run()
    at.toggle(key="rv_show_decided").set_value(True).run()
    at.selectbox(key="rv_selected").set_value(moscow).run()
    # The store holds this agreement under another id (rus-2025-01-strategic-partnership): accepting it
    # anyway takes an explicit choice (sitmap.ui.review.matched); this test is about the author.
    at.radio(key=f"rv:iran-update-2025-03-04:{moscow}:matched").set_value("new").run()
    at.button(key=f"rv:iran-update-2025-03-04:{moscow}:accept").click().run()
    assert not at.exception, at.exception
    assert not list(events.glob("**/*.geojson"))  # nothing written beside the database
    with PostgisStore(pg_url) as pg:
        feature, version = pg.get(moscow)
        entries = pg.history(moscow)
    assert version == "1" and feature["properties"]["report"]["id"] == "iran-update-2025-03-04"
    assert [(e.user, e.op, e.why) for e in entries] == [
        (analyst, "insert", "accepted in review of report iran-update-2025-03-04")
    ]
    assert [s.value for s in at.success] == [md_escape(f"Saved {moscow} in the database")]


def test_accepting_a_stored_id_on_postgis_merges_by_default_and_overwrites_only_when_chosen(
    pg_url: str, tmp_path: Path, monkeypatch
) -> None:
    """The review page's Merge/Overwrite choice through accept_into_store (the embedded case is
    tests/ui/test_review_stored.py; fails on dd5fa35, which offered only an overwriting checkbox)."""
    analyst, report_id = "ann@example.org", "iran-update-2025-03-04"
    events = tmp_path / "events"
    shutil.copytree(ROOT / "events" / "reports", events / "reports")
    change_users(events / ".sitmap" / "users.json", analyst, role=Role.ANALYST, create=True)
    bundled = json.loads((ROOT / "events" / f"{report_id}.geojson").read_text(encoding="utf-8"))
    for f in bundled["features"]:
        if f["id"] == TELL:
            f["properties"]["actors"] = ["Analyst-added unit"]
    with PostgisStore(pg_url, init=True) as pg:
        pg.import_features([(f, f"{report_id}.geojson") for f in bundled["features"]], user="loader",
                           why="test data", source="bundled")  # fmt: skip
    for name, value in {
        "SITMAP_EVENTS": str(events),
        "SITMAP_DATABASE_URL": pg_url,
        "SITMAP_AUTH": "header",
    }.items():
        monkeypatch.setenv(name, value)

    def accept(choice: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "tests" / "data" / "review" / "review_app.py"), default_timeout=90)
        at.user = {"email": analyst}
        at.run()
        at.toggle(key="rv_show_decided").set_value(True).run()
        at.selectbox(key="rv_selected").set_value(TELL).run()
        radio = at.radio(key=f"rv:{report_id}:{TELL}:replace")
        assert radio.value == "merge"
        radio.set_value(choice).run()
        at.button(key=f"rv:{report_id}:{TELL}:accept").click().run()
        assert not at.exception, at.exception
        return at

    at = accept("merge")
    with PostgisStore(pg_url) as pg:
        assert pg.get(TELL)[0]["properties"]["actors"] == ["Analyst-added unit"]
    assert any("Merged into" in s.value for s in at.success)
    at = accept("overwrite")
    with PostgisStore(pg_url) as pg:
        assert pg.get(TELL)[0]["properties"]["actors"] == ["Israel Defense Forces"]
        assert [e.op for e in pg.history(TELL)] == ["import", "update", "update"]
    assert any("Overwrote" in s.value for s in at.success)
