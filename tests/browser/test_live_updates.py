"""Two analysts on one PostGIS store: a save by one appears on the other's open map without a reload.

Runs against the PostGIS test database (SITMAP_TEST_DATABASE_URL; skipped without one, failing under CI=1,
as tests/store does)."""

from __future__ import annotations

import os
import shutil

import pytest

from sitmap.store.files import event_files
from sitmap.store.postgis import PostgisStore
from sitmap.store.write import read_event_file
from tests.browser.test_dashboard import APP, ROOT, TELL, TIMEOUT_MS, layer_ids
from tests.store.conftest import postgis_test_url

pytestmark = pytest.mark.browser

EDIT = "Corrected by another analyst after a second source."


def test_a_save_appears_on_every_open_map_without_a_reload(browser, page, streamlit_server, tmp_path):
    url = postgis_test_url(os.environ.get("PYTEST_XDIST_WORKER", "main") + "_live")
    events = tmp_path / "events"
    shutil.copytree(ROOT / "events", events)  # the reports stay in the folder; the events are in the database
    with PostgisStore(url, init=True) as db:
        pairs = [
            (f, str(p.relative_to(events))) for p in event_files(events) for f in read_event_file(p)[0] or ()
        ]
        db.import_features(pairs, user="setup", why="test data", source=str(events))
        server = streamlit_server(APP, events_dir=events, env={"SITMAP_DATABASE_URL": url})
        other = browser.new_context(viewport={"width": 1200, "height": 800}).new_page()
        try:
            for pg in (page, other):
                pg.goto(f"{server}/?selected={TELL}")
                layer_ids(pg)
                pg.locator(".st-key-event_card").wait_for(timeout=TIMEOUT_MS)
            assert EDIT not in page.locator(".st-key-event_card").inner_text()
            feature, version = db.get(TELL)
            feature["properties"]["summary"] = EDIT
            db.save(feature, version, user="bob", why="second source")
            for pg in (page, other):  # no reload: the page's own check of the store redraws it
                pg.locator(".st-key-event_card").get_by_text(EDIT).wait_for(timeout=TIMEOUT_MS)
            # The import and the save, each with its author.
            history = page.locator('[data-testid="stExpander"]', has_text="History (2 changes)")
            history.locator("summary").click()
            history.get_by_text("bob").wait_for(timeout=TIMEOUT_MS)
        finally:
            other.context.close()
