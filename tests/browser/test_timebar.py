"""The time bar under the map (issue 13): stepping and dragging filter the map in the browser, with no
server round trip and no new events layer; Python hears the window on release (URL, list, header), and
reruns only what depends on the window, never the page or the map."""

from __future__ import annotations

import os
import shutil

import pytest

from sitmap.store.files import event_files
from sitmap.store.postgis import PostgisStore
from sitmap.store.write import read_event_file
from tests.browser.test_dashboard import APP, ROOT, RUWA, TELL, TIMEOUT_MS, layer_ids, map_frame
from tests.store.conftest import postgis_test_url

pytestmark = pytest.mark.browser

# In the page, in one synchronous task: press → on the map right away, before anything could reach the
# server (the bar tells Python only after a debounce; `commits` counts what it told).
_STEP_AND_READ = """() => {
  const host = document.querySelector('.st-key-sitmap_timebar');
  const canvas = (host.querySelector('canvas.tb-hist')
                  || [...host.querySelectorAll('*')].map(e => e.shadowRoot).filter(Boolean)
                       .map(r => r.querySelector('canvas.tb-hist')).find(Boolean));
  const before = window.sitmapTimebarStats.commits;
  canvas.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}));
  const map = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow;
  const st = map.sitmapEvents.live[map.sitmapEvents.live.length - 1], w = map.sitmapTime.current();
  return {shown: st.P.id.filter((_, i) => map.sitmapTime.shows(st.P, i, w)),
          commitsBefore: before, commitsAfter: window.sitmapTimebarStats.commits};
}"""


Sent = list[tuple[tuple[int, ...], str]]


def record_runs(page) -> list[tuple[list[str], Sent]]:
    """Watch the page's websocket: per script run the server starts, (the fragments it reruns: none for the
    whole page; the elements it sends, as (delta path, component name or "")), in order. An element the
    browser already holds travels as a reference to it (`ref_hash`), with its path."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    runs: list[tuple[list[str], Sent]] = []

    def received(payload: bytes | str) -> None:
        if isinstance(payload, str):
            return
        msg = ForwardMsg()
        msg.ParseFromString(payload)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            runs.append((list(msg.metadata.run.fragment_ids), []))
        elif kind in ("delta", "ref_hash") and runs:
            element = msg.delta.new_element if kind == "delta" else None
            name = ""
            if element is not None and element.WhichOneof("type") == "component_instance":
                name = element.component_instance.component_name
            runs[-1][1].append((tuple(msg.metadata.delta_path), name))

    page.on("websocket", lambda ws: ws.on("framereceived", received))
    return runs


_MARK = "() => { window.__sameMap = true; window.__layer = window.sitmapEvents.live.at(-1); }"
_SAME = "() => window.__sameMap === true && window.sitmapEvents.live.at(-1) === window.__layer"


def _postgis_server(streamlit_server, tmp_path) -> str:
    """The app on the bundled events imported into the PostGIS test database (skipped without one)."""
    url = postgis_test_url(os.environ.get("PYTEST_XDIST_WORKER", "main") + "_timebar")
    events = tmp_path / "events"
    shutil.copytree(ROOT / "events", events)  # the reports stay in the folder; the events are in the database
    pairs = [
        (f, str(p.relative_to(events))) for p in event_files(events) for f in read_event_file(p)[0] or ()
    ]
    with PostgisStore(url, init=True) as db:
        db.import_features(pairs, user="setup", why="test data", source=str(events))
    return str(streamlit_server(APP, events_dir=events, env={"SITMAP_DATABASE_URL": url}))


# On PostGIS too (issue 12): the map asks the database for its layer, and a release whose window the layer
# already holds reruns the window's panels alone, as on the embedded store.
@pytest.mark.parametrize("backend", ["embedded", "postgis"])
def test_stepping_the_time_bar_filters_the_map_in_the_browser(
    page, guard, streamlit_server, screenshot, backend, tmp_path
):
    url = streamlit_server(APP) if backend == "embedded" else _postgis_server(streamlit_server, tmp_path)
    runs = record_runs(page)
    page.goto(f"{url}/?start=2025-03-03&end=2025-03-03")
    layer_ids(page, {TELL})
    page.wait_for_function("() => location.search.includes('center=')", timeout=TIMEOUT_MS)  # map reported
    page.locator("canvas.tb-hist").wait_for(timeout=TIMEOUT_MS)
    frame = map_frame(page)
    frame.evaluate(_MARK)
    while True:  # the map's first reports have been answered: no run for a second
        before = len(runs)
        page.wait_for_timeout(1000)
        if len(runs) == before:
            break
    got = page.evaluate(_STEP_AND_READ)
    assert got["shown"] == [RUWA]  # 3 → 4 March: the patrol, not the raid, already on the map
    assert got["commitsAfter"] == got["commitsBefore"]  # ...and Python has not been told yet
    # After the debounce: the URL, the header and the list follow, and the map was neither reloaded nor
    # sent a new events layer.
    page.wait_for_function("() => location.search.includes('end=2025-03-04')", timeout=TIMEOUT_MS)
    page.get_by_text("04 Mar 2025 – 04 Mar 2025").first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(1000)
    assert frame.evaluate(_SAME)
    # The release reran fragments only (the window's panels), never the whole page: the run Streamlit
    # starts for the bar's message is replaced by the fragments' before it draws anything. No map element.
    maps = {path for _, sent in runs[:before] for path, name in sent if name.endswith("st_folium")}
    after = runs[before:]
    assert maps and any(fragments and sent for fragments, sent in after), (maps, after)
    assert all(fragments or not sent for fragments, sent in after), after
    assert not maps & {path for _, sent in after for path, _ in sent}, after
    screenshot(page, "stepped")
    assert not guard.console_errors and not guard.page_errors, (guard.console_errors, guard.page_errors)


def test_dragging_across_the_time_bar_shows_the_whole_period_after_release(page, guard, streamlit_server):
    url = streamlit_server(APP)
    page.goto(f"{url}/?start=2025-03-03&end=2025-03-03")
    layer_ids(page, {TELL})
    page.wait_for_function("() => location.search.includes('center=')", timeout=TIMEOUT_MS)
    canvas = page.locator("canvas.tb-hist")
    canvas.scroll_into_view_if_needed()
    frame = map_frame(page)
    frame.evaluate(_MARK)
    box = canvas.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 1, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, y, steps=5)
    page.mouse.move(box["x"] + box["width"] - 1, y, steps=5)
    shown_while_dragging = layer_ids(page)["ids"]
    assert len(shown_while_dragging) > 2  # the map follows the drag before the mouse is released
    assert page.evaluate("() => window.sitmapTimebarStats.commits") == 0
    page.mouse.up()
    page.wait_for_function("() => window.sitmapTimebarStats.commits === 1", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => !new URLSearchParams(location.search).get('end')?.startsWith('2025-03-03')", timeout=TIMEOUT_MS
    )
    assert frame.evaluate(_SAME)
    assert not guard.page_errors


# In the page, every animation frame while the bar plays: how many events the map's time filter shows and
# how many markers it drew, the URL, and whether the bar told Python anything.
_PLAY_AND_WATCH = """() => new Promise(resolve => {
  const host = document.querySelector('.st-key-sitmap_timebar');
  const canvas = host.querySelector('canvas.tb-hist')
    || [...host.querySelectorAll('*')].map(e => e.shadowRoot).filter(Boolean)
         .map(r => r.querySelector('canvas.tb-hist')).find(Boolean);
  const root = canvas.getRootNode();
  const map = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow;
  const st = map.sitmapEvents.live.at(-1), T = map.sitmapTime, stats = window.sitmapTimebarStats;
  const commits = stats.commits, seen = [], urls = new Set();
  const look = () => {
    const w = T.current(), n = st.P.id.filter((_, i) => T.shows(st.P, i, w)).length;
    if (!seen.length || seen.at(-1)[0] !== n) { seen.push([n, st.drawn.length]); }
    urls.add(location.search);
  };
  look();
  root.querySelector('button[aria-label="Play"]').click();
  const tick = () => {
    look();
    if (root.querySelector('button[aria-label="Pause"]')) { requestAnimationFrame(tick); return; }
    resolve({seen, urls: [...urls], told: stats.commits - commits, total: st.P.id.length});
  };
  requestAnimationFrame(tick);
})"""


def test_playback_by_events_runs_in_the_browser_and_python_hears_only_the_end(page, guard, streamlit_server):
    url = streamlit_server(APP)
    page.goto(f"{url}/?start=2018-02-07&end=2018-02-07")
    page.wait_for_function("() => location.search.includes('center=')", timeout=TIMEOUT_MS)
    page.locator("canvas.tb-hist").wait_for(timeout=TIMEOUT_MS)
    page.locator('select[aria-label="Playback mode"]').select_option("cumulative")
    page.locator('select[aria-label="Playback speed"]').select_option("e10")  # 10 events a second
    frame = map_frame(page)
    frame.evaluate(_MARK)
    got = page.evaluate(_PLAY_AND_WATCH)
    counts = [n for n, _ in got["seen"]]
    # Event day by event day, the pile grows on the map (the Khasham attack alone first; at the end the nine
    # events that have a place)
    # while the URL stays as it was and the bar tells Python nothing until playback stops.
    assert counts[0] == 1 and counts[-1] == got["total"] == 9, got
    assert counts == sorted(counts) and len(counts) >= 5, got
    assert [d for _, d in got["seen"]] != [got["seen"][0][1]] * len(counts)  # the drawn markers changed
    assert len(got["urls"]) == 1 and got["told"] == 0, got
    # Then Python hears the end of playback (the whole period: the link drops its start and end), and the
    # page's window comes back equal to the bar's, on the same map; day 17569 is 2018-02-07.
    page.wait_for_function(
        "() => { const p = window.sitmapPythonWindow, w = window.sitmapTimeWindow;"
        " return p[0] === w[0] && p[1] === w[1] && w[0] === 17569 && !location.search.includes('end='); }",
        timeout=TIMEOUT_MS,
    )
    assert frame.evaluate(_SAME)
    assert not guard.page_errors
