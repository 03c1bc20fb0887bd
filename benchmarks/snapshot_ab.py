"""Snapshot render time of this tree against a git ref, interleaved in one run (a shared machine's load
hits both alike).

    python benchmarks/snapshot_ab.py --base s5-integ [--repeat 3] [--sizes 1000,10000] [--formats png,svg,pdf]

The ref's `sitmap/` is exported (`git archive`) to a temporary folder; two worker processes, one per tree,
each load the reference data and the synthetic events once, then render the same cases in turn: for every
(N, case, format) the base and the new tree alternate `--repeat` times. Each figure is the median over the
repeats, as wall seconds and as the worker's CPU seconds (the render is single-threaded: CPU time is its
own cost, wall time adds whatever else the machine is doing). Both workers render the same bytes'
worth of work: the sizes of their outputs are printed side by side.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.ab import ROOT, Worker, export, interleaved  # noqa: E402

CASES = ("golan", "region")

WORKER = """
import io, json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from benchmarks.synthetic import synthetic_events
from sitmap.reference.layers import load_reference
from sitmap.snapshot.render import snapshot_bytes
from sitmap.view import View
reference = load_reference(Path(sys.argv[2]) / "geodata")
views = {"golan": View(bbox=(35.55, 32.6, 36.2, 33.45)), "region": View()}
frames = {}
for line in sys.stdin:
    n, case, fmt = json.loads(line)
    events = frames.setdefault(n, synthetic_events(n))
    t0, c0 = time.perf_counter(), time.process_time()
    data = snapshot_bytes(events, reference, views[case], fmt, title="Benchmark", dpi=300)
    out = [time.perf_counter() - t0, time.process_time() - c0, len(data)]
    print(json.dumps(out), flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="s5-integ", help="git ref to compare against")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--formats", default="png,svg,pdf")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    plan = [(n, case, fmt) for fmt in args.formats.split(",") for n in sizes for case in CASES]
    with tempfile.TemporaryDirectory() as tmp:
        base = export(args.base, Path(tmp), ["sitmap", "benchmarks"])  # the geodata is read from this tree
        workers = {"base": Worker(base, WORKER, str(ROOT)), "new": Worker(ROOT, WORKER, str(ROOT))}
        for w in workers.values():  # warm up: imports, fonts, the reference data, the events
            w.ask((sizes[0], "golan", "png"))
        head = f"{'events':>7} {'case':<7} {'fmt':<4} {'base wall':>9} {'new wall':>9}"
        print(f"{head} {'base cpu':>9} {'new cpu':>9} {'base bytes':>11} {'new bytes':>11}", flush=True)
        for job in plan:
            med, last = interleaved(workers, job, args.repeat)
            n, case, fmt = job
            wall = f"{med['base'][0]:>9.2f} {med['new'][0]:>9.2f}"
            cpu = f"{med['base'][1]:>9.2f} {med['new'][1]:>9.2f}"
            size = f"{int(last['base'][2]):>11} {int(last['new'][2]):>11}"
            print(f"{n:>7} {case:<7} {fmt:<4} {wall} {cpu} {size}", flush=True)
        for w in workers.values():
            w.close()


if __name__ == "__main__":
    main()
