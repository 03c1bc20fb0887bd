"""A slider step's list page on PostGIS: the events begun before the window, old query and new, interleaved.

    SITMAP_BENCH_DATABASE_URL=postgresql:///db python benchmarks/list_page_pg.py --rounds 3

On a store brought up to date by `sitmap db init`. For a 7-day window at several first days, "old" runs the
first page of the events begun before the window as commit 4090bf2 did (plain comparisons), in a
transaction that drops `events_period_ids` and rolls back (the plan it had); "new" with
`postgis_earlier.EARLIER` (the covering period GiST). Their count is the same query on both sides. Printed:
the server's execution time of both (EXPLAIN ANALYZE), the plan's scans, the load average beside them.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, timedelta
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitmap.store.postgis_earlier import EARLIER  # noqa: E402
from sitmap.store.postgis_view import LIST_ORDER  # noqa: E402

FIRST_DAYS = [date(2024, 6, 1), date(2025, 2, 1), date(2025, 3, 3), date(2025, 9, 14)]


def _ms(conn: psycopg.Connection, sql: str, params: list) -> tuple[float, str]:
    (plan,) = conn.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params).fetchone()[0]
    todo, scans = [plan["Plan"]], []
    while todo:
        node = todo.pop()
        if "Relation Name" in node:
            scans.append(node["Node Type"] + (f" {node['Index Name']}" if "Index Name" in node else ""))
        todo += node.get("Plans", [])
    return plan["Execution Time"], ", ".join(scans)


def _both(conn: psycopg.Connection, where: str, cond: str, params: list, first: date, sort: str) -> tuple:
    """The count of the events begun before the window (the same query on both sides) and the page's ids."""
    count = _ms(conn, f"SELECT count(*) FROM events WHERE {where} AND start_date < %s", [*params[:2], first])
    page = _ms(conn, f"SELECT id FROM events WHERE {where}{cond} {sort} LIMIT 50 OFFSET 0", params)
    return count, page


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    sort = LIST_ORDER.replace("start_date", "(start_date + 0)")
    with psycopg.connect(os.environ["SITMAP_BENCH_DATABASE_URL"], autocommit=True) as conn:
        conn.execute("SET jit = off")  # as the app's pool
        for r in range(args.rounds):
            for first in FIRST_DAYS:
                where = "TRUE AND end_date >= %s AND start_date <= %s"
                params = [first, first + timedelta(days=6)]
                for side, cond, extra in (
                    ("old", " AND start_date < %s", [first]),
                    ("new", f" AND {EARLIER}", [first, first]),
                ):
                    with conn.transaction(force_rollback=True):  # old: as before the index existed
                        if side == "old":
                            conn.execute("DROP INDEX events_period_ids")
                        count, page = _both(conn, where, cond, [*params, *extra], first, sort)
                    print(
                        f"round {r + 1} {first} {side}: count {count[0]:.0f} ms, page {page[0]:.0f} ms "
                        f"(load {os.getloadavg()[0]:.1f}) [{count[1]}; {page[1]}]",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
