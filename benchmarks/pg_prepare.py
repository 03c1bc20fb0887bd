"""Whether a PostGIS store's reads should be prepared: the same reads through a pool that lets psycopg
prepare (its default, a statement run 5 times) and one that never does (`prepare_threshold=None`, the
store's setting), alternating step by step in one process against the same database.

    python benchmarks/pg_prepare.py --database "postgresql://root@/bench?host=/tmp/pg1m&port=5499" --steps 20

Per step (`--long-first` steps of a year's window, then the end thumb moved a day at a time from
`--window`): the step's reads besides the map layer (the header's count, the list's first page, "Zoom to
results" bounds, the type counts), then `--lookups` reads of single events by id (the cheap, alike
statements preparing is made for). Printed: per kind and side, median and max wall
milliseconds over the steps, with the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta

sys.path.insert(0, os.getcwd())

from psycopg_pool import ConnectionPool  # noqa: E402

from sitmap.store import postgis_view as pv  # noqa: E402
from sitmap.store.postgis import PostgisStore, _configure  # noqa: E402
from sitmap.view import View  # noqa: E402


def store(url: str, prepare_threshold: int | None) -> PostgisStore:
    """A store whose pool prepares after `prepare_threshold` runs (None: never)."""
    got = PostgisStore(url, max_connections=1)
    got.pool.close()
    got.pool = ConnectionPool(
        url,
        min_size=1,
        max_size=1,
        kwargs={"autocommit": True, "prepare_threshold": prepare_threshold},
        configure=_configure,
        open=True,
    )
    return got


def timed(run: Callable[[], object]) -> float:
    t = time.perf_counter()
    run()
    return (time.perf_counter() - t) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", required=True)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--window", default="2024-06-01")
    parser.add_argument("--lookups", type=int, default=50)
    parser.add_argument("--long-first", type=int, default=6, help="steps of a year's window first")
    parser.add_argument("--long-last", action="store_true", help="then windows of 30 days to 4 years")
    args = parser.parse_args()
    sides = {
        "prepared (default)": store(args.database, 5),
        "never prepared": store(args.database, None),
    }
    with next(iter(sides.values())).pool.connection() as conn:
        ids = [i for (i,) in conn.execute("SELECT id FROM events TABLESAMPLE SYSTEM (0.1) LIMIT 2000")]
    rng = random.Random(1)
    times: dict[tuple[str, str], list[float]] = {}
    first = date.fromisoformat(args.window)
    print("load before:", os.getloadavg())
    lengths = [365] * args.long_first + list(range(1, args.steps + 1))  # a year's view, then the end thumb
    lengths += [30, 90, 182, 365, 730, 1460] if args.long_last else []  # a plan kept for short windows
    for step, days in enumerate(lengths, 1):
        view = View(start=first, end=first + timedelta(days=days))
        picks = rng.sample(ids, args.lookups)
        order = list(sides.items()) if step % 2 else list(reversed(sides.items()))
        for name, s in order:
            reads: dict[str, Callable[[], object]] = {
                "header count": lambda s=s, v=view: pv.count(s, v),
                "list page 1": lambda s=s, v=view: pv.rows(s, v, newest=False, offset=0, limit=50),
                "zoom-to bounds": lambda s=s, v=view: pv.bounds(s, v),
                "type counts": lambda s=s, v=view: pv.type_counts(s, v),
                f"{args.lookups} gets by id": lambda s=s, p=picks: [s.get(i) for i in p],
            }
            for kind, run in reads.items():
                times.setdefault((kind, name), []).append(timed(run))
        print(f"step {step} ({days} days) done, load {os.getloadavg()[0]:.1f}", flush=True)
    print("load after:", os.getloadavg())
    for (kind, name), ms in times.items():
        print(f"{kind:>18} | {name:>26} | median {statistics.median(ms):8.1f} ms | max {max(ms):8.1f} ms")
        print(
            f"{'':>18} | {'per step (days)':>26} | "
            + " ".join(f"{d}:{t:.0f}" for d, t in zip(lengths, ms, strict=True))
        )
    with sides["prepared (default)"].pool.connection() as conn:  # which plans the server kept using
        for text, generic, custom in conn.execute(
            "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements"
        ):
            print(f"prepared: generic {generic:3d} custom {custom:3d} | {' '.join(text.split())[:110]}")
    for s in sides.values():
        s.close()


if __name__ == "__main__":
    main()
