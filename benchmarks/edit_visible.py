"""Edit → visible on the embedded store, this checkout against another one, interleaved in one run.

    python benchmarks/store_scale.py --sizes 1000000 --keep /tmp/events-1m     # once: a 1M-event folder
    git worktree add --detach /tmp/base s11-integ
    python benchmarks/edit_visible.py /tmp/events-1m --old /tmp/base --runs 3

Each run is a fresh Python process per checkout, old and new alternating: it opens the store (from its
snapshot), then saves three edits of one event's summary through `EmbeddedStore` and reads the whole store
back after each (what the map shows). Where the checkout has `sitmap.store.splice`, an edit splices the
event into the file when this process wrote the file's bytes, or another process did and left its record,
or (`splice.adopt`) the bytes are in sitmap's form. Each checkout's first edit is measured "after another
writer": every record beside the files removed first (as after a git checkout, or a sitmap that wrote no
records); the new checkout then runs once more after itself (its record in place). Wall and CPU seconds
per edit, resident MB at the end, the load average before each process, the CPU cost of the set of every
id the app's facts used to build on every change (`sitmap.ui.cache.StoreIds`), and of the facts the app
still recomputes over the whole frame on every change (extent, filter choices, latest day).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

TODAY = date(2026, 1, 1)
EDITS = 3


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(folder: str) -> dict[str, object]:
    """In this process: open, then `EDITS` edits each read back; figures as JSON-able values."""
    from sitmap.settings import load_settings
    from sitmap.store.embedded import EmbeddedStore
    from sitmap.view import View

    store = EmbeddedStore(folder, settings=load_settings(env={}), today=TODAY)
    every = View()
    t0 = time.perf_counter()
    frame = store.query(every)
    out: dict[str, object] = {"open_s": time.perf_counter() - t0, "events": len(frame)}
    c0 = time.process_time()
    frozenset(frame["id"])
    out["id_set_cpu_s"] = time.process_time() - c0
    fid = str(store.query(View(start=date(2024, 6, 1), end=date(2024, 6, 30)), limit=1)["id"].iloc[0])
    walls, cpus = [], []
    for n in range(EDITS):
        feature, version = store.get(fid)
        text = f"Edited by the benchmark at {time.time()} ({n})."
        feature["properties"]["summary"] = text
        t0, c0 = time.perf_counter(), time.process_time()
        store.save(feature, version, user="bench", why="benchmark edit")
        after = store.query(every)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        assert after.loc[after["id"] == fid, "summary"].iloc[0] == text
    out.update(wall_s=walls, cpu_s=cpus, rss_mb=_rss_mb())
    # What the app's cached facts (`sitmap.ui.cache.cached_facts`) recompute over the whole frame on every
    # change: the extent, the filter choices and the latest precise day.
    from sitmap.ui.map.timewindow import latest_precise_day
    from sitmap.view.filtering import data_extent, options

    c0 = time.process_time()
    (
        data_extent(after),
        options(after),
        latest_precise_day(after["start"], after["end"], after["time_precision"]),
    )
    out["facts_cpu_s"] = time.process_time() - c0
    return out


def main() -> None:
    if sys.argv[1:2] == ["--step"]:
        print(json.dumps(measure(sys.argv[2])))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path, help="an events folder (e.g. store_scale.py --keep's)")
    parser.add_argument("--old", type=Path, required=True, help="the checkout to compare with")
    parser.add_argument("--runs", type=int, default=3, help="runs per checkout (alternating)")
    args = parser.parse_args()
    new = Path(__file__).resolve().parents[1]
    print(f"load before: {os.getloadavg()}")
    for run in range(args.runs):
        # Each checkout first after "another writer" (no record beside any file), then the new one after
        # itself (its record in place).
        cases = (("old, no record", args.old.resolve()), ("new, no record", new), ("new, own record", new))
        for name, root in cases:
            if "no record" in name:
                for records in args.folder.glob("**/.sitmap/layouts"):
                    shutil.rmtree(records)
            load = os.getloadavg()[0]
            cmd = [sys.executable, str(new / "benchmarks" / "edit_visible.py"), "--step", str(args.folder)]
            env = {**os.environ, "PYTHONPATH": str(root)}
            # One working folder for both: one country layer, part of the snapshot's context.
            done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False, cwd=new)  # noqa: S603
            if done.returncode:
                sys.exit(f"{name} failed:\n{done.stderr[-3000:]}")
            got = json.loads(done.stdout.strip().splitlines()[-1])
            edits = " | ".join(
                f"edit {n + 1} {w:5.2f} s (CPU {c:4.2f})"
                for n, (w, c) in enumerate(zip(got["wall_s"], got["cpu_s"], strict=True))
            )
            print(
                f"run {run + 1} {name}: {got['events']:,} events, open {got['open_s']:5.2f} s | {edits} | "
                f"RSS {got['rss_mb']:5.0f} MB | set of every id: CPU {got['id_set_cpu_s']:.2f} s | "
                f"facts: CPU {got['facts_cpu_s']:.2f} s | "
                f"load {load:.1f}",
                flush=True,
            )
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
