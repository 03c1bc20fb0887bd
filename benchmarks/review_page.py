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
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.ab import ROOT, Worker, export, interleaved  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="dd5fa35", help="git ref to compare against")
    parser.add_argument("--sizes", default="400,5000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        stores = {int(n): store(int(n), Path(tmp)) for n in args.sizes.split(",")}
        env = {"SITMAP_GEODATA": str(ROOT / "geodata")}
        base = export(args.base, Path(tmp) / "base", ["sitmap", "benchmarks", "tests/data/review"])
        workers = {"base": Worker(base, WORKER, env=env), "new": Worker(ROOT, WORKER, env=env)}
        print(f"{'paragraphs':>10} {'base wall':>9} {'new wall':>9} {'base cpu':>9} {'new cpu':>9} "
              f"{'base md':>8} {'new md':>8}", flush=True)  # fmt: skip
        for n, events in stores.items():
            for w in workers.values():  # the first run extracts the candidates (cached): not timed
                w.ask(str(events))
            med, last = interleaved(workers, str(events), args.repeat)
            assert not any(a[3] for a in last.values()), "the page raised"
            wall = f"{med['base'][0]:>9.2f} {med['new'][0]:>9.2f}"
            cpu = f"{med['base'][1]:>9.2f} {med['new'][1]:>9.2f}"
            md = f"{int(last['base'][2]):>8} {int(last['new'][2]):>8}"
            print(f"{n:>10} {wall} {cpu} {md}", flush=True)
        for w in workers.values():
            w.close()


if __name__ == "__main__":
    main()
