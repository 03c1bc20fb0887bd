"""The map's counts per grid cell kept ahead (`event_cell_days`): per rollup zoom, cell, start day and event
type, the number of events and the sums of their representative points' coordinates.

Why: counting a window's events per cell from the events themselves costs a pass over every index entry the
window's condition selects (2-5 s per slider step at 1M events for windows past ~18 days); summing a
window's days of this table costs a few thousand rows per day whatever the number of events.

Kept like `event_choices`: statement triggers over the transition tables (one GROUP BY per statement, so a
bulk import's rows are counted in one INSERT), and counted again from the events by `init_schema`. Rows are
deltas (+ for rows written, - for rows replaced or deleted) appended, never updated: writers never wait on
each other's rows, a NULL event type needs no key, and a sum over a window adds them up. `init_schema`
counts again from the events, which also folds the deltas.
"""

from __future__ import annotations

from sitmap.store.postgis_triggers import statement_triggers
from sitmap.webmap.cells import cell_degrees

# The grids kept: the map's cells at these zooms (`cells.cell_degrees`). A map at zoom z <= Z reads the grid Z
# with cells merged by 2^(Z - z) (exact: floor(floor(x / s) / 2^k) = floor(x / (s 2^k))); above the last,
# the map's view is a few cells wide and is counted from the events of the window (`postgis_cells`).
ROLLUP_ZOOMS = (4, 6, 8)


def rollup_size(zoom: int) -> float:
    """The cell size (degrees) of the kept grid of `zoom`: exactly the map's `cell_degrees(zoom)`."""
    return cell_degrees(zoom)


_ZOOMS = ", ".join(f"({z}, {rollup_size(z)!r}::float8)" for z in ROLLUP_ZOOMS)  # repr: the exact float


def cell_rows(source: str, sign: str = "") -> str:
    """A SELECT of `event_cell_days` rows for the events of table `source` (`sign` "-": to subtract)."""
    return f"""
    SELECT z.zoom, floor(ST_X(p.g) / z.size)::bigint, floor(ST_Y(p.g) / z.size)::bigint, p.start_date,
           p.event_type, {sign}count(*), {sign}sum(ST_X(p.g)), {sign}sum(ST_Y(p.g))
    FROM (SELECT sitmap_rep_point(geometry) AS g, start_date, event_type FROM {source}
          WHERE geometry IS NOT NULL AND NOT ST_IsEmpty(geometry)) AS p,
         (VALUES {_ZOOMS}) AS z(zoom, size)
    GROUP BY 1, 2, 3, 4, 5"""  # noqa: S608 (our own constants)


# An update's rows whose place, start day or type changed: as they were ("o") or are now ("n")
_CHANGED = (
    "(SELECT {0}.* FROM sitmap_cells_old o JOIN sitmap_cells_new n ON n.id = o.id WHERE "
    "(o.geometry, o.start_date, o.event_type) IS DISTINCT FROM "
    "(n.geometry, n.start_date, n.event_type)) AS {0}"
)

ROLLUP_SCHEMA = f"""
-- Where an event is counted on the map: a point's own position, else a point on its surface (one rule for
-- the map's direct counts and this table)
CREATE OR REPLACE FUNCTION sitmap_rep_point(g geometry) RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN GeometryType(g) = 'POINT' THEN g ELSE ST_PointOnSurface(g) END $$;

CREATE TABLE IF NOT EXISTS event_cell_days (
    zoom       smallint NOT NULL,  -- the grid: the map's cells at this zoom (`ROLLUP_ZOOMS`)
    cx         bigint NOT NULL,    -- floor(x / size), floor(y / size) of the representative point
    cy         bigint NOT NULL,
    day        date NOT NULL,      -- the events' start_date
    event_type text,               -- as stored (NULL kept)
    n          bigint NOT NULL,    -- events (a delta: negative for rows removed)
    sx         double precision NOT NULL,  -- sum of their x, y
    sy         double precision NOT NULL
);
-- A window's days of one grid from the index entries alone (a year of the zoom-6 grid at 1M: 18,700 pages of
-- the table, or of its deltas' dead rows, read by a sequential scan)
CREATE INDEX IF NOT EXISTS event_cell_days_cover ON event_cell_days (zoom, day)
    INCLUDE (cx, cy, event_type, n, sx, sy);
-- The window's events by start day with their type and place (a ring of the map's view and events the
-- rollup grid cannot answer, `postgis_cells`), from index entries alone
CREATE INDEX IF NOT EXISTS events_start_cover ON events (start_date) INCLUDE (event_type, geometry);
-- The events begun before a window and lasting into it, with their type and place, from index entries
-- alone (`postgis_earlier.EARLIER`; through the heap, ~8,500 rows on 15,000 pages: 0.9 s cold at 1M)
CREATE INDEX IF NOT EXISTS events_period_place ON events USING gist (daterange(start_date, end_date, '[]'))
    INCLUDE (start_date, end_date, event_type, geometry) WHERE start_date < end_date;

CREATE OR REPLACE FUNCTION sitmap_cells_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM event_cell_days;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO event_cell_days {cell_rows("sitmap_cells_new")};
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO event_cell_days {cell_rows("sitmap_cells_old", "-")};
    ELSE  -- an update: only the rows whose place, start day or type changed
        INSERT INTO event_cell_days {cell_rows(_CHANGED.format("o"), "-")}
        UNION ALL {cell_rows(_CHANGED.format("n"))};
    END IF;
    RETURN NULL;
END $$;
{statement_triggers("events_cells", "sitmap_cells_counted", "sitmap_cells_old", "sitmap_cells_new")}
"""  # noqa: S608 (formatted with our own constants only)

# Counted again from the events on every `init_schema` (the table new on an existing store, or other zooms):
# one pass over the table, under the write lock; it also folds the appended deltas into one row each.
RECOUNT_CELLS = f"""
DELETE FROM event_cell_days;
INSERT INTO event_cell_days {cell_rows("events")} ORDER BY 1, 4;
"""  # noqa: S608
