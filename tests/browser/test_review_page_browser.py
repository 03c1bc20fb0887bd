"""The review page in headless Chromium: the map loads offline, a click places the point, Accept saves it.

AppTest cannot click a Leaflet map, so this is the one check of the click-to-place path end to end.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from sitmap.settings import load_settings
from sitmap.store.load import load_store

ROOT = Path(__file__).resolve().parents[2]
_APP = """
from pathlib import Path

import streamlit as st

from sitmap.settings import load_settings
from sitmap.ui import cache
from sitmap.ui.review import page as review_page

st.set_page_config(page_title="sitmap review", layout="wide")
cache.static_assets_ready(str(Path(__file__).parent))  # Leaflet served from ./static/vendor
review_page.render(load_settings())
"""
MAP = "iframe[title='streamlit_folium.st_folium']"
KHASHAM = "syr-2018-khasham-armed-clash"


@pytest.fixture(scope="module")
def review_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    app_dir = tmp_path_factory.mktemp("review_app")
    (app_dir / "app.py").write_text(_APP, encoding="utf-8")
    (app_dir / ".streamlit").mkdir()
    shutil.copy(ROOT / ".streamlit" / "config.toml", app_dir / ".streamlit" / "config.toml")
    return app_dir / "app.py"


@pytest.mark.browser
def test_click_on_the_map_places_the_point_and_accept_saves_it(
    page, guard, streamlit_server, review_app, tmp_path, screenshot
):
    events = tmp_path / "events"  # the report without the bundled events: its Khasham candidate is new
    shutil.copytree(ROOT / "events" / "reports", events / "reports")
    url = streamlit_server(review_app, events_dir=events)
    page.set_viewport_size({"width": 1400, "height": 1600})
    page.goto(url)
    page.wait_for_function(
        f"() => {{ const f = document.querySelector({MAP!r});"
        " return f && f.getBoundingClientRect().height > 0; }",
        timeout=60_000,
    )
    frame = page.frame_locator(MAP)
    frame.locator(".leaflet-container").wait_for(timeout=30_000)
    lon_box, lat_box = page.get_by_label("Longitude"), page.get_by_label("Latitude")
    assert float(lon_box.input_value()) == pytest.approx(40.30944)  # Khasham, the first pending candidate
    page.locator(MAP).click(position={"x": 120, "y": 80})
    page.wait_for_function(
        "() => { const i = document.querySelector('input[aria-label=\"Longitude\"]');"
        " return i && Math.abs(parseFloat(i.value) - 40.30944) > 0.001; }",
        timeout=30_000,
    )
    lon, lat = float(lon_box.input_value()), float(lat_box.input_value())
    assert lon < 40.30944 and lat > 35.33611  # left of and above the old point
    page.get_by_test_id("stBaseButton-primary").filter(has_text="Accept").click()  # not "Accept N complete"
    page.get_by_text("Saved").first.wait_for(timeout=30_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000
    )  # the run after the save has finished
    frame.locator(".leaflet-container").wait_for(timeout=30_000)
    assert page.locator(MAP).bounding_box()["height"] > 100  # the map stays after the save
    screenshot(page, "accepted")
    store = load_store(events, settings=load_settings(env={}), today=date(2026, 11, 22))
    saved = store.events.set_index("id").loc[KHASHAM]
    assert (saved.geometry.x, saved.geometry.y) == (
        pytest.approx(lon, abs=1e-5),
        pytest.approx(lat, abs=1e-5),
    )
    assert saved["report_id"] == "iran-update-2025-03-04"
    assert guard.external_requests == []
    assert guard.page_errors == []
