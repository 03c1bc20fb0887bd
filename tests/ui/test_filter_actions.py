"""Filters that move the map (issue 13): zoom to results, reset all, a filter change that empties the map's
view moves it, and a zero-result state that says which filter to loosen."""

from __future__ import annotations

import pytest
import streamlit as st

from sitmap.snapshot.extent import map_extent
from sitmap.store.load import load_store
from sitmap.ui import state
from sitmap.ui.keys import FILTERS_LAST, S_MAP_BOUNDS
from sitmap.ui.map import filter_actions
from sitmap.ui.map.shown import FrameShown
from sitmap.view import View, apply_view
from sitmap.view.loosen import loosenings
from tests.ui.test_app import ROOT, app, listed  # noqa: F401  (app is a fixture)

EVENTS = load_store(ROOT / "events").events
GOLAN = (35.6, 32.9, 36.2, 33.3)  # W, S, E, N: the map's view around the Area of Separation


def test_loosenings_count_what_each_filter_hides():
    view = View(event_types=("airstrike",), countries=("Yemen",))
    assert len(apply_view(EVENTS, view)) == 0
    found = {lo.title: lo.count for lo in loosenings(EVENTS, view)}
    assert found == {"Country": 2, "Event type": 1}  # two Iranian airstrikes; the Houthi shipping attack


@pytest.fixture
def session(monkeypatch: pytest.MonkeyPatch) -> dict:
    ss: dict = {S_MAP_BOUNDS: GOLAN}
    monkeypatch.setattr(st, "session_state", ss)
    return ss


def test_a_filter_change_that_empties_the_view_moves_the_map_to_the_results(session):
    golan = View(countries=("Syria",))
    filter_actions.follow(golan, FrameShown(EVENTS, golan))  # first run: remembered, nothing moves
    assert state.S_TARGET not in session and session[FILTERS_LAST]
    iran = View(countries=("Iran",))
    filter_actions.follow(iran, FrameShown(EVENTS, iran))
    (lat, lon), zoom = session[state.S_TARGET]
    assert 28 < lat < 38 and 44 < lon < 60 and 3 <= zoom <= 8  # on Iran, not the Golan


def test_a_filter_change_that_keeps_events_in_view_leaves_the_map(session):
    filter_actions.follow(View(), FrameShown(EVENTS, View()))
    raid = View(event_types=("raid",))
    filter_actions.follow(raid, FrameShown(EVENTS, raid))
    assert state.S_TARGET not in session


def test_zero_results_say_what_to_loosen_and_reset_all_brings_everything_back(app):  # noqa: F811
    at = app()
    at.multiselect(key="w_event_types").set_value(["airstrike"]).run()
    at.multiselect(key="w_countries").set_value(["Yemen"]).run()
    warning = " ".join(w.value for w in at.warning)
    assert "No events match" in warning and "Country" in warning and "2 events" in warning
    # Without the type filter one event (Yemen's attack on shipping) is left: "1 event", not "1 events".
    assert "Event type**: 1 event" in warning and "1 events" not in warning
    at.button(key="filters_reset_all").click().run()
    assert len(listed(at)) == 10
    assert at.multiselect(key="w_event_types").value == [] and at.multiselect(key="w_countries").value == []
    assert at.button(key="filters_zoom_to_results").disabled is False


def test_zoom_to_results_moves_the_map_to_the_filtered_events(app):  # noqa: F811
    at = app()
    at.multiselect(key="w_countries").set_value(["Iran"]).run()
    view = View(start=at.session_state[state.K_WINDOW][0], end=at.session_state[state.K_WINDOW][1])
    expected = filter_actions.results_target(FrameShown(EVENTS, view.with_(countries=("Iran",))))
    assert expected is not None
    at.button(key="filters_zoom_to_results").click().run()
    assert not at.exception, at.exception
    assert at.session_state[state.S_TARGET] == expected


def test_zoom_to_results_with_no_located_event_says_so_and_stays(session):
    unlocated = EVENTS.head(2).assign(geometry=None)
    filter_actions._zoom_to_results(FrameShown(unlocated, View()))
    assert state.S_TARGET not in session


def test_a_link_with_no_place_opens_the_map_on_the_events_drawn_on_the_basemap(app):  # noqa: F811
    """The bundled store reaches from the Red Sea (10.7° N) to a meeting in Moscow: the first view holds
    the Red Sea and the Golan (the fixed region view left Yemen off-screen) and leaves Moscow out."""
    at = app()
    (lat, lon), zoom = at.session_state[state.S_TARGET]
    w, s, e, n = map_extent((lat, lon), zoom, (filter_actions.RESULTS_WIDTH_PX, 540))
    assert w <= 35.88 and e >= 53.7 and s <= 10.7 and n >= 33.1  # Golan, Isfahan, the Red Sea
    assert n < 55.0  # not stretched to Moscow


def test_a_link_with_a_place_keeps_it(app):  # noqa: F811
    at = app({"center": "33.07,35.88", "zoom": "11"})
    assert at.session_state[state.S_TARGET] == ((33.07, 35.88), 11)
