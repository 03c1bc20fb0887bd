"""The PostGIS page's run after the first map and its filter choices, this checkout against another,
interleaved (old, new, old, new... each step in a fresh process):

    SITMAP_BENCH_DATABASE_URL=postgresql:///db python benchmarks/pg_choices.py --before /tmp/base --rounds 3

Per side and round:
    first map   `benchmarks/store_scale.py --step postgis URL page-new` of that checkout: the first map's
                page work, then the next run's (choices, header count, the list's first page, the feed,
                the results' bounds)
    choices     `postgis_view.facts(choices=True)` alone (what the sidebar's choices cost)
    save        one new event with an actor, a type and a country no event has, saved through the store
    fresh       the choices read again after that save, with the new actor in them (a page's cache is keyed
                by the change key, so this is what every save costs the next run); the event is deleted after

Wall clock seconds (the work is the database server's, not this process's CPU). The database is left as it
was (the saved event deleted). Never used by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHOICES = r"""
import json, sys, time
from datetime import date
from sitmap.store.postgis import PostgisStore
from sitmap.store.postgis_view import facts

url, tag = sys.argv[1], sys.argv[2]
with PostgisStore(url, today=date(2026, 1, 1)) as store:
    store.change_key()  # connected, as the page's store is
    t0 = time.perf_counter(); facts(store, choices=True); choices = time.perf_counter() - t0
    actor = f"Benchmark actor {tag}"
    feature = {"type": "Feature", "id": f"bench-choices-{tag}",
               "geometry": {"type": "Point", "coordinates": [35.9, 33.1]},
               "properties": {"date": "2024-06-10", "time_precision": "day", "event_type": "raid",
                              "actors": [actor], "country": f"Benchland {tag}", "geo_precision": "exact",
                              "claim_status": "reported", "summary": "benchmark"}}
    t0 = time.perf_counter()
    store.save(feature, None, user="bench", why="benchmark")
    save = time.perf_counter() - t0
    t0 = time.perf_counter(); got = facts(store, choices=True); fresh = time.perf_counter() - t0
    assert actor in got.options["actors"], "the new actor is not among the choices"
    store.delete(feature["id"], store.get(feature["id"])[1], user="bench", why="benchmark cleanup")
print(json.dumps({"choices_s": choices, "save_s": save, "fresh_s": fresh}))
"""


def _run(checkout: Path, args: list[str]) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run(  # noqa: S603
        [sys.executable, *args], capture_output=True, text=True, env=env, cwd=checkout, check=False
    )
    if done.returncode:
        sys.exit(f"{checkout}: {args[:2]} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def measure(checkout: Path, url: str, tag: str) -> dict[str, float]:
    script = str(checkout / "benchmarks" / "store_scale.py")
    page = _run(checkout, [script, "--step", "postgis", url, "page-new"])
    got = _run(checkout, ["-c", _CHOICES, url, tag])
    return {"first_s": page["first_s"], "next_s": page["next_s"], **got}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path, required=True, help="another sitmap checkout (e.g. main)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    url = os.environ.get("SITMAP_BENCH_DATABASE_URL", "").strip()
    if not url:
        sys.exit("needs SITMAP_BENCH_DATABASE_URL")
    sides = {"before": args.before.resolve(), "after": ROOT}
    got: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
    for r in range(args.rounds):
        for name, checkout in sides.items():
            row = measure(checkout, url, f"{name}-{r}-{os.getpid()}")
            got[name].append(row)
            line = "  ".join(f"{k} {v:6.3f}" for k, v in row.items())
            print(f"round {r + 1} {name:<6} {line}", flush=True)
    for name, rows in got.items():
        med = {k: statistics.median(row[k] for row in rows) for k in rows[0]}
        print(f"median {name:<6} " + "  ".join(f"{k} {v:6.3f}" for k, v in med.items()))


if __name__ == "__main__":
    main()
