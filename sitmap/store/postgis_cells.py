"""A window's events in the map's view, counted, and counted per grid cell, from the rollup `event_cell_days`
(`postgis_rollup_schema`) instead of from every index entry the window selects.

A window [s, e] shows the events that start in it and those that started before it and last into it. The
first are summed from the rollup's days s..e, in the cells lying wholly inside the map's view (`Inner`);
those whose point lies in the view's ring of partly covered cells are counted from the events of the window
(`events_start_cover`, index entries alone), and those that started before from an `Earlier` source
(`postgis_earlier`: the period index, or the answer kept for the window's first day). The three sets are
disjoint and together are exactly what the direct query selects, so the answer is the same: an event whose
point lies in a cell inside the view overlaps the view.

The rollup answers the event-type filter only; any other filter (countries, admin-1, claim, precision, an
area, actors, text) is left to the direct query (`rollup_applies`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from sitmap.store.postgis import sql_decides, view_where
from sitmap.store.postgis_earlier import CELL_COLUMNS, ENVELOPE, LOCATED, READ, Earlier
from sitmap.store.postgis_rollup_schema import ROLLUP_ZOOMS, rollup_size
from sitmap.view import View
from sitmap.webmap.cells import Box

# The window's events are read from index entries alone (`events_start_cover`); for a long window the planner
# expected many and chose a bitmap of the start and geometry indexes that visits the table: 72,000 pages and
# 2.2 s for a year at 1M
NO_BITMAPS = "SET LOCAL enable_bitmapscan = off"
# Never prepared: psycopg prepares a statement run 5 times, and after 5 more runs the server may keep a
# generic plan, blind to the window's days and the view: 27 s for a 25-day window's cells at 1M (custom
# plans: 0.2 s)
CUSTOM_PLAN = False


def rollup_applies(view: View) -> bool:
    """Whether the rollup decides `view`'s filters: the window and the event types, nothing else."""
    window_only = View(start=view.start, end=view.end)
    return sql_decides(view) and view_where(view.with_(event_types=())) == view_where(window_only)


@dataclass(frozen=True)
class Inner:
    """The cells of the kept grid `zoom` lying wholly inside a box (with a cell's margin each side against
    rounding): cx in [x0, x1], cy in [y0, y1]; empty when x0 > x1 or y0 > y1."""

    zoom: int
    x0: int
    y0: int
    x1: int
    y1: int

    @classmethod
    def of(cls, zoom: int, box: Box) -> Inner:
        size = rollup_size(zoom)
        w, s, e, n = box
        return cls(zoom, math.floor(w / size) + 2, math.floor(s / size) + 2, math.floor(e / size) - 2,
                   math.floor(n / size) - 2)  # fmt: skip

    @property
    def empty(self) -> bool:
        return self.x0 > self.x1 or self.y0 > self.y1

    def envelope(self) -> tuple[str, list[Any]]:
        """SQL: whether a geometry's envelope lies inside these cells, a millionth of a cell in from their
        edges (then its representative point does: a cheap test that spares computing it)."""
        size = rollup_size(self.zoom)
        edge = size * 1e-6
        box = [
            self.x0 * size + edge,
            self.y0 * size + edge,
            (self.x1 + 1) * size - edge,
            (self.y1 + 1) * size - edge,
        ]
        return "geometry @ ST_MakeEnvelope(%s, %s, %s, %s, 4326)", box

    def holds(self, point: str) -> tuple[str, list[Any]]:
        """SQL: whether the point expression `point` lies in these cells (the rollup's own cell rule)."""
        size = rollup_size(self.zoom)
        return (
            f"(floor(ST_X({point}) / %s) BETWEEN %s AND %s AND floor(ST_Y({point}) / %s) BETWEEN %s AND %s)",
            [size, self.x0, self.x1, size, self.y0, self.y1],
        )


def _types(view: View, column: str = "event_type") -> tuple[str, list[Any]]:
    if not view.event_types:
        return "TRUE", []
    return f"lower({column}) = ANY(%s)", [[t.lower() for t in view.event_types]]


def _days(column: str, start: date | None, end: date | None) -> tuple[str, list[Any]]:
    where, params = ["TRUE"], []
    if start is not None:
        where.append(f"{column} >= %s")
        params.append(start)
    if end is not None:
        where.append(f"{column} <= %s")
        params.append(end)
    return " AND ".join(where), params


def _rolled(view: View, inner: Inner, shift: int) -> tuple[str, list[Any]]:
    """Rollup rows (cx, cy, t, n, sx, sy) of the window's start days in `inner`, cells merged by 2^shift."""
    days, dp = _days("day", view.start, view.end)
    types, tp = _types(view)
    merge = float(2**shift)
    return (
        f"SELECT floor(cx / %s)::bigint, floor(cy / %s)::bigint, event_type, n, sx, sy FROM event_cell_days "  # noqa: S608
        f"WHERE zoom = %s AND {days} AND {types} AND cx BETWEEN %s AND %s AND cy BETWEEN %s AND %s",
        [merge, merge, inner.zoom, *dp, *tp, inner.x0, inner.x1, inner.y0, inner.y1],
    )


def _points(view: View, box: Box | None, inner: Inner | None) -> tuple[str, list[Any]]:
    """SQL of (g, t): the representative point and type of the located events starting in the window whose
    envelope overlaps `box` and that the rollup does not count: those outside `inner` (None: all)."""
    types, tp = _types(view)
    area, ap = ("TRUE", []) if box is None else (ENVELOPE, list(box))
    days, dp = _days("start_date", view.start, view.end)
    outside, op = "TRUE", []
    if inner is not None and not inner.empty:  # the envelope's test first: most events lie well inside
        # (an empty one would be a box turned inside out: ST_MakeEnvelope orders its corners)
        (within, wp), (holds, hp) = inner.envelope(), inner.holds("sitmap_rep_point(geometry)")
        outside, op = f"NOT {within} AND NOT {holds}", [*wp, *hp]
    sql = (
        "SELECT sitmap_rep_point(geometry) AS g, event_type AS t FROM events "  # noqa: S608
        f"WHERE {days} AND {types} AND {area} AND {LOCATED} AND {outside}"
    )
    return sql, [*dp, *tp, *ap, *op]


def kept_grid(cell_deg: float) -> tuple[int, int] | None:
    """The coarsest kept grid whose cells merge into cells of `cell_deg` (its zoom, the merge's power of
    two); None when `cell_deg` is finer than every kept grid or not a map zoom's cell."""
    for zoom in sorted(ROLLUP_ZOOMS):
        ratio = cell_deg / rollup_size(zoom)
        if ratio >= 1 and ratio == 2 ** round(math.log2(ratio)):
            return zoom, round(math.log2(ratio))
    return None


def fine_cells(
    conn: Any, view: View, box: Box | None, cell_deg: float, earlier: Earlier = READ
) -> pd.DataFrame:
    """The window's located events in `box` per (cell of `cell_deg`, type as stored): cx, cy, type, n, sx,
    sy, as the direct GROUP BY gives them (`postgis_view.PostgisSource.cells`); a cell may come in two rows
    (the window's starts, those begun before), which `webmap.cells.coarsened` adds up."""
    grid = kept_grid(cell_deg)
    parts: list[str] = []
    params: list[Any] = []
    inner: Inner | None = None
    if grid is not None:
        zoom, shift = grid
        inner = Inner.of(zoom, box) if box is not None else Inner(zoom, -(2**62), -(2**62), 2**62, 2**62)
        rolled, rp = _rolled(view, inner, shift)
        parts.append(rolled)
        params += rp
    points, pp = _points(view, box, inner)
    parts.append(
        "SELECT floor(ST_X(g) / %s)::bigint, floor(ST_Y(g) / %s)::bigint, t, 1, ST_X(g), ST_Y(g) "  # noqa: S608
        f"FROM ({points}) AS p"
    )
    params += [cell_deg, cell_deg, *pp]
    sql = (
        "SELECT cx, cy, t, sum(n), sum(sx), sum(sy) FROM ("  # noqa: S608
        + " UNION ALL ".join(parts)
        + ") AS f(cx, cy, t, n, sx, sy) GROUP BY 1, 2, 3 HAVING sum(n) <> 0"
    )
    with conn.transaction():
        conn.execute("SET LOCAL work_mem = '64MB'")  # the groups hashed in memory
        conn.execute(NO_BITMAPS)
        rows = conn.execute(sql, params, prepare=CUSTOM_PLAN).fetchall()
        starting = pd.DataFrame(rows, columns=CELL_COLUMNS)
        if view.start is None:
            return starting
        before = earlier.cells(conn, View(event_types=view.event_types), view.start, box, cell_deg)
    return pd.concat([starting, before], ignore_index=True) if len(before) else starting


def count_over(conn: Any, view: View, box: Box, limit: int, earlier: Earlier = READ) -> int:
    """How many of the window's events lie in `box` (envelopes overlapping), exactly, or any number over
    `limit` once the rollup's cells wholly inside the box alone hold more (one small sum, then no more)."""
    w, s, e, n = box
    side = min(e - w, n - s)  # the coarsest kept grid with a few cells across the box: few rows, a thin ring
    zoom = next((z for z in sorted(ROLLUP_ZOOMS) if rollup_size(z) * 8 <= side), max(ROLLUP_ZOOMS))
    inner = Inner.of(zoom, box)
    rolled, rp = _rolled(view, inner, 0)
    total = f"SELECT coalesce(sum(n), 0) FROM ({rolled}) AS r(cx, cy, t, n, sx, sy)"  # noqa: S608
    row = conn.execute(total, rp, prepare=CUSTOM_PLAN).fetchone()
    inside = int(row[0]) if row else 0
    if inside > limit:
        return inside
    points, pp = _points(view, box, inner)
    with conn.transaction():
        conn.execute(NO_BITMAPS)
        count = f"SELECT count(*) FROM ({points}) AS p"  # noqa: S608
        row = conn.execute(count, pp, prepare=CUSTOM_PLAN).fetchone()
        inside += int(row[0]) if row else 0
        if view.start is None or inside > limit:
            return inside
        return inside + earlier.count(conn, View(event_types=view.event_types), view.start, box)
