"""The map's counts per cell and its cap count from the rollup `event_cell_days`
(`sitmap.store.postgis_cells`) equal what the events themselves give, through saves, edits that move an
event across a cell or a day or change its type, deletions, bulk imports and an upgrade of a database
from before the rollup."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from psycopg import Rollback
from strategies import TODAY

from sitmap.store.postgis import PostgisStore
from sitmap.store.postgis_cells import count_over, fine_cells, rollup_applies
from sitmap.store.postgis_rollup_schema import RECOUNT_CELLS, ROLLUP_ZOOMS
from sitmap.store.postgis_view import PostgisSource
from sitmap.view import View
from sitmap.webmap.cells import FrameSource, cell_degrees, grid_counts

DAY0 = date(2024, 6, 1)
BOXES = [None, (35.2, 32.6, 36.4, 33.9), (-2.5, 49.0, 0.7, 51.6), (35.61, 33.11, 35.72, 33.2)]
WINDOWS = [
    (DAY0, DAY0 + timedelta(days=40)),
    (DAY0 + timedelta(days=9), DAY0 + timedelta(days=9)),
    (None, None),
]
ZOOMS = [3, 4, 6, 8, 11]


def event(fid: str, rng: random.Random, **props: Any) -> dict[str, Any]:
    """A point (or now and then an area) near Damascus or, west of Greenwich, near Le Havre."""
    x, y = (35.9, 33.2) if rng.random() < 0.7 else (-0.5, 50.3)
    x, y = x + rng.gauss(0, 0.6), y + rng.gauss(0, 0.5)
    geometry: dict[str, Any] = {"type": "Point", "coordinates": [x, y]}
    if rng.random() < 0.15:  # counted at a point on its surface, found by its envelope
        geometry = {"type": "Polygon", "coordinates": [[[x, y], [x + 0.9, y], [x + 0.9, y + 0.4], [x, y]]]}
    day = DAY0 + timedelta(days=rng.randrange(-30, 60))
    precision = rng.choice(["day", "day", "day", "week", "month", "year"])
    when = {"month": day.strftime("%Y-%m"), "year": day.strftime("%Y")}.get(precision, day.isoformat())
    return {
        "type": "Feature",
        "id": fid,
        "geometry": geometry,
        "properties": {
            "date": when,
            "time_precision": precision,
            "event_type": rng.choice(["raid", "airstrike", "shelling", "patrol"]),
            "actors": ["A"],
            "country": "Syria",
            "geo_precision": "exact",
            "claim_status": "reported",
            "summary": f"event {fid}",
            **props,
        },
    }


def _as_rows(counts: Any) -> list[tuple[int, int, str, int]]:
    return sorted((int(a), int(b), str(t), int(n)) for a, b, t, n in counts[["cx", "cy", "type", "n"]].values)


def assert_same_as_the_events(pg: PostgisStore, types: tuple[str, ...] = ()) -> None:
    """Counts per cell and cap counts from the rollup equal those of the events read as a frame, for every
    window, map view and zoom; and the kept rows add up to a count made again from the events."""
    filters = View(event_types=types)
    frame = FrameSource(pg.query(filters))
    for start, end in WINDOWS:
        view = filters.with_(start=start, end=end)
        assert rollup_applies(view)
        for box in BOXES:
            for zoom in ZOOMS:
                cell = cell_degrees(zoom)
                got = PostgisSource(pg, filters).cells(start, end, box, cell)[1]
                assert got is not None
                want, size = grid_counts(frame.cells(start, end, box, cell)[0], cell)
                assert got.size == size
                assert _as_rows(got.counts) == _as_rows(want), (start, end, box, zoom)
                mean = got.counts.sort_values(["cx", "cy", "type"])["x"].to_numpy()
                gap = abs(mean - want.sort_values(["cx", "cy", "type"])["x"].to_numpy())
                assert gap.max(initial=0.0) < 1e-9
            if box is not None:
                exact = len(frame.cells(start, end, box, 1.0)[0])
                with pg.pool.connection() as conn:
                    assert count_over(conn, view, box, 10_000) == exact
                    over = count_over(conn, view, box, max(0, exact - 3))
                assert over > max(0, exact - 3) or exact == 0
    with pg.pool.connection() as conn:  # the deltas the triggers appended add up to a fresh count
        kept = _kept(conn)
        with conn.transaction():
            conn.execute(RECOUNT_CELLS)
            assert _kept(conn) == kept
            raise Rollback()


def _kept(conn: Any) -> list[tuple]:
    return conn.execute(
        "SELECT zoom, cx, cy, day, event_type, sum(n), round(sum(sx)::numeric, 6), "
        "round(sum(sy)::numeric, 6) "
        "FROM event_cell_days GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4, 5"
    ).fetchall()


def test_the_rollup_follows_saves_edits_deletions_and_imports(pg: PostgisStore) -> None:
    rng = random.Random(11)
    for i in range(40):
        pg.save(event(f"s{i}", rng), None, user="t", why="seed")
    pg.import_features([(event(f"b{i}", rng), "f") for i in range(300)], user="t", why="import", source="t")
    assert_same_as_the_events(pg)
    # edits: across a cell (far away), across a day, another type, an area made a point; a summary only
    moved = event("s1", rng)
    moved["geometry"] = {"type": "Point", "coordinates": [-1.9, 50.9]}
    pg.save(moved, pg.get("s1")[1], user="t", why="moved")
    later = pg.get("s2")[0]
    later["properties"] |= {"date": "2024-06-30", "time_precision": "day"}
    pg.save(later, pg.get("s2")[1], user="t", why="a day")
    retyped = pg.get("b3")[0]
    retyped["properties"]["event_type"] = (
        "airstrike" if retyped["properties"]["event_type"] != "airstrike" else "raid"
    )
    pg.save(retyped, pg.get("b3")[1], user="t", why="type")
    worded = pg.get("b4")[0]
    worded["properties"]["summary"] = "reworded"
    pg.save(worded, pg.get("b4")[1], user="t", why="words")
    for fid in ("s5", "b7", "b8"):
        pg.delete(fid, pg.get(fid)[1], user="t", why="duplicate")
    assert_same_as_the_events(pg)
    assert_same_as_the_events(pg, ("raid", "Airstrike"))
    # a re-import replaces events (moved, retyped) and adds others, in one statement
    again = [(event(f"b{i}", rng), "f") for i in range(150, 420)]
    pg.import_features(again, user="t", why="reimport", source="t")
    assert_same_as_the_events(pg)


def test_other_filters_fall_back_to_the_events(pg: PostgisStore) -> None:
    rng = random.Random(3)
    pg.import_features([(event(f"b{i}", rng), "f") for i in range(60)], user="t", why="import", source="t")
    assert not rollup_applies(View(countries=("Syria",)))
    assert not rollup_applies(View(bbox=(35.0, 32.0, 36.0, 34.0)))
    assert not rollup_applies(View(actors=("A",)))
    assert rollup_applies(View(event_types=("raid",), start=DAY0, end=DAY0))


def test_init_on_a_database_from_before_the_rollup_fills_it(pg_url: str) -> None:
    rng = random.Random(5)
    with PostgisStore(pg_url, today=TODAY, init=True) as pg:
        pg.import_features(
            [(event(f"b{i}", rng), "f") for i in range(200)], user="t", why="import", source="t"
        )
        with pg.pool.connection() as conn:  # as main's schema left it: no rollup, no triggers keeping it
            conn.execute("DROP TABLE event_cell_days CASCADE")
            conn.execute("DROP FUNCTION sitmap_cells_counted() CASCADE")
        pg.save(event("late", rng), None, user="t", why="after")  # written with no rollup kept
    with PostgisStore(pg_url, today=TODAY, init=True) as pg:  # `sitmap db init`
        assert_same_as_the_events(pg)
        with pg.pool.connection() as conn:
            assert conn.execute("SELECT count(*) FROM event_cell_days").fetchone()[0] > 0


@pytest.mark.parametrize("zoom", [4, 6, 8])
def test_counts_per_cell_read_the_rollup(pg: PostgisStore, zoom: int) -> None:
    """A delta added by hand to the kept rows shows in the answer: the cells inside the view come from the
    rollup (the events' own count would not see it)."""
    rng = random.Random(9)
    pg.import_features([(event(f"b{i}", rng), "f") for i in range(100)], user="t", why="import", source="t")
    view, box = View(start=DAY0, end=DAY0 + timedelta(days=5)), (10.0, 10.0, 60.0, 55.0)
    before = PostgisSource(pg, View()).cells(view.start, view.end, box, cell_degrees(zoom))[1]
    with pg.pool.connection() as conn:
        for kept in ROLLUP_ZOOMS:
            size = cell_degrees(kept)
            conn.execute(
                "INSERT INTO event_cell_days VALUES (%s, floor(35.9 / %s), floor(33.2 / %s), %s, 'raid', 5, "
                "179.5, 166)",
                [kept, size, size, DAY0],
            )
        assert fine_cells(conn, view, box, cell_degrees(zoom))["n"].sum() == before.total + 5


@pytest.mark.parametrize("filters", [View(), View(countries=("Syria",))], ids=["rollup", "direct"])
def test_the_maps_window_questions_are_never_prepared(pg: PostgisStore, filters: View) -> None:
    """psycopg prepares a statement run 5 times, and the server may then keep a generic plan blind to the
    window and the view (27 s for one step at 1M instead of 0.2 s): the map's cells and cap count, by the
    rollup or directly, are sent unprepared every time."""
    rng = random.Random(4)
    pg.import_features([(event(f"b{i}", rng), "f") for i in range(50)], user="t", why="import", source="t")
    box = (30.0, 28.0, 42.0, 38.0)
    for day in range(12):  # the slider stepped 12 times
        end = DAY0 + timedelta(days=day)
        PostgisSource(pg, filters).cells(DAY0, end, box, cell_degrees(6))
        PostgisSource(pg, filters).events(DAY0, end, box, 5)
    with pg.pool.connection() as conn:  # the pool's one connection (used one question at a time)
        kept = conn.execute("SELECT statement FROM pg_prepared_statements").fetchall()
    assert [s for (s,) in kept if "FROM events" in s or "event_cell_days" in s] == []
