"""What the map reports becomes the link and the snapshot's frame only once the map has applied the view it
was asked for (sitmap.ui.map.view): the component's first report is the base map's default region."""

from __future__ import annotations

import pytest
import streamlit as st

from sitmap.ui import state
from sitmap.ui.keys import S_MAP_BOUNDS
from sitmap.ui.map import view as map_view
from sitmap.view import View

LINK = View(selected="x", center=(33.07, 35.88), zoom=11)
DEFAULT_REGION = {  # what the component reports before it has moved the map
    "center": {"lat": 31.50363, "lng": 42.01172},
    "zoom": 5,
    "bounds": {"_southWest": {"lat": 25.0, "lng": 30.0}, "_northEast": {"lat": 38.0, "lng": 54.0}},
}
AT_LINK = {
    "center": {"lat": 33.07001, "lng": 35.87999},
    "zoom": 11,
    "bounds": {"_southWest": {"lat": 32.9, "lng": 35.6}, "_northEast": {"lat": 33.2, "lng": 36.1}},
}


@pytest.fixture
def session(monkeypatch: pytest.MonkeyPatch) -> tuple[dict, list[View]]:
    ss: dict = {state.S_TARGET: (LINK.center, LINK.zoom), state.S_CENTER: LINK.center, state.S_ZOOM: 11}
    written: list[View] = []
    monkeypatch.setattr(st, "session_state", ss)
    monkeypatch.setattr(state, "write_url", written.append)
    return ss, written


def test_the_default_region_reported_before_the_link_is_applied_is_ignored(session):
    ss, written = session
    map_view._follow_position(DEFAULT_REGION, LINK)
    assert written == [] and ss[state.S_ZOOM] == 11 and ss[state.S_CENTER] == LINK.center
    assert S_MAP_BOUNDS not in ss  # the snapshot frames the link's centre and zoom, not the default region
    map_view._follow_position(AT_LINK, LINK)
    assert ss[S_MAP_BOUNDS] == (35.6, 32.9, 36.1, 33.2)  # the map's own bounds once it is there
    map_view._follow_position(DEFAULT_REGION, LINK)  # the analyst moved the map afterwards: followed
    assert written[-1].zoom == 5


def test_a_map_that_never_reaches_its_target_is_followed_after_a_few_reports(session):
    ss, written = session
    moved = dict(DEFAULT_REGION)
    for i in range(map_view.MAX_STALE_REPORTS + 1):
        moved = {**moved, "center": {"lat": 31.0 + i, "lng": 42.0}}
        map_view._follow_position(moved, LINK)
    assert written and written[-1].zoom == 5


def test_at_target_allows_a_few_pixels_at_the_zoom():
    assert map_view.at_target((33.0701, 35.8799), 11, ((33.07, 35.88), 11))
    assert not map_view.at_target((33.07, 35.88), 10, ((33.07, 35.88), 11))
    assert not map_view.at_target((33.2, 35.88), 11, ((33.07, 35.88), 11))
    assert map_view.at_target((33.07, 35.88), 9, ((33.07, 35.88), None))  # a centre without a zoom
