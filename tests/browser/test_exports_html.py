"""The offline HTML export in headless Chromium (network blocked): the header shows the title and window,
and an event's popup shows its actors, quote and sources as text."""

from __future__ import annotations

from datetime import date

import pytest

from sitmap.exports import formats as exports
from sitmap.reference.layers import load_reference
from sitmap.settings import PROJECT_ROOT, load_settings
from sitmap.store.load import load_store
from sitmap.view import View, apply_view

pytestmark = pytest.mark.browser
TELL_AL_MAL = "syr-2025-03-03-tell-al-mal-raid"


def test_popup_shows_actors_quote_and_sources(page, guard, tmp_path):
    settings = load_settings(env={})
    events = load_store(PROJECT_ROOT / "events", settings=settings).events
    view = View(start=date(2025, 3, 1), end=date(2025, 3, 4))
    shown = apply_view(events, view)
    path = tmp_path / "golan.html"
    exports.write_export(
        shown, "html", path, reference=load_reference(PROJECT_ROOT / "geodata"), view=view, settings=settings
    )
    page.goto(path.as_uri())
    page.wait_for_function("(id) => window.sitmapEvents && window.sitmapEvents.byId[id]", arg=TELL_AL_MAL)
    assert page.locator(".sitmap-export-header h1").inner_text() == "Reported military activity"
    assert "1 Mar 2025 – 4 Mar 2025" in page.locator(".sitmap-export-window").inner_text()
    page.evaluate("(id) => window.sitmapEvents.byId[id].openPopup()", TELL_AL_MAL)
    extra = page.locator(".leaflet-popup .sitmap-popup-extra")
    extra.wait_for()
    text = extra.inner_text()
    row = shown.set_index("id").loc[TELL_AL_MAL]
    assert "Actors: Israel Defense Forces" in text
    assert row["quote"][:40] in text
    assert row["sources"][0]["url"] in text
    assert not guard.page_errors and not guard.console_errors
