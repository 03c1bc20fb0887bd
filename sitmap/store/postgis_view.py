"""What the map page asks a PostGIS store, answered in SQL so no question reads the whole table into Python:

- `facts`: the extent, the filter choices, the latest precisely dated day and the number of events, from
  index entries and the counted choices table `event_choices` (what `sitmap.view.data_extent` / `options` and
  `sitmap.ui.map.timewindow.latest_precise_day` give on the whole frame);
- `PostgisSource`: the map layer's questions (`sitmap.webmap.cells.EventSource`): at most N events of a span
  and the map's view (`PostgisStore.query` with a limit), or their counts per grid cell as a GROUP BY whose
  fine cells `sitmap.webmap.cells.coarsened` merges (a capped payload whatever the number of events);
- `day_counts`: the time bar's events per start day and type, as a GROUP BY; `timeline_counts` the
  detailed timeline's (single-day events per day and type, the largest groups of the others);
- what the panels beside and under the map show of the view's events (`sitmap.ui.map.shown`): a page of the
  list (`rows` in the list's order, LIMIT/OFFSET), the feed's newest N (`rows` newest first), the located
  events' bounds ("Zoom to results"), whether any lies in the map's view, and the events of one report.

Filters only `apply_view` decides (actors, text: `sql_decides`) make the counts come from the view's events
read as a frame instead (exact, but they read every event the SQL part selects).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import geopandas as gpd
import pandas as pd

from sitmap.store.frame import build_frame
from sitmap.store.postgis import PostgisStore, sql_decides, view_where
from sitmap.store.postgis_cells import CUSTOM_PLAN, count_over, fine_cells, rollup_applies
from sitmap.store.postgis_earlier import READ, Earlier
from sitmap.store.postgis_read import copy_frame
from sitmap.view import View
from sitmap.view.fields import COLUMN_FILTERS
from sitmap.view.order import any_within as frame_any_within
from sitmap.view.order import frame_bounds, newest_first
from sitmap.vocabulary import event_type
from sitmap.webmap.cells import Box, GridCounts, coarsened

_PRECISE = "coalesce(properties->>'time_precision', 'day') <> 'year'"
# The list's order is the frame's (start, then id: `apply_view` keeps it); the feed's is the newest first
# (latest start, then latest end, then id: `sitmap.view.order.newest_first`). Ids compare as code points.
LIST_ORDER = 'ORDER BY start_date, id COLLATE "C"'
NEWEST_ORDER = 'ORDER BY start_date DESC, end_date DESC, id COLLATE "C" DESC'


@dataclass(frozen=True)
class StoreFacts:
    """The whole store in a few values (None extent: no event)."""

    extent: tuple[date, date] | None
    options: dict[str, list[str]]
    latest: date | None  # the last day of the events dated more precisely than a year
    count: int


def facts(store: PostgisStore, *, choices: bool = True) -> StoreFacts:
    """Extent, filter choices, latest precise day and count, from a few index entries (`postgis_schema`'s
    plain columns and indexes) and the small `event_choices` table: nothing scans the table's JSON. Without
    `choices`, of the choices only the event types (what the first map's legend needs)."""
    with store.pool.connection() as conn:
        row = conn.execute(
            "SELECT (SELECT min(start_date) FROM events), (SELECT max(end_date) FROM events), "
            "(SELECT end_date FROM events WHERE precise ORDER BY end_date DESC LIMIT 1), "
            "(SELECT count(*) FROM events)"
        ).fetchone()
        types = conn.execute(  # one index probe per distinct type (a "loose index scan")
            "WITH RECURSIVE t(v) AS (SELECT min(event_type) FROM events UNION ALL "
            "SELECT (SELECT min(event_type) FROM events WHERE event_type > t.v) FROM t "
            "WHERE t.v IS NOT NULL) "
            "SELECT v FROM t WHERE v IS NOT NULL"
        ).fetchall()
        options = {"event_types": sorted(v for (v,) in types if v)}
        if choices:  # the other filters' choices, kept counted by `postgis_schema`'s triggers
            kept = conn.execute("SELECT kind, value FROM event_choices").fetchall()
            others = [a for a in COLUMN_FILTERS if a != "event_types"]
            options |= {a: sorted(v for k, v in kept if k == a) for a in [*others, "actors"]}
    assert row is not None
    first, last, latest, count = row
    return StoreFacts(None if first is None else (first, last), options, latest, int(count))


def selected_where(view: View) -> tuple[str, list[Any]]:
    """`view_where` as one SQL condition, with the area decided exactly (`ST_Intersects`) for aggregates."""
    where, params = view_where(view)
    if view.bbox is not None:
        where.append("ST_Intersects(geometry, ST_MakeEnvelope(%s, %s, %s, %s, 4326))")
        params += list(view.bbox)
    return " AND ".join(where), params


def count(store: PostgisStore, view: View, *, limit: int | None = None, earlier: Earlier = READ) -> int:
    """How many events `view` shows (at most `limit`): a COUNT when SQL decides its filters, else the
    events counted. With a first day, those starting in the window (a range of the start index) plus
    those begun before it (`earlier`): the window's own COUNT walked `events_period_cover` from its first
    day to the store's last event (0.1-0.3 s at 1M, whatever the window's length)."""
    if not sql_decides(view):
        return len(store.query(view, limit=limit))
    if limit is None and view.start is not None:
        starting, params = selected_where(view.with_(start=None))
        with store.pool.connection() as conn:
            row = conn.execute(
                f"SELECT count(*) FROM events WHERE {starting} AND start_date >= %s",  # noqa: S608
                [*params, view.start],
            ).fetchone()
            return (int(row[0]) if row else 0) + earlier.count(conn, view, view.start, None)
    where, params = selected_where(view)
    sql = f"SELECT count(*) FROM events WHERE {where}"  # noqa: S608
    if limit is not None:
        sql = f"SELECT count(*) FROM (SELECT 1 FROM events WHERE {where} LIMIT %s) AS s"  # noqa: S608
        params = [*params, limit]
    with store.pool.connection() as conn:
        row = conn.execute(sql, params).fetchone()
    return int(row[0]) if row else 0


class PostgisSource:
    """The map layer's questions for the events `view`'s filters select (`sitmap.webmap.cells.scope_of`);
    the events begun before a window from `earlier`."""

    def __init__(self, store: PostgisStore, view: View, earlier: Earlier = READ) -> None:
        self.store, self.view, self.earlier = store, view, earlier

    def events(
        self, start: date | None, end: date | None, box: Box | None, limit: int
    ) -> gpd.GeoDataFrame | None:
        view = self.view.with_(start=start, end=end)
        if box is not None and self.store.has_rollup() and rollup_applies(view):  # rollup: stops once over
            with self.store.pool.connection() as conn:
                over = count_over(conn, view, box, limit, self.earlier) > limit
            return None if over else self.store.query(view, bounds=box)
        where, params = selected_where(view)
        if box is not None:
            where += " AND geometry && ST_MakeEnvelope(%s, %s, %s, %s, 4326)"
            params += list(box)
        # Counted before any row is read: over the cap costs a count of at most cap + 1 index entries
        with self.store.pool.connection() as conn:
            row = conn.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM events WHERE {where} LIMIT %s) AS s",  # noqa: S608
                [*params, limit + 1],
                prepare=CUSTOM_PLAN,
            ).fetchone()
        if sql_decides(view):  # exactly counted: too many, or read in bulk (COPY; a cursor's fast-start
            # plan walked the time index from the start: 2.5 s for a week's 8,000 at 1M, COPY 0.4 s)
            return None if row is not None and row[0] > limit else self.store.query(view, bounds=box)
        got = self.store.query(view, limit=limit + 1, bounds=box)  # a superset counted: decided by reading
        return got if len(got) <= limit else None

    def cells(
        self, start: date | None, end: date | None, box: Box | None, cell_deg: float
    ) -> tuple[gpd.GeoDataFrame, GridCounts | None]:
        view = self.view.with_(start=start, end=end)
        if not sql_decides(view):  # exact: the events themselves, counted by the layer
            return self.store.query(view, bounds=box), None
        if self.store.has_rollup() and rollup_applies(view):
            with self.store.pool.connection() as conn:
                fine = fine_cells(conn, view, box, cell_deg, self.earlier)
            return build_frame([]), _grid_counts(fine, cell_deg)
        where, params = selected_where(view)
        if box is not None:
            where += " AND geometry && ST_MakeEnvelope(%s, %s, %s, %s, 4326)"
            params += list(box)
        # An event counts where its representative point lies (a point's own position), as `grid_counts`.
        sql = (
            "WITH p AS (SELECT sitmap_rep_point(geometry) AS g, event_type AS t FROM events "  # noqa: S608
            f"WHERE {where} AND geometry IS NOT NULL AND NOT ST_IsEmpty(geometry)) "
            "SELECT floor(ST_X(g) / %s)::bigint, floor(ST_Y(g) / %s)::bigint, t, count(*), "
            "sum(ST_X(g)), sum(ST_Y(g)) FROM p GROUP BY 1, 2, 3"
        )
        with self.store.pool.connection() as conn, conn.transaction():
            # Hashed, in memory: the planner expects a group per few rows (666,667 for the whole period at
            # 1M; 39,791 at the finest cells) and chose a sort that spilled to disk: 1.5 s -> 0.8 s
            conn.execute("SET LOCAL enable_sort = off")
            conn.execute("SET LOCAL work_mem = '64MB'")
            rows = conn.execute(sql, [*params, cell_deg, cell_deg], prepare=CUSTOM_PLAN).fetchall()
        return build_frame([]), _grid_counts(
            pd.DataFrame(rows, columns=["cx", "cy", "type", "n", "sx", "sy"]), cell_deg
        )


def _grid_counts(fine: pd.DataFrame, cell_deg: float) -> GridCounts:
    """Fine rows (cx, cy, type as stored, n, sx, sy) as the layer's counts (`coarsened`)."""
    keys = {t: event_type(t).key for t in set(fine["type"])}  # per distinct value, as `grid_counts`
    fine["type"] = fine["type"].map(keys)
    fine = fine.astype({"n": "int64", "sx": "float64", "sy": "float64"})
    return coarsened(fine, cell_deg)


@dataclass(frozen=True)
class DayCounts:
    """The time bar's data for the filters' events over all times: events per (start day, type as stored)
    among those dated more precisely than a year, their axis (first start, last end; every event's when
    all are year-precision; None without events) and how many are year-precision."""

    per_day: pd.DataFrame  # day (date), type (as stored), n
    axis: tuple[date, date] | None
    outliers: int


def day_counts(store: PostgisStore, view: View) -> DayCounts | None:
    """`DayCounts` of `view`'s filters (its window ignored) by GROUP BY (an index-only read without
    filters); None when SQL cannot decide the filters (`sql_decides`): then the caller counts the events."""
    filters = view.with_(start=None, end=None)
    if not sql_decides(filters):
        return None
    where, params = selected_where(filters)
    with store.pool.connection() as conn:
        rows = conn.execute(
            f"SELECT start_date, event_type, count(*) FROM events WHERE {where} AND precise "  # noqa: S608
            "GROUP BY 1, 2 ORDER BY 1",
            params,
        ).fetchall()
        row = conn.execute(
            f"SELECT (SELECT count(*) FROM events WHERE {where} AND NOT precise), "  # noqa: S608
            f"(SELECT end_date FROM events WHERE {where} AND precise ORDER BY end_date DESC LIMIT 1), "
            f"(SELECT min(start_date) FROM events WHERE {where}), "
            f"(SELECT max(end_date) FROM events WHERE {where})",
            params * 4,
        ).fetchone()
    assert row is not None
    outliers, p_last, first, last = row
    per_day = pd.DataFrame(rows, columns=["day", "type", "n"])
    axis = (per_day["day"].iloc[0], p_last) if len(per_day) else (None if first is None else (first, last))
    return DayCounts(per_day, axis, int(outliers))


def rows(
    store: PostgisStore, view: View, *, newest: bool, offset: int, limit: int, earlier: Earlier = READ
) -> gpd.GeoDataFrame:
    """The view's events `offset` to `offset + limit` in the list's order (or the newest first): only those
    rows are read (LIMIT/OFFSET over the start index, `_page_ids`). Filters SQL cannot decide: the view's
    events read and cut as the frame path cuts them (`newest_first`)."""
    if not sql_decides(view):
        shown = store.query(view)
        return (newest_first(shown) if newest else shown).iloc[offset : offset + limit]
    with store.pool.connection() as conn:  # the page's ids first: the rows skipped are never projected
        ids = _page_ids(conn, view, newest, offset, limit, earlier)  # (page 1,000 of 2,000 at 1M: 3-7 s
        return copy_frame(conn, "id = ANY(%s)", [ids], NEWEST_ORDER if newest else LIST_ORDER)  # as one COPY)


def _page_ids(conn: Any, view: View, newest: bool, offset: int, limit: int, earlier: Earlier) -> list[str]:
    """The ids of the page, along the start index. In the list's order with a window, the events that
    began before it (and last into it) come first: counted and read on their own (`earlier`: the period
    index, ~10,000 such events at 1M), then the rest from the window's first day on, so the index walk
    starts at the window, not at the store's first event (the latest month's first page at 1M: 4.7 s
    walking every earlier event, 0.05 s so)."""
    where, params = selected_where(view)
    order = NEWEST_ORDER if newest else LIST_ORDER

    def page(cond: str, extra: list[Any], first: int, n: int) -> list[str]:
        got = conn.execute(
            f"SELECT id FROM events WHERE {where}{cond} {order} LIMIT %s OFFSET %s",  # noqa: S608
            [*params, *extra, n, first],
        ).fetchall()
        return [i for (i,) in got]

    if newest or view.start is None:  # newest first: the walk starts at the window's end (`start_date <=`)
        return page("", [], offset, limit)
    before = earlier.count(conn, view, view.start, None)
    ids = list(earlier.ids(conn, view, view.start, offset, limit)) if offset < before else []  # a copy:
    if len(ids) < limit:  # a kept answer is shared
        ids += page(" AND start_date >= %s", [view.start], max(0, offset - before), limit - len(ids))
    return ids


def bounds(store: PostgisStore, view: View) -> tuple[float, float, float, float] | None:
    """(W, S, E, N) of the view's located events (None: none located), as the frame's `total_bounds`."""
    if not sql_decides(view):
        return frame_bounds(store.query(view))
    where, params = selected_where(view)
    with store.pool.connection() as conn:
        row = conn.execute(
            "SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b) FROM (SELECT ST_Extent(geometry) AS b "  # noqa: S608
            f"FROM events WHERE {where} AND geometry IS NOT NULL AND NOT ST_IsEmpty(geometry)) AS e",
            params,
        ).fetchone()
    return None if row is None or row[0] is None else (row[0], row[1], row[2], row[3])


def any_within(store: PostgisStore, view: View, box: Box) -> bool:
    """Whether any of the view's events lies in `box` (W, S, E, N): an EXISTS that stops at the first."""
    if not sql_decides(view):
        return frame_any_within(store.query(view), box)
    where, params = selected_where(view)
    with store.pool.connection() as conn:
        row = conn.execute(
            f"SELECT EXISTS (SELECT 1 FROM events WHERE {where} AND "  # noqa: S608
            "ST_Intersects(geometry, ST_MakeEnvelope(%s, %s, %s, %s, 4326)))",
            [*params, *box],
        ).fetchone()
    return bool(row and row[0])


def report_events(store: PostgisStore, report_id: str | None, selected: str | None) -> gpd.GeoDataFrame:
    """The report panel's events, the window and filters ignored: every stored event of report `report_id`
    (None: the selected event's report) and the event `selected` itself, in the list's order."""
    with store.pool.connection() as conn:
        return copy_frame(
            conn,
            "(properties->'report'->>'id' = coalesce(%s, (SELECT properties->'report'->>'id' FROM events "
            "WHERE id = %s)) OR id = %s)",
            [report_id, selected, selected],
            LIST_ORDER,
        )


def position(store: PostgisStore, view: View, event_id: str) -> int | None:
    """Where the event `event_id` stands in the view's list order (from 0), None when the view does not
    show it: the events before it counted over the view's own condition (the window's index entries)."""
    if not sql_decides(view):
        ids = list(store.query(view)["id"])
        return ids.index(event_id) if event_id in ids else None
    where, params = selected_where(view)
    with store.pool.connection() as conn:
        row = conn.execute(
            f"SELECT start_date FROM events WHERE {where} AND id = %s",  # noqa: S608
            [*params, event_id],
        ).fetchone()
        if row is None:
            return None
        before = conn.execute(
            f"SELECT count(*) FROM events WHERE {where} AND (start_date < %s "  # noqa: S608
            'OR (start_date = %s AND id COLLATE "C" < %s COLLATE "C"))',
            [*params, row[0], row[0], event_id],
        ).fetchone()
    return int(before[0]) if before else 0


def type_counts(store: PostgisStore, view: View) -> pd.Series:
    """How many events the view shows per event type (as stored), most first: a GROUP BY."""
    if not sql_decides(view):
        return store.query(view)["event_type"].value_counts()
    where, params = selected_where(view)
    with store.pool.connection() as conn:
        rows = conn.execute(
            f"SELECT event_type, count(*) FROM events WHERE {where} GROUP BY 1 ORDER BY 2 DESC",  # noqa: S608
            params,
        ).fetchall()
    return pd.Series({t: int(n) for t, n in rows}, dtype="int64")


def timeline_sql(where: str, params: list[Any], max_groups: int) -> list[tuple[str, list[Any]]]:
    """`timeline_counts`' two queries (and their parameters) for the condition `where`. Grouped in the order
    of `postgis_schema`'s timeline indexes, so without filters they count index entries alone; the groups'
    first place is then looked up for the `max_groups` kept groups only (an aggregate over every span read
    each row's JSON)."""
    days = (
        f"SELECT start_date, event_type, count(*) FROM events WHERE {where} "  # noqa: S608
        "AND start_date = end_date GROUP BY 1, 2 ORDER BY 1, 2"
    )
    # A group's first place: its rows in the index's id order until one has a location (usually the first;
    # an equality on the type, so the index is walked in id order: IS NOT DISTINCT FROM is not indexable)
    first = (
        "SELECT properties->>'location' FROM events "  # noqa: S608
        f"WHERE {where} AND start_date <> end_date AND start_date = g.start_date AND end_date = g.end_date "
        "AND event_type TYPE_IS AND properties->>'location' IS NOT NULL "
        'ORDER BY start_date, end_date, event_type, id COLLATE "C" LIMIT 1'
    )
    groups = (
        "WITH g AS (SELECT start_date, end_date, event_type, count(*) AS n FROM events "  # noqa: S608
        f"WHERE {where} AND start_date <> end_date GROUP BY 1, 2, 3 "
        'ORDER BY 4 DESC, 1, 2, event_type COLLATE "C" LIMIT %s) '
        "SELECT g.start_date, g.end_date, g.event_type, g.n, CASE WHEN g.event_type IS NULL "
        f"THEN ({first.replace('TYPE_IS', 'IS NULL')}) "
        f"ELSE ({first.replace('TYPE_IS', '= g.event_type')}) END "
        'FROM g ORDER BY 4 DESC, 1, 2, g.event_type COLLATE "C"'
    )
    return [(days, params), (groups, [*params, max_groups, *params, *params])]


def timeline_counts(
    store: PostgisStore, view: View, max_groups: int
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The detailed timeline's counts of `view`'s filters (its window ignored) by GROUP BY: single-day
    events per (day, event_type, count), and the others per (start, end, event_type) with their count and
    first location (`what`), the `max_groups` largest only (then the earliest); None when SQL cannot
    decide the filters (`sql_decides`): then the caller counts the events."""
    filters = view.with_(start=None, end=None)
    if not sql_decides(filters):
        return None
    where, params = selected_where(filters)
    (days_sql, days_params), (groups_sql, groups_params) = timeline_sql(where, params, max_groups)
    with store.pool.connection() as conn:
        days = conn.execute(days_sql, days_params).fetchall()
        groups = conn.execute(groups_sql, groups_params).fetchall()
    per_day = pd.DataFrame(days, columns=["day", "event_type", "count"])
    per_day["day"] = pd.to_datetime(per_day["day"])
    spans = pd.DataFrame(groups, columns=["start", "end", "event_type", "count", "what"])
    spans["start"], spans["end"] = pd.to_datetime(spans["start"]), pd.to_datetime(spans["end"])
    return per_day, spans.astype({"count": "int64"})
