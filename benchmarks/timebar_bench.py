"""The browser time bar measured beside other apps, for `app_e2e.py --naive PATH [--before CHECKOUT]`.

One interleaved run on the same synthetic events, a 30-day window 90 days before the data's end:
- sitmap (this checkout), time bar step → map repainted: a key on the bar's canvas (dispatched in the page)
  to the second animation frame of the map's iframe after it (the frame that shows the change), timed by
  the browser's own clock; page settled after letting go: from the bar telling Python (after its debounce)
  to the URL holding the new window with no element stale and Streamlit's running indicator gone;
- page settled: idle (no stale element, no running indicator) and still idle 500 ms later;
- the others (the naive app; `--before`: another checkout of sitmap, e.g. main, with its server-side slider),
  slider step → map repainted: the slider's ArrowRight to the first frame after st_folium swapped its
  layer (app_e2e's hooks), and → page settled the same way;
- bytes per step: websocket bytes the browser received from the step to the settled page (both ways are
  counted; received dominates);
- sitmap playback: a few seconds at "4 months/s" (every frame moves the window): the map frame's animation
  frames per second, map updates per second and the median cost of one update;
- first map, warm: navigation to the events layer drawn, each app in turn.

Every wait is bounded (`wait_s`): a step that never completes is counted as missing, not waited for. The
naive app asks a CDN for Leaflet; its requests are answered from sitmap's local copies of the same files
(`sitmap.webmap.offline`), so it draws without a network.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app_e2e import _KEY_HOOK, _SWAP_HOOK, map_frame, wait_layer

from sitmap.webmap.offline import asset_text, match_asset

_NOT_BUSY = """() => !document.querySelector('[data-stale="true"]')
  && !document.querySelector('[data-testid="stStatusWidget"]')"""
_SETTLED = """(want) => location.search.includes(want) && !document.querySelector('[data-stale="true"]')
  && !document.querySelector('[data-testid="stStatusWidget"]')"""
_BAR = """(() => document.querySelector('canvas.tb-hist')
    || [...document.querySelectorAll('*')].map(e => e.shadowRoot).filter(Boolean)
         .map(r => r.querySelector('canvas.tb-hist')).find(Boolean))"""
_BAR_STEP = (
    """async () => {
  const canvas = """
    + _BAR
    + """();
  const map = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow;
  const t0 = performance.now();
  canvas.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}));
  await new Promise(r => map.requestAnimationFrame(() => map.requestAnimationFrame(r)));
  return performance.now() - t0;
}"""
)
_PLAY = (
    """async (seconds) => {
  const root = """
    + _BAR
    + """().getRootNode();
  const map = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow;
  const speed = root.querySelector('select[aria-label="Playback speed"]');
  speed.value = '120'; speed.dispatchEvent(new Event('change'));
  const s = window.sitmapTimebarStats, a0 = s.applies, n0 = s.applyMs.length;
  let frames = 0, on = true;  // the map frame's animation frames while playing
  const tick = () => { if (on) { frames += 1; map.requestAnimationFrame(tick); } };
  map.requestAnimationFrame(tick);
  root.querySelector('button[aria-label="Play"]').click();
  await new Promise(r => setTimeout(r, seconds * 1000));
  on = false;
  const pause = root.querySelector('button[aria-label="Pause"]');
  if (pause) { pause.click(); }
  const ms = s.applyMs.slice(n0).sort((x, y) => x - y);
  return {applies: (s.applies - a0) / seconds, frames: frames / seconds,
          applyMs: ms.length ? ms[Math.floor(ms.length / 2)] : null};
}"""
)
# When the page became idle for good: not busy (no stale element, no running indicator) and still not busy
# `hold` ms later (a step may run a fragment, then the whole page). Epoch ms, the browser's clock.
_IDLE_SINCE = """(hold) => new Promise(resolve => {
  const busy = () => !!document.querySelector('[data-stale="true"]')
    || !!document.querySelector('[data-testid="stStatusWidget"]');
  let since = busy() ? null : performance.timeOrigin + performance.now();
  const poll = () => {
    const now = performance.timeOrigin + performance.now();
    if (busy()) { since = null; } else if (since === null) { since = now; }
    if (since !== null && now - since >= hold) { resolve(since); } else { setTimeout(poll, 10); }
  };
  setTimeout(poll, 10);
})"""
_WINDOW_END = """() => { const w = window.sitmapTimeWindow;
  return new Date(w[1] * 86400000).toISOString().slice(0, 10); }"""
HOLD_MS = 500


@dataclass
class Side:
    """One app in the run: how to step it, and what was measured."""

    name: str
    url: str
    query: str  # the stepped page's query (the window)
    slider: str  # aria-label of the slider's end thumb; "" = sitmap's browser time bar
    key: str = "ArrowRight"  # the step (the naive app's window ends on the data's last day: ArrowLeft)
    drawn: str = ""  # a page predicate that says the first paint is done; "" = the map's events layer
    step_ms: list[float] = field(default_factory=list)
    settle_ms: list[float] = field(default_factory=list)
    bytes: list[int] = field(default_factory=list)
    first_s: list[float] = field(default_factory=list)
    returning_s: list[float] = field(default_factory=list)
    shown_s: list[float] = field(default_factory=list)  # navigation -> the layer's frame, in-page clock
    returning_shown_s: list[float] = field(default_factory=list)
    missed: int = 0


# In every frame, before its own scripts: the moment the frame that shows the events layer is drawn (the
# animation frame after streamlit-folium's eval assigned `feature_group`; its callback runs just before that
# frame's paint), on the epoch clock. The poll in `wait_layer` may see the layer only after the tasks queued
# behind it (the deferred reference layers' fill, the page's rerun): this is when the analyst sees it.
LAYER_FRAME_HOOK = """(() => {
  let groups;
  Object.defineProperty(window, "feature_group", {configurable: true, get() { return groups; }, set(v) {
    groups = v;
    if (!window.__layerFrameAt) {
      requestAnimationFrame(() => { window.__layerFrameAt = performance.timeOrigin + performance.now(); });
    }
  }});
})()"""


def _cdn_from_local(route) -> None:
    """A CDN request of the naive app answered from the same file in sitmap's local copies (an empty file
    for what sitmap leaves out: awesome-markers, which the naive app never uses, but waits for)."""
    url = route.request.url.split("?")[0]
    try:
        key = match_asset(url)
    except KeyError:
        route.abort()
        return
    mime = "text/css" if url.endswith(".css") else "text/javascript"
    route.fulfill(status=200, content_type=mime, body=asset_text(key, inline_urls=True) if key else "")


class Pages:
    """Fresh browser contexts whose remote requests are served locally or refused, and a websocket byte
    counter per page."""

    def __init__(self, browser, route: bool = True) -> None:
        self.browser = browser
        self.route = route  # Playwright's routing turns the browser's HTTP cache off: only for CDN apps

    def new(self, ctx=None):
        """A page in a fresh context, or in `ctx` (a returning analyst's, its HTTP cache kept)."""
        if ctx is None:
            ctx = self.browser.new_context(viewport={"width": 1500, "height": 1000})
            if self.route:
                ctx.route("http*://**/*", lambda r: _route(r))
            ctx.add_init_script(LAYER_FRAME_HOOK)
        page = ctx.new_page()
        page.ws_bytes = [0]  # type: ignore[attr-defined]

        def on_ws(ws) -> None:
            def count(payload) -> None:
                page.ws_bytes[0] += len(payload)  # type: ignore[attr-defined]

            ws.on("framereceived", count)
            ws.on("framesent", count)

        page.on("websocket", on_ws)
        return page


def _route(route) -> None:
    host = route.request.url.split("/")[2].split(":")[0]
    if host in ("127.0.0.1", "localhost"):
        route.continue_()
    else:
        _cdn_from_local(route)


def _close(page) -> None:
    page.context.close()


def open_sitmap(pages: Pages, side: Side, wait_s: float):
    page = pages.new()
    page.goto(side.url + "/" + side.query)
    wait_layer(page, wait_s * 3)
    page.wait_for_function("() => location.search.includes('center=')", timeout=wait_s * 3000)
    page.locator("canvas.tb-hist").wait_for(timeout=wait_s * 3000)
    page.wait_for_function(_NOT_BUSY, timeout=wait_s * 3000, polling=50)
    return page


def open_slider_app(pages: Pages, side: Side, wait_s: float, narrow_to_30_days: bool):
    """An app stepped through a Streamlit slider; the naive one opens on everything, so its window is
    narrowed to the last 30 days first (its start thumb to the end, then 29 days back)."""
    page = pages.new()
    page.goto(side.url + "/" + side.query)
    wait_layer(page, wait_s * 3)
    page.wait_for_function(_NOT_BUSY, timeout=wait_s * 3000, polling=50)
    if narrow_to_30_days:
        start = page.locator(f'input[type="range"][aria-label="{side.slider.replace("end", "start")}"]')
        start.focus()
        page.keyboard.press("End")
        page.wait_for_timeout(500)
        for _ in range(29):
            page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(1000)
        page.wait_for_function(_NOT_BUSY, timeout=wait_s * 5000, polling=50)
    page.evaluate(_KEY_HOOK)
    map_frame(page).evaluate(_SWAP_HOOK)
    return page


def sitmap_round(page, side: Side, wait_s: float) -> None:
    """One time-bar step: ms to the repainted map, ms from release to a settled page, bytes."""
    b0 = page.ws_bytes[0]
    commits = page.evaluate("() => window.sitmapTimebarStats.commits")
    step_ms = page.evaluate(_BAR_STEP)
    end = page.evaluate(_WINDOW_END)
    page.wait_for_function(
        f"() => window.sitmapTimebarStats.commits > {commits}", timeout=wait_s * 1000, polling=5
    )
    page.wait_for_function(_SETTLED, arg=f"end={end}", timeout=wait_s * 1000, polling=10)
    settled = page.evaluate(_IDLE_SINCE, HOLD_MS)
    committed = page.evaluate("() => window.sitmapTimebarStats.committedAt")
    side.step_ms.append(step_ms)
    side.settle_ms.append(settled - committed)
    side.bytes.append(page.ws_bytes[0] - b0)


def slider_round(page, side: Side, i: int, wait_s: float) -> None:
    b0 = page.ws_bytes[0]
    swaps = map_frame(page).evaluate("() => window.__sitmapSwaps.length")
    page.locator(f'input[type="range"][aria-label="{side.slider}"]').focus()
    page.keyboard.press(side.key)  # always a new window, as the bar's steps (a window seen before is a
    # message Streamlit's cache does not resend: alternating steps would undercount the bytes)
    frame = map_frame(page)
    frame.wait_for_function(f"() => window.__sitmapSwaps.length > {swaps}", timeout=wait_s * 1000, polling=10)
    swapped = frame.evaluate(f"() => window.__sitmapSwaps[{swaps}]")
    key = page.evaluate("() => window.__sitmapKey")
    page.wait_for_function(_NOT_BUSY, timeout=wait_s * 1000, polling=10)
    settled = page.evaluate(_IDLE_SINCE, HOLD_MS)
    side.step_ms.append(swapped - key)
    side.settle_ms.append(settled - key)
    side.bytes.append(page.ws_bytes[0] - b0)


def playback(page, wait_s: float, play_s: float) -> dict:
    """Back to the start (Python hears it: wait for the page to settle), then play at 4 months/s (the axis
    spans two years: playback does not reach its end while measured)."""
    commits = page.evaluate("() => window.sitmapTimebarStats.commits")
    page.evaluate(
        "() => " + _BAR + "().getRootNode().querySelector('button[aria-label=\"Back to the start\"]').click()"
    )
    page.wait_for_function(
        f"() => window.sitmapTimebarStats.commits > {commits}", timeout=wait_s * 1000, polling=5
    )
    page.wait_for_function(_SETTLED, arg=f"end={page.evaluate(_WINDOW_END)}", timeout=wait_s * 1000)
    page.evaluate(_IDLE_SINCE, 1000)
    return dict(page.evaluate(_PLAY, play_s))


def _attempt(side: Side, what: Callable[[], None]) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        what()
    except (PlaywrightTimeout, TimeoutError) as exc:
        side.missed += 1
        print(f"  {side.name}: gave up ({str(exc).splitlines()[0][:80]})", flush=True)


def side_by_side(
    browser,
    sides: list[Side],
    rounds: int,
    wait_s: float,
    first_maps: int,
    play_s: float,
    shots: Path | None = None,
    first_only: bool = False,
    returning: int = 0,
    route: bool = True,
) -> list[tuple[str, str]]:
    """Interleaved rounds over `sides` (the first is this checkout's sitmap); (name, figure) rows.
    `first_only`: only the warm first maps (one uncounted visit each warms the server's caches), and with
    `returning` that many returning analysts' first maps each, interleaved the same way. `route`: CDN
    requests answered from local copies (needed by the naive app; turns the HTTP cache off)."""
    pages = Pages(browser, route)
    if first_only:
        _first_maps(pages, sides, wait_s, 1)
        for side in sides:
            side.first_s.clear()
            side.shown_s.clear()
        _first_maps(pages, sides, wait_s, first_maps, returning)
        return _rows(sides, {})
    opened = {}
    for side in sides:
        t = time.perf_counter()
        if side.slider:
            opened[side.name] = open_slider_app(pages, side, wait_s, narrow_to_30_days=side.name == "naive")
        else:
            opened[side.name] = open_sitmap(pages, side, wait_s)
        print(f"  opened {side.name} in {time.perf_counter() - t:.1f} s", flush=True)
    for i in range(rounds):
        for side in sides:
            page = opened[side.name]
            if side.slider:
                _attempt(side, lambda page=page, side=side, i=i: slider_round(page, side, i, wait_s))
            else:
                _attempt(side, lambda page=page, side=side: sitmap_round(page, side, wait_s))
        print(f"  round {i + 1}/{rounds} done", flush=True)
    if shots is not None:  # what the stepped pages look like (sitmap's after its steps)
        shots.mkdir(parents=True, exist_ok=True)
        for name, page in opened.items():
            page.screenshot(path=str(shots / f"{name}-stepped.png"))
    play = playback(opened[sides[0].name], wait_s, play_s)
    if shots is not None:
        opened[sides[0].name].screenshot(path=str(shots / f"{sides[0].name}-after-playback.png"))
    for page in opened.values():
        _close(page)
    _first_maps(pages, sides, wait_s, first_maps)
    return _rows(sides, play)


_STAMPED = """(drawn) => { if (!(0, eval)(drawn)()) return false;
  window.__drawnAt = window.__drawnAt || performance.timeOrigin + performance.now(); return true; }"""


def _first_map(page, side: Side, wait_s: float, into: list[float], shown: list[float]) -> None:
    """Navigation to the first paint (the events layer, or `side.drawn`), appended to `into` in seconds as
    seen by polling from here, and to `shown` as stamped in the page (the layer's frame; the floor's caption
    found by the page's own 5 ms poll), from the navigation's start."""
    t0 = time.perf_counter()
    page.goto(side.url + "/")  # the default view

    def first() -> None:
        if side.drawn:  # an app without a map (Streamlit's floor): its own element drawn
            page.wait_for_function(_STAMPED, arg=side.drawn, timeout=wait_s * 1000, polling=5)
            t1 = time.perf_counter()
            at = page.evaluate("() => window.__drawnAt - performance.timeOrigin")
        else:
            t1, _ = wait_layer(page, wait_s)
            frame = map_frame(page)  # the poll can see the layer before its animation frame has run
            frame.wait_for_function("() => window.__layerFrameAt", timeout=wait_s * 1000, polling=5)
            at = frame.evaluate("() => window.__layerFrameAt") - page.evaluate("() => performance.timeOrigin")
        into.append(t1 - t0)
        shown.append(at / 1000)

    _attempt(side, first)


def _first_maps(pages: Pages, sides: list[Side], wait_s: float, first_maps: int, returning: int = 0) -> None:
    """Warm first maps, interleaved (a fresh context each: nothing cached); then `returning` first maps per
    side in one context per side whose HTTP cache an uncounted visit filled (a returning analyst)."""
    for _ in range(first_maps):
        for side in sides:
            page = pages.new()
            _first_map(page, side, wait_s, side.first_s, side.shown_s)
            _close(page)
    if not returning:
        return
    contexts = {}
    for side in sides:
        page = pages.new()
        _first_map(page, side, wait_s, [], [])  # fills this context's cache
        contexts[side.name] = page.context
        page.close()
    for _ in range(returning):
        for side in sides:
            page = pages.new(contexts[side.name])
            _first_map(page, side, wait_s, side.returning_s, side.returning_shown_s)
            page.close()
    for ctx in contexts.values():
        ctx.close()


def _med(xs: list[float], unit: str = "ms") -> str:
    if not xs:
        return "n/a"
    if unit == "s":
        return f"median {statistics.median(xs):.2f} s (max {max(xs):.2f})"
    return f"median {statistics.median(xs):.0f} ms (max {max(xs):.0f})"


def _kb(xs: list[int]) -> str:
    return f"median {statistics.median(xs) / 1024:.1f} KiB (max {max(xs) / 1024:.1f})" if xs else "n/a"


def _rows(sides: list[Side], play: dict) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    width = max(len(s.name) for s in sides)
    for label, get in (
        ("step -> map repainted", lambda s: _med(s.step_ms)),
        ("release -> page settled", lambda s: _med(s.settle_ms)),
        ("bytes per step (websocket)", lambda s: _kb(s.bytes)),
        ("first map, warm", lambda s: _med(s.first_s, "s")),
        ("first map, warm, layer's frame (in page)", lambda s: _med(s.shown_s, "s")),
        ("first map, returning analyst", lambda s: _med(s.returning_s, "s")),
        ("first map, returning, layer's frame (in page)", lambda s: _med(s.returning_shown_s, "s")),
    ):
        if "returning" in label and not any(s.returning_s for s in sides):
            continue  # not measured in this run
        for s in sides:
            rows.append((f"{s.name:<{width}}  {label}", get(s)))
    if not play:  # first maps only
        return [row for row in rows if "first map" in row[0]]
    ms = play.get("applyMs")
    rows.append(
        (
            f"{sides[0].name:<{width}}  playback (4 months/s)",
            f"{play['frames']:.0f} map frames/s, {play['applies']:.0f} window updates/s, "
            f"{'n/a' if ms is None or math.isnan(ms) else f'{ms:.1f}'} ms per update (median)",
        )
    )
    for s in sides:
        if s.missed:
            rows.append((f"{s.name:<{width}}  waits given up", str(s.missed)))
    return rows
