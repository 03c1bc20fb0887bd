"""PostGIS only: NOTIFY reaches another connection after a write, and a COPY import is one history entry."""

from __future__ import annotations

import time
import uuid
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import event_batches

from sitmap.store.geojson_io import normalise_feature
from sitmap.store.postgis import PostgisStore
from sitmap.store.postgis_bulk import Listener, listen
from sitmap.store.write import ValidationError
from sitmap.view import View
from tests.features import point_event

FIXTURE_OK = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
WAIT = 5.0  # seconds: a notification is sent at commit, so it arrives at once or not at all


def _event(fid: str, summary: str = "an event") -> dict[str, Any]:
    return point_event(fid, summary, tags=[])


def _next(listener: Listener, timeout: float = WAIT) -> dict[str, Any] | None:
    """The next notification within `timeout` seconds, or None."""
    got = listener.wait(timeout)
    return got[0] if got else None


def _history_count(pg: PostgisStore) -> int:
    with pg.pool.connection() as conn:
        row = conn.execute("SELECT count(*) FROM event_history").fetchone()
    assert row is not None
    return int(row[0])


def test_a_second_connection_is_notified_of_each_write_at_commit(pg, pg_url):
    with listen(pg_url) as listener:
        started = time.monotonic()
        v1 = pg.save(_event("n1"), None, user="t", why="new")
        assert _next(listener) == {"id": "n1", "op": "insert", "seq": int(pg.change_key())}
        assert time.monotonic() - started < WAIT
        feature, _ = pg.get("n1")
        v2 = pg.save(
            {**feature, "properties": {**feature["properties"], "summary": "x"}}, v1, user="t", why="e"
        )
        assert _next(listener) == {"id": "n1", "op": "update", "seq": int(pg.change_key())}
        pg.delete("n1", v2, user="t", why="gone")
        assert _next(listener) == {"id": "n1", "op": "delete", "seq": int(pg.change_key())}
        pg.import_features([(_event("n2"), "a.geojson")], user="t", why="bulk", source="a")
        assert _next(listener) == {"op": "import", "seq": int(pg.change_key()), "count": 1}
        assert _next(listener, 0.3) is None  # one notification per write, no more


def test_no_notification_for_a_refused_save(pg, pg_url):
    pg.save(_event("r"), None, user="t", why="new")
    with listen(pg_url) as listener:
        with pytest.raises(Exception):  # noqa: B017 (a conflict: which subtype is tested elsewhere)
            pg.save(_event("r"), None, user="t", why="again")
        assert _next(listener, 0.5) is None


def test_a_store_in_another_schema_is_not_notified(pg, pg_url):
    """Two deployments (or two test workers) in one database, each in its own schema, do not hear each
    other's writes."""
    other = f"sitmap_other_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {other}")
    try:
        other_url = psycopg.conninfo.make_conninfo(pg_url, options=f"-c search_path={other},public")
        with PostgisStore(other_url, init=True) as elsewhere, listen(pg_url) as listener:
            elsewhere.save(_event("there"), None, user="t", why="new")
            assert _next(listener, 0.5) is None
            pg.save(_event("here"), None, user="t", why="new")
            got = _next(listener)
            assert got is not None and got["id"] == "here"
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {other} CASCADE")


@FIXTURE_OK
@given(batch=event_batches(min_size=1, max_size=8))
def test_import_of_n_events_is_one_history_entry(pg, batch):
    tag = uuid.uuid4().hex[:8]
    features = [{**f, "id": f"{f['id']}-{tag}"} for f in batch]
    before, cursor = _history_count(pg), pg.changes_since(None)[1]
    n = pg.import_features([(f, "bulk.geojson") for f in features], user="ana", why="weekly", source="x.csv")
    assert n == len(features)
    assert _history_count(pg) == before + 1
    changes, _ = pg.changes_since(cursor)
    assert sorted(c.event_id for c in changes) == sorted(f["id"] for f in features)
    for f in features:
        got, version = pg.get(f["id"])
        assert got == normalise_feature(f) and version == "1"
        (entry,) = pg.history(f["id"])
        assert (entry.op, entry.user, entry.why) == ("import", "ana", "weekly")
        assert (entry.old, entry.new) == (None, normalise_feature(f))
    # Importing them again replaces them: new versions, still one entry.
    pg.import_features([(f, "bulk.geojson") for f in features], user="ana", why="again", source="x.csv")
    assert _history_count(pg) == before + 2
    assert {pg.get(f["id"])[1] for f in features} == {"2"}
    for f in features:  # the state each import replaced stays in the event's history
        assert [(e.op, e.why, e.old, e.new) for e in pg.history(f["id"])][1:] == [
            ("import", "again", normalise_feature(f), normalise_feature(f))
        ]


def test_import_keeps_the_history_of_an_event_edited_after_it(pg):
    pg.import_features([(_event("e1"), "a.geojson")], user="ana", why="bulk", source="a.csv")
    feature, version = pg.get("e1")
    pg.save(
        {**feature, "properties": {**feature["properties"], "summary": "fixed"}}, version, user="bo", why="e"
    )
    assert [(e.op, e.user) for e in pg.history("e1")] == [("import", "ana"), ("update", "bo")]


def test_an_import_with_one_bad_feature_writes_nothing(pg):
    bad = _event("bad")
    bad["properties"]["date"] = "2025-02-30"
    before = _history_count(pg)
    with pytest.raises(ValidationError) as e:
        pg.import_features(
            [(_event("ok"), "a.geojson"), (bad, "a.geojson"), (_event("ok"), "b.geojson")],
            user="t",
            why="bulk",
            source="in.csv",
        )
    fields = {(p.file, p.field) for p in e.value.problems}
    assert ("in.csv", "properties.date") in fields and ("in.csv", "id") in fields
    assert _history_count(pg) == before
    assert len(pg.query(View())) == 0
