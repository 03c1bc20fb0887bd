"""The server side of a slider step on a PostGIS store: what the map layer asks the database for each stepped
window (`scope_of` over `PostgisSource`: the cap's counts, then the events or the counts per cell), for this
checkout and another (e.g. a copy of main) alternating step by step against the same database.

    python benchmarks/pg_cells_step.py --database postgresql:///bench --before /tmp/pgroll-main --rounds 3

Each side runs in a process of its own (its checkout first on the path) that keeps one store open, as the
app does; nothing is cached between steps (the app caches a span's answer, so this is the dearer case).
Windows: the end thumb stepped a day at a time from `--window` (`--steps`), then windows of 30, 90, 182
and 365 days ending on the last of those days, each stepped `--long-steps` days. Printed per window length:
wall seconds per step (median and max over rounds) and the layer's kind, with the load average; the server's
own time per statement is in its log (log_min_duration_statement).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve()


def worker(url: str, zoom: int, bounds: tuple[float, float, float, float]) -> None:
    """Answer one window per stdin line ("start end") with the step's wall and CPU seconds and kind."""
    sys.path.insert(0, os.getcwd())
    from sitmap.store.postgis import PostgisStore
    from sitmap.store.postgis_view import PostgisSource
    from sitmap.view import View
    from sitmap.webmap.cells import scope_of

    with PostgisStore(url, today=date(2026, 1, 1)) as store:
        print("ready", flush=True)
        for line in sys.stdin:
            start, end = (date.fromisoformat(d) for d in line.split())
            view = View(start=start, end=end)
            t, c = time.perf_counter(), time.process_time()
            scope = scope_of(PostgisSource(store, View()), view, zoom, bounds)
            wall, cpu = time.perf_counter() - t, time.process_time() - c
            print(json.dumps({"wall": wall, "cpu": cpu, "kind": scope.kind}), flush=True)


def windows(first: date, last: date, steps: int, long_steps: int) -> list[tuple[str, date, date]]:
    """(label, start, end) of every step measured."""
    got = [("end thumb", first, last + timedelta(days=i)) for i in range(1, steps + 1)]
    end = got[-1][2]
    for days in (30, 90, 182, 365):
        got += [
            (f"{days} days", end - timedelta(days=days - 1 - i), end + timedelta(days=i))
            for i in range(1, long_steps + 1)
        ]
    return got


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--database", required=True)
    ap.add_argument("--before", default="", help="another checkout (e.g. a copy of main), run alternately")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--long-steps", type=int, default=3)
    ap.add_argument("--window", default="2024-06-01,2024-06-07")
    ap.add_argument("--zoom", type=int, default=6)
    ap.add_argument("--bounds", default="33.0,28.0,50.0,37.0", help="W,S,E,N of the map's view")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    bounds = tuple(float(v) for v in args.bounds.split(","))
    assert len(bounds) == 4
    if args.worker:
        worker(args.database, args.zoom, bounds)  # type: ignore[arg-type]
        return
    sides = {"this": HERE.parents[1]} | ({"before": Path(args.before)} if args.before else {})
    procs = {}
    for name, root in sides.items():
        cmd = [sys.executable, str(HERE), "--worker", "--database", args.database, "--zoom", str(args.zoom),
               "--bounds", args.bounds]  # fmt: skip
        env = os.environ | {"PYTHONPATH": str(root)}
        procs[name] = subprocess.Popen(
            cmd, cwd=root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert procs[name].stdout is not None and procs[name].stdout.readline().strip() == "ready"
    first, last = (date.fromisoformat(d) for d in args.window.split(","))
    steps = windows(first, last, args.steps, args.long_steps)
    times: dict[tuple[str, str], list[float]] = {}
    kinds: dict[tuple[str, str], set[str]] = {}
    loads = []
    try:
        for r in range(args.rounds):
            for label, start, end in steps:
                order = (
                    list(procs) if (r + len(times)) % 2 == 0 else list(procs)[::-1]
                )  # who goes first alternates
                for name in order:
                    proc = procs[name]
                    assert proc.stdin is not None and proc.stdout is not None
                    proc.stdin.write(f"{start} {end}\n")
                    proc.stdin.flush()
                    got = json.loads(proc.stdout.readline())
                    times.setdefault((label, name), []).append(got["wall"])
                    kinds.setdefault((label, name), set()).add(got["kind"])
            loads.append(os.getloadavg()[0])
            print(f"round {r + 1} done, load {loads[-1]:.1f}", flush=True)
    finally:
        for proc in procs.values():
            proc.stdin.close()  # type: ignore[union-attr]
            proc.wait()
    head = f"server-side step (scope_of, no cache), zoom {args.zoom}, bounds {args.bounds}"
    print(f"\n{head}, {args.rounds} rounds, load {min(loads):.1f}-{max(loads):.1f}")
    for label in dict.fromkeys(lb for lb, _, _ in steps):
        for name in procs:
            got = times[(label, name)]
            kind = "/".join(sorted(kinds[(label, name)]))
            print(f"  {label:<10} {name:<6} median {statistics.median(got) * 1000:7.0f} ms  "
                  f"max {max(got) * 1000:7.0f} ms  ({len(got)} steps; {kind})")  # fmt: skip


if __name__ == "__main__":
    main()
