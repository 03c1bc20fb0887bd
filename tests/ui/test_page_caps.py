"""A large store's page stays small: the event list a page at a time, the map's layer capped
(`sitmap.webmap.cells`). Driven with small caps so the bundled events are "large"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sitmap.ui.keys import LIST_PAGE
from sitmap.ui.map import event_list
from sitmap.webmap import cells

ROOT = Path(__file__).resolve().parents[2]
ALL = {"start": "2010-01-01", "end": "2026-12-31"}


@pytest.fixture
def small_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITMAP_EVENTS", str(ROOT / "events"))
    monkeypatch.setattr(event_list, "PAGE_ROWS", 4)
    monkeypatch.setattr(cells, "MAP_MAX_EVENTS", 3)


def _run(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.run()  # the rest of the page follows the map's first run (sitmap.ui.state.secondary_ready)
    assert not at.exception, at.exception
    return at


def test_the_event_list_shows_a_page_at_a_time(small_caps) -> None:
    at = _run(ALL)
    first = at.dataframe[-1].value["id"].tolist()
    assert len(first) == 4
    at.number_input(key=LIST_PAGE).set_value(3).run()
    last = at.dataframe[-1].value["id"].tolist()
    assert len(last) == 2 and not set(first) & set(last)  # 10 events: 4, 4, 2
    assert any("9–10 of 10" in c.value for c in at.caption)


def test_the_map_layer_counts_per_cell_when_the_window_holds_too_many(small_caps) -> None:
    at = _run(ALL)
    assert at.session_state["_sitmap_events_layer"][2].kind == "cells"  # what the layer holds
    narrow = _run({"start": "2025-03-03", "end": "2025-03-04"})  # two events: drawn one by one
    assert narrow.session_state["_sitmap_events_layer"][2].kind == "window"


def _layer(params: dict[str, str]) -> tuple[object, str]:
    """The events layer a page with this window draws, and its script (what the component receives)."""
    from sitmap.ui.map.folium_bridge import _group_script

    layer = _run(params).session_state["_sitmap_events_layer"][1]
    return layer, _group_script(layer)


def test_a_day_step_inside_the_span_reuses_the_same_layer_object(small_caps) -> None:
    # Over the cap (3 of 10 events): the layer holds the span 2025-02-25..03-06 for both windows, although
    # the second window holds one event more (the 03-04 patrol); the browser applies the window itself.
    # The same object is the same component message: Streamlit sends a reference, not the layer (issue 13).
    before, script = _layer({"start": "2025-02-25", "end": "2025-03-03"})
    after, _ = _layer({"start": "2025-02-26", "end": "2025-03-04"})
    assert after is before
    assert "syr-2025-03-03-tell-al-mal-raid" in script and "syr-2025-03-04-ruwaihaniya-patrol" in script
    assert "rus-2025-01-strategic-partnership" not in script  # outside the span: not in the layer


def test_a_step_past_the_span_builds_the_new_spans_layer(small_caps) -> None:
    before, script = _layer({"start": "2025-01-25", "end": "2025-02-25"})  # span 01-24..03-04: 3 events
    assert "rus-2025-01-strategic-partnership" in script
    after, moved = _layer({"start": "2025-02-01", "end": "2025-03-04"})  # span 02-01..03-12: the month is out
    assert after is not before
    assert "rus-2025-01-strategic-partnership" not in moved and "syr-2025-03-04-ruwaihaniya-patrol" in moved


def _follows(at: AppTest, start: str, end: str) -> bool:
    """`layer_follows_window` for the page `at` drew, asked about another window (outside a script run,
    in Streamlit's bare-mode session state, holding what the page left)."""
    import streamlit as st

    from sitmap.ui import keys
    from sitmap.ui.map.view import layer_follows_window
    from sitmap.view import View

    copied = (keys.EVENTS_LAYER_MEMO, keys.S_ZOOM, keys.S_MAP_BOUNDS)
    for key in copied:
        st.session_state[key] = at.session_state[key] if key in at.session_state else None  # noqa: SIM401
    try:
        all_times = at.session_state[keys.TIMEBAR_ALL_TIMES][2]
        return layer_follows_window(
            all_times, View(start=date.fromisoformat(start), end=date.fromisoformat(end))
        )
    finally:
        for key in copied:
            del st.session_state[key]


def test_a_release_reruns_the_map_only_when_its_layer_must_change(small_caps, monkeypatch) -> None:
    # What `timebar_component._released` asks before it reruns the window's panels alone (issue 13).
    at = _run({"start": "2025-02-25", "end": "2025-03-03"})  # over the cap: span 2025-02-25..03-06
    assert not _follows(at, "2025-02-26", "2025-03-04")  # the same span: the browser applies the window
    assert _follows(at, "2025-02-01", "2025-03-04")  # another span: the map needs its new layer
    assert _follows(at, "2010-01-01", "2026-12-31")  # too many in the window: counts per cell
    monkeypatch.setattr(cells, "MAP_MAX_EVENTS", 8_000)
    whole = _run({"start": "2025-02-25", "end": "2025-03-03"})  # under the cap: the layer holds all times
    assert not _follows(whole, "2010-01-01", "2026-12-31")
    assert not _follows(whole, "2025-03-04", "2025-03-04")
