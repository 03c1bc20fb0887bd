"""A slider step's reads on PostGIS: a store from before the rollup `event_cell_days` still answers the map
(from the events), and no read of a step is prepared (a generic plan is blind to the window and the view)."""

from __future__ import annotations

import random
from datetime import timedelta

from strategies import TODAY

from sitmap.store.postgis import PostgisStore
from sitmap.store.postgis_view import (
    PostgisSource,
    any_within,
    bounds,
    count,
    day_counts,
    position,
    rows,
    timeline_counts,
    type_counts,
)
from sitmap.view import View
from sitmap.webmap.cells import cell_degrees
from tests.store.test_postgis_rollup import DAY0, _as_rows, event

BOX = (30.0, 28.0, 42.0, 38.0)


def _step_answers(pg: PostgisStore) -> list[object]:
    """The map's cells (zooms 4, 6, 9) and cap counts for a few windows, comparable across stores."""
    got: list[object] = []
    for days in (0, 9, 40):
        start, end = DAY0, DAY0 + timedelta(days=days)
        for zoom in (4, 6, 9):
            cells = PostgisSource(pg, View()).cells(start, end, BOX, cell_degrees(zoom))[1]
            assert cells is not None
            got.append((cells.size, cells.total, _as_rows(cells.counts)))
        for cap in (3, 10_000):
            events = PostgisSource(pg, View()).events(start, end, BOX, cap)
            got.append(None if events is None else sorted(events["id"]))
    return got


def test_a_store_without_the_rollup_answers_the_map_from_the_events(pg_url: str) -> None:
    rng = random.Random(21)
    with PostgisStore(pg_url, today=TODAY, init=True) as pg:
        features = [(event(f"b{i}", rng), "f") for i in range(200)]
        pg.import_features(features, user="t", why="import", source="t")
        with_rollup = _step_answers(pg)
        with pg.pool.connection() as conn:  # as main's schema left it: no rollup, no triggers keeping it
            conn.execute("DROP TABLE event_cell_days CASCADE")
            conn.execute("DROP FUNCTION sitmap_cells_counted() CASCADE")
    with PostgisStore(pg_url, today=TODAY) as old:  # opened by the app, not re-initialised
        assert _step_answers(old) == with_rollup
        assert not old.has_rollup()
        assert any(a is not None and a != [] for a in with_rollup)  # the windows hold events


def test_no_read_of_a_slider_step_is_prepared(pg: PostgisStore) -> None:
    """psycopg prepares a statement run 5 times and the server may then keep a generic plan: 8-27 s for a
    step's read at 1M instead of 0.2-0.6 s. Twelve steps of every per-step read leave nothing prepared."""
    rng = random.Random(4)
    pg.import_features([(event(f"b{i}", rng), "f") for i in range(50)], user="t", why="import", source="t")
    for filters in (View(), View(countries=("Syria",)), View(event_types=("raid",))):
        for day in range(12):
            view = filters.with_(start=DAY0, end=DAY0 + timedelta(days=day))
            PostgisSource(pg, view).cells(view.start, view.end, BOX, cell_degrees(6))
            PostgisSource(pg, view).events(view.start, view.end, BOX, 5)
            count(pg, view)
            count(pg, view, limit=3)
            rows(pg, view, newest=False, offset=0, limit=5)
            rows(pg, view, newest=True, offset=2, limit=5)
            bounds(pg, view)
            any_within(pg, view, BOX)
            position(pg, view, "b1")
            type_counts(pg, view)
            day_counts(pg, view)
            timeline_counts(pg, view, 50)
    with pg.pool.connection() as conn:  # the pool's one connection (used one question at a time)
        kept = conn.execute("SELECT statement FROM pg_prepared_statements").fetchall()
    assert [s for (s,) in kept] == []
