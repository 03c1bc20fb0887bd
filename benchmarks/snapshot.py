"""Snapshot render time and peak memory for N synthetic events (the download buttons' cost).

    python benchmarks/snapshot.py [--repeat 3] [--sizes 1000,10000] [--out DIR]

For each N: a 300 dpi PNG of the Golan (an area-filter box) and of the whole region (framed on the
events), then SVG and PDF of both (at every N; `--vector-sizes` narrows that). Each figure is the median
of `--repeat` runs, as wall seconds and as this process' CPU seconds (on a shared machine the wall time
mostly measures the other users; the CPU time is what the render itself costs, and it is
single-threaded); peak memory is tracemalloc's peak of Python allocations in one run (matplotlib's Agg
buffer is C memory and not counted). With `--out`, the last render of each case is kept there.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_events  # noqa: E402
from sitmap.reference.layers import load_reference  # noqa: E402
from sitmap.snapshot.render import snapshot_bytes  # noqa: E402
from sitmap.view import View  # noqa: E402

GOLAN = (35.55, 32.6, 36.2, 33.45)  # W, S, E, N: the Golan and the Area of Separation
CASES = {"golan": View(bbox=GOLAN), "region": View()}


def run_once(events, reference, view: View, fmt: str, dpi: float) -> tuple[float, float, bytes]:
    """Seconds and peak MiB (Python allocations) of one render, and its bytes."""
    tracemalloc.start()
    t0 = time.perf_counter()
    data = snapshot_bytes(events, reference, view, fmt, title="Benchmark", dpi=dpi)
    seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak, data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--vector-sizes", default=None, help="sizes for SVG and PDF (default: --sizes)")
    parser.add_argument("--formats", default="png,svg,pdf")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dpi", type=float, default=300)
    parser.add_argument("--out", type=Path, default=None, help="keep the renders in this folder")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    reference = load_reference(ROOT / "geodata")
    vector = [int(s) for s in args.vector_sizes.split(",")] if args.vector_sizes else sizes
    formats = args.formats.split(",")
    plan = [(n, name, "png") for n in sizes for name in CASES if "png" in formats]
    plan += [(n, name, f) for f in ("svg", "pdf") if f in formats for n in vector for name in CASES]
    head = f"{'events':>7} {'case':<7} {'fmt':<4} {'wall s':>7} {'cpu s':>7} {'wall runs s':<20}"
    print(f"{head} {'MiB':>8} {'bytes':>9}")
    frames = {n: synthetic_events(n) for n in {*sizes, *vector}}
    for n, name, fmt in plan:
        runs, cpu, peak, data = [], [], 0.0, b""
        for _ in range(args.repeat):
            # tracemalloc slows allocation-heavy code: time without it, measure memory once.
            t0, c0 = time.perf_counter(), time.process_time()
            data = snapshot_bytes(frames[n], reference, CASES[name], fmt, title="Benchmark", dpi=args.dpi)
            runs.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        _, peak, _ = run_once(frames[n], reference, CASES[name], fmt, args.dpi)
        shown = " ".join(f"{r:.2f}" for r in runs)
        wall, used = statistics.median(runs), statistics.median(cpu)
        print(f"{n:>7} {name:<7} {fmt:<4} {wall:>7.2f} {used:>7.2f} {shown:<20} {peak:>8.0f} {len(data):>9}")
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{name}-{n}.{fmt}").write_bytes(data)


if __name__ == "__main__":
    main()
