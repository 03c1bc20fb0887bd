"""How big the map page's elements are on a large store, and how fast its first map comes, in Chromium.

    python benchmarks/page_elements.py --folder /tmp/e1m          # an events folder (store_scale.py --keep)
    python benchmarks/page_elements.py --folder /tmp/e1m --database postgresql:///db   # the PostGIS backend

For each page (the default view, the whole period, a 30-day window) in a fresh browser page: the seconds from
navigation to the events layer drawn, what the layer holds (events one by one, or counts per cell), the
largest websocket message the server sent (each page element travels as one) and all of them together, and
whether the server log shows a refused message (`MessageSizeError`). Meanwhile a thread asks the server's
health check every 0.25 s: its slowest answer is printed, and the server's resident memory at the end.
Numbers from a shared 2-core machine are noisy: run anchors in the same run when comparing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from app_e2e import map_frame, start_server, stop_server, wait_layer  # noqa: E402

_HOLDS = """() => {
  const E = window.sitmapEvents; const st = E && E.live[E.live.length - 1];
  if (!st) return null;
  return st.P.cells ? {cells: st.P.cells.x.length, events: st.P.counts.reduce((a, b) => a + b, 0)}
                    : {points: st.P.id.length};
}"""


class Health(threading.Thread):
    """Polls /_stcore/health; keeps the slowest answer (a refused or timed-out one counts as 10 s)."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.worst, self.stop = url, 0.0, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=10) as r:
                    r.read()
                took = time.perf_counter() - t0
            except OSError:
                took = 10.0
            self.worst = max(self.worst, took)
            self.stop.wait(0.25)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(browser, url: str, query: str, timeout: float, settle: float) -> dict:
    sizes: list[int] = []
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    page.on("websocket", lambda ws: ws.on("framereceived", lambda data: sizes.append(len(data))))
    t0 = time.perf_counter()
    page.goto(url + "/" + query)
    try:
        t1, _ = wait_layer(page, timeout)
        first = t1 - t0
    except TimeoutError:
        first = float("inf")
    # The rest of the page follows the map; wait until the server has been quiet for `settle` seconds.
    seen, quiet = len(sizes), time.perf_counter()
    while time.perf_counter() - quiet < settle and time.perf_counter() - t0 < timeout + 120:
        page.wait_for_timeout(250)
        if len(sizes) != seen:
            seen, quiet = len(sizes), time.perf_counter()
    frame = map_frame(page)
    holds = frame.evaluate(_HOLDS) if frame else None
    page.close()
    return {"first": first, "max": max(sizes, default=0), "total": sum(sizes), "holds": holds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folder", type=Path, required=True, help="the events folder")
    ap.add_argument("--database", default="", help="SITMAP_DATABASE_URL for the server (PostGIS backend)")
    ap.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for a map")
    ap.add_argument("--settle", type=float, default=6.0, help="quiet seconds that end a page")
    ap.add_argument("--all", default="2023-10-01,2025-12-31", help="start,end of the whole-period view")
    ap.add_argument("--window", default="2024-06-01,2024-06-30", help="start,end of the window view")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    if args.database:
        os.environ["SITMAP_DATABASE_URL"] = args.database
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = start_server(args.folder, Path(tmp) / "server.log")
        health = Health(url)
        health.start()
        rows = []
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
                )
                (a0, a1), (w0, w1) = args.all.split(","), args.window.split(",")
                for label, query in (
                    ("default view (cold)", ""),
                    ("default view (warm)", ""),
                    ("whole period", f"?start={a0}&end={a1}"),
                    ("30-day window", f"?start={w0}&end={w1}"),
                ):
                    got = measure(browser, url, query, args.timeout, args.settle)
                    rows.append((label, got))
                    print(
                        f"  {label:<22} first map {got['first']:6.2f} s | largest message "
                        f"{got['max'] / 1e6:6.2f} MB | all {got['total'] / 1e6:7.2f} MB | "
                        f"layer {got['holds']}",
                        flush=True,
                    )
                browser.close()
            rss = rss_mb(proc.pid)
        finally:
            health.stop.set()
            stop_server(proc)
        log = (Path(tmp) / "server.log").read_text(errors="replace")
    refused = log.count("MessageSizeError")
    backend = "PostGIS" if args.database else "embedded"
    print(
        f"{backend}, {args.folder}: server RSS at the end {rss:,.0f} MB | slowest health check "
        f"{health.worst:.2f} s | refused messages: {refused}"
    )


if __name__ == "__main__":
    main()
