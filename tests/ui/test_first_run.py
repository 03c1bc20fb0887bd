"""A browser's first run of the map page holds the map and nothing whose code the browser must fetch before it
shows that run's elements (the time widgets, the time bar); they come with the rest of the page, after the
map, so the map keeps its place in the page and is not remounted (issue 13: the first map)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sitmap.ui import keys, state
from sitmap.ui.state import K_WINDOW

ROOT = Path(__file__).resolve().parents[2]
MAP = "component_instance"  # streamlit-folium's map (a v1 component)
# Widget kinds whose code Streamlit fetches the first time one is shown (the slider's, the pills', the
# buttons', the v2 components' with their Arrow code), all of which the time widgets and the time bar use.
TIME_KINDS = {"slider", "button_group", "button", "popover", "radio", "select_slider", "bidi_component"}


def _elements(node, path: tuple[int, ...] = ()) -> list[tuple[tuple[int, ...], str, str | None]]:
    """Every element and block under `node` as (delta path, kind, key), in page order."""
    out = []
    for index, child in sorted(getattr(node, "children", {}).items()):
        out.append(((*path, index), child.type, getattr(child, "key", None)))
        out += _elements(child, (*path, index))
    return out


def _path(elements, kind: str, key: str | None = None) -> tuple[int, ...]:
    found = [p for p, k, name in elements if k == kind and (key is None or name == key)]
    assert len(found) == 1, (kind, key, found)
    return found[0]


@pytest.fixture
def first_then_full(monkeypatch: pytest.MonkeyPatch):
    """The app's first run as a browser gets it (AppTest sends no headers, so its runs draw everything),
    then the run the map's first report triggers; the element list of each."""
    monkeypatch.setenv("SITMAP_EVENTS", str(ROOT / "events"))
    monkeypatch.setenv("SITMAP_LIVE_SECONDS", "0")
    ready = {"now": False}
    monkeypatch.setattr(state, "secondary_ready", lambda: ready["now"])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    first = _elements(at._tree)
    ready["now"] = True
    at.run()
    assert not at.exception, at.exception
    return first, _elements(at._tree)


def test_the_first_run_draws_the_map_and_no_time_widget(first_then_full) -> None:
    first, _ = first_then_full
    kinds = {kind for _, kind, _ in first}
    assert MAP in kinds
    assert not kinds & TIME_KINDS, kinds & TIME_KINDS


def test_the_time_widgets_and_bar_follow_the_map_without_moving_it(first_then_full) -> None:
    first, full = first_then_full
    map_path = _path(first, MAP)
    assert _path(full, MAP) == map_path  # the same place: the map's frame is kept, not reloaded
    slider = _path(full, "slider", K_WINDOW)
    bar = _path(full, "bidi_component", keys.TIMEBAR)
    assert map_path[:-2] == slider[: len(map_path) - 2] == bar[: len(map_path) - 2]  # the map's column
    assert map_path < slider and map_path < bar


def test_a_new_sessions_first_run_reaches_the_map_without_filtering_or_hashing_the_events(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another analyst (or a new tab) opening the same store: the page's work before the map's element is
    sent is on the first map's critical path. The filters' events over all times and the events layer
    another session made are found by identity, so nothing filters or hashes the store's events before the
    map; the window's count for the header follows the map."""
    from sitmap.ui.map import folium_bridge, page, shown, timebar_component
    from sitmap.ui.map import view as map_view

    monkeypatch.setenv("SITMAP_EVENTS", str(ROOT / "events"))
    monkeypatch.setenv("SITMAP_LIVE_SECONDS", "0")
    monkeypatch.setattr(state, "secondary_ready", lambda: False)
    calls: list[str] = []

    def counted(name, fn):
        def wrapper(*args, **kwargs):
            calls.append(name)
            return fn(*args, **kwargs)

        return wrapper

    for module in (page, shown, timebar_component):  # every caller of the filters on the map page
        if hasattr(module, "apply_view"):
            monkeypatch.setattr(module, "apply_view", counted("filter", module.apply_view))
    monkeypatch.setattr(map_view, "_content_key", counted("hash", map_view._content_key))
    monkeypatch.setattr(folium_bridge, "show", counted("map", folium_bridge.show))
    sessions = []
    for _ in range(2):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        calls.clear()
        at.run()
        assert not at.exception, at.exception
        sessions.append(list(calls))
    assert "filter" in sessions[0] and "map" in sessions[0]  # the first session did the work
    second = sessions[1]
    assert "map" in second
    before_map = second[: second.index("map")]
    assert before_map == [], before_map
    header = [m.value for m in at.markdown if "events ·" in m.value]
    assert len(header) == 1 and " of " in header[0]  # the count is still there, after the map
