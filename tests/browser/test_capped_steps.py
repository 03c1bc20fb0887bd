"""Time-bar steps over the cap (issue 13): with more than `MAP_MAX_EVENTS` events the map's layer holds an
aligned span of days around the window in the map's view (`sitmap.webmap.cells.window_span`). A day step
inside the span keeps that very layer in the map (Streamlit sends a reference, not the layer), a step past
it brings the next span's; after every step the map shows exactly the window's events in its view."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from sitmap.store import load_store
from sitmap.view.filtering import time_mask
from sitmap.webmap.cells import MAP_MAX_EVENTS, window_span
from tests.browser.layer_js import SHOWN_IDS
from tests.browser.test_dashboard import APP, TIMEOUT_MS, map_frame
from tests.browser.test_timebar import _MARK, _SAME, _STEP_AND_READ

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from app_e2e import latest_precise_day, write_events  # noqa: E402

pytestmark = pytest.mark.browser

DAYS = 30
# In the map's frame: the live layer's ids in the window, its ids, and the map's bounds (W, S, E, N).
_SEEN = (
    """() => { const st = window.sitmapEvents.live.at(-1); """
    + SHOWN_IDS
    + """ const b = window.map.getBounds();
  return {shown, held: st.P.id, bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]}; }"""
)


@pytest.fixture(scope="module")
def large_store(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("capped") / "events"
    write_events(MAP_MAX_EVENTS + 1_000, folder)
    return folder, load_store(folder).events


def _first_window(folder: Path) -> date:
    """A window start 90 days before the data's end, at the start of its span's first block, so the next
    day steps stay inside that span."""
    start = date.fromisoformat(latest_precise_day(folder)[:10]) - timedelta(days=90)
    while window_span(start, start + timedelta(days=DAYS - 1))[0] != start:
        start -= timedelta(days=1)
    return start


def _step(page, end: date) -> None:
    """One day step of the time bar, then the page settled with the window ending on `end`."""
    page.evaluate(_STEP_AND_READ)
    page.wait_for_function(f"() => location.search.includes('end={end}')", timeout=TIMEOUT_MS)
    _settle(page)


def _settle(page) -> None:
    page.wait_for_function(
        "() => !document.querySelector('[data-stale=\"true\"]')"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=TIMEOUT_MS,
    )
    page.wait_for_timeout(1000)  # a new layer, if one was sent, is in the map by now


def _assert_exactly_the_window(events, seen: dict, start: date, end: date) -> None:
    in_window = events[time_mask(events, start, end)]
    w, s, e, n = seen["bounds"]
    xs, ys = in_window.geometry.x, in_window.geometry.y
    in_view = set(in_window["id"][xs.between(w, e) & ys.between(s, n)])
    shown = set(seen["shown"])
    extra = events[events["id"].isin(shown - set(in_window["id"]))]
    assert shown <= set(in_window["id"]), (start, end, extra[["id", "start", "end"]].to_string())
    assert in_view <= shown  # every window event in the map's view
    assert len(seen["held"]) <= MAP_MAX_EVENTS


def test_day_steps_over_the_cap_keep_the_layer_inside_its_span(page, guard, streamlit_server, large_store):
    folder, events = large_store
    assert len(events) > MAP_MAX_EVENTS
    url = streamlit_server(APP, folder)
    start = _first_window(folder)
    end = start + timedelta(days=DAYS - 1)
    page.goto(f"{url}/?start={start}&end={end}")
    page.wait_for_function("() => location.search.includes('center=')", timeout=TIMEOUT_MS)
    page.locator("canvas.tb-hist").wait_for(timeout=TIMEOUT_MS)
    _settle(page)  # after the map's first report
    frame = map_frame(page)
    frame.evaluate(_MARK)
    span = window_span(start, end)
    steps = 0
    while window_span(start + timedelta(days=steps + 1), end + timedelta(days=steps + 1)) == span:
        steps += 1
        _step(page, end + timedelta(days=steps))
        assert frame.evaluate(_SAME), f"a new layer after {steps} day step(s) inside the span"
        _assert_exactly_the_window(
            events, frame.evaluate(_SEEN), start + timedelta(days=steps), end + timedelta(days=steps)
        )
    assert steps >= 3
    steps += 1
    _step(page, end + timedelta(days=steps))  # past the span: the next span's layer
    assert not frame.evaluate(_SAME)
    _assert_exactly_the_window(
        events, frame.evaluate(_SEEN), start + timedelta(days=steps), end + timedelta(days=steps)
    )
    assert not guard.console_errors and not guard.page_errors, (guard.console_errors, guard.page_errors)
