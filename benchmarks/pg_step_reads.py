"""The server side of a whole slider step on a PostGIS store, as the map page asks it (`sitmap.ui.dbview`, its
caches included): the map layer (`scope_of` over `CachedSource`), the header's count, the list's first page
and the feed; for this checkout and another (e.g. a copy of main) alternating step by step on one database.

    python benchmarks/pg_step_reads.py --database "postgresql://root@/bench?host=/tmp/pg1m&port=5499" \\
        --before /tmp/main-copy --pg-pid /tmp/pg1m/data/postmaster.pid --rounds 2

Each side is a process of its own that keeps its caches between steps, as the app's server does (a fresh
process per round: cold caches, then the steps). Steps: the end thumb moved a day at a time from `--window`
(`--steps`; the first day stays), then `--moving` steps of the whole window (a playback in window mode: the
first day moves too). Printed per kind of step and side: wall and CPU milliseconds of the Python side, the
database's CPU milliseconds (every process of the cluster, from /proc: the cluster serves this benchmark
alone) and the statements run, medians and maxima; and whether both sides' answers were the same.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve()
TICK = os.sysconf("SC_CLK_TCK")


def cluster_cpu(pid_file: str) -> float:
    """CPU seconds used so far by the cluster's postmaster and every process it started (0 without one)."""
    if not pid_file:
        return 0.0
    root = int(Path(pid_file).read_text().split()[0])
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == root or stat.parent.name == str(root):  # fields[1]: the parent's pid
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def worker(zoom: int, bounds: tuple[float, float, float, float]) -> None:
    """Answer one step per stdin line ("start end"): its times, statements and a digest of the answers."""
    sys.path.insert(0, os.getcwd())
    import psycopg

    from sitmap.settings import load_settings
    from sitmap.ui import dbview
    from sitmap.ui.map.event_list import PAGE_ROWS
    from sitmap.ui.map.feed import FEED_ROWS
    from sitmap.view import View
    from sitmap.webmap.cells import scope_of

    statements = [0]
    real = psycopg.Cursor.execute

    def counted(self, query, params=None, **kwargs):  # type: ignore[no-untyped-def]
        statements[0] += 1
        return real(self, query, params, **kwargs)

    psycopg.Cursor.execute = counted  # type: ignore[method-assign]
    settings = load_settings()
    print("ready", flush=True)
    for line in sys.stdin:
        start, end = (date.fromisoformat(d) for d in line.split())
        statements[0] = 0
        t, c = time.perf_counter(), time.process_time()
        key = dbview.change_key(settings)
        view = View(start=start, end=end)
        scope = scope_of(dbview.CachedSource(settings, key, view), view, zoom, bounds)
        shown = dbview.count_shown(settings, key, view)
        listed = dbview.rows(settings, key, view, False, 0, PAGE_ROWS)
        feed = dbview.rows(settings, key, view, True, 0, FEED_ROWS)
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        total = scope.counts.total if scope.counts is not None else len(scope.events)
        answer = [scope.kind, int(total), shown, list(listed["id"]), list(feed["id"])]
        digest = hashlib.sha256(json.dumps(answer).encode()).hexdigest()[:12]
        print(
            json.dumps({"wall": wall, "cpu": cpu, "statements": statements[0], "digest": digest}), flush=True
        )


def steps_of(first: date, last: date, steps: int, moving: int) -> list[tuple[str, date, date]]:
    """(kind, start, end) of every step: the end thumb, then the whole window moved."""
    got = [("end thumb", first, last + timedelta(days=i)) for i in range(1, steps + 1)]
    start, end = got[-1][1], got[-1][2]
    return got + [
        ("moving", start + timedelta(days=i), end + timedelta(days=i)) for i in range(1, moving + 1)
    ]


def _start(root: Path, args: argparse.Namespace) -> subprocess.Popen:
    cmd = [sys.executable, str(HERE), "--worker", "--database", args.database, "--zoom", str(args.zoom)]
    cmd += ["--bounds", args.bounds]
    env = os.environ | {"PYTHONPATH": str(root), "SITMAP_DATABASE_URL": args.database}
    proc = subprocess.Popen(
        cmd,
        cwd=root,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--database", required=True)
    ap.add_argument("--before", default="", help="another checkout (e.g. a copy of main), run alternately")
    ap.add_argument("--pg-pid", default="", help="the cluster's postmaster.pid, for its CPU time")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--moving", type=int, default=5)
    ap.add_argument("--window", default="2024-06-01,2024-06-07")
    ap.add_argument("--zoom", type=int, default=5)
    ap.add_argument("--bounds", default="27.4,18.7,56.6,41.3", help="W,S,E,N of the map's view (a browser's)")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    bounds = tuple(float(v) for v in args.bounds.split(","))
    assert len(bounds) == 4
    if args.worker:
        worker(args.zoom, bounds)  # type: ignore[arg-type]
        return
    sides = {"this": HERE.parents[1]} | ({"before": Path(args.before)} if args.before else {})
    first, last = (date.fromisoformat(d) for d in args.window.split(","))
    steps = steps_of(first, last, args.steps, args.moving)
    got: dict[tuple[str, str], list[dict]] = {}
    digests: dict[tuple[int, str], set[str]] = {}
    loads = []
    for r in range(args.rounds):
        procs = {name: _start(root, args) for name, root in sides.items()}
        try:
            for i, (kind, start, end) in enumerate(steps):
                for name in (
                    list(procs) if (r + i) % 2 == 0 else list(procs)[::-1]
                ):  # who goes first alternates
                    proc = procs[name]
                    assert proc.stdin is not None and proc.stdout is not None
                    db = cluster_cpu(args.pg_pid)
                    proc.stdin.write(f"{start} {end}\n")
                    proc.stdin.flush()
                    step = json.loads(proc.stdout.readline())
                    step["db"] = cluster_cpu(args.pg_pid) - db
                    got.setdefault((kind, name), []).append(step)
                    digests.setdefault((i, kind), set()).add(step["digest"])
        finally:
            for proc in procs.values():
                proc.stdin.close()  # type: ignore[union-attr]
                proc.wait()
        loads.append(os.getloadavg()[0])
        print(f"round {r + 1} done, load {loads[-1]:.1f}", flush=True)
    print(f"\nserver side of a step (dbview, cached as in the app), zoom {args.zoom}, bounds {args.bounds}, "
          f"{args.rounds} rounds, load {min(loads):.1f}-{max(loads):.1f}")  # fmt: skip
    for kind in dict.fromkeys(k for k, _, _ in steps):
        for name in sides:
            rows = got[(kind, name)][1:]  # the first step of a kind fills the caches: left out
            parts = []
            for field, scale in (("wall", 1000), ("cpu", 1000), ("db", 1000), ("statements", 1)):
                values = [s[field] * scale for s in rows]
                parts.append(f"{field} {statistics.median(values):.0f}/{max(values):.0f}")
            print(f"  {kind:<10} {name:<6} median/max: {', '.join(parts)}  ({len(rows)} steps)")
    same = all(len(d) == 1 for d in digests.values())
    print(f"  same answers on both sides at every step: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
