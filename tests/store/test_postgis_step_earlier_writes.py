"""Review of issue 12's kept answers about the events begun before a window (`dbview.CachedEarlier`):
another session's save, delete or import between two end-thumb steps with the same first day changes the
header's count and the list's first page at once (the answers are kept by the store's change key), and a
new first day is never answered from the old one's."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from strategies import TODAY
from streamlit.testing.v1 import AppTest

from sitmap.store.postgis import PostgisStore
from sitmap.ui import state
from sitmap.ui.keys import S_MAP_BOUNDS, S_ZOOM
from sitmap.view import View
from tests.store.test_postgis_first_map import _default_view, _header, app_on_postgis  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


def _month_event(event_id: str, month: str, summary: str) -> dict:
    """A month-precision event (its period: the whole month) at Aleppo."""
    return {
        "type": "Feature",
        "id": event_id,
        "geometry": {"type": "Point", "coordinates": [37.16, 36.2]},
        "properties": {
            "date": month,
            "time_precision": "month",
            "event_type": "airstrike",
            "country": "Syria",
            "actors": ["Unknown"],
            "geo_precision": "near",
            "claim_status": "claimed",
            "location": "review",
            "summary": summary,
        },
    }


def _step(at: AppTest, start, end, store: PostgisStore) -> None:
    at.session_state[state.K_WINDOW] = (start, end)
    at.run()
    assert not at.exception, at.exception
    want = store.query(View(start=start, end=end))
    assert f"{len(want)} of {len(store.query(View()))} events" in _header(at), _header(at)
    listed = at.dataframe[-1].value
    assert list(listed["id"]) == list(want["id"].head(len(listed)))


def test_another_sessions_writes_between_two_steps_change_the_count_and_list(
    app_on_postgis,  # noqa: F811
    pg_url: str,
    monkeypatch,
) -> None:
    monkeypatch.setattr(state, "secondary_ready", lambda: True)
    mine = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    mine.run()
    assert not mine.exception, mine.exception
    view = _default_view(mine)
    mine.session_state[S_ZOOM] = 5  # the rollup's path, as the browser reports the map
    mine.session_state[S_MAP_BOUNDS] = (20.0, 10.0, 65.0, 45.0)
    start = view.start - timedelta(days=20)
    month = f"{start.year}-{start.month:02d}"
    _step(mine, start, view.end - timedelta(days=9), app_on_postgis)  # the first day's answers kept
    with PostgisStore(pg_url, today=TODAY) as other:  # another analyst's session: a save
        other.save(_month_event("review-new", month, "saved"), None, user="b", why="review")
        begun = other.query(View(start=start, end=view.end))
        assert "review-new" in set(begun[begun["start"].dt.date < start]["id"])  # begun before the window
    _step(mine, start, view.end - timedelta(days=8), app_on_postgis)
    with PostgisStore(pg_url, today=TODAY) as other:  # ... a delete of an event begun before
        _feature, version = other.get("review-new")
        other.delete("review-new", version, user="b", why="review")
    _step(mine, start, view.end - timedelta(days=7), app_on_postgis)
    with PostgisStore(pg_url, today=TODAY) as other:  # ... an import of two of them
        pairs = [(_month_event(f"review-imp-{i}", month, "imported"), "review") for i in range(2)]
        other.import_features(pairs, user="b", why="review", source="review")
    _step(mine, start, view.end - timedelta(days=6), app_on_postgis)
    _step(mine, start + timedelta(days=1), view.end - timedelta(days=6), app_on_postgis)  # a new first day
    _step(mine, start, view.end - timedelta(days=6), app_on_postgis)  # and back to the kept one
