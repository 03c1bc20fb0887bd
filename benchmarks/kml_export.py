"""KML export of N synthetic events: bytes and CPU seconds, main's copy and this tree interleaved.

    git archive main | tar -x -C /tmp/qa-main
    PYTHONPATH=$PWD python benchmarks/kml_export.py --old /tmp/qa-main --n 5000 --rounds 3

Each round runs the old and the new `events_to_kml` in a fresh process (alternating which goes first), so
both see the same load; CPU seconds (process time) are reported beside wall time, and `uptime`'s load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
ONE_RUN = """
import sys, time
sys.path.insert(0, {bench!r})
from synthetic import synthetic_events
from sitmap.exports.kml import events_to_kml
events = synthetic_events({n})
cpu, wall = time.process_time(), time.perf_counter()
text = events_to_kml(events)
print(time.process_time() - cpu, time.perf_counter() - wall, len(text.encode("utf-8")))
"""


def _run(root: Path, n: int) -> tuple[float, float, int]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    code = ONE_RUN.format(bench=str(HERE / "benchmarks"), n=n)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=root, capture_output=True, text=True, check=True
    )
    cpu, wall, size = out.stdout.split()
    return float(cpu), float(wall), int(size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="a copy of main (git archive main)")
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float, int]]] = {"old": [], "new": []}
    for r in range(args.rounds):
        order = [("old", args.old), ("new", HERE)] if r % 2 == 0 else [("new", HERE), ("old", args.old)]
        for name, root in order:
            results[name].append(_run(root, args.n))
    print(f"load: {os.getloadavg()}")
    for name, runs in results.items():
        cpu = statistics.median(c for c, _, _ in runs)
        wall = statistics.median(w for _, w, _ in runs)
        print(f"{name}: {args.n} events, {runs[0][2]:,} bytes, median CPU {cpu:.2f} s, wall {wall:.2f} s")


if __name__ == "__main__":
    main()
