"""On PostGIS, "Zoom to results" reads its bounds (`postgis_view.bounds`, an ST_Extent over the window's
events) only when it is pressed: a slider step, which does not press it, does not pay for that read
(issue 12). Pressing it still moves the map to every located event the filters keep."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import shapely
from streamlit.testing.v1 import AppTest

from sitmap.store import postgis_view
from sitmap.ui import state
from sitmap.ui.keys import FILTERS_ZOOM
from sitmap.ui.map.filter_actions import RESULTS_WIDTH_PX
from sitmap.ui.map.selection import fly_target
from sitmap.view import View
from tests.store.test_postgis_first_map import _default_view, app_on_postgis  # noqa: F401  (a fixture)

ROOT = Path(__file__).resolve().parents[2]


def test_slider_steps_do_not_read_the_bounds_and_the_button_still_zooms(
    app_on_postgis,  # noqa: F811
    monkeypatch,
) -> None:
    asked: list[View] = []
    real_bounds = postgis_view.bounds

    def bounds(store, view):  # the ST_Extent read, counted
        asked.append(view)
        return real_bounds(store, view)

    monkeypatch.setattr(postgis_view, "bounds", bounds)
    monkeypatch.setattr(state, "secondary_ready", lambda: True)  # the whole page, the button included
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    view = _default_view(at)
    for days in (7, 14):  # two steps of the window
        step = View(start=view.start - timedelta(days=days), end=view.end - timedelta(days=days))
        at.session_state[state.K_WINDOW] = (step.start, step.end)
        at.run()
        assert not at.exception, at.exception
        assert at.button(key=FILTERS_ZOOM).disabled is False  # events shown: the button can be pressed
    assert asked == []  # no run so far pressed the button: no bounds read

    at.button(key=FILTERS_ZOOM).click().run()
    assert not at.exception, at.exception
    assert [(v.start, v.end) for v in asked] == [(step.start, step.end)]  # read once, for the window shown
    located = app_on_postgis.query(step)
    located = located[located.geometry.notna() & ~located.geometry.is_empty]
    assert len(located) > 1
    w, s, e, n = located.total_bounds
    assert at.session_state[state.S_TARGET] == fly_target(shapely.box(w, s, e, n), RESULTS_WIDTH_PX)
