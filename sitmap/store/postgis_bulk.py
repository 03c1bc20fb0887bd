"""Bulk import into PostGIS through COPY (one history entry per import) and LISTEN for saves."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from sitmap.model import Problem, feature_label
from sitmap.store.postgis_schema import NOTIFY_CHANNEL
from sitmap.store.write import ValidationError


def copy_import(
    pool: ConnectionPool,
    features: Iterable[tuple[dict[str, Any], str]],
    *,
    user: str,
    why: str,
    source: str,
    today: date | None = None,
) -> int:
    """See `PostgisStore.import_features`; returns how many events were written."""
    from sitmap.store.postgis import _begin_write, checked_row

    rows: list[tuple[Any, ...]] = []
    problems: list[Any] = []
    seen: dict[str, Any] = {}
    for i, (feature, source_file) in enumerate(features):
        try:
            rows.append((*checked_row(feature, today=today, file=source, index=i), source_file))
        except ValidationError as e:
            problems += e.problems
            continue
        fid = rows[-1][0]
        if fid in seen:
            problem = f"duplicate id {fid!r}: also #{seen[fid]}"
            problems.append(Problem(source, feature_label(i, fid), "id", problem))
        seen.setdefault(fid, i)
    if problems:
        raise ValidationError(problems)
    with pool.connection() as conn, conn.transaction():
        _begin_write(conn, user, why)
        entry = {"source": source, "count": len(rows)}
        (seq,) = conn.execute(
            "INSERT INTO event_history (event_id, op, user_name, why, new) "
            "VALUES (NULL, 'import', %s, %s, %s) RETURNING seq",
            [user, why, Jsonb(entry)],
        ).fetchone() or (0,)
        # Rows the triggers write while this is set take this entry as theirs instead of one each.
        conn.execute("SELECT set_config('sitmap.import_seq', %s, true)", [str(seq)])
        conn.execute(
            "CREATE TEMP TABLE sitmap_import (id text, properties jsonb, members jsonb, wkb bytea, "
            "start_date date, end_date date, source_file text) ON COMMIT DROP"
        )
        with conn.cursor() as cur, cur.copy("COPY sitmap_import FROM STDIN") as copy:
            for fid, props, members, wkb, start, end, source_file in rows:
                copy.write_row([fid, Jsonb(props), Jsonb(members), wkb, start, end, source_file])
        conn.execute(
            "INSERT INTO events (id, properties, members, geometry, start_date, end_date, source_file) "
            "SELECT id, properties, members, ST_GeomFromWKB(wkb, 4326), start_date, end_date, source_file "
            "FROM sitmap_import ON CONFLICT (id) DO UPDATE SET properties = EXCLUDED.properties, "
            "members = EXCLUDED.members, geometry = EXCLUDED.geometry, start_date = EXCLUDED.start_date, "
            "end_date = EXCLUDED.end_date, source_file = EXCLUDED.source_file"
        )
        conn.execute("SELECT set_config('sitmap.import_seq', '', true)")
        payload = {"op": "import", "seq": seq, "count": len(rows), "schema": events_schema(conn)}
        conn.execute("SELECT pg_notify(%s, %s)", [NOTIFY_CHANNEL, json.dumps(payload)])
    return len(rows)


def events_schema(conn: psycopg.Connection) -> str:
    """The schema of the `events` table this connection's search path finds."""
    row = conn.execute(
        "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.oid = 'events'::regclass"
    ).fetchone()
    assert row is not None  # regclass raises when there is no such table
    return str(row[0])


class Listener:
    """A connection LISTENing on `NOTIFY_CHANNEL`; `wait` returns the payloads about its own store's
    events (those of other schemas in the same database are skipped) that arrive in time."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn
        self.schema = events_schema(conn)

    def wait(self, timeout: float, *, count: int = 1) -> list[dict[str, Any]]:
        """Up to `count` notifications (decoded JSON, without `schema`), waiting at most `timeout` seconds."""
        deadline = time.monotonic() + timeout
        got: list[dict[str, Any]] = []
        while len(got) < count:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            for n in self.conn.notifies(timeout=left, stop_after=count - len(got)):
                payload = json.loads(n.payload)
                if payload.pop("schema", None) == self.schema:
                    got.append(payload)
        return got


@contextmanager
def listen(url: str) -> Iterator[Listener]:
    """Listen for saves from the moment this is entered (so nothing sent after that is missed)."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
        yield Listener(conn)
