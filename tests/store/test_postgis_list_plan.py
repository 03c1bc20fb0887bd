"""A slider step's list page on PostGIS: the events begun before the window and lasting into it are found
from the period index's own entries (`postgis_earlier.EARLIER`), never by reading every later event."""

from __future__ import annotations

from datetime import date

import psycopg

from benchmarks.store_scale import features_of
from sitmap.store.postgis_view import rows
from sitmap.view import View

from .test_postgis_timeline import _plan_nodes


def _statements(monkeypatch) -> list[tuple[str, list]]:
    """Every statement run from now on, with its parameters."""
    seen: list[tuple[str, list]] = []
    real = psycopg.Connection.execute

    def execute(self, query, params=None, **kwargs):
        seen.append((str(query), list(params or [])))
        return real(self, query, params, **kwargs)

    monkeypatch.setattr(psycopg.Connection, "execute", execute)
    return seen


def test_a_windows_first_page_reads_the_earlier_events_from_the_period_index(pg, monkeypatch) -> None:
    pg.import_features(features_of(3_000), user="t", why="seed", source="test")
    view = View(start=date(2025, 6, 1), end=date(2025, 6, 7))
    seen = _statements(monkeypatch)
    got = rows(pg, view, newest=False, offset=0, limit=50)
    monkeypatch.undo()
    assert len(got) == 50 and (got["start"] < "2025-06-01").any()  # the page begins with earlier events
    earlier = [(sql, params) for sql, params in seen if "start_date < %s" in sql and "SELECT id" in sql]
    assert len(earlier) == 1  # the page's first ids (their count: `postgis_earlier.earlier_count`)
    for sql, params in earlier:
        scans = [
            (n["Node Type"], n.get("Index Name"))
            for n in _plan_nodes(pg, sql, params)
            if "Relation Name" in n
        ]
        assert scans == [("Index Only Scan", "events_period_ids")]
