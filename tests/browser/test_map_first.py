"""Map-first layout at 1440×900 (issue 13): the map is most of the screen, the legend folded, the side
column a feed, Streamlit's chrome minimal; the uncertainty overlay governs every footprint."""

from __future__ import annotations

import pytest

from tests.browser.test_dashboard import APP, TIMEOUT_MS, layer_ids, map_frame

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1440, "height": 900}

# In the map's iframe: the Leaflet container's box, and the footprints (areas, circles, rings) on the map.
_MAP_BOX = """() => { const r = window.map.getContainer().getBoundingClientRect();
                      return {x: r.left, y: r.top, w: r.width, h: r.height}; }"""
_FOOTPRINTS = """() => { let n = 0;
  window.map.eachLayer(l => { if (l instanceof L.Path && !(l instanceof L.CircleMarker)
                                  && l.options.pane === "sitmap-events") n += 1; });
  return n; }"""


def _visible_map_share(page) -> float:
    """The part of the viewport the Leaflet map covers (its box clipped to the viewport)."""
    frame_box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    inner = map_frame(page).evaluate(_MAP_BOX)
    left, top = frame_box["x"] + inner["x"], frame_box["y"] + inner["y"]
    width = max(0.0, min(left + inner["w"], LAPTOP["width"]) - max(left, 0.0))
    height = max(0.0, min(top + inner["h"], LAPTOP["height"]) - max(top, 0.0))
    return width * height / (LAPTOP["width"] * LAPTOP["height"])


def test_the_map_is_most_of_a_laptop_screen_with_the_legend_folded(page, guard, streamlit_server, screenshot):
    page.set_viewport_size(LAPTOP)
    page.goto(streamlit_server(APP))
    layer_ids(page)
    # The time widgets come with the second run, after the map (`timebar.render`): wait for them, not a fixed
    # time, as a loaded machine draws them later.
    page.locator(".st-key-map_row .st-key-time_row").wait_for(timeout=TIMEOUT_MS)
    page.locator(".st-key-event_feed").wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(500)  # the layout settles once the side column is drawn
    screenshot(page, "laptop")
    share = _visible_map_share(page)
    assert share >= 0.60, f"the map covers {share:.0%} of a 1440×900 viewport"
    # Nothing selected: the side column is a newest-first feed, not a blank panel.
    feed = page.locator(".st-key-event_feed")
    feed.wait_for(timeout=TIMEOUT_MS)
    assert "Newest first: 10 of 10 shown events" in feed.inner_text()
    feed.locator('[data-testid="stDataFrame"]').wait_for(timeout=TIMEOUT_MS)  # drawn after its caption
    assert feed.locator('[data-testid="stDataFrame"]').count() == 1  # its rows: tests/ui/test_feed.py
    # Seven of the ten rows in view (three lines of text each), not five and a half (four lines each).
    page.wait_for_function(f"() => ({_FEED_ROWS_IN_VIEW})() > 0", timeout=TIMEOUT_MS)  # the grid has drawn
    page.wait_for_timeout(300)
    assert page.evaluate(_FEED_ROWS_IN_VIEW) >= 7
    assert page.locator('[data-testid="stAppDeployButton"]').count() == 0  # toolbarMode = "minimal"
    frame = map_frame(page)
    legend = frame.locator("details.sitmap-legend")
    assert legend.get_attribute("open") is None
    frame.locator("details.sitmap-legend summary").click()
    assert legend.get_attribute("open") is not None  # its button opens it
    # At 1440×900 the time widgets sit on one row (the review saw three), and the time bar hides the map's
    # place names under it (they read through its translucent background).
    assert _rows_of_time_widgets(page) == 1
    assert page.evaluate(_BAR_COVERS_THE_MAP) == ["rgb(255, 255, 255)", True]
    # With the filters' sidebar open the time widgets covered the side column's header (found in a browser
    # review): the column makes room for them, and they stay on one line.
    assert _time_widgets_clear_of_the_header(page)
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    page.wait_for_timeout(1000)
    assert _time_widgets_clear_of_the_header(page)
    assert _rows_of_time_widgets(page) == 1  # the day steps left to the time bar, as the rewind is
    # At 1280×720 with the sidebar open the side column is ~230 px: the play button and the playback options
    # are left to the time bar too (it has both), or the options wrapped onto a second line (s15's leftover).
    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_timeout(1000)
    assert _time_widgets_clear_of_the_header(page)
    assert _rows_of_time_widgets(page) == 1
    assert not guard.console_errors and not guard.page_errors, (guard.console_errors, guard.page_errors)


# The feed's grid draws (and lists in its accessible table) only the rows in view, the header row besides.
_FEED_ROWS_IN_VIEW = """() => document.querySelectorAll(
  '.st-key-event_feed [data-testid="stDataFrame"] tr[role=row][aria-selected]').length"""


def _rows_of_time_widgets(page) -> int:
    """How many lines the shown time widgets take (their distinct tops, to the pixel)."""
    tops = page.evaluate(
        """() => [...document.querySelector('.st-key-map_row .st-key-time_row').children]
          .map(k => k.getBoundingClientRect()).filter(r => r.width > 0).map(r => Math.round(r.top / 8))"""
    )
    return len(set(tops))


# The time bar's background, and whether it is what the page shows at its middle (not the map's frame).
_BAR_COVERS_THE_MAP = """() => {
  const bar = document.querySelector('.st-key-sitmap_timebar'), r = bar.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height - 20);
  return [getComputedStyle(bar).backgroundColor, bar.contains(hit)];
}"""


def _time_widgets_clear_of_the_header(page) -> bool:
    return page.evaluate(
        """() => {
      const widgets = document.querySelector('.st-key-map_row .st-key-time_row').getBoundingClientRect();
      const side = document.querySelectorAll('.st-key-map_row [data-testid="stColumn"]')[1];
      const header = [...side.querySelectorAll('p')].find(p => p.textContent.startsWith('sitmap'));
      return widgets.height > 0 && widgets.bottom <= header.getBoundingClientRect().top;
    }"""
    )


def test_turning_location_uncertainty_off_leaves_no_footprint(page, guard, streamlit_server):
    url = streamlit_server(APP)
    page.goto(f"{url}/?overlays=zone,lines,uncertainty")
    layer_ids(page)
    assert map_frame(page).evaluate(_FOOTPRINTS) > 0  # the bundled country-level events are areas
    page.goto(f"{url}/?overlays=zone,lines")
    got = layer_ids(page)
    assert map_frame(page).evaluate(_FOOTPRINTS) == 0
    assert len(got["ids"]) == 9  # the vague events are still the layer's (list, counts), only not drawn


# The page's preload links, and the files the map's frame loaded from the app's static folder.
_PRELOADED = "() => [...document.head.querySelectorAll('link[rel=preload]')].map(l => [l.as, l.href])"
_FRAME_FILES = """() => [
  ...[...document.querySelectorAll('script[src]')].map(s => ['script', s.src]),
  ...[...document.querySelectorAll('link[rel=stylesheet]')].map(l => ['style', l.href]),
].filter(([, url]) => url.includes('/app/static/'))"""


def test_the_page_preloads_exactly_the_files_the_map_frame_loads(page, guard, streamlit_server):
    """The map's files start loading with the page's first elements, not after the frame's own code."""
    page.goto(streamlit_server(APP))
    layer_ids(page)
    frame_files = sorted(map(tuple, map_frame(page).evaluate(_FRAME_FILES)))
    preloaded = sorted(t for t in map(tuple, page.evaluate(_PRELOADED)) if "/app/static/" in t[1])
    assert any("/sitmap-base/base-" in url for _, url in frame_files)  # leaflet.js and the base map's script
    assert preloaded == frame_files
    wrapper = page.locator("div:has(> .st-key-sitmap_map_preload)")  # a flex item: hidden, it takes no gap
    assert wrapper.count() == 1 and wrapper.is_hidden()
    assert not guard.console_errors and not guard.page_errors, (guard.console_errors, guard.page_errors)


# Every map iframe ever added to the page (a remount replaces the element: a new frame, a reloaded map).
_COUNT_MAP_FRAMES = """(() => { window.__mapFrames = 0; const seen = new WeakSet();
  new MutationObserver(() => document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')
    .forEach(f => { if (!seen.has(f)) { seen.add(f); window.__mapFrames += 1; } }))
  .observe(document, {subtree: true, childList: true}); })()"""


def test_the_time_bar_comes_after_the_first_map_without_reloading_it(page, guard, streamlit_server):
    """A first visit draws the map before the time widgets and bar (their code would hold the map's frame
    back); when they come, the map's frame is the same one."""
    page.add_init_script(_COUNT_MAP_FRAMES)
    page.goto(streamlit_server(APP))
    layer_ids(page)  # the map drawn, and the rest of the page in (the first-paint note gone)
    page.locator("canvas.tb-hist").wait_for(timeout=TIMEOUT_MS)
    page.locator(".st-key-w_window").wait_for(timeout=TIMEOUT_MS)
    assert page.evaluate("window.__mapFrames") == 1
    assert not guard.console_errors and not guard.page_errors, (guard.console_errors, guard.page_errors)


# In the map's frame: how many paths the offline basemap's land pane holds when the events layer is added
# (`sitmapEvents.add` is assigned after the object itself, so the property is watched, not the object).
_LAND_AT_EVENTS = """(() => { let events;
  Object.defineProperty(window, "sitmapEvents", {configurable: true, get() { return events; }, set(v) {
    events = v; let add;
    const wrapped = function (...args) {
      if (window.__landAtEvents === undefined) {
        window.__landAtEvents = document.querySelectorAll(".leaflet-sitmap-basemap-pane path").length;
      }
      return add.apply(this, args);
    };
    Object.defineProperty(v, "add", {configurable: true, get() { return add && wrapped; },
                                      set(f) { add = f; }});
  }}); })()"""
_LAND_NOW = "() => document.querySelectorAll('.leaflet-sitmap-basemap-pane path').length"
_DEFERRED_DONE = "() => !!window.map && !(window.sitmapCommon && window.sitmapCommon.pending)"


def test_the_events_are_drawn_before_the_offline_land(page, guard, streamlit_server):
    """The land's SVG (~16k vertices) is drawn one frame after the events, never before them (issue 13: the
    first map); it is all there once the deferred layers are in."""
    page.add_init_script(_LAND_AT_EVENTS)
    page.goto(streamlit_server(APP))
    layer_ids(page)
    frame = map_frame(page)
    frame.wait_for_function(_DEFERRED_DONE, timeout=TIMEOUT_MS)
    assert frame.evaluate("() => window.__landAtEvents") == 0
    assert frame.evaluate(_LAND_NOW) >= 30  # the region's countries (35 land features in geodata/)
    assert not guard.console_errors and not guard.page_errors, (guard.console_errors, guard.page_errors)


# In the map's frame: the characters of JSON text parsed before the events layer is added, and in all.
_PARSED_AT_EVENTS = """(() => { const parse = JSON.parse; window.__parsedChars = 0;
  JSON.parse = function (text, ...rest) {
    window.__parsedChars += String(text).length;
    return parse.call(this, text, ...rest);
  };
  let events;
  Object.defineProperty(window, "sitmapEvents", {configurable: true, get() { return events; }, set(v) {
    events = v; let add;
    const wrapped = function (...args) {
      if (window.__parsedAtEvents === undefined) { window.__parsedAtEvents = window.__parsedChars; }
      return add.apply(this, args);
    };
    Object.defineProperty(v, "add", {configurable: true, get() { return add && wrapped; },
                                      set(f) { add = f; }});
  }}); })()"""


def test_the_deferred_layers_data_is_parsed_after_the_events(page, guard, streamlit_server):
    """The land's and admin-1's GeoJSON (~0.9 MB of JSON text, 20-40 ms of parsing under load) is parsed in
    the frame after the events are drawn, with the drawing it feeds, not while the base map's script runs
    (issue 13: the first map); the layers are all there once the deferred ones are in."""
    page.add_init_script(_PARSED_AT_EVENTS)
    page.goto(streamlit_server(APP))
    layer_ids(page)
    frame = map_frame(page)
    frame.wait_for_function(_DEFERRED_DONE, timeout=TIMEOUT_MS)
    before, total = frame.evaluate("() => [window.__parsedAtEvents, window.__parsedChars]")
    assert total > 500_000  # the deferred layers' text was parsed, after the events
    assert before < 200_000, f"{before:,} characters of JSON parsed before the events layer"
    assert frame.evaluate(_LAND_NOW) >= 30
    assert frame.evaluate("() => document.querySelectorAll('.leaflet-sitmap-admin-pane path').length") > 0
    assert not guard.console_errors and not guard.page_errors, (guard.console_errors, guard.page_errors)
