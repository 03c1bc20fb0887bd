"""Briefing mode on a PostGIS store: the first map and a step, old checkout and new, interleaved.

    SITMAP_BENCH_DATABASE_URL=postgresql:///db python benchmarks/briefing_pg.py --before /tmp/main-copy

Each measurement is a fresh Python process running the app's script through Streamlit's AppTest (the
server's side of a page: every SQL question, the layer's payload; no browser), so "first" is what a newly
started server pays for `?briefing=1&start=..&end=..` and "step" what the next → costs after it. Old and
new alternate, `--rounds` times. Printed per process: wall seconds and CPU seconds of the process (the
database's own CPU is not in it), and the load average beside them (the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def one(checkout: Path, start: str, end: str) -> dict[str, float]:
    """The first briefing run and one step, in this process, on the checkout's app."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(checkout / "app.py"), default_timeout=600)
    for name, value in {"briefing": "1", "start": start, "end": end}.items():
        at.query_params[name] = value
    w0, c0 = time.perf_counter(), _cpu()
    at.run()
    w1, c1 = time.perf_counter(), _cpu()
    assert not at.exception, [e.value for e in at.exception]
    at.button(key="briefing_next").click()
    at.run()
    w2, c2 = time.perf_counter(), _cpu()
    assert not at.exception, [e.value for e in at.exception]
    at.button(key="briefing_next").click()
    at.run()
    w3, c3 = time.perf_counter(), _cpu()
    assert not at.exception, [e.value for e in at.exception]
    return {
        "first_s": w1 - w0, "first_cpu": c1 - c0, "step1_s": w2 - w1, "step1_cpu": c2 - c1,
        "step2_s": w3 - w2, "step2_cpu": c3 - c2,
    }  # fmt: skip


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        checkout, start, end = Path(sys.argv[2]), sys.argv[3], sys.argv[4]
        sys.path.insert(0, str(checkout))
        print(json.dumps(one(checkout, start, end)))
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path, required=True, help="another checkout (e.g. a copy of main)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--window", default="2025-12-01,2025-12-31")
    args = ap.parse_args()
    url = os.environ.get("SITMAP_BENCH_DATABASE_URL", "").strip()
    if not url:
        sys.exit("SITMAP_BENCH_DATABASE_URL: the PostGIS store to brief from")
    start, end = args.window.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "events").mkdir()
        sides = {"old": args.before.resolve(), "new": ROOT}
        for r in range(args.rounds):
            for name, checkout in sides.items():
                env = {
                    **os.environ, "PYTHONPATH": str(checkout), "SITMAP_DATABASE_URL": url,
                    "SITMAP_EVENTS": str(Path(tmp) / "events"), "SITMAP_GEODATA": str(ROOT / "geodata"),
                    "SITMAP_LIVE_SECONDS": "0",
                }  # fmt: skip
                got = subprocess.run(
                    [sys.executable, str(Path(__file__).resolve()), "--one", str(checkout), start, end],
                    env=env, cwd=checkout, capture_output=True, text=True, check=False,
                )  # fmt: skip
                load = os.getloadavg()[0]
                if got.returncode != 0:
                    print(f"round {r + 1} {name}: failed\n{got.stderr[-2000:]}")
                    continue
                m = json.loads(got.stdout.strip().splitlines()[-1])
                print(
                    f"round {r + 1} {name}: first {m['first_s']:.2f} s (CPU {m['first_cpu']:.2f} s), "
                    f"step {m['step1_s']:.2f} s (CPU {m['step1_cpu']:.2f}), "
                    f"next step {m['step2_s']:.2f} s (CPU {m['step2_cpu']:.2f}); load {load:.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
