"""The dashboard in headless Chromium: what only a browser shows (map drawing, clicks, script execution).

One `streamlit run app.py` per data folder, shared by the module; the network guard fails any test that
tries to leave the machine. Screenshots land in test-artifacts/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.layer_js import SHOWN_IDS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
TELL = "syr-2025-03-03-tell-al-mal-raid"
RUWA = "syr-2025-03-04-ruwaihaniya-patrol"
HOSTILE = "test-2025-03-02-hostile-text"
TIMEOUT_MS = 60_000

# In the map's iframe: ids of the events the live events layer shows in the time window (the layer holds
# the filters' events over all times; js/timefilter.js applies the window), and of those drawn as markers.
_IN_WINDOW = SHOWN_IDS
_LAYER_IDS = (
    """() => {
  const S = window.sitmapEvents;
  if (!window.map || !S || !S.live.length) return null;
  const st = S.live[S.live.length - 1];
  """
    + _IN_WINDOW
    + """
  return {ids: shown, drawn: Object.keys(st.markers).map(i => st.P.id[+i])};
}"""
)


@pytest.fixture(scope="module")
def hostile_events(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled events plus one event whose every text field is an injection attempt."""
    out = tmp_path_factory.mktemp("hostile") / "events"
    shutil.copytree(ROOT / "events", out)
    shutil.copytree(ROOT / "tests" / "data" / "app" / "hostile", out, dirs_exist_ok=True)
    return out


def map_frame(page):
    """The map's frame, once its iframe has loaded the component (a rebuilt map's new iframe is in the page
    a moment before its frame has the component's address: looking once then failed on a loaded machine)."""
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=TIMEOUT_MS)
    for _ in range(TIMEOUT_MS // 100):
        for frame in page.frames:
            if "st_folium" in frame.url:
                return frame
        page.wait_for_timeout(100)  # polling for the condition, not a timed assertion
    raise AssertionError("no map iframe")


def layer_ids(page, expect_ids: set[str] | None = None) -> dict:
    """The events layer's ids once it is drawn (and, if given, once it holds exactly `expect_ids`), and the
    rest of the page with it (a first visit draws the map first, then the panels). A map being replaced
    (another base layer: a new map, a new frame) may still be the frame found first: once it is detached, the
    new map's frame is asked."""
    for _ in range(3):
        try:
            return _layer_ids(page, map_frame(page), expect_ids)
        except PlaywrightError as exc:
            if "detached" not in str(exc):
                raise
    raise AssertionError("the map's frame kept being replaced")


def _layer_ids(page, frame, expect_ids: set[str] | None) -> dict:
    frame.wait_for_function(
        "(want) => { const S = window.sitmapEvents; if (!window.map || !S || !S.live.length) return false;"
        " const st = S.live[S.live.length - 1];" + _IN_WINDOW + " const ids = shown;"
        " return want === null || (ids.length === want.length && want.every(i => ids.includes(i))); }",
        arg=sorted(expect_ids) if expect_ids is not None else None,
        timeout=TIMEOUT_MS,
    )
    # In the DOM with the map on a first visit; checked once the map is drawn, so it cannot be "not yet".
    page.locator(".st-key-first_paint_note").wait_for(state="detached", timeout=TIMEOUT_MS)
    return frame.evaluate(_LAYER_IDS)


def open_sidebar(page) -> None:
    """Unfold the sidebar (filters, layers, downloads): the page starts with it folded, the map first."""
    expand = page.locator('[data-testid="stExpandSidebarButton"]')
    if expand.count() and expand.is_visible():
        expand.click()
    page.wait_for_function(  # slid in: its right edge is on screen
        "() => { const s = document.querySelector('[data-testid=\"stSidebar\"]');"
        " return !!s && s.getBoundingClientRect().right > 200; }",
        timeout=TIMEOUT_MS,
    )
    page.wait_for_timeout(400)  # the end of its slide-in animation


def click_event(page, event_id: str) -> None:
    """Click an event's marker where Leaflet draws it (a real mouse click on the canvas)."""
    iframe = page.locator('iframe[title="streamlit_folium.st_folium"]')
    iframe.evaluate("e => e.scrollIntoView({block: 'center'})")  # so the click cannot scroll the page
    page.wait_for_timeout(300)
    frame = map_frame(page)
    point = frame.evaluate(
        """(id) => { const S = window.sitmapEvents, st = S.live[S.live.length - 1];
                     const i = st.P.id.indexOf(id);
                     const p = window.map.latLngToContainerPoint([st.P.y[i], st.P.x[i]]);
                     const r = window.map.getContainer().getBoundingClientRect();
                     return {x: r.left + p.x, y: r.top + p.y}; }""",
        event_id,
    )
    box = iframe.bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def highlighted_text(page) -> str:
    """Text of the highlighted passage in the report panel (empty when there is none)."""
    marks = page.locator(".st-key-report_text span.stMarkdownColoredBackground")
    return " ".join(marks.all_inner_texts())


def test_map_renders_offline_with_the_bundled_events(page, guard, streamlit_server, screenshot):
    url = streamlit_server(APP)
    page.goto(url)
    got = layer_ids(page)
    frame = map_frame(page)
    # One main map, plus the overview map inside the minimap control.
    assert frame.locator(".leaflet-container:not(.sitmap-minimap-map)").count() == 1
    assert frame.locator(".sitmap-minimap .sitmap-minimap-extent").count() == 1
    assert frame.locator(".leaflet-control-layers").count() == 1
    # Nine of the ten bundled events have a location; the tenth (SRBM shipments) is list-only.
    assert len(got["ids"]) == 9 and "irn-2024-09-srbm-shipments-to-russia" not in got["ids"]
    assert TELL in got["ids"] and RUWA in got["ids"]
    page.get_by_text("Timeline").first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(500)
    screenshot(page, "overview")
    assert not guard.console_errors and not guard.page_errors, (guard.console_errors, guard.page_errors)


def test_window_1_to_3_march_shows_the_raid_not_the_patrol(page, guard, streamlit_server, screenshot):
    url = streamlit_server(APP)
    page.goto(f"{url}/?start=2025-03-01&end=2025-03-04")
    layer_ids(page, {TELL, RUWA})
    end = page.locator('input[type="range"][aria-label="Window — end"]')
    end.focus()
    page.keyboard.press("ArrowLeft")  # 4 March -> 3 March: the slider, as an analyst would move it
    got = layer_ids(page, {TELL})
    assert RUWA not in got["ids"]
    page.wait_for_function("() => location.search.includes('end=2025-03-03')", timeout=TIMEOUT_MS)
    screenshot(page, "window")
    # Picking the raid in the event list selects it: URL, highlighted passage.
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stDataFrame\"]') &&"
        " !document.querySelector('[data-stale=\"true\"]')",
        timeout=TIMEOUT_MS,
    )
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)  # the first (only) row's selection cell
    page.wait_for_function(f"() => location.search.includes('selected={TELL}')", timeout=TIMEOUT_MS)
    page.locator(".st-key-passage-p5 span.stMarkdownColoredBackground").wait_for(timeout=TIMEOUT_MS)
    assert not guard.page_errors


def test_clicking_the_raid_highlights_its_passage(page, guard, streamlit_server, screenshot):
    url = streamlit_server(APP)
    page.goto(f"{url}/?start=2025-03-01&end=2025-03-04&center=33.08,35.96&zoom=11")
    layer_ids(page, {TELL, RUWA})
    page.wait_for_timeout(800)  # the map settles on its centre before the click
    click_event(page, TELL)
    page.wait_for_function(f"() => location.search.includes('selected={TELL}')", timeout=TIMEOUT_MS)
    passage = page.locator(".st-key-passage-p5")
    passage.locator("span.stMarkdownColoredBackground").wait_for(timeout=TIMEOUT_MS)
    assert "Israeli forces raided a former Syrian Arab Army base on Tell al Mal" in highlighted_text(page)
    assert passage.is_visible()
    # The map marks the selection too.
    frame = map_frame(page)
    frame.wait_for_selector(f".sitmap-selected-{TELL}", state="attached", timeout=TIMEOUT_MS)
    screenshot(page, "selected")
    assert not guard.page_errors


def test_hostile_text_renders_literally_and_runs_nothing(
    page, guard, streamlit_server, hostile_events, screenshot
):
    url = streamlit_server(APP, events_dir=hostile_events)
    page.goto(f"{url}/?start=2025-03-01&end=2025-03-04&selected={HOSTILE}&center=33.05,35.95&zoom=10")
    got = layer_ids(page, {TELL, RUWA, HOSTILE})
    assert HOSTILE in got["drawn"]  # the map still draws, hostile event included
    page.get_by_text("HOSTILE <img src=x onerror=window.__xss=1>", exact=False).first.wait_for(
        timeout=TIMEOUT_MS
    )
    body = page.locator('[data-testid="stMain"]').inner_text()
    for literal in (
        "HOSTILE <img src=x onerror=window.__xss=1> ${window.__xss=2} `code` back\\slash",
        "**bold** :red[red] $x^2$ </script><script>window.__xss=3</script> {{ 7*7 }}",
        "<img src=x onerror=window.__xss=6> shelled ${x}",
    ):
        assert literal in body
    assert "Hostile <img src=x onerror=window.__xss=8> report" in body
    assert "<img src=x onerror=window.__xss=6> shelled ${x}" in highlighted_text(page)
    # Open the marker's tooltip and popup: their text is escaped too.
    click_event(page, HOSTILE)
    frame = map_frame(page)
    frame.wait_for_selector(".leaflet-popup-content", timeout=TIMEOUT_MS)
    assert "<img src=x onerror=window.__xss=1>" in frame.locator(".leaflet-popup-content").inner_text()
    page.wait_for_timeout(1000)
    screenshot(page, "hostile")
    for where in (page, frame):
        assert where.evaluate("() => window.__xss") is None
    assert page.locator("img[src=x]").count() == 0 and frame.locator("img[src=x]").count() == 0
    # Bare URLs and addresses in report text stay text: no link the report's author chose.
    assert "see www.evil.example/a and http://evil.example/b or spy@evil.example" in body.replace(
        "\u2060", ""
    )
    assert page.locator('a[href*="evil.example"]').count() == 0
    assert not guard.page_errors


def test_playback_steps_day_by_day_until_paused(page, guard, streamlit_server):
    url = streamlit_server(APP)
    page.goto(f"{url}/?start=2025-02-26&end=2025-02-28")
    layer_ids(page)
    page.locator(".st-key-pb_play button").first.click()
    # One day a second, until the window reaches the raid (1-3 March).
    page.wait_for_function("() => location.search.includes('end=2025-03-03')", timeout=TIMEOUT_MS)
    page.locator(".st-key-pb_play button").first.click()  # pause
    page.wait_for_timeout(2500)
    paused_at = page.url
    page.wait_for_timeout(2000)
    assert page.url == paused_at
    # The map shows what the paused window holds (a tick may have landed just before the pause).
    want = {TELL} if "end=2025-03-03" in paused_at else {TELL, RUWA}
    assert "end=2025-03-03" in paused_at or "end=2025-03-04" in paused_at
    layer_ids(page, want)
    assert not guard.page_errors


def test_layers_switched_in_the_map_control_go_into_the_link_without_reloading_the_map(
    page, guard, streamlit_server, screenshot
):
    # A site tile server on localhost (nothing listens there): the other tile layers would go online.
    tiles = {"SITMAP_TILE_URL": "http://127.0.0.1:9/{z}/{x}/{y}.png", "SITMAP_TILE_ATTRIBUTION": "Site tiles"}
    url = streamlit_server(APP, env=tiles)
    page.goto(url)
    layer_ids(page)
    frame = map_frame(page)
    page.wait_for_function("() => location.search.includes('center=')", timeout=TIMEOUT_MS)  # map reported
    frame.evaluate("() => { window.__sameMap = true; }")
    frame.locator(".leaflet-control-layers").hover()  # the collapsed control opens on hover
    frame.get_by_label("Local tiles (Site tiles)").check()
    page.wait_for_function("() => location.search.includes('base_layer=custom')", timeout=TIMEOUT_MS)
    frame.get_by_label("Admin-1 boundaries").uncheck()
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('overlays') !== null"
        " && !new URLSearchParams(location.search).get('overlays').includes('admin1')",
        timeout=TIMEOUT_MS,
    )
    overlays = page.evaluate("() => new URLSearchParams(location.search).get('overlays')")
    assert set(overlays.split(",")) == {"zone", "lines", "bands", "places", "uncertainty"}
    # The sidebar follows, and the map was never reloaded (the same page keeps its flag).
    open_sidebar(page)
    page.get_by_text("Map layers").click()
    base = page.locator('[data-testid="stSelectbox"]').filter(has_text="Base map")
    base.wait_for(timeout=TIMEOUT_MS)
    shown = base.locator("input").first.input_value() or base.inner_text()
    assert "Custom tile server" in shown, shown
    assert map_frame(page).evaluate("() => window.__sameMap === true")
    screenshot(page, "site-tiles")

    def checked(label: str) -> bool:
        return map_frame(page).get_by_label(label).is_checked()

    # To the review page and back: a new map, drawn with the layers the control chose.
    page.get_by_role("link", name="Review").click()
    page.wait_for_function("() => location.pathname.endsWith('/review')", timeout=TIMEOUT_MS)
    page.get_by_role("link", name="Map").click()
    layer_ids(page)
    assert checked("Local tiles (Site tiles)") and not checked("Admin-1 boundaries")
    assert "base_layer=custom" in page.url
    # The sidebar back to the offline basemap: the map is rebuilt with it, and nothing undoes the choice.
    open_sidebar(page)
    if not base.is_visible():  # the expander may have kept its state across the pages
        page.get_by_text("Map layers").click()
    option = page.get_by_role("option", name="Offline (vector, no internet)")
    for _ in range(3):  # a rerun that lands while the list is open redraws the widget and closes it
        base.locator("input").first.click()
        try:
            option.click(timeout=5000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    else:
        raise AssertionError("the base map list never opened")
    page.wait_for_function("() => !location.search.includes('base_layer=custom')", timeout=TIMEOUT_MS)
    layer_ids(page)
    map_frame(page).wait_for_function(
        "() => document.querySelectorAll('path.sitmap-ref-syr-quneitra').length === 0", timeout=TIMEOUT_MS
    )  # admin-1 still off: the sidebar's overlays hold the control's earlier choice
    page.wait_for_timeout(1500)  # a stale report from the old map would have set it back by now
    assert checked("Offline basemap (no internet)") and "base_layer=custom" not in page.url
    assert "Offline" in base.locator("input").first.input_value()
    assert not guard.page_errors


def test_review_and_back_keeps_the_maps_filters_in_the_link_and_on_the_map(page, guard, streamlit_server):
    """An analyst's filtered map, to the Review page and back through the top links, as soon as the map is
    there (before the rest of the page is drawn): the same view, in the link and on the map."""
    url = streamlit_server(APP)
    page.goto(f"{url}/?text=tell")
    page.get_by_role("link", name="Review").click()  # as soon as it is there: the map's first run only
    page.wait_for_function("() => location.pathname.endsWith('/review')", timeout=TIMEOUT_MS)
    page.get_by_role("link", name="Map").click()
    page.wait_for_function("() => !location.pathname.endsWith('/review')", timeout=TIMEOUT_MS)
    shown = set(layer_ids(page)["ids"])
    page.get_by_text("Timeline").first.wait_for(timeout=TIMEOUT_MS)  # the whole page is drawn
    link = page.evaluate("() => Object.fromEntries(new URLSearchParams(location.search))")
    assert link.get("text") == "tell", link
    assert 0 < len(shown) < 9, shown  # the search narrows the nine mapped events
