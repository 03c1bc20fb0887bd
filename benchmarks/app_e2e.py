"""End-to-end timings of the dashboard: `streamlit run app.py` on synthetic events, driven by Chromium.

    python benchmarks/app_e2e.py --events 10000            # first map, slider steps, no reloads
    python benchmarks/app_e2e.py --events 100000 --steps 5
    python benchmarks/app_e2e.py --database postgresql:///db   # the app on a PostGIS store as it is
    python benchmarks/app_e2e.py --events 10000 --naive /path/to/naive_app.py   # + the browser time bar,
                                                # side by side with another app (benchmarks/timebar_bench.py)
    python benchmarks/app_e2e.py --events 10000 --naive PATH --before /tmp/main-copy --rounds 3
                                                # ... and another sitmap checkout (its server-side slider);
                                                # a copy: the app writes its static files beside itself
    python benchmarks/app_e2e.py --events 10000 --naive PATH --before /tmp/copy --first-only --first-maps 8
                                                # only the warm first maps, interleaved

What is measured (wall clock, in the browser):
- first map: from navigation to the events layer drawn in the Leaflet map (cold server cache, then warm),
  each in a fresh browser profile (nothing cached: Streamlit's own ~1.5 MB of scripts is fetched too);
  then "complete": the layers drawn just after the first paint (admin-1 areas, place labels) are in too;
- first map, returning analyst: the same with the browser's HTTP cache warm from an earlier visit
  (Streamlit's and Leaflet's files are cached as immutable), median of 5 visits;
- slider step: from an ArrowRight on the window slider's end thumb to the map's events layer being replaced;
- reloads: whether the Leaflet map object survived the steps (a full reload would replace `window.map`).

Prints a small table; never used by the tests (timings depend on the machine). Needs /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import synthetic_events  # noqa: E402

FEATURES_PER_FILE = 5000  # keeps each file far below the store's size limit


def write_events(n: int, folder: Path) -> tuple[str, str]:
    """The synthetic events as RFC 7946 files the store loads (no report files); returns their extent."""
    gdf = synthetic_events(n)
    folder.mkdir(parents=True, exist_ok=True)
    feats = []
    for row in gdf.itertuples(index=False):
        props = {
            "date": row.date,
            "time_precision": row.time_precision,
            "event_type": row.event_type,
            "actors": row.actors,
            "country": row.country,
            "admin1": row.admin1,
            "location": row.location,
            "geo_precision": row.geo_precision,
            "uncertainty_m": row.uncertainty_m,
            "claim_status": row.claim_status,
            "summary": row.summary,
        }
        props = {k: v for k, v in props.items() if isinstance(v, str | list) or (v == v and v is not None)}
        geom = {"type": "Point", "coordinates": [round(row.geometry.x, 5), round(row.geometry.y, 5)]}
        feats.append({"type": "Feature", "id": row.id, "geometry": geom, "properties": props})
    for i in range(0, len(feats), FEATURES_PER_FILE):
        chunk = {"type": "FeatureCollection", "features": feats[i : i + FEATURES_PER_FILE]}
        (folder / f"synthetic-{i // FEATURES_PER_FILE:03d}.geojson").write_text(json.dumps(chunk))
    return gdf["start"].min().date().isoformat(), gdf["end"].max().date().isoformat()


def latest_precise_day(folder: Path) -> str:
    """The last day of the written events dated more precisely than a year (year-precision events run to
    31 December, far past the latest news: a window stepped there changes nothing)."""
    last = ""
    for path in folder.glob("*.geojson"):
        for feat in json.loads(path.read_text())["features"]:
            p = feat["properties"]
            if p.get("time_precision") != "year" and len(str(p["date"])) >= 10:
                last = max(last, str(p["date"])[:10])
    return last


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    events: Path, log: Path, app: str = "app.py", checkout: Path = ROOT
) -> tuple[subprocess.Popen, str]:
    """`streamlit run` of `app` in `checkout`, which imports that checkout's sitmap; (process, URL)."""
    port = _free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        app,
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.fileWatcherType",
        "none",
    ]
    env = {**os.environ, "SITMAP_EVENTS": str(events), "PYTHONPATH": str(checkout)}
    proc = subprocess.Popen(
        cmd, cwd=checkout, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"server did not start; see {log}")


def stop_server(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=20)


# In the map iframe: how many events the events layer holds, and a token that changes when it is replaced.
_LAYER_STATE = """() => {
  const fg = (window.feature_group || [])[0];
  if (!window.map || !fg) return null;
  return {token: window.__GLOBAL_DATA__ && window.__GLOBAL_DATA__.last_feature_group
                 ? window.__GLOBAL_DATA__.last_feature_group.length : 0,
          mapId: window.map._leaflet_id};
}"""


# Timed inside the browser, so polling from here adds nothing: the keydown on the page, and the first frame
# painted after streamlit-folium swapped the events layer (epoch milliseconds, comparable across frames).
_KEY_HOOK = """() => document.addEventListener("keydown",
  () => { window.__sitmapKey = performance.timeOrigin + performance.now(); }, true)"""
_SWAP_HOOK = """() => {
  const g = window.__GLOBAL_DATA__; let value = g.last_feature_group;
  window.__sitmapSwaps = [];
  Object.defineProperty(g, "last_feature_group", {get() { return value; }, set(v) {
    value = v;  // the layer's script runs right after this, in the same task; then a frame is painted
    setTimeout(() => requestAnimationFrame(
      () => window.__sitmapSwaps.push(performance.timeOrigin + performance.now())), 0);
  }});
}"""


# Layers deferred to just after the first paint (sitmapCommon.afterPaint) have all been added.
_COMPLETE = "() => !!window.map && !(window.sitmapCommon && window.sitmapCommon.pending)"


def wait_complete(page, timeout_s: float = 30.0) -> float:
    """When the deferred layers are in (after `wait_layer`); TimeoutError (the builtin) if they never are."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        map_frame(page).wait_for_function(_COMPLETE, timeout=timeout_s * 1000, polling=5)
    except PlaywrightTimeout as exc:
        raise TimeoutError("deferred layers never completed") from exc
    return time.perf_counter()


# The map's frame: streamlit-folium's, or the floor's static Leaflet component (benchmarks/floor).
MAP_FRAMES = ("st_folium", "floor_leaflet_map")


def map_frame(page):
    for f in page.frames:
        if any(name in f.url for name in MAP_FRAMES):
            return f
    return None


def wait_layer(page, timeout_s: float = 60.0, changed_from: object = None) -> tuple[float, dict]:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout_s:
        f = map_frame(page)
        state = f.evaluate(_LAYER_STATE) if f else None
        if state and (changed_from is None or state != changed_from):
            return time.perf_counter(), state
        page.wait_for_timeout(5)
    raise TimeoutError("events layer did not appear/change")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for a first map")
    ap.add_argument("--app", default="app.py", help="script to run (relative to the repository)")
    ap.add_argument("--extra", default="", help="more query parameters for every page, e.g. overlays=zone")
    ap.add_argument("--window", default="2024-06-01,2024-06-07", help="start,end of the stepped window")
    ap.add_argument(
        "--naive", default="", help="an app to measure beside the time bar ('-' for none; timebar_bench.py)"
    )
    ap.add_argument("--rounds", type=int, default=5, help="interleaved rounds with --naive")
    ap.add_argument("--before", default="", help="with --naive: another sitmap checkout (e.g. main) beside")
    ap.add_argument("--wait", type=float, default=60.0, help="with --naive: seconds before a wait gives up")
    ap.add_argument("--first-maps", type=int, default=3, help="with --naive: warm first maps per app")
    ap.add_argument(
        "--trivial", default="", help="with --first-only: Streamlit's floor app beside (a caption)"
    )
    ap.add_argument(
        "--trivial-map", default="", help="with --first-only: the floor plus a streamlit-folium map"
    )
    ap.add_argument(
        "--trivial-component-map", default="", help="with --first-only: the floor + a Leaflet component"
    )
    ap.add_argument("--first-only", action="store_true", help="with --naive: only the warm first maps")
    ap.add_argument(
        "--returning", type=int, default=0, help="with --first-only: returning analysts' first maps per app"
    )
    ap.add_argument("--play-seconds", type=float, default=3.0, help="with --naive: playback measured")
    ap.add_argument("--screenshots", default="", help="with --naive: a folder for the stepped pages' PNGs")
    ap.add_argument("--database", default="", help="SITMAP_DATABASE_URL: its events instead of --events'")
    args = ap.parse_args()
    if args.naive:
        naive_side_by_side(args)
        return

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        events = Path(tmp) / "events"
        t = time.perf_counter()
        if args.database:
            first, last = database_extent(args.database)
            events.mkdir()
            os.environ["SITMAP_DATABASE_URL"] = args.database  # the server's environment
        else:
            first, last = write_events(args.events, events)
            print(f"wrote {args.events} events in {time.perf_counter() - t:.1f} s")
        proc, url = start_server(events, Path(tmp) / "server.log", args.app)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
                )
                start, end = args.window.split(",")
                extra = f"&{args.extra}" if args.extra else ""
                rows = []
                pages = (
                    ("default view (no link)", f"?{extra}"),
                    ("all events", f"?start={first}&end={last}{extra}"),
                    (f"window {start}..{end}", f"?start={start}&end={end}{extra}"),
                )
                for label, query in pages:
                    for cache in ("cold", "warm"):
                        if cache == "cold" and label != pages[0][0]:
                            continue
                        page = browser.new_page(viewport={"width": 1500, "height": 1000})
                        t0 = time.perf_counter()
                        page.goto(url + "/" + query)
                        name = f"first map, {label} ({cache} server cache)"
                        try:
                            t1, _ = wait_layer(page, args.timeout)
                            rows.append((name, t1 - t0))
                            rows.append(("  ... complete (deferred layers in)", wait_complete(page) - t0))
                            print(f"  {name}: {rows[-2][1]:.2f} s, complete {rows[-1][1]:.2f} s", flush=True)
                        except TimeoutError:
                            rows.append((name, float("inf")))  # reported as "not drawn"
                            print(f"  {name}: not drawn in {args.timeout:.0f} s", flush=True)
                        page.close()
                returning = browser.new_context(viewport={"width": 1500, "height": 1000})
                visits = []
                for i in range(6):  # the first visit fills the browser cache
                    page = returning.new_page()
                    t0 = time.perf_counter()
                    page.goto(url + "/" + pages[0][1])
                    t1, _ = wait_layer(page, args.timeout)
                    if i:
                        visits.append(t1 - t0)
                    page.close()
                returning.close()
                rows.append(("first map, default view (returning analyst)", statistics.median(visits)))
                print(f"  {rows[-1][0]}: {rows[-1][1]:.2f} s (visits: {visits})", flush=True)
                page = browser.new_page(viewport={"width": 1500, "height": 1000})
                page.goto(url + f"/?start={start}&end={end}{extra}")
                _, state = wait_layer(page, 300)
                page.wait_for_timeout(1500)  # let the map report its position (one fragment rerun)
                _, state = wait_layer(page, 60)
                handle = page.locator('input[type="range"][aria-label="Window — end"]')
                page.evaluate(_KEY_HOOK)
                map_frame(page).evaluate(_SWAP_HOOK)
                steps = []
                map_id = state["mapId"]
                for _ in range(args.steps):
                    frame = map_frame(page)
                    seen = frame.evaluate("() => window.__sitmapSwaps.length")  # a rerun may swap twice
                    handle.focus()
                    page.keyboard.press("ArrowRight")
                    frame.wait_for_function(f"() => window.__sitmapSwaps.length > {seen}", polling=50)
                    swapped = frame.evaluate(f"() => window.__sitmapSwaps[{seen}]")
                    steps.append((swapped - page.evaluate("() => window.__sitmapKey")) / 1000)
                    page.wait_for_timeout(1500)  # the step's run ends (its later swaps are not the next's)
                _, state = wait_layer(page, 60)
                reloaded = state["mapId"] != map_id
                browser.close()
        finally:
            stop_server(proc)
    print(f"\n{'PostGIS' if args.database else args.events} events, {os.cpu_count()} CPUs")
    for name, secs in rows:
        print(f"  {name:<55} {secs:6.2f} s")
    print(
        f"  slider step -> map repainted: median {statistics.median(steps) * 1000:.0f} ms, "
        f"max {max(steps) * 1000:.0f} ms over {len(steps)} steps"
    )
    print(f"  each step (ms): {' '.join(f'{s * 1000:.0f}' for s in steps)}")
    print(f"  map reloaded during steps: {'YES' if reloaded else 'no'}")


def database_extent(url: str) -> tuple[str, str]:
    """The first and last day of a PostGIS store's events (plain SQL: an older checkout may be measured)."""
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT min(start_date), max(end_date), count(*) FROM events").fetchone()
    assert row is not None and row[0] is not None, "the database holds no event"
    print(f"database: {row[2]:,} events")
    return str(row[0]), str(row[1])


_CAPTION_DRAWN = """() => [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
  .some((e) => e.textContent.includes("days"))"""


def start_sides(args: argparse.Namespace, tmp: Path, days: int, before_slider: str = "") -> tuple[list, list]:
    """`args.events` synthetic events written under `tmp`, and a server for each side of a side-by-side run:
    this sitmap (on a `days`-day window 90 days before the last precise day, room to step), `args.before`'s
    sitmap (its slider found by `before_slider`, or the time bar when empty) and the naive app at
    `args.naive` (unless "-"). Returns the (process, url) of each server and the `timebar_bench.Side`s."""
    from datetime import date, timedelta

    from timebar_bench import Side

    events = tmp / "events"
    t = time.perf_counter()
    write_events(args.events, events)
    print(f"wrote {args.events} events in {time.perf_counter() - t:.1f} s", flush=True)
    end = date.fromisoformat(latest_precise_day(events)[:10]) - timedelta(days=90)
    query = f"?start={end - timedelta(days=days - 1)}&end={end}"
    servers = [start_server(events, tmp / "sitmap.log", args.app)]
    sides = [Side("sitmap", servers[0][1], query, "")]
    if args.before:
        servers.append(start_server(events, tmp / "before.log", args.app, Path(args.before)))
        sides.append(Side("before", servers[-1][1], query, before_slider))
    if args.naive != "-":
        servers.append(start_server(events, tmp / "naive.log", str(Path(args.naive).resolve())))
        sides.append(Side("naive", servers[-1][1], "", "Date window — end", "ArrowLeft"))
    if args.trivial:  # first maps only: it has no map, its caption drawn is its first paint
        servers.append(start_server(events, tmp / "trivial.log", str(Path(args.trivial).resolve())))
        sides.append(Side("trivial", servers[-1][1], "", "Days", drawn=_CAPTION_DRAWN))
    if args.trivial_map:
        servers.append(start_server(events, tmp / "trivial_map.log", str(Path(args.trivial_map).resolve())))
        sides.append(Side("trivial+map", servers[-1][1], "", "Days"))
    if args.trivial_component_map:
        app = str(Path(args.trivial_component_map).resolve())
        servers.append(start_server(events, tmp / "trivial_component_map.log", app))
        sides.append(Side("trivial+component", servers[-1][1], "", "Days"))
    return servers, sides


def naive_side_by_side(args: argparse.Namespace) -> None:
    """sitmap's browser time bar beside the app at `args.naive` (and `args.before`'s sitmap), one run."""
    from playwright.sync_api import sync_playwright
    from timebar_bench import side_by_side

    with tempfile.TemporaryDirectory() as tmp:
        servers, sides = start_sides(args, Path(tmp), 30, before_slider="Window — end")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
                )
                rows = side_by_side(
                    browser,
                    sides,
                    args.rounds,
                    args.wait,
                    args.first_maps,
                    args.play_seconds,
                    Path(args.screenshots) if args.screenshots else None,
                    first_only=args.first_only,
                    returning=args.returning,
                    route=args.naive != "-",  # only the naive app asks a CDN
                )
                browser.close()
        finally:
            for proc, _ in servers:
                stop_server(proc)
    done = f"{args.rounds} interleaved rounds"
    if args.first_only:
        done = f"{args.first_maps} interleaved warm first maps each"
        if args.returning:
            done += f", {args.returning} returning analysts' each"
    print(f"\n{args.events} events, {os.cpu_count()} CPUs, {done}, 30-day window")
    for name, figure in rows:
        print(f"  {name:<42} {figure}")


if __name__ == "__main__":
    main()
