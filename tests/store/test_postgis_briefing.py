"""Briefing mode on PostGIS (`?briefing=1`) asks the database only for what it shows, as the map page does:
the window's events and their count, the step's next or previous event, the caption's selected event and
a deck slide's view. No run reads the whole events table (`FrameFollower.frame`, or a COPY of every row)."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from sitmap.briefing.decks import Deck, Slide, save_deck
from sitmap.ui import keys, state
from sitmap.ui.briefing import mode as briefing
from sitmap.view import View

from .test_postgis_first_map import ROOT, _watch_whole_reads
from .test_postgis_first_map import app_on_postgis as app_on_postgis  # noqa: F401 (a fixture)

WINDOW = {"start": "2024-06-01", "end": "2024-06-10"}  # a few hundred of the 12,000 events


def _texts(at: AppTest) -> list[str]:
    return [m.value.replace("\\", "") for m in at.markdown]


def _selected(at: AppTest) -> str:
    value = at.query_params["selected"]
    return str(value[-1] if isinstance(value, list) else value)


def _run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _briefing(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for name, value in {"briefing": "1", **params}.items():
        at.query_params[name] = value
    return _run(at)


def _layer_ids(at: AppTest) -> list[str]:
    """The ids the briefing map's events layer holds (the session's last built layer)."""
    layer = at.session_state[keys.EVENTS_LAYER_MEMO][1]
    (events,) = [c for c in layer._children.values() if hasattr(c, "payload")]
    return list(events.payload["id"])


def test_briefing_steps_through_the_window_from_sql(app_on_postgis, monkeypatch) -> None:
    whole = _watch_whole_reads(monkeypatch)
    at = _briefing(WINDOW)
    in_window = app_on_postgis.query(View(start=date(2024, 6, 1), end=date(2024, 6, 10)))
    n = len(in_window)
    assert 2 < n < 8_000  # every one of them on the map, one by one
    assert any(f"{n} events in this view" in t for t in _texts(at))
    assert sorted(_layer_ids(at)) == sorted(in_window["id"])  # the window's events, not all times'

    ids = list(in_window["id"])  # the list's order: time, then id
    at.button(key="briefing_next").click()
    _run(at)
    assert _selected(at) == ids[0]
    assert any(f"event 1 of {n}" in t for t in _texts(at))
    first = in_window.iloc[0]
    assert any(briefing.event_heading(first) in t for t in _texts(at))  # the caption's event
    (lat, lon), _zoom = at.session_state[state.S_TARGET]
    assert (lat, lon) == (round(first.geometry.y, 5), round(first.geometry.x, 5))  # flown to
    assert at.button(key="briefing_prev").disabled

    at.button(key="briefing_next").click()
    _run(at)
    assert _selected(at) == ids[1]
    assert any(f"event 2 of {n}" in t for t in _texts(at))
    at.button(key="briefing_prev").click()
    _run(at)
    assert _selected(at) == ids[0]
    assert whole == []


def test_the_last_event_of_the_window_stops_the_steps(app_on_postgis, monkeypatch) -> None:
    whole = _watch_whole_reads(monkeypatch)
    in_window = app_on_postgis.query(View(start=date(2024, 6, 1), end=date(2024, 6, 10)))
    last = str(in_window["id"].iloc[-1])
    at = _briefing({**WINDOW, "selected": last})
    assert any(f"event {len(in_window)} of {len(in_window)}" in t for t in _texts(at))
    assert at.button(key="briefing_next").disabled and not at.button(key="briefing_prev").disabled
    at.button(key="briefing_prev").click()
    _run(at)
    assert _selected(at) == str(in_window["id"].iloc[-2])
    assert whole == []


def test_a_deck_slide_is_applied_from_sql(app_on_postgis, tmp_path, monkeypatch) -> None:
    whole = _watch_whole_reads(monkeypatch)
    kind = "raid"
    view = View(start=date(2024, 6, 3), end=date(2024, 6, 9), event_types=(kind,))
    shown = app_on_postgis.query(view)
    assert len(shown) > 1
    picked = shown.iloc[1]
    slide = Slide("Raids, early June", view.with_(selected=str(picked["id"])), "say it slowly")
    save_deck(tmp_path / "events" / "briefings", Deck("june", "June", (slide,)))
    at = _briefing({"deck": "june", "slide": "1"})
    assert at.session_state[state.K_WINDOW] == (view.start, view.end)
    assert _selected(at) == str(picked["id"])
    assert any(f"event 2 of {len(shown)}" in t for t in _texts(at))
    assert any(briefing.event_heading(picked) in t for t in _texts(at))
    assert at.session_state[state.S_TARGET] is not None  # the slide's event framed
    assert whole == []


@pytest.mark.parametrize("filters", [{}, {"event_types": "raid"}])
def test_the_no_selection_caption_counts_the_types_from_sql(app_on_postgis, monkeypatch, filters) -> None:
    whole = _watch_whole_reads(monkeypatch)
    at = _briefing({**WINDOW, **filters})
    shown = app_on_postgis.query(
        View(start=date(2024, 6, 1), end=date(2024, 6, 10), event_types=tuple(filters.values()))
    )
    assert any(t == briefing.type_counts(shown["event_type"].value_counts()) for t in _texts(at))
    assert whole == []
