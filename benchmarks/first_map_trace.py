"""Where a warm first map's time goes: a Chromium performance trace of each visit, summarised.

    python benchmarks/first_map_trace.py --events 10000 --visits 5
    python benchmarks/first_map_trace.py --events 10000 --visits 5 --before /tmp/main-copy   # interleaved
    python benchmarks/first_map_trace.py --visits 5 --trivial benchmarks/floor/trivial_app.py \
        --trivial-map benchmarks/floor/trivial_map_app.py --requests    # beside the floor apps
    ... --returning    # a returning analyst: each app's visits share one browser context (its HTTP cache)

Each checkout's `streamlit run app.py` serves the same synthetic events; after one uncounted visit (the
server's caches), each visit opens a fresh browser context (nothing cached, as `app_e2e.py --first-only`)
with a Chromium trace (`devtools.timeline` categories) running, and waits for the events layer in the map's
frame.
Printed per checkout, medians over the visits, in milliseconds from the navigation's start:
- milestones: the page's HTML, its main script, the websocket's first frame, the map's frame created
  (its document requested), the frame's Leaflet scripts and the base-map script received, the events layer;
- main-thread time (the renderer's tasks, both frames share one thread) before the events layer, split by
  what the task ran: each script file, HTML parsing, style and layout, paint, garbage collection, other;
- bytes over the websocket before the events layer, and bytes of each resource fetched.
Never used by the tests (timings depend on the machine); report the load average beside the figures.
"""

from __future__ import annotations

import argparse
import bisect
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from app_e2e import MAP_FRAMES, map_frame, start_server, stop_server, wait_layer, write_events  # noqa: E402

CATEGORIES = "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,loading,blink.user_timing"


def _short(url: str) -> str:
    """A resource's name without host and query: 'static/js/index.abc.js' -> 'index.abc.js'."""
    name = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    return name[:40] or url[:40]


def _task_kind(children: list[dict]) -> str:
    """What a main-thread task spent its time on: the longest direct activity inside it."""
    best, kind = -1.0, "other"
    for ev in children:
        name, dur, data = ev["name"], ev.get("dur", 0), ev.get("args", {}).get("data", {})
        if name in ("EvaluateScript", "v8.compile", "FunctionCall", "v8.evaluateModule"):
            label = "script " + _short(data.get("url", "") or data.get("functionName", "") or "?")
        elif name in ("ParseHTML", "ParseAuthorStyleSheet"):
            label = "parse " + _short(data.get("url", "") or "?")
        elif name in ("Layout", "UpdateLayoutTree", "RecalculateStyles", "HitTest"):
            label = "style+layout"
        elif name in ("Paint", "PaintImage", "CompositeLayers", "UpdateLayer", "PrePaint", "Layerize"):
            label = "paint"
        elif name.startswith(("MajorGC", "MinorGC", "V8.GC", "BlinkGC")):
            label = "gc"
        elif name in ("TimerFire", "FireAnimationFrame", "EventDispatch", "XHRReadyStateChange"):
            label = "script (callback)"
        else:
            continue
        if dur > best:
            best, kind = dur, label
    return kind


def summarise(events: list[dict], layer_at_us: float) -> dict:
    """Milestones (ms), main-thread time by kind (ms) before `layer_at_us`, and resource bytes."""
    sends = [e for e in events if e["name"] == "ResourceSendRequest"]
    doc = min(sends, key=lambda e: e["ts"])
    # The page's renderer only (both of its frames are same-origin: one process, one main thread); the trace
    # also holds other renderers, e.g. Chromium's own pages.
    renderer = {e["pid"] for e in sends if "127.0.0.1" in e["args"]["data"]["url"]}
    main_tids = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name"
        and e.get("args", {}).get("name") == "CrRendererMain"
        and e["pid"] in renderer
    }
    t0 = doc["ts"]
    url_of = {
        e["args"]["data"]["requestId"]: e["args"]["data"]["url"]
        for e in sends
        if "127.0.0.1" in e["args"]["data"]["url"]
    }
    finish: dict[str, float] = {}
    size: dict[str, int] = {}
    for e in events:
        if e["name"] == "ResourceFinish":
            rid = e["args"]["data"]["requestId"]
            finish[rid] = e["ts"]
            size[rid] = int(e["args"]["data"].get("encodedDataLength", 0))

    def done(pred) -> float | None:
        times = [finish[r] for r, u in url_of.items() if pred(u.split("?")[0]) and r in finish]
        return (min(times) - t0) / 1000 if times else None

    frame_req = [e["ts"] for e in sends if any(n in e["args"]["data"]["url"] for n in MAP_FRAMES)]
    ws = [e["ts"] for e in events if e["name"] == "WebSocketReceiveHandshakeResponse"]
    milestones = {
        "page HTML received": done(lambda u: u.rstrip("/").endswith(":" + u.split(":")[-1].split("/")[0])),
        "main script received": done(lambda u: "/static/js/index" in u),
        "websocket open": (min(ws) - t0) / 1000 if ws else None,
        "map frame requested": (min(frame_req) - t0) / 1000 if frame_req else None,
        "map frame's own script received": done(lambda u: "/component/" in u and u.endswith(".js")),
        "leaflet.js received": done(lambda u: u.endswith("leaflet.js")),
        "base-map script received": done(lambda u: "/base-" in u and u.endswith(".js")),
        "events layer seen": (layer_at_us - t0) / 1000,
    }
    tasks = [
        e
        for e in events
        if e.get("ph") == "X" and e["name"] == "RunTask" and (e["pid"], e["tid"]) in main_tids
    ]
    inner = [
        e
        for e in events
        if e.get("ph") == "X" and e["name"] != "RunTask" and (e["pid"], e["tid"]) in main_tids
    ]
    inner.sort(key=lambda e: e["ts"])
    by_kind: dict[str, float] = defaultdict(float)
    starts = [e["ts"] for e in inner]
    for task in tasks:
        if task["ts"] < t0 or task["ts"] > layer_at_us:
            continue
        lo = bisect.bisect_left(starts, task["ts"])
        hi = bisect.bisect_right(starts, task["ts"] + task.get("dur", 0))
        by_kind[_task_kind(inner[lo:hi])] += task.get("dur", 0) / 1000
        task["kind"] = _task_kind(inner[lo:hi])
    timeline = [((e["ts"] - t0) / 1000, "req  " + _short(e["args"]["data"]["url"])) for e in sends]
    timeline += [
        ((finish[r] - t0) / 1000, f"done {_short(url_of[r])} {size[r]} B") for r in finish if r in url_of
    ]
    timeline += [
        ((t["ts"] - t0) / 1000, f"task {t['dur'] / 1000:.0f} ms {t.get('kind', '')}")
        for t in tasks
        if t.get("dur", 0) >= 15000 and t0 <= t["ts"] <= layer_at_us
    ]
    # Each request to the app's server: (its name, the how-many-th request of that name, what asked for it)
    # -> (sent, done) in ms; a name asked for twice shows as two rows.
    requests: dict[str, tuple[float, float | None]] = {}
    seen: dict[str, int] = defaultdict(int)
    for e in sorted(sends, key=lambda e: e["ts"]):
        data = e["args"]["data"]
        if "127.0.0.1" not in data["url"] or e["ts"] > layer_at_us:
            continue
        name = _short(data["url"])
        seen[name] += 1
        label = f"{name} #{seen[name]} ({data.get('resourceType', '?')})"
        rid = data["requestId"]
        requests[label] = ((e["ts"] - t0) / 1000, (finish[rid] - t0) / 1000 if rid in finish else None)
    before = {r: n for r, n in size.items() if finish.get(r, 1e30) <= layer_at_us}
    resources = {_short(url_of[r]): n for r, n in before.items() if r in url_of}
    return {
        "milestones": milestones,
        "main_thread": dict(by_kind),
        "resources": resources,
        "requests": requests,
        "timeline": sorted(x for x in timeline if x[0] <= (layer_at_us - t0) / 1000),
    }


_CAPTION = """() => [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
  .some((e) => e.textContent.includes("days"))"""


def visit(browser, url: str, wait_s: float, caption: bool = False, ctx=None) -> dict:
    """One traced visit, to the events layer (or, `caption`, the floor's caption): in a fresh context, or
    in `ctx` (a returning analyst's, its HTTP cache kept)."""
    own = not ctx
    ctx = browser.new_context(viewport={"width": 1440, "height": 900}) if own else ctx
    page = ctx.new_page()
    ws_bytes = [0, 0]
    layer_seen = [False]

    def on_ws(ws) -> None:
        def count(payload) -> None:
            if not layer_seen[0]:
                ws_bytes[0] += len(payload)
                ws_bytes[1] += 1

        ws.on("framereceived", count)

    page.on("websocket", on_ws)
    browser.start_tracing(page=page, categories=CATEGORIES.split(","))
    page.goto(url + "/")
    if caption:
        page.wait_for_function(_CAPTION, timeout=wait_s * 1000, polling=5)
    else:
        wait_layer(page, wait_s)
    layer_seen[0] = True
    # The layer's moment on the trace's clock: a mark from the frame (performance.mark lands in the trace).
    (page if caption else map_frame(page)).evaluate("() => performance.mark('sitmap-layer-seen')")
    raw = browser.stop_tracing()
    (ctx if own else page).close()
    events = json.loads(raw)["traceEvents"]
    marks = [e["ts"] for e in events if e.get("name") == "sitmap-layer-seen"]
    out = summarise(events, max(marks))
    out["ws_bytes"], out["ws_frames"] = ws_bytes
    return out


def _median(xs: list[float]) -> str:
    xs = [x for x in xs if x is not None]
    return f"{statistics.median(xs):7.0f}" if xs else "    n/a"


def report(name: str, runs: list[dict]) -> None:
    print(f"\n== {name}: {len(runs)} visits, medians (ms from navigation)")
    for key in runs[0]["milestones"]:
        print(f"  {key:<40} {_median([r['milestones'][key] for r in runs])}")
    kinds = sorted(
        {k for r in runs for k in r["main_thread"]},
        key=lambda k: -sum(r["main_thread"].get(k, 0) for r in runs),
    )
    total = [sum(r["main_thread"].values()) for r in runs]
    print(f"  main thread before the layer, total     {_median(total)}")
    for k in kinds[:14]:
        print(f"    {k:<38} {_median([r['main_thread'].get(k, 0.0) for r in runs])}")
    frames = _median([r["ws_frames"] for r in runs]).strip()
    ws_bytes = _median([r["ws_bytes"] for r in runs])
    print(f"  websocket bytes received before layer   {ws_bytes} ({frames} frames)")
    sizes: dict[str, list[int]] = defaultdict(list)
    for r in runs:
        for k, v in r["resources"].items():
            sizes[k].append(v)
    big = sorted(sizes.items(), key=lambda kv: -statistics.median(kv[1]))[:12]
    files = _median([len(r["resources"]) for r in runs]).strip()
    total_b = _median([sum(r["resources"].values()) for r in runs]).strip()
    print(f"  resources before the layer: {files} files, {total_b} B; largest:")
    for k, v in big:
        print(f"    {k:<40} {statistics.median(v):>9.0f} B")


def request_table(runs: dict[str, list[dict]]) -> None:
    """Each request to the app's server before the first paint, in the order sent: median sent -> done (ms
    from navigation) per app; '-' where an app never asked for it (in at least half of its visits)."""
    names: dict[str, float] = {}
    for result in runs.values():
        for r in result:
            for label, (sent, _) in r["requests"].items():
                names[label] = min(names.get(label, sent), sent)
    print("\n== requests before the first paint: median sent -> done, ms from navigation")
    print(f"  {'request':<52}" + "".join(f"{name:>20}" for name in runs))
    for label in sorted(names, key=names.get):  # type: ignore[arg-type]
        cells = []
        for result in runs.values():
            got = [r["requests"][label] for r in result if label in r["requests"]]
            if len(got) * 2 < len(result):
                cells.append(f"{'-':>20}")
                continue
            done = [d for _, d in got if d is not None]
            end = f"{statistics.median(done):.0f}" if done else "?"
            cells.append(f"{statistics.median(s for s, _ in got):>12.0f} -> {end:>4}")
        print(f"  {label[:52]:<52}" + "".join(cells))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--visits", type=int, default=5)
    ap.add_argument("--before", default="", help="another sitmap checkout, visited in turn with this one")
    ap.add_argument("--wait", type=float, default=60.0)
    ap.add_argument("--timeline", action="store_true", help="each side's last visit, request by request")
    ap.add_argument("--trivial", default="", help="Streamlit's floor app beside (timed to its caption)")
    ap.add_argument("--trivial-map", default="", help="the floor plus a streamlit-folium map, beside")
    ap.add_argument("--trivial-component-map", default="", help="the floor plus a static Leaflet component")
    ap.add_argument("--requests", action="store_true", help="one table: each request, sent/done, each app")
    ap.add_argument("--returning", action="store_true", help="visits with the browser's HTTP cache kept")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        events = Path(tmp) / "events"
        write_events(args.events, events)
        # (name, checkout, app): every app runs from this checkout but `--before`'s sitmap
        sides = [("this checkout", ROOT, "app.py")]
        sides += [("before", Path(args.before), "app.py")] if args.before else []
        for name, app in (
            ("trivial", args.trivial),
            ("trivial+map", args.trivial_map),
            ("trivial+component", args.trivial_component_map),
        ):
            sides += [(name, ROOT, str(Path(app).resolve()))] if app else []
        servers = [
            start_server(events, Path(tmp) / f"s{i}.log", app, path) for i, (_, path, app) in enumerate(sides)
        ]
        runs: dict[str, list[dict]] = {name: [] for name, *_ in sides}
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
                )
                # A returning analyst: one context per app, whose HTTP cache the uncounted visit fills.
                size = {"width": 1440, "height": 900}
                contexts = {name: args.returning and browser.new_context(viewport=size) for name, *_ in sides}
                for (name, *_), (_, url) in zip(sides, servers, strict=True):  # uncounted: server caches
                    visit(browser, url, args.wait * 3, name == "trivial", contexts[name])
                for _ in range(args.visits):
                    for (name, *_), (_, url) in zip(sides, servers, strict=True):
                        runs[name].append(visit(browser, url, args.wait, name == "trivial", contexts[name]))
                        time.sleep(0.5)
                browser.close()
        finally:
            for proc, _ in servers:
                stop_server(proc)
    if args.requests:
        request_table(runs)
    for name, result in runs.items():
        report(name, result)
        if args.timeline:
            for at, what in result[-1]["timeline"]:
                print(f"    {at:7.0f}  {what}")


if __name__ == "__main__":
    main()
