"""The detailed timeline's GROUP BYs on a PostGIS store: the queries before the timeline indexes and after.

    SITMAP_BENCH_DATABASE_URL=postgresql:///db python benchmarks/timeline_pg.py --rounds 3

The store must have been brought up to date by `sitmap db init` (the indexes exist). "old" runs the queries
as they were before them (commit 4090bf2's `postgis_view.timeline_counts`: one aggregate over every span
with its first place) in a transaction that drops the timeline indexes and rolls back, so the table is the
same and the old plan is the one it had; "new" runs `postgis_view.timeline_sql` with the indexes. Old and
new alternate in one connection, `--rounds` times, whole-store filters (what the page opens on). Printed:
wall seconds of both queries, the server's execution time (EXPLAIN ANALYZE) and the top plan nodes, and the
load average beside each (the machine is shared).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitmap.store.postgis_view import selected_where, timeline_sql  # noqa: E402
from sitmap.view import View  # noqa: E402

OLD_DAYS = (
    "SELECT start_date, event_type, count(*) FROM events WHERE {where} "
    "AND start_date = end_date GROUP BY 1, 2 ORDER BY 1, 2"
)
OLD_GROUPS = (
    "SELECT start_date, end_date, event_type, count(*), (array_agg(properties->>'location' "
    "ORDER BY id COLLATE \"C\") FILTER (WHERE properties->>'location' IS NOT NULL))[1] "
    "FROM events WHERE {where} AND start_date <> end_date GROUP BY 1, 2, 3 "
    'ORDER BY 4 DESC, 1, 2, event_type COLLATE "C" LIMIT %s'
)


def _run(conn: psycopg.Connection, queries: list[tuple[str, list]]) -> tuple[float, list[str]]:
    """Wall seconds of running `queries` (rows fetched), then each one's execution time and top nodes."""
    t = time.perf_counter()
    results = [conn.execute(sql, params).fetchall() for sql, params in queries]  # noqa: F841
    wall = time.perf_counter() - t
    notes = []
    for sql, params in queries:
        (plan,) = conn.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params).fetchone()[0]
        node, kinds = plan["Plan"], []
        while node is not None:
            kinds.append(node["Node Type"] + (f" {node['Index Name']}" if "Index Name" in node else ""))
            node = (node.get("Plans") or [None])[-1]
        notes.append(f"{plan['Execution Time']:.0f} ms [{' > '.join(kinds)}]")
    return wall, notes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    where, params = selected_where(View())
    old = [(OLD_DAYS.format(where=where), params), (OLD_GROUPS.format(where=where), [*params, 400])]
    new = timeline_sql(where, params, 400)
    with psycopg.connect(os.environ["SITMAP_BENCH_DATABASE_URL"], autocommit=True) as conn:
        conn.execute("SET jit = off")  # as the app's pool (`postgis._configure`)
        for r in range(args.rounds):
            for side, queries in (("old", old), ("new", new)):
                with conn.transaction(force_rollback=True):
                    if side == "old":
                        conn.execute("DROP INDEX events_timeline_days, events_timeline_spans")
                    wall, notes = _run(conn, queries)
                load = os.getloadavg()[0]
                print(
                    f"round {r + 1} {side}: {wall:.2f} s (load {load:.1f}); " + "; ".join(notes), flush=True
                )


if __name__ == "__main__":
    main()
