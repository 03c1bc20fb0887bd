"""Inside the map's frame on a warm first map: how long the base map's script and the events layer take.

    python benchmarks/first_map_frame.py /tmp/main-copy --visits 8   # this checkout and another, in turn

For each checkout (this one first), `streamlit run app.py` on the same 10k synthetic events; each visit a
fresh browser context. A script added to every frame before its own code wraps `window.eval` (the base map's
loader and streamlit-folium's `eval` of the events layer then go through it: the events layer's `var`s
become globals, harmless for timing, not for use) and `window.sitmapReference`, and prints per visit, in
milliseconds: from the frame's start to the events layer's eval, the base map's eval, the gap between the
land layer's call and the admin-1 layer's (where the land's SVG was drawn before it was deferred), and the
events layer's eval. Medians at the end. Never used by the tests; report the load average beside the figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from app_e2e import map_frame, start_server, stop_server, wait_layer, write_events  # noqa: E402

HOOK = """(() => {
  window.__t = [];
  let ref;
  Object.defineProperty(window, 'sitmapReference', {configurable: true, get() { return ref; }, set(f) {
    ref = function (map, o, data) { const t = performance.now(); const r = f.apply(this, arguments);
      window.__t.push(['ref ' + o.pane, t, performance.now() - t]); return r; }; }});
  const ev0 = window.eval;
  window.eval = function (code) { const t = performance.now(); const r = ev0(code);
    if (code.length > 30000) window.__t.push(['eval', t, performance.now() - t]); return r; };
})()"""


def visit(browser, url: str, wait_s: float) -> dict[str, float]:
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    ctx.add_init_script(HOOK)
    page = ctx.new_page()
    page.goto(url + "/")
    wait_layer(page, wait_s)
    page.wait_for_timeout(500)
    rows = map_frame(page).evaluate("() => window.__t")
    ctx.close()
    evals = [r for r in rows if r[0] == "eval"]  # the base map, then the events layer
    calls = {name: t for name, t, _ in reversed(rows)}
    return {
        "frame start -> events layer eval": evals[1][1],
        "base map eval": evals[0][2],
        "land call -> admin-1 call": calls["ref sitmap-admin"] - calls["ref sitmap-basemap"],
        "events layer eval": evals[1][2],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before", help="another sitmap checkout (e.g. a copy of main)")
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--visits", type=int, default=8)
    ap.add_argument("--wait", type=float, default=120.0)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    sides = [("this checkout", ROOT), ("before", Path(args.before))]
    runs: dict[str, list[dict[str, float]]] = {name: [] for name, _ in sides}
    with tempfile.TemporaryDirectory() as tmp:
        events = Path(tmp) / "events"
        write_events(args.events, events)
        servers = [
            start_server(events, Path(tmp) / f"s{i}.log", "app.py", path) for i, (_, path) in enumerate(sides)
        ]
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
                )
                for _, url in servers:  # one uncounted visit each: the server's caches
                    visit(browser, url, args.wait)
                for _ in range(args.visits):
                    for (name, _), (_, url) in zip(sides, servers, strict=True):
                        got = visit(browser, url, args.wait)
                        runs[name].append(got)
                        print(
                            f"  {name:<14}" + " | ".join(f"{k} {v:5.0f}" for k, v in got.items()), flush=True
                        )
                        time.sleep(0.5)
                browser.close()
        finally:
            for proc, _ in servers:
                stop_server(proc)
    for name, rows in runs.items():
        print(f"\n{name}: medians of {len(rows)} visits (ms)")
        for key in rows[0]:
            print(f"  {key:<36} {statistics.median(r[key] for r in rows):6.0f}")


if __name__ == "__main__":
    main()
