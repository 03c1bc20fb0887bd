"""`EventStore` over PostgreSQL + PostGIS (`SITMAP_DATABASE_URL`): one row per event, row-level versions.

A save takes the write lock (`postgis_schema.WRITE_LOCK`), then inserts only if the id is new or updates only
`WHERE version = expected`: a stale save changes no row and raises `EventConflictError`. Saves of different
events never conflict (they only wait for each other's commit). Who and why reach the history trigger
through `set_config(..., true)` (that is, `SET LOCAL sitmap.user` / `sitmap.why`).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import shapely
from psycopg import Connection
from psycopg.types.json import Jsonb, set_json_loads
from psycopg_pool import ConnectionPool

from sitmap.model import Problem, feature_label
from sitmap.periods import event_period
from sitmap.store.frame import EVENT_COLUMNS, build_frame, properties_frame
from sitmap.store.geojson_io import normalise_feature, ordered_sources
from sitmap.store.interface import Change, EventConflictError, HistoryEntry
from sitmap.store.postgis_read import copy_frame
from sitmap.store.postgis_schema import WRITE_LOCK, init_schema
from sitmap.store.write import EventNotFoundError, ValidationError, validate_features
from sitmap.view import View, apply_view
from sitmap.view.fields import COLUMN_FILTERS

DATABASE_URL_ENV = "SITMAP_DATABASE_URL"
SOURCE = "postgis"  # the `file` of problems (never the URL: it may hold a password)
_LOG = logging.getLogger(__name__)
_CHUNK = 2000  # rows per fetch of a limited query: it stops reading once it has enough
_COLUMNS = "id, version, properties, members, ST_AsBinary(geometry), source_file"
# "C" collation: code-point order, as pandas sorts the ids, so rows arrive in apply_view's order.
_ORDER = 'ORDER BY start_date, id COLLATE "C"'


def database_url(env: dict[str, str] | None = None) -> str | None:
    """The configured database URL (`SITMAP_DATABASE_URL`), or None for the embedded store."""
    return ((os.environ if env is None else env).get(DATABASE_URL_ENV) or "").strip() or None


def _lists(value: Any) -> Any:
    """Shapely's tuples as GeoJSON's lists."""
    return [_lists(v) for v in value] if isinstance(value, list | tuple) else value


def geometry_to_wkb(geom: dict[str, Any] | None) -> bytes | None:
    """WKB of a GeoJSON geometry: exact doubles, unlike a decimal text round trip."""
    return None if geom is None else shapely.geometry.shape(geom).wkb


def wkb_to_geometry(wkb: bytes | None) -> dict[str, Any] | None:
    if wkb is None:
        return None
    mapped = shapely.geometry.mapping(shapely.from_wkb(bytes(wkb)))
    return {"type": mapped["type"], "coordinates": _lists(mapped["coordinates"])}


def _feature(row: tuple[Any, ...]) -> dict[str, Any]:
    fid, _version, props, members, wkb, _file = row
    return normalise_feature(
        {**members, "type": "Feature", "id": fid, "geometry": wkb_to_geometry(wkb), "properties": props}
    )


def _loads(data: bytes | str) -> Any:
    """JSON as psycopg hands it over, parsed by orjson (several times faster than json, the same values)."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:  # an integer beyond 64 bits: json reads it
        return json.loads(data)


def rows_frame(rows: list[tuple[Any, ...]]) -> gpd.GeoDataFrame:
    """The events frame of rows read as `_COLUMNS`, in their order: the properties as stored and every
    geometry from its WKB in one vectorised call (no GeoJSON round trip per event)."""
    props = [r[2] for r in rows]
    for p in props:
        if isinstance(p.get("sources"), list):  # jsonb keeps its own key order: sitmap's, as files give
            p["sources"] = ordered_sources(p["sources"])
    geoms = shapely.from_wkb(np.array([None if r[4] is None else bytes(r[4]) for r in rows], dtype=object))
    raised = (shapely.get_type_id(geoms) == 0) & shapely.has_z(geoms)
    if raised.any():  # a point's frame geometry is 2-D, whatever its position held (`build_frame`)
        geoms[raised] = shapely.force_2d(geoms[raised])
    return properties_frame([r[0] for r in rows], props, [r[5] for r in rows], geoms)


def checked_row(
    feature: Any, *, today: date | None = None, file: str = SOURCE, index: int = 0
) -> tuple[Any, ...]:
    """(id, properties, members, wkb, start, end) of a valid feature; ValidationError names what is wrong."""
    problems, bad = validate_features([feature], file=file, today=today)
    if bad:
        label = feature_label(index, feature.get("id") if isinstance(feature, dict) else None)
        raise ValidationError([replace(p, feature=label) for p in problems if p.is_error])
    feature = normalise_feature(feature)
    try:
        json.dumps(feature, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise ValidationError([Problem(file, feature_label(index, feature["id"]), "-", str(e))]) from e
    props = feature["properties"]
    start, end = event_period(props)
    members = {k: v for k, v in feature.items() if k not in ("type", "id", "geometry", "properties")}
    return feature["id"], props, members, geometry_to_wkb(feature["geometry"]), start, end


def view_where(view: View) -> tuple[list[str], list[Any]]:
    """SQL conditions (and their values) every event `view` shows meets: exactly the window and the column
    filters; a superset for the area (envelopes overlap); actors and text are left to `apply_view`
    (`sql_decides` says whether anything is)."""
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    # As plain comparisons: `events_period_cover` answers a window's count and cells from the index alone
    if view.start is not None:
        where.append("end_date >= %s")
        params.append(view.start)
    if view.end is not None:
        where.append("start_date <= %s")
        params.append(view.end)
    for attr, column in COLUMN_FILTERS.items():
        wanted = getattr(view, attr)
        if wanted:
            where.append("lower(properties->>%s) = ANY(%s)")
            params += [column, [w.lower() for w in wanted]]
    if view.bbox is not None:
        where.append("geometry && ST_MakeEnvelope(%s, %s, %s, %s, 4326)")
        params += list(view.bbox)
    return where, params


def sql_decides(view: View) -> bool:
    """Whether `view_where` (with `ST_Intersects` for the area) selects exactly the events `view` shows:
    no actor or text filter, which only `apply_view` decides."""
    return not view.actors and not view.text.strip()


def _begin_write(conn: Connection, user: str, why: str) -> None:
    """Inside a transaction: take the write lock, then tell the history trigger who and why."""
    conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
    conn.execute(
        "SELECT set_config('sitmap.user', %s, true), set_config('sitmap.why', %s, true)", [user, why]
    )


def _configure(conn: Connection) -> None:
    """Every pooled connection: no JIT. The map's aggregates over many rows (the whole period's counts per
    cell, the time bar's per-day counts) are costed high enough to be compiled, and compiling took ~1.2 s of
    a 1.5 s GROUP BY at 1M events (`EXPLAIN ANALYZE`), every time: the queries are short and rarely alike."""
    conn.execute("SET jit = off")


class PostgisStore:
    """The `EventStore` of a PostGIS database; `init_schema` first (`sitmap db init`)."""

    def __init__(self, url: str, *, max_connections: int = 10, today: date | None = None, init: bool = False):
        self.today = today
        self.pool = ConnectionPool(
            url,
            min_size=1,
            max_size=max_connections,
            # Never prepared (psycopg prepares a statement run 5 times by default): the server may then keep
            # a generic plan blind to the window and the view, 8-27 s for a step's read at 1M, not 0.2-0.6 s
            kwargs={"autocommit": True, "prepare_threshold": None},
            configure=_configure,
            open=True,
        )
        self._rollup: bool | None = None
        if init:
            with self.pool.connection() as conn:
                init_schema(conn)

    def has_rollup(self) -> bool:
        """Whether the per-day cell counts `event_cell_days` exist (asked once per store): a store made before
        them answers the map from the events until `sitmap db init` adds them."""
        if self._rollup is None:
            with self.pool.connection() as conn:
                row = conn.execute("SELECT to_regclass('event_cell_days') IS NOT NULL").fetchone()
            self._rollup = bool(row and row[0])
            if not self._rollup:
                _LOG.warning(
                    "This PostGIS store has no event_cell_days rollup: the map counts from the events "
                    "(slower time steps). Run `sitmap db init` to add it."
                )
        return self._rollup

    def close(self) -> None:
        self.pool.close()

    def __enter__(self) -> PostgisStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------------------
    def _version(self, conn: Connection, event_id: str) -> str | None:
        row = conn.execute("SELECT version FROM events WHERE id = %s", [event_id]).fetchone()
        return None if row is None else str(row[0])

    def get(self, event_id: str) -> tuple[dict[str, Any], str]:
        with self.pool.connection() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM events WHERE id = %s", [event_id]).fetchone()  # noqa: S608
        if row is None:
            raise EventNotFoundError(f"{SOURCE}: no event with id {event_id!r}")
        return _feature(row), str(row[1])

    def query(
        self, view: View, *, limit: int | None = None, bounds: tuple[float, float, float, float] | None = None
    ) -> gpd.GeoDataFrame:
        """SQL narrows by window (period index), filters and bbox (GiST `&&`, a superset); `apply_view`
        then decides exactly, so the result is what the embedded store gives for the same events.
        `bounds` (W, S, E, N; PostGIS only): also only events whose envelope overlaps it (the map's view)."""
        clauses, params = view_where(view)
        if bounds is not None:
            clauses.append("geometry && ST_MakeEnvelope(%s, %s, %s, %s, 4326)")
            params += list(bounds)
        where = clauses
        if limit is None:  # every row the SQL selects is read: in bulk, then decided exactly
            with self.pool.connection() as conn:
                frame = copy_frame(conn, " AND ".join(where), params, _ORDER)
            return apply_view(frame, view).reset_index(drop=True)
        sql = f"SELECT {_COLUMNS} FROM events WHERE {' AND '.join(where)} {_ORDER}"  # noqa: S608
        frames: list[gpd.GeoDataFrame] = []
        shown = 0
        with (
            self.pool.connection() as conn,
            conn.transaction(),
            conn.cursor(name="sitmap_query", binary=True) as cur,
        ):
            set_json_loads(_loads, cur)
            cur.execute(sql, params)
            while limit is None or shown < limit:
                rows = cur.fetchmany(_CHUNK)
                if not rows:
                    break
                frame = apply_view(rows_frame(rows), view)
                frames.append(frame)
                shown += len(frame)
        if not frames:
            return build_frame([])
        out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].reset_index(drop=True)
        out = gpd.GeoDataFrame(out[list(EVENT_COLUMNS)], geometry="geometry", crs=4326)
        return out if limit is None else out.head(limit)

    # -- writing ---------------------------------------------------------------------------------------
    def save(self, feature: dict[str, Any], expected_version: str | None, *, user: str, why: str) -> str:
        fid, props, members, wkb, start, end = checked_row(feature, today=self.today)
        values = [Jsonb(props), Jsonb(members), wkb, start, end]
        with self.pool.connection() as conn, conn.transaction():
            _begin_write(conn, user, why)
            if expected_version is None:
                found = self._version(conn, fid)
                if found is not None:  # under the write lock: nobody can insert it between check and insert
                    raise EventConflictError(fid, None, found)
                row = conn.execute(
                    "INSERT INTO events (id, properties, members, geometry, start_date, end_date) "
                    "VALUES (%s, %s, %s, ST_GeomFromWKB(%s, 4326), %s, %s) RETURNING version",
                    [fid, *values],
                ).fetchone()
            else:
                row = conn.execute(
                    "UPDATE events SET properties = %s, members = %s, geometry = ST_GeomFromWKB(%s, 4326), "
                    "start_date = %s, end_date = %s WHERE id = %s AND version = %s RETURNING version",
                    [*values, fid, int(expected_version)],
                ).fetchone()
                if row is None:
                    raise EventConflictError(fid, expected_version, self._version(conn, fid))
        assert row is not None
        return str(row[0])

    def delete(self, event_id: str, expected_version: str, *, user: str, why: str) -> None:
        with self.pool.connection() as conn, conn.transaction():
            _begin_write(conn, user, why)
            row = conn.execute(
                "DELETE FROM events WHERE id = %s AND version = %s RETURNING id",
                [event_id, int(expected_version)],
            ).fetchone()
            if row is None:
                raise EventConflictError(event_id, expected_version, self._version(conn, event_id))

    # -- changes ---------------------------------------------------------------------------------------
    def changed_rows(self, cursor: str | None) -> tuple[list[tuple[Any, ...]], list[str], str]:
        """The rows (`_COLUMNS`) written after `cursor`, in `query`'s order, the ids deleted since (and
        not written again), and the next cursor: all read in one snapshot."""
        since = int(cursor or 0)
        with self.pool.connection() as conn, conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")  # one snapshot for all three
            (upto,) = conn.execute("SELECT coalesce(max(seq), 0) FROM event_history").fetchone() or (0,)
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM events WHERE changed_seq > %s {_ORDER}",  # noqa: S608
                [since],
            ).fetchall()
            gone = conn.execute(
                # NOT EXISTS, not NOT IN: an anti-join probing the primary key for the few deletions,
                # where NOT IN hashed every id in the table (0.2 s per refresh at 100k events)
                "SELECT event_id, max(seq) FROM event_history h WHERE seq > %s AND op = 'delete' "
                "AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = h.event_id) "
                "GROUP BY event_id ORDER BY max(seq)",
                [since],
            ).fetchall()
        return rows, [fid for fid, _ in gone], str(upto)

    def changes_since(self, cursor: str | None) -> tuple[list[Change], str]:
        rows, gone, upto = self.changed_rows(cursor)
        changes = [Change(r[0], "insert" if r[1] == 1 else "update", str(r[1]), _feature(r)) for r in rows]
        changes += [Change(fid, "delete", None, None) for fid in gone]
        return changes, upto

    def change_key(self) -> str:
        with self.pool.connection() as conn:
            row = conn.execute("SELECT coalesce(max(seq), 0) FROM event_history").fetchone()
        return str(row[0] if row else 0)

    def history(self, event_id: str) -> list[HistoryEntry]:
        """The event's writes, each bulk import that wrote it among them (with what it replaced)."""
        with self.pool.connection() as conn:
            rows = conn.execute(
                "SELECT seq, at, user_name, op, why, old, new FROM event_history WHERE event_id = %s "
                "UNION ALL SELECT h.seq, h.at, h.user_name, h.op, h.why, r.old, r.new "
                "FROM event_import_rows r JOIN event_history h ON h.seq = r.seq WHERE r.event_id = %s "
                "ORDER BY seq",
                [event_id, event_id],
            ).fetchall()
        return [HistoryEntry(*r[1:]) for r in rows]

    # -- bulk ------------------------------------------------------------------------------------------
    def import_features(
        self, features: Iterable[tuple[dict[str, Any], str]], *, user: str, why: str, source: str
    ) -> int:
        """Insert or replace (feature, source_file) pairs through COPY, in one transaction with one history
        entry; every feature is checked first and any error imports nothing. Then VACUUM ANALYZE: the map's
        questions read indexes alone only for rows the visibility map knows (`postgis_schema`)."""
        from sitmap.store.postgis_bulk import copy_import

        n = copy_import(self.pool, features, user=user, why=why, source=source, today=self.today)
        with self.pool.connection() as conn:  # autocommit: VACUUM runs outside a transaction
            conn.execute("VACUUM (ANALYZE) events")
        return n

    def all_features(self) -> list[tuple[dict[str, Any], str]]:
        """Every event and the file it came from, in file then id order (for `sitmap db export`)."""
        with self.pool.connection() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM events ORDER BY source_file, id").fetchall()  # noqa: S608
        return [(_feature(r), r[5]) for r in rows]
