"""A time-bar release on a PostGIS store, in the browser: this checkout against another, interleaved.

    python benchmarks/pg_release.py --database postgresql:///db --before /tmp/base --rounds 3
    python benchmarks/pg_release.py ... --query "start=2024-06-02&end=2024-06-17&center=33.5,36&zoom=12"
                        # a layer of the window's span of days in the map's view (the next day: the same span)

Starts `streamlit run app.py` of each checkout on the database (an empty events folder), then per round and
side opens the map page in a fresh browser context (the store's default window, or `--query`'s), waits
for the panels (the event list) and a quiet second, presses → on the time bar (a day's step, told to
Python after the bar's debounce) twice and measures each (1: the first release, which also catches up
with the bounds the map reported after its layer was built; 2: the next day's), until the websocket has
been quiet for 0.8 s:

    settled   seconds from the key press to the last message of the release's runs (debounce included)
    whole     the runs of the whole page it started that drew something (not fragments)
    map       whether the map's element was sent again (a full run resends the map's component)
    bytes     what the websocket carried for it

Wall clock, on a shared machine: read the medians side by side. Needs /usr/bin/chromium. Never used by
the tests.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
QUIET_S = 0.8

_PRESS = """() => {
  const host = document.querySelector('.st-key-sitmap_timebar');
  const canvas = (host.querySelector('canvas.tb-hist')
                  || [...host.querySelectorAll('*')].map(e => e.shadowRoot).filter(Boolean)
                       .map(r => r.querySelector('canvas.tb-hist')).find(Boolean));
  canvas.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}));
}"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(checkout: Path, database: str, events: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _port()
    env = {**os.environ, "PYTHONPATH": str(checkout), "SITMAP_DATABASE_URL": database}
    env["SITMAP_EVENTS"] = str(events)
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
           "--server.headless", "true", "--browser.gatherUsageStats", "false"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=checkout, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):  # noqa: S310 (127.0.0.1)
                return proc, url
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    sys.exit(f"{checkout}: the server did not answer (see {log})")


def one_release(browser: Any, url: str, query: str) -> dict[str, float]:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    frames: list[tuple[float, int, str, bool, str]] = []  # (time, bytes, kind, whole page, component)

    def received(payload: bytes | str) -> None:
        if isinstance(payload, str):
            return
        msg = ForwardMsg()
        msg.ParseFromString(payload)
        kind = msg.WhichOneof("type") or ""
        whole = kind == "new_session" and not list(msg.metadata.run.fragment_ids)
        name = ""
        if kind == "delta" and msg.delta.new_element.WhichOneof("type") == "component_instance":
            name = msg.delta.new_element.component_instance.component_name
        frames.append((time.monotonic(), len(payload), kind, whole, name))

    page.on("websocket", lambda ws: ws.on("framereceived", received))
    try:
        page.goto(f"{url}/?{query}" if query else url, timeout=180_000)
        page.locator("canvas.tb-hist").wait_for(timeout=180_000)
        page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=180_000)  # the panels are in
        _quiet(page, frames, 1.5, 60)
        out: dict[str, float] = {}
        for n in (1, 2):  # the first release after the map reported its bounds, then the next day's
            before = len(frames)
            search = page.evaluate("() => location.search")
            t0 = time.monotonic()
            page.evaluate(_PRESS)
            page.wait_for_function(f"() => location.search !== {search!r}", timeout=60_000)
            _quiet(page, frames, QUIET_S, 60)
            after = frames[before:]
            out |= {
                f"settled{n}_s": (after[-1][0] - t0) if after else float("nan"),
                f"whole{n}": _whole_runs(after),
                f"map{n}": sum(1 for f in after if f[4].endswith("st_folium")),
                f"bytes{n}": sum(f[1] for f in after),
            }
        return out
    finally:
        context.close()


def _whole_runs(frames: list[tuple[float, int, str, bool, str]]) -> int:
    """Runs of the whole page that drew something (Streamlit starts one for the bar's message, which the
    fragments' rerun replaces before it draws anything: not counted)."""
    whole, drew = 0, False
    for _, _, kind, is_whole, _ in frames:
        if kind == "new_session":
            drew = not is_whole
        elif kind in ("delta", "ref_hash") and not drew:
            whole, drew = whole + 1, True
    return whole


def _quiet(page: Any, frames: list[tuple[float, int, str, bool, str]], quiet: float, limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        last = frames[-1][0] if frames else 0.0
        if time.monotonic() - last > quiet:
            return


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--database", required=True)
    ap.add_argument("--before", type=Path, required=True, help="another sitmap checkout (e.g. main)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--query", default="", help="the page's query parameters (default: the store's own)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        events = Path(tmp) / "events"
        events.mkdir()
        servers = {
            name: start(checkout, args.database, events, Path(tmp) / f"{name}.log")
            for name, checkout in (("before", args.before.resolve()), ("after", ROOT))
        }
        got: dict[str, list[dict[str, float]]] = {name: [] for name in servers}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium")
                for _, url in servers.values():  # a first visit each: the servers' caches warm
                    one_release(browser, url, args.query)
                for r in range(args.rounds):
                    for name, (_, url) in servers.items():
                        row = one_release(browser, url, args.query)
                        got[name].append(row)
                        print(f"round {r + 1} {name:<6} " + "  ".join(f"{k} {v:g}" for k, v in row.items()))
                browser.close()
        finally:
            for proc, _ in servers.values():
                proc.terminate()
                proc.wait(timeout=30)
    for name, rows in got.items():
        med = {k: statistics.median(row[k] for row in rows) for k in rows[0]}
        print(f"median {name:<6} " + "  ".join(f"{k} {v:g}" for k, v in med.items()))


if __name__ == "__main__":
    main()
