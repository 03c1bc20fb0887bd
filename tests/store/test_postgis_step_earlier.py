"""On PostGIS, a slider step that keeps the window's first day (the end thumb moved, or a cumulative
playback) reads nothing of the events begun before the window: the header's count, the list's first page
and the map's counts take them from what the first step with that first day read, cached by that day and
the change key (issue 12: these reads were ~0.1-0.4 s each at 1M on every step). The answers stay exact."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import psycopg
import pytest
from strategies import TODAY
from streamlit.testing.v1 import AppTest

from benchmarks.store_scale import features_of
from sitmap.store.postgis import PostgisStore
from sitmap.store.postgis_earlier import READ
from sitmap.store.postgis_view import PostgisSource, count, rows
from sitmap.ui import state
from sitmap.ui.keys import S_MAP_BOUNDS, S_ZOOM
from sitmap.ui.map.shown import FrameShown
from sitmap.view import View, apply_view
from sitmap.webmap.cells import grid_counts, map_scope, scope_of
from tests.store.test_postgis_first_map import _default_view, _header, app_on_postgis  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
# How every read finds the events begun before a window: their period contains the window's first day
BEFORE = "daterange(start_date, end_date, '[]') @>"
BOX = (33.0, 30.0, 40.0, 37.0)


def _watch_statements(monkeypatch) -> list[str]:
    """The text of every statement the store's connections run from now on."""
    seen: list[str] = []
    real = psycopg.Cursor.execute

    def execute(self, query, params=None, **kwargs):
        seen.append(query if isinstance(query, str) else repr(query))
        return real(self, query, params, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", execute)
    return seen


def test_end_thumb_steps_read_no_event_begun_before_the_window(
    app_on_postgis,  # noqa: F811
    monkeypatch,
) -> None:
    monkeypatch.setattr(state, "secondary_ready", lambda: True)  # the whole page: header, list, map
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    view = _default_view(at)
    at.session_state[S_ZOOM] = 5  # the map's view as the browser reports it: the rollup's path
    at.session_state[S_MAP_BOUNDS] = (20.0, 10.0, 65.0, 45.0)
    start = view.start - timedelta(days=75)  # month-precision events begun before it last into it
    seen = _watch_statements(monkeypatch)
    for i, end in enumerate([view.end - timedelta(days=d) for d in (9, 8, 7)]):
        seen.clear()
        at.session_state[state.K_WINDOW] = (start, end)
        at.run()
        assert not at.exception, at.exception
        step = View(start=start, end=end)
        want = app_on_postgis.query(step)
        begun_before = want[want["start"].dt.date < start]
        assert len(begun_before) > 0  # the case at stake
        assert f"{len(want)} of 12000 events" in _header(at)  # exact
        listed = at.dataframe[-1].value  # the list's first page: those begun before come first
        assert list(listed["id"]) == list(want["id"].head(len(listed)))
        earlier_reads = [q for q in seen if BEFORE in q]
        if i == 0:  # a new first day: its events begun before are read (the check can see them)
            assert earlier_reads
        else:
            assert earlier_reads == [], earlier_reads


class _Kept:
    """An `Earlier` that keeps its answers by question, as the page's cache does, and counts its reads."""

    def __init__(self) -> None:
        self.kept: dict[tuple, object] = {}
        self.reads: Counter[str] = Counter()

    def _get(self, question: tuple, read):
        if question not in self.kept:
            self.reads[question[0]] += 1
            self.kept[question] = read()
        return self.kept[question]

    def count(self, conn, filters, start, box):
        plain = filters.with_(start=None, end=None)
        return self._get(("count", plain, start, box), lambda: READ.count(conn, filters, start, box))

    def ids(self, conn, filters, start, offset, limit):
        plain = filters.with_(start=None, end=None)
        question = ("ids", plain, start, offset, limit)
        return self._get(question, lambda: READ.ids(conn, filters, start, offset, limit))

    def cells(self, conn, filters, start, box, cell_deg):
        plain = filters.with_(start=None, end=None)
        question = ("cells", plain, start, box, cell_deg)
        return self._get(question, lambda: READ.cells(conn, filters, start, box, cell_deg))


def _same_scope(got, want) -> None:
    assert (got.kind, got.span, got.cell_deg) == (want.kind, want.span, want.cell_deg)
    if got.kind != "cells":
        assert list(got.events["id"]) == list(want.events["id"])
        return
    keys = ["cx", "cy", "type"]
    want_counts, size = grid_counts(want.events, want.cell_deg)
    assert got.counts is not None and got.counts.size == size
    got_rows = got.counts.counts.sort_values(keys).reset_index(drop=True)
    want_rows = want_counts.sort_values(keys).reset_index(drop=True)
    assert got_rows[[*keys, "n"]].values.tolist() == want_rows[[*keys, "n"]].values.tolist()
    assert (got_rows["x"] - want_rows["x"]).abs().max() < 1e-9


@pytest.mark.parametrize("rollup", [True, False], ids=["rollup", "no-rollup"])
def test_steps_sharing_a_first_day_are_exact_from_the_kept_answers(pg_url: str, rollup: bool) -> None:
    with PostgisStore(pg_url, today=TODAY, init=True) as pg:
        pg.import_features(features_of(3_000), user="t", why="seed", source="test")
        if not rollup:  # as a store from before the rollup: the map's direct queries
            with pg.pool.connection() as conn:
                conn.execute("DROP TABLE event_cell_days CASCADE")
                conn.execute("DROP FUNCTION sitmap_cells_counted() CASCADE")
    with PostgisStore(pg_url, today=TODAY) as pg:
        assert pg.has_rollup() == rollup
        frame = pg.query(View())
        kept = _Kept()
        start = date(2025, 3, 10)
        for filters in (View(), View(event_types=("raid", "airstrike")), View(countries=("Syria",))):
            for days in (4, 5, 30):  # end-thumb steps: the same first day
                view = filters.with_(start=start, end=start + timedelta(days=days))
                shown = FrameShown(frame, view)
                begun_before = int((shown.every()["start"] < pd.Timestamp(start)).sum())
                assert begun_before > 3  # the case at stake
                assert count(pg, view, earlier=kept) == len(shown)
                for offset, limit in ((0, 50), (begun_before - 3, 10), (begun_before, 5)):
                    got = rows(pg, view, newest=False, offset=offset, limit=limit, earlier=kept)
                    assert list(got["id"]) == list(shown.rows(offset, limit)["id"])
                for zoom, box, cap in ((4, (20.0, 10.0, 65.0, 45.0), 50), (6, BOX, 100), (9, BOX, 10_000)):
                    got = scope_of(PostgisSource(pg, filters, kept), view, zoom, box, cap=cap)
                    want = map_scope(apply_view(frame, filters), view, zoom, box, cap=cap)
                    _same_scope(got, want)
        # each question about the events begun before was read once for its filters, first day and area
        assert kept.reads["count"] == len({q for q in kept.kept if q[0] == "count"})
        assert kept.reads["count"] > 0 and kept.reads["ids"] > 0
        assert (kept.reads["cells"] > 0) == rollup  # the direct query counts the window's events itself
