"""Briefing mode in headless Chromium at a shared screen's 1280×720: what only a browser shows (the hidden
chrome, the map's size, keyboard steps, the map flying to each event, a deck presented slide by slide, a
download made on the click).

One `streamlit run app.py` on a copy of the bundled events with one deck in it. Screenshots land in
test-artifacts/ (look at them: they are what a briefer shares).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from sitmap.briefing.decks import Deck, Slide, save_deck
from sitmap.view import View
from tests.browser.layer_js import SHOWN_IDS
from tests.browser.test_dashboard import open_sidebar

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
TELL = "syr-2025-03-03-tell-al-mal-raid"
RUWA = "syr-2025-03-04-ruwaihaniya-patrol"
TIMEOUT_MS = 60_000
SCREEN = {"width": 1280, "height": 720}
MAP = 'iframe[title="streamlit_folium.st_folium"]'
NOTE = "Say first: the raid is 9-17 km from the zone"


@pytest.fixture(scope="module")
def deck_events(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled events plus a two-slide deck: the raid on the Golan, then Iran in April 2024."""
    out = tmp_path_factory.mktemp("briefing") / "events"
    shutil.copytree(ROOT / "events", out)
    golan = View(start=date(2025, 3, 1), end=date(2025, 3, 4), selected=TELL, center=(33.08, 35.97), zoom=11)
    iran = View(
        start=date(2024, 4, 1), end=date(2024, 4, 30), countries=("Iran",), center=(32.5, 53.0), zoom=5
    )
    deck = Deck(
        id="golan",
        title="Golan front",
        slides=(Slide("The Tell al Mal raid", golan, NOTE), Slide("Iran, April 2024", iran, "")),
    )
    save_deck(out / "briefings", deck)
    return out


def frame_of(page):
    page.wait_for_selector(MAP, timeout=TIMEOUT_MS)
    return next(f for f in page.frames if "st_folium" in f.url)


def wait_layer(page, ids: set[str]) -> None:
    """Until the map's live events layer holds exactly `ids`."""
    frame_of(page).wait_for_function(
        "(want) => { const S = window.sitmapEvents; if (!window.map || !S || !S.live.length) return false;"
        " const st = S.live[S.live.length - 1];" + SHOWN_IDS + " const ids = shown;"
        " return ids.length === want.length && want.every(i => ids.includes(i)); }",
        arg=sorted(ids),
        timeout=TIMEOUT_MS,
    )


def wait_centre(page, lat: float, lon: float, tol: float = 0.05) -> None:
    frame_of(page).wait_for_function(
        "([lat, lon, tol]) => { if (!window.map) return false; const c = window.map.getCenter();"
        " return Math.abs(c.lat - lat) < tol && Math.abs(c.lng - lon) < tol; }",
        arg=[lat, lon, tol],
        timeout=TIMEOUT_MS,
    )


def caption(page) -> str:
    return page.locator(".st-key-briefing_caption").inner_text()


def test_briefing_fills_the_screen_and_steps_through_events(
    page, guard, streamlit_server, deck_events, screenshot
):
    page.set_viewport_size(SCREEN)
    url = streamlit_server(APP, events_dir=deck_events)
    page.goto(f"{url}/?briefing=1&start=2025-03-01&end=2025-03-04")
    wait_layer(page, {TELL, RUWA})
    page.locator(".st-key-briefing_caption").wait_for(timeout=TIMEOUT_MS)

    # Chrome and sidebar hidden; the map takes most of the screen; the caption bar is on it, not below.
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('header[data-testid="stHeader"]').is_visible()
    box = page.locator(MAP).bounding_box()
    assert box["width"] * box["height"] > 0.6 * SCREEN["width"] * SCREEN["height"], box
    bar = page.locator(".st-key-briefing_caption").bounding_box()
    assert bar["y"] + bar["height"] <= SCREEN["height"] + 1 and bar["y"] >= box["y"] + box["height"]
    inner = frame_of(page).evaluate("() => document.getElementById('map_div').getBoundingClientRect().height")
    assert abs(inner - box["height"]) < 4  # Leaflet's own div follows the iframe's height
    assert frame_of(page).locator("details.sitmap-legend").get_attribute("open") is None  # folded
    assert "2 events in this view" in caption(page)

    # → selects the first event of the window, flies to it, captions it with its passage.
    page.locator("body").press("ArrowRight")
    page.wait_for_function(f"() => location.search.includes('selected={TELL}')", timeout=TIMEOUT_MS)
    page.get_by_text("Raid · Tell al Mal").wait_for(timeout=TIMEOUT_MS)
    wait_centre(page, 33.095, 36.04)
    frame_of(page).wait_for_selector(f".sitmap-selected-{TELL}", state="attached", timeout=TIMEOUT_MS)
    first = caption(page)
    assert "Israeli forces raided a former Syrian Arab Army base on Tell al Mal" in first
    assert "event 1 of 2" in page.locator(".st-key-briefing_bar").inner_text()
    # The summary is whole at 1280×720: neither cut off at the side nor clamped below (nor the caption bar).
    cut = page.evaluate(
        "() => [...document.querySelectorAll('.st-key-briefing_summary p, .st-key-briefing_caption')]"
        ".map(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)"
    )
    assert cut == [False, False], cut
    page.wait_for_timeout(800)
    shot = screenshot(page, "raid")

    page.locator("body").press("ArrowRight")
    page.wait_for_function(f"() => location.search.includes('selected={RUWA}')", timeout=TIMEOUT_MS)
    page.get_by_text("Patrol · Ruwaihaniya").wait_for(timeout=TIMEOUT_MS)
    assert caption(page) != first and "Ruwaihaniya" in caption(page)
    wait_centre(page, 33.067, 35.873, tol=0.08)  # flew to the patrol
    # Reference layers stay on through the steps.
    assert frame_of(page).locator(".sitmap-ref-line-a").count() >= 1

    page.locator(".st-key-briefing_prev button").first.click()  # the button does what ← does
    page.wait_for_function(f"() => location.search.includes('selected={TELL}')", timeout=TIMEOUT_MS)
    page.get_by_text("Raid · Tell al Mal").wait_for(timeout=TIMEOUT_MS)
    assert shot.exists()

    # After a click on the map the keys go to its iframe; they still step (and do not pan the map).
    box = page.locator(MAP).bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.85)
    assert page.evaluate("() => document.activeElement.tagName") == "IFRAME"
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => location.search.includes('selected={RUWA}')", timeout=TIMEOUT_MS)
    wait_centre(page, 33.067, 35.873, tol=0.08)
    assert not guard.page_errors, guard.page_errors


def test_a_deck_is_presented_slide_by_slide(page, guard, streamlit_server, deck_events, screenshot):
    page.set_viewport_size(SCREEN)
    url = streamlit_server(APP, events_dir=deck_events)
    page.goto(f"{url}/?briefing=1&deck=golan&slide=1")
    wait_layer(page, {TELL, RUWA})
    page.get_by_text("The Tell al Mal raid — Golan front").wait_for(timeout=TIMEOUT_MS)
    assert "Raid · Tell al Mal" in caption(page)
    wait_centre(page, 33.08, 35.97)
    # The speaker note is behind the Notes button, not on the shared screen.
    assert NOTE not in page.locator('[data-testid="stMain"]').inner_text()
    page.locator(".st-key-briefing_notes button").first.click()
    page.get_by_text(NOTE).wait_for(timeout=TIMEOUT_MS)
    page.keyboard.press("Escape")
    page.wait_for_timeout(500)
    screenshot(page, "slide1")

    page.locator("body").press("PageDown")
    page.wait_for_function("() => location.search.includes('slide=2')", timeout=TIMEOUT_MS)
    page.get_by_text("Iran, April 2024 — Golan front").wait_for(timeout=TIMEOUT_MS)
    frame_of(page).wait_for_function(  # the slide's filters: Iran's events only
        "() => { const S = window.sitmapEvents, st = S.live[S.live.length - 1];" + SHOWN_IDS + ""
        " const ids = shown; return ids.length > 0 && ids.every(i => i.startsWith('irn-')); }",
        timeout=TIMEOUT_MS,
    )
    wait_centre(page, 32.5, 53.0, tol=0.5)
    page.wait_for_timeout(800)
    screenshot(page, "slide2")
    assert not guard.page_errors, guard.page_errors


def test_png_download_is_made_on_the_click(page, guard, streamlit_server, deck_events):
    url = streamlit_server(APP, events_dir=deck_events)
    page.goto(f"{url}/?start=2025-03-01&end=2025-03-03")
    wait_layer(page, {TELL})
    page.get_by_text("Timeline").first.wait_for(timeout=TIMEOUT_MS)  # the page's last rerun is done
    page.wait_for_timeout(500)
    open_sidebar(page)
    page.locator('[data-testid="stSidebar"] summary', has_text="Download this view").click()
    page.locator(".st-key-dl_png button").wait_for(timeout=TIMEOUT_MS)
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.locator(".st-key-dl_png button").click()
    download = info.value
    assert download.suggested_filename == "sitmap_2025-03-01_2025-03-03.png"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    assert not guard.page_errors, guard.page_errors


def test_full_screen_keeps_the_caption_bar(page, guard, streamlit_server, deck_events, screenshot):
    """The map's full-screen button puts the briefing page on the screen, caption bar and all (review
    defect 4: it put the map alone there, and the briefer lost the date window and the event's text)."""
    page.set_viewport_size(SCREEN)
    url = streamlit_server(APP, events_dir=deck_events)
    page.goto(f"{url}/?briefing=1&start=2025-03-01&end=2025-03-04&selected={TELL}")
    wait_layer(page, {TELL, RUWA})
    page.get_by_text("Raid · Tell al Mal").wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)  # the page's script hooks the map's iframe once a second
    frame_of(page).locator(".sitmap-fullscreen a").click()
    page.wait_for_function("() => document.fullscreenElement !== null", timeout=TIMEOUT_MS)
    held = page.evaluate(
        "() => ['.st-key-briefing_caption', '.st-key-briefing_bar', '.st-key-briefing_map iframe']"
        ".map(s => document.fullscreenElement.contains(document.querySelector(s)))"
    )
    assert held == [True, True, True], held
    page.locator("body").press("ArrowRight")  # stepping in full screen updates the caption there
    page.get_by_text("Patrol · Ruwaihaniya").wait_for(timeout=TIMEOUT_MS)
    screenshot(page, "fullscreen")
    assert page.evaluate("() => document.fullscreenElement !== null")
    frame_of(page).locator(".sitmap-fullscreen a").click()
    page.wait_for_function("() => document.fullscreenElement === null", timeout=TIMEOUT_MS)
    assert not guard.page_errors, guard.page_errors
