"""The events begun before a window's first day and lasting into it ("earlier"), on PostGIS.

A window [s, e] shows the events that start in it and those that started before s and last into it. The
second set depends on s (and the filters) only, not on e: a step of the window's end, or a cumulative
playback, asks the same questions of it again. Every question about it is asked here, of an `Earlier`
source: `READ` reads the store each time; the map page gives one that keeps the answers by first day and
change key (`sitmap.ui.dbview`), so such a step reads none of them (at 1M events: ~10,000 events found
through the period index, 0.05-0.4 s per question and step).

Its users: the header's count and the list's first pages (`postgis_view`), the map's counts per cell and
its cap count (`postgis_cells`).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

import pandas as pd

from sitmap.store.postgis import view_where
from sitmap.view import View
from sitmap.webmap.cells import Box

# Begun before the day and lasting into it, said twice: the range containment is what the period indexes
# answer from their entries alone (`events_period_ids` with the ids, `events_period_place` with the type
# and place, multi-day events only: hence `start_date < end_date`, implied by the rest)
EARLIER = "start_date < end_date AND start_date < %s AND daterange(start_date, end_date, '[]') @> %s::date"
LOCATED = "geometry IS NOT NULL AND NOT ST_IsEmpty(geometry)"
ENVELOPE = "geometry && ST_MakeEnvelope(%s, %s, %s, %s, 4326)"
# The list's order (`postgis_view.LIST_ORDER`) with "+ 0": the start index is not the way to them
_IN_LIST_ORDER = 'ORDER BY (start_date + 0), id COLLATE "C"'
CELL_COLUMNS = ["cx", "cy", "type", "n", "sx", "sy"]


def filters_where(filters: View, start: date) -> tuple[str, list[Any]]:
    """SQL: the events of `filters` (their window ignored; an area decided exactly) begun before `start`
    and lasting into it."""
    where, params = view_where(filters.with_(start=None, end=None))
    if filters.bbox is not None:
        where.append("ST_Intersects(geometry, ST_MakeEnvelope(%s, %s, %s, %s, 4326))")
        params += list(filters.bbox)
    return " AND ".join([*where, EARLIER]), [*params, start, start]


def earlier_count(conn: Any, filters: View, start: date, box: Box | None) -> int:
    """How many there are (only the located ones whose envelope overlaps `box`, when given)."""
    where, params = filters_where(filters, start)
    if box is not None:
        where += f" AND {ENVELOPE} AND {LOCATED}"
        params += list(box)
    row = conn.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()  # noqa: S608
    return int(row[0]) if row else 0


def earlier_ids(conn: Any, filters: View, start: date, offset: int, limit: int) -> list[str]:
    """Their ids `offset` to `offset + limit` in the list's order (start, then id)."""
    where, params = filters_where(filters, start)
    got = conn.execute(
        f"SELECT id FROM events WHERE {where} {_IN_LIST_ORDER} LIMIT %s OFFSET %s",  # noqa: S608
        [*params, limit, offset],
    ).fetchall()
    return [i for (i,) in got]


def earlier_cells(conn: Any, filters: View, start: date, box: Box | None, cell_deg: float) -> pd.DataFrame:
    """The located ones whose envelope overlaps `box` per (cell of `cell_deg`, type as stored), counted where
    their representative point lies: cx, cy, type, n, sx, sy (`postgis_cells.fine_cells`' rows)."""
    where, params = filters_where(filters, start)
    where += f" AND {LOCATED}"
    if box is not None:
        where += f" AND {ENVELOPE}"
        params += list(box)
    rows = conn.execute(
        "SELECT floor(ST_X(g) / %s)::bigint, floor(ST_Y(g) / %s)::bigint, t, count(*), sum(ST_X(g)), "  # noqa: S608
        "sum(ST_Y(g)) FROM (SELECT sitmap_rep_point(geometry) AS g, event_type AS t FROM events "
        f"WHERE {where}) AS p GROUP BY 1, 2, 3",
        [cell_deg, cell_deg, *params],
    ).fetchall()
    return pd.DataFrame(rows, columns=CELL_COLUMNS)


class Earlier(Protocol):
    """Where the answers about the events begun before a window come from (`conn`: the caller's, for a
    read)."""

    def count(self, conn: Any, filters: View, start: date, box: Box | None) -> int: ...

    def ids(self, conn: Any, filters: View, start: date, offset: int, limit: int) -> list[str]: ...

    def cells(
        self, conn: Any, filters: View, start: date, box: Box | None, cell_deg: float
    ) -> pd.DataFrame: ...


class _Read:
    """Every answer read from the store when asked."""

    def count(self, conn: Any, filters: View, start: date, box: Box | None) -> int:
        return earlier_count(conn, filters, start, box)

    def ids(self, conn: Any, filters: View, start: date, offset: int, limit: int) -> list[str]:
        return earlier_ids(conn, filters, start, offset, limit)

    def cells(self, conn: Any, filters: View, start: date, box: Box | None, cell_deg: float) -> pd.DataFrame:
        return earlier_cells(conn, filters, start, box, cell_deg)


READ: Earlier = _Read()
