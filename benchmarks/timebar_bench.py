"""The browser time bar measured beside the naive app, for `app_e2e.py --naive PATH` (one interleaved run).

Per round, on 10k synthetic events with a 30-day window:
- sitmap, time bar step → map repainted: a key on the bar's canvas (dispatched in the page) to the second
  animation frame of the map's iframe after it (the frame that shows the change), in-browser clock;
- sitmap, page settled after release: from the bar telling Python (after its debounce) to the URL holding
  the new window with no element stale and Streamlit's running indicator gone;
- naive, slider step → map repainted: the slider's ArrowRight to the first frame after st_folium swapped
  its layer (app_e2e's hooks), and → page settled the same way;
- sitmap playback: 3 s at "4 months/s" (every frame moves the window): animation frames and map updates per
  second, and the median cost of one update.
"""

from __future__ import annotations

import statistics
import time

from app_e2e import _KEY_HOOK, _SWAP_HOOK, map_frame, wait_layer

_SETTLED = """(want) => location.search.includes(want) && !document.querySelector('[data-stale="true"]')
  && !document.querySelector('[data-testid="stStatusWidget"]')"""
_BAR_STEP = """async () => {
  const canvas = document.querySelector('canvas.tb-hist')
    || [...document.querySelectorAll('*')].map(e => e.shadowRoot).filter(Boolean)
         .map(r => r.querySelector('canvas.tb-hist')).find(Boolean);
  const map = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow;
  const t0 = performance.now();
  canvas.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}));
  await new Promise(r => map.requestAnimationFrame(() => map.requestAnimationFrame(r)));
  return performance.now() - t0;
}"""
_NAIVE_NAIVE_SLIDER = 'input[type="range"][aria-label="Date window — end"]'
_PLAY = """async (seconds) => {
  const root = [...document.querySelectorAll('*')].map(e => e.shadowRoot).filter(Boolean)
    .find(r => r.querySelector('canvas.tb-hist')) || document;
  const speed = root.querySelector('select[aria-label="Playback speed"]');
  speed.value = '120'; speed.dispatchEvent(new Event('change'));
  const s = window.sitmapTimebarStats, a0 = s.applies, f0 = s.frames, n0 = s.applyMs.length;
  root.querySelector('button[aria-label="Play"]').click();
  await new Promise(r => setTimeout(r, seconds * 1000));
  root.querySelector('button[aria-label="Pause"]').click();
  const ms = s.applyMs.slice(n0).sort((x, y) => x - y);
  return {applies: (s.applies - a0) / seconds, frames: (s.frames - f0) / seconds,
          applyMs: ms.length ? ms[Math.floor(ms.length / 2)] : null};
}"""


def open_sitmap(browser, url: str, query: str):
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    page.goto(url + "/" + query)
    wait_layer(page, 300)
    page.wait_for_function("() => location.search.includes('center=')", timeout=120_000)
    page.locator("canvas.tb-hist").wait_for(timeout=120_000)
    page.wait_for_timeout(1500)
    return page


def open_naive(browser, url: str):
    """The naive app with its window narrowed to the last 30 days (its slider opens on everything)."""
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    page.goto(url)
    wait_layer(page, 300)
    start = page.locator('input[type="range"][aria-label="Date window — start"]')
    start.focus()
    page.keyboard.press("End")
    page.wait_for_timeout(3000)
    for _ in range(29):
        page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(6000)
    page.evaluate(_KEY_HOOK)
    map_frame(page).evaluate(_SWAP_HOOK)
    return page


def sitmap_round(page, i: int) -> tuple[float, float]:
    """One time-bar step: (ms to the repainted map, ms from release to a settled page)."""
    step_ms = page.evaluate(_BAR_STEP)
    end = page.evaluate(
        "() => { const w = window.sitmapTimeWindow; "
        "return new Date(w[1] * 86400000).toISOString().slice(0, 10); }"
    )
    page.wait_for_function(_SETTLED, arg=f"end={end}", timeout=120_000, polling=10)
    settled = page.evaluate("() => performance.timeOrigin + performance.now()")
    committed = page.evaluate("() => window.sitmapTimebarStats.committedAt")
    return step_ms, settled - committed


def naive_round(page, i: int, swaps_before: int) -> tuple[float, float]:
    page.locator(_NAIVE_NAIVE_SLIDER).focus()
    page.keyboard.press("ArrowRight" if i % 2 else "ArrowLeft")
    frame = map_frame(page)
    frame.wait_for_function(
        f"() => window.__sitmapSwaps.length > {swaps_before}", timeout=120_000, polling=10
    )
    swapped = frame.evaluate(f"() => window.__sitmapSwaps[{swaps_before}]")
    key = page.evaluate("() => window.__sitmapKey")
    page.wait_for_function(
        "() => !document.querySelector('[data-stale=\"true\"]')"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=120_000,
        polling=10,
    )
    settled = page.evaluate("() => performance.timeOrigin + performance.now()")
    return swapped - key, settled - key


def side_by_side(browser, sitmap_url: str, naive_url: str, query: str, rounds: int) -> list[tuple[str, str]]:
    """Interleaved rounds; returns (name, figure) rows to print."""
    s_page, n_page = open_sitmap(browser, sitmap_url, query), open_naive(browser, naive_url)
    s_step, s_settle, n_step, n_settle = [], [], [], []
    for i in range(rounds):
        a, b = sitmap_round(s_page, i)
        s_step.append(a)
        s_settle.append(b)
        c, d = naive_round(n_page, i, i)
        n_step.append(c)
        n_settle.append(d)
        time.sleep(0.3)
    play = s_page.evaluate(_PLAY, 3)
    s_page.close()
    n_page.close()
    first_s, first_n = [], []
    for _ in range(3):  # warm first maps, interleaved
        for url, out in ((sitmap_url + "/" + query, first_s), (naive_url, first_n)):
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            t0 = time.perf_counter()
            page.goto(url)
            t1, _ = wait_layer(page, 300)
            out.append(t1 - t0)
            page.close()

    def med(xs: list[float]) -> str:
        return f"median {statistics.median(xs):.0f} ms (max {max(xs):.0f})"

    return [
        ("sitmap: time bar step -> map repainted", med(s_step)),
        ("naive:  slider step -> map repainted", med(n_step)),
        ("sitmap: release -> page settled", med(s_settle)),
        ("naive:  slider step -> page settled", med(n_settle)),
        (
            "sitmap: playback",
            f"{play['frames']:.0f} frames/s, {play['applies']:.0f} map updates/s, "
            f"{play['applyMs']:.1f} ms per update (median)",
        ),
        ("sitmap: first map, warm", f"median {statistics.median(first_s):.2f} s"),
        ("naive:  first map, warm", f"median {statistics.median(first_n):.2f} s"),
    ]
