"""The detailed timeline on PostGIS: its per-day counts and spans from SQL (`postgis_view.timeline_counts`),
the same records as the frame's (`timeline.records`), the span groups capped alike; offered on the map page
of a database store without reading the whole table."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks.store_scale import features_of
from sitmap.ui import state
from sitmap.ui.map import timeline
from sitmap.view import View

from .test_postgis_first_map import ROOT, _watch_whole_reads
from .test_postgis_first_map import app_on_postgis as app_on_postgis  # noqa: F401 (a fixture)


@pytest.mark.parametrize("view", [View(), View(event_types=("raid", "airstrike"))])
def test_sql_counts_give_the_frames_timeline(pg, view) -> None:
    from sitmap.store.postgis_view import timeline_counts

    pg.import_features(features_of(3_000), user="t", why="seed", source="test")
    counted = timeline_counts(pg, view, timeline.MAX_SPAN_GROUPS)
    assert counted is not None
    days, spans = timeline.counted_records(*counted)
    want_days, want_spans = timeline.records(pg.query(view))
    assert len(want_days) > 100 and len(want_spans) > 10  # both charts have something to compare
    assert days == want_days
    assert spans == want_spans


def test_the_span_groups_are_capped_alike(pg, monkeypatch) -> None:
    from sitmap.store.postgis_view import timeline_counts

    pg.import_features(features_of(3_000), user="t", why="seed", source="test")
    monkeypatch.setattr(timeline, "MAX_SPAN_GROUPS", 7)
    counted = timeline_counts(pg, View(), 7)
    assert counted is not None
    _days, spans = timeline.counted_records(*counted)
    _want_days, want_spans = timeline.records(pg.query(View()))
    assert len(spans) == 7 and spans == want_spans  # the largest seven, in time order


def test_the_detailed_timeline_is_offered_on_a_database(app_on_postgis, monkeypatch) -> None:
    whole = _watch_whole_reads(monkeypatch)
    monkeypatch.setattr(state, "secondary_ready", lambda: True)  # the map has drawn: the whole page
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert not at.get("vega_lite_chart")  # off by default
    at.toggle(key="w_timeline_detailed").set_value(True).run()
    assert not at.exception, at.exception
    assert len(at.get("vega_lite_chart")) == 2  # the per-day counts and the spans' strip
    assert any("**Timeline**" in m.value for m in at.markdown)
    assert whole == []


def _plan_nodes(pg, sql: str, params: list) -> list[dict]:
    """Every node of `sql`'s plan (EXPLAIN, FORMAT JSON), depth first."""
    with pg.pool.connection() as conn, conn.transaction():
        conn.execute("SET LOCAL enable_seqscan = off")  # a tiny table: is the index usable, not chosen
        conn.execute("SET LOCAL enable_bitmapscan = off")
        (plan,) = conn.execute(f"EXPLAIN (FORMAT JSON) {sql}", params).fetchone()[0]
    nodes, todo = [], [plan["Plan"]]
    while todo:
        node = todo.pop()
        nodes.append(node)
        todo += node.get("Plans", [])
    return nodes


def test_init_creates_the_timeline_indexes_again_and_again(pg) -> None:
    """`sitmap db init` on a store made before them: the detailed timeline's covering indexes come; a second
    init changes nothing."""
    from sitmap.store.postgis_schema import init_schema

    with pg.pool.connection() as conn:
        conn.execute("DROP INDEX events_timeline_days, events_timeline_spans")
        init_schema(conn)
        init_schema(conn)
        names = {n for (n,) in conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'events'")}
    assert {"events_timeline_days", "events_timeline_spans"} <= names


def test_the_timeline_counts_read_the_indexes_alone(pg) -> None:
    """Without filters (what the page opens on), both GROUP BYs read index entries only (an index-only scan
    of the timeline's indexes, no table rows): ~4 s at 1M events as a scan of the table's JSON."""
    from sitmap.store.postgis_view import selected_where, timeline_sql

    pg.import_features(features_of(3_000), user="t", why="seed", source="test")
    (days_sql, days_params), (groups_sql, groups_params) = timeline_sql(*selected_where(View()), 400)
    days = _plan_nodes(pg, days_sql, days_params)
    groups = _plan_nodes(pg, groups_sql, groups_params)
    scans = [(n["Node Type"], n.get("Index Name")) for n in days if "Relation Name" in n]
    assert scans == [("Index Only Scan", "events_timeline_days")]
    # the groups are counted from the index alone; only the 400 kept groups' first place reads table rows,
    # walking the same index in id order within the group (no sort of the group's rows)
    scans = sorted((n["Node Type"], n.get("Index Name")) for n in groups if "Relation Name" in n)
    assert scans == [
        ("Index Only Scan", "events_timeline_spans"),
        ("Index Scan", "events_timeline_spans"),
        ("Index Scan", "events_timeline_spans"),
    ]
    sorted_by = [key for n in groups if n["Node Type"] == "Sort" for key in n["Sort Key"]]
    assert not [key for key in sorted_by if re.search(r"\bid\b", key)]
