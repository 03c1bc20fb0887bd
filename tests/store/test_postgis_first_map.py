"""On PostGIS, no run of the map page reads the whole events table (`FrameFollower.frame`, or a COPY of
every row): a browser's first run (header, time bar, map) asks the database only for what it shows, and so
do the runs after it (the list's page, the feed, the filter choices, the report panel, a release, a filter
change, a page turn)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from benchmarks.store_scale import features_of
from sitmap.store import postgis, postgis_follow
from sitmap.ui import state
from sitmap.ui.text import md_escape
from sitmap.view import View

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app_on_postgis(pg, pg_url, tmp_path, monkeypatch):
    pg.import_features(features_of(12_000), user="t", why="seed", source="test")  # over the layer's cap
    (tmp_path / "events").mkdir()
    monkeypatch.setenv("SITMAP_EVENTS", str(tmp_path / "events"))
    monkeypatch.setenv("SITMAP_GEODATA", str(ROOT / "geodata"))
    monkeypatch.setenv("SITMAP_DATABASE_URL", pg_url)
    monkeypatch.setenv("SITMAP_LIVE_SECONDS", "0")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield pg
    st.cache_resource.clear()
    st.cache_data.clear()


def _watch_whole_reads(monkeypatch) -> list[str]:
    """What reads every row of the table from now on: the follower's frame, or a COPY without a condition
    or a limit (a page of the list is a COPY with LIMIT)."""
    from sitmap.store import postgis_view

    whole: list[str] = []
    monkeypatch.setattr(postgis_follow.FrameFollower, "frame", lambda self, key=None: whole.append("frame"))
    real_copy = postgis.copy_frame

    def copy(conn, where, params, order):  # every row the SQL selects, in bulk: never the whole table
        if where.strip() == "TRUE" and "LIMIT" not in order:
            whole.append(where)
        return real_copy(conn, where, params, order)

    monkeypatch.setattr(postgis, "copy_frame", copy)
    monkeypatch.setattr(postgis_view, "copy_frame", copy, raising=False)
    return whole


def _header(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "events ·" in m.value)


def test_the_first_map_never_reads_the_whole_table(app_on_postgis, monkeypatch) -> None:
    whole = _watch_whole_reads(monkeypatch)
    monkeypatch.setattr(state, "secondary_ready", lambda: False)  # a browser's first run (AppTest has none)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert whole == []
    in_window = app_on_postgis.query(_default_view(at))
    assert f"{len(in_window)} of 12000 events" in _header(at)


def test_the_first_map_comes_without_the_time_widgets(app_on_postgis, monkeypatch) -> None:
    """As on the embedded store (`tests/ui/test_first_run.py`): the time widgets and bar, whose code the
    browser fetches before it shows the run's map, come in the run after the map's first report."""
    from sitmap.ui.keys import TIMEBAR

    ready = {"now": False}
    monkeypatch.setattr(state, "secondary_ready", lambda: ready["now"])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert len(at.get("component_instance")) == 1  # the map
    assert not at.slider and not at.get("bidi_component") and not at.button
    ready["now"] = True
    at.run()
    assert not at.exception, at.exception
    assert at.slider(key=state.K_WINDOW).value == tuple(at.session_state[state.K_WINDOW])
    assert [b.key for b in at.get("bidi_component")][0] == TIMEBAR


def test_no_later_run_reads_the_whole_table(app_on_postgis, monkeypatch) -> None:
    from sitmap.ui.keys import LIST_PAGE
    from sitmap.ui.map.event_list import PAGE_ROWS

    whole = _watch_whole_reads(monkeypatch)
    ready = {"now": False}
    monkeypatch.setattr(state, "secondary_ready", lambda: ready["now"])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()  # the first map
    ready["now"] = True
    at.run()  # the map has drawn: the whole page (list, feed, choices, report panel, downloads)
    assert not at.exception, at.exception
    view = _default_view(at)
    in_window = app_on_postgis.query(view)
    assert f"{len(in_window)} of 12000 events" in _header(at)
    listed = at.dataframe[-1].value  # the list's first page: the window's first events in time order
    assert list(listed["id"]) == list(in_window["id"].head(len(listed)))
    choices = at.multiselect(key=state.LIST_KEYS["event_types"]).options
    assert len(choices) > 1  # the sidebar's choices, from SQL

    wide = View(start=view.start - timedelta(days=400), end=view.end)
    at.session_state[state.K_WINDOW] = (wide.start, wide.end)  # a release: another window
    at.run()
    assert not at.exception, at.exception
    in_wide = app_on_postgis.query(wide)
    assert len(in_wide) > 2 * PAGE_ROWS  # pages to turn
    assert f"{len(in_wide)} of 12000 events" in _header(at)

    at.number_input(key=LIST_PAGE).set_value(2).run()  # a page turn
    assert not at.exception, at.exception
    page = at.dataframe[-1].value
    assert list(page["id"]) == list(in_wide["id"].iloc[PAGE_ROWS : 2 * PAGE_ROWS])

    kind = sorted(set(in_wide["event_type"]))[0]
    at.multiselect(key=state.LIST_KEYS["event_types"]).set_value([kind]).run()  # a filter change
    assert not at.exception, at.exception
    narrowed = app_on_postgis.query(wide.with_(event_types=(kind,)))
    assert f"{len(narrowed)} of 12000 events" in _header(at)
    assert whole == []


def _default_view(at: AppTest) -> View:
    from datetime import date

    start, end = at.session_state[state.K_WINDOW]
    assert isinstance(start, date) and (end - start).days < 40  # a large store opens on its latest month
    return View(start=start, end=end)


def test_the_selected_events_card_from_sql(app_on_postgis, monkeypatch) -> None:
    """A link's selected event: its card from its row alone, said to be outside the window when it is."""
    frame = app_on_postgis.query(View())
    whole = _watch_whole_reads(monkeypatch)
    monkeypatch.setattr(state, "secondary_ready", lambda: True)
    for event_id, outside in ((frame["id"].iloc[-1], False), (frame["id"].iloc[0], True)):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params["selected"] = event_id
        at.run()
        assert not at.exception, at.exception
        card = " ".join(c.value for c in at.caption)
        summary = frame.loc[frame["id"] == event_id, "summary"].iloc[0]
        assert any(m.value == md_escape(summary) for m in at.markdown)  # its card
        assert ("Outside the current window" in card) is outside
    assert whole == []


def test_a_release_reruns_the_map_only_when_its_layer_must_change(app_on_postgis, monkeypatch) -> None:
    """What `timebar_component._released` asks of a database's map before it reruns the window's panels
    alone (issue 12), as `tests/ui/test_page_caps.py` asks it of the embedded store's: over the layer's cap,
    a window in the same span of days needs no new layer, another span or counts per cell do."""
    from sitmap.ui import keys
    from sitmap.ui.map import view as map_view
    from sitmap.webmap.cells import window_span

    monkeypatch.setattr(state, "secondary_ready", lambda: True)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    view = _default_view(at)
    built = at.session_state[keys.EVENTS_LAYER_MEMO][2]
    assert built.kind == "window" and built.span == window_span(view.start, view.end)
    source = at.session_state[keys.TIMEBAR_SOURCE]
    assert source is not None  # the database's page hands the bar its map's source

    copied = (keys.EVENTS_LAYER_MEMO, keys.S_ZOOM, keys.S_MAP_BOUNDS)
    for key in copied:  # Streamlit's bare-mode session state, holding what the page left
        st.session_state[key] = at.session_state[key] if key in at.session_state else None  # noqa: SIM401
    try:

        def changes(start, end) -> bool:
            return map_view.layer_follows_window(source, View(start=start, end=end))

        first, last = built.span
        length = view.end - view.start
        assert not changes(view.start, view.end)  # the window the map holds
        assert not changes(first, first + length)  # another window of the same span
        assert changes(last + timedelta(days=1), last + timedelta(days=1) + length)  # the next span
        assert changes(None, None)  # the whole period: over the cap, counts per cell
    finally:
        for key in copied:
            del st.session_state[key]
