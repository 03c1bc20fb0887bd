"""Review page rerun time at real volume, this tree against a git ref, interleaved in one run.

    python benchmarks/review_page.py [--base dd5fa35] [--sizes 400,5000] [--repeat 5]

A store holding one report of N paragraphs (filler, with a raid on page 1 and a patrol on page 2, as in
tests/ui/test_review_paging.py) is reviewed with Streamlit's AppTest on tests/data/review/review_app.py.
The ref's `sitmap/`, `benchmarks/` and `tests/data/review/` are exported (`git archive`) to a temporary
folder; two worker processes, one per tree, each run the page once per size (extraction is cached there,
and not timed), then rerun it (no widget changed) in turn: base and new alternate `--repeat` times per size.
Figures are medians: wall seconds and the worker's CPU seconds per rerun (the machine is shared: CPU time
is the page's own cost), and the markdown elements the page sent.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAID = "Israeli forces raided a former base on Tell al Mal, Quneitra Province, on the night of 3 March [3]."
PATROL = "Israeli forces also patrolled Ruwaihaniya, Quneitra Province, on 4 March [4]."

WORKER = """
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
from streamlit.testing.v1 import AppTest
app = os.path.join(sys.argv[1], "tests", "data", "review", "review_app.py")
pages = {}
for line in sys.stdin:
    events = json.loads(line)
    os.environ["SITMAP_EVENTS"] = events
    at = pages.get(events)
    if at is None:
        at = pages[events] = AppTest.from_file(app, default_timeout=600)
    t0, c0 = time.perf_counter(), time.process_time()
    at.run()
    out = [time.perf_counter() - t0, time.process_time() - c0, len(at.markdown), len(at.exception)]
    print(json.dumps(out), flush=True)
"""


def long_report(paragraphs: int) -> str:
    body = [f"Filler paragraph {i} says nothing that happened." for i in range(paragraphs)]
    body[3], body[45] = RAID, PATROL
    head = "---\ntitle: Long report\npublisher: Test\ndate: 2025-03-04\nurl: https://example.org/long\n---\n"
    return head + "\n\n".join(body) + "\n"


def store(n: int, into: Path) -> Path:
    folder = into / f"events-{n}"
    (folder / "reports").mkdir(parents=True)
    (folder / "reports" / "long-2025-03-04.md").write_text(long_report(n), encoding="utf-8")
    return folder


def export(ref: str, into: Path) -> Path:
    blob = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "sitmap", "benchmarks", "tests/data/review"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        tar.extractall(into, filter="data")
    return into


def worker(tree: Path) -> subprocess.Popen:
    env = {**os.environ, "SITMAP_GEODATA": str(ROOT / "geodata"), "PYTHONPATH": str(tree)}
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, str(tree)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True, cwd=tree, env=env,
    )  # fmt: skip


def ask(proc: subprocess.Popen, events: Path) -> list[float]:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(json.dumps(str(events)) + "\n")
    proc.stdin.flush()
    return json.loads(proc.stdout.readline())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="dd5fa35", help="git ref to compare against")
    parser.add_argument("--sizes", default="400,5000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        stores = {int(n): store(int(n), Path(tmp)) for n in args.sizes.split(",")}
        workers = {"base": worker(export(args.base, Path(tmp) / "base")), "new": worker(ROOT)}
        print(f"{'paragraphs':>10} {'base wall':>9} {'new wall':>9} {'base cpu':>9} {'new cpu':>9} "
              f"{'base md':>8} {'new md':>8}", flush=True)  # fmt: skip
        for n, events in stores.items():
            for proc in workers.values():  # the first run extracts the candidates (cached): not timed
                ask(proc, events)
            runs: dict[str, list[list[float]]] = {"base": [], "new": []}
            for _ in range(args.repeat):
                for name, proc in workers.items():
                    runs[name].append(ask(proc, events))
            assert not any(r[3] for rs in runs.values() for r in rs), "the page raised"
            med = {
                (name, k): statistics.median(r[k] for r in rs) for name, rs in runs.items() for k in (0, 1)
            }
            wall = f"{med['base', 0]:>9.2f} {med['new', 0]:>9.2f}"
            cpu = f"{med['base', 1]:>9.2f} {med['new', 1]:>9.2f}"
            md = f"{int(runs['base'][-1][2]):>8} {int(runs['new'][-1][2]):>8}"
            print(f"{n:>10} {wall} {cpu} {md}", flush=True)
        for proc in workers.values():
            assert proc.stdin is not None
            proc.stdin.close()
            proc.wait()


if __name__ == "__main__":
    main()
