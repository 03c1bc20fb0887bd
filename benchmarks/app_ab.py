"""First map, old code against new: one server per checkout, visits interleaved so both see the same load.

    git worktree add /tmp/sitmap-old <commit>
    python benchmarks/app_ab.py --events 10000 --rounds 10 old=/tmp/sitmap-old new=.

Each round visits every server twice: in a fresh browser profile (nothing cached) and in one profile kept per
server (Streamlit's and Leaflet's files cached, as for a returning analyst). The first round only warms the
servers' caches and is not counted. Prints median, min and max per server. On a machine whose CPU is shared,
single runs swing by half a second; interleaving keeps the comparison fair. Needs /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from app_e2e import start_server, stop_server, wait_layer, write_events  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("servers", nargs="+", metavar="NAME=CHECKOUT")
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--query", default="", help="query string of the visited page, e.g. start=...&end=...")
    args = ap.parse_args()
    named = [(spec.split("=", 1)[0], Path(spec.split("=", 1)[1]).resolve()) for spec in args.servers]

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        events = Path(tmp) / "events"
        write_events(args.events, events)
        logs = Path(tmp)
        running = [(name, *start_server(events, logs / f"{name}.log", checkout=path)) for name, path in named]
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
                )
                size = {"width": 1500, "height": 1000}
                kept = {name: browser.new_context(viewport=size) for name, _, _ in running}
                times: dict[tuple[str, str], list[float]] = {}
                for round_no in range(args.rounds + 1):
                    for name, _, url in running:
                        for profile in ("fresh profile", "returning"):
                            ctx = (
                                browser.new_context(viewport=size)
                                if profile == "fresh profile"
                                else kept[name]
                            )
                            page = ctx.new_page()
                            t0 = time.perf_counter()
                            page.goto(f"{url}/?{args.query}")
                            t1, _ = wait_layer(page, 120)
                            page.close()
                            if profile == "fresh profile":
                                ctx.close()
                            if round_no:
                                times.setdefault((name, profile), []).append(t1 - t0)
                browser.close()
        finally:
            for _, proc, _ in running:
                stop_server(proc)
    print(f"\nfirst map, {args.events} events, {args.rounds} rounds, {os.cpu_count()} CPUs")
    for (name, profile), secs in times.items():
        ms = [s * 1000 for s in secs]
        mid, lo, hi = statistics.median(ms), min(ms), max(ms)
        print(f"  {name:<12} {profile:<14} median {mid:5.0f} ms  min {lo:5.0f}  max {hi:5.0f}")


if __name__ == "__main__":
    main()
