"""Map build and render times for N synthetic events (the app's hot path).

    python benchmarks/map_build.py [--sizes 1000,10000,100000] [--no-browser]

For each N: Python time to build and render to HTML `build_event_layer` (what a slider step costs the
server) and `build_map` (first load / HTML export), HTML sizes; then, in headless Chromium (Debian's
/usr/bin/chromium via Playwright, network blocked), the offline HTML's time to first drawn map, the time
to swap the events FeatureGroup the way streamlit-folium does on a slider step (remove the old group,
eval the new group's script, add it), and a zoom-in redraw at 100k.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_events  # noqa: E402
from sitmap.reference.layers import load_reference  # noqa: E402
from sitmap.settings import load_settings  # noqa: E402
from sitmap.view import View  # noqa: E402
from sitmap.webmap.maps import build_base_map, build_event_layer, build_map  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Two animation frames after the scripts ran: the canvas has painted.
PAINTED_JS = (
    "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))"
)
SWAP_JS = """(src) => new Promise(r => {
    const t0 = performance.now();
    const map = window.sitmapBenchMap;
    (window.sitmapBenchGroups || []).forEach(g => map.removeLayer(g));
    window.feature_group = [];
    (0, eval)(src);
    requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now() - t0)));
})"""


def feature_group_script(group, base) -> str:
    """The script streamlit-folium sends for `feature_group_to_add` (its own helper), for `base`."""
    from streamlit_folium import _get_feature_group_string, get_full_id

    text = _get_feature_group_string(group, base)
    # streamlit-folium calls the map `map_div`; in the standalone page it keeps folium's name.
    return text.replace("map_div", get_full_id(base))


def browser_figures(html: str, swap_script: str, n: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.html"
        path.write_text(html, encoding="utf-8")
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        ctx = browser.new_context(viewport={"width": 1280, "height": 800})
        ctx.route("**/*", lambda r: r.abort() if r.request.url.startswith("http") else r.continue_())
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri(), wait_until="load", timeout=300_000)
        out["first_paint_ms"] = page.evaluate(PAINTED_JS)
        page.evaluate(
            "() => { for (const k in window) { if (k.startsWith('map_') && window[k] && window[k].getZoom)"
            " { window.sitmapBenchMap = window[k]; } } window.sitmapBenchGroups = Object.values(window)"
            ".filter(v => v && v.sitmapIsEvents); }"
        )
        out["slider_step_ms"] = page.evaluate(SWAP_JS, swap_script)
        out["zoom_in_redraw_ms"] = page.evaluate(
            "() => new Promise(r => { const m = window.sitmapBenchMap, t0 = performance.now();"
            " m.once('zoomend', () => requestAnimationFrame(() => requestAnimationFrame("
            " () => r(performance.now() - t0)))); m.setView([33.1, 35.9], 9, {animate: false}); })"
        )
        out["errors"] = len(errors)
        if errors:
            print(f"    page errors at n={n}: {errors[:3]}")
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    reference = load_reference(ROOT / "geodata")
    settings = load_settings()
    view = View()
    browser = not args.no_browser and CHROMIUM.exists()
    try:
        from sitmap.webmap.offline import offline_html
    except ImportError:
        offline_html, browser = None, False
    print(
        f"{'n':>7} {'layer build+html s':>18} {'layer html MB':>13}"
        f" {'map build+html s':>16} {'map html MB':>11}",
        end="",
    )
    print(f" {'first paint ms':>14} {'slider step ms':>14} {'zoom-in ms':>10}" if browser else "")
    for n in (int(s) for s in args.sizes.split(",")):
        events = synthetic_events(n)
        base = build_base_map(reference, settings, view)
        base.get_root().render()
        t0 = time.perf_counter()
        layer_html = feature_group_script(build_event_layer(events, view, reference), base)
        layer_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        map_html = build_map(events, reference, settings, view).get_root().render()
        map_s = time.perf_counter() - t0
        line = (
            f"{n:>7} {layer_s:>18.2f} {len(layer_html) / 1e6:>13.2f} {map_s:>16.2f}"
            f" {len(map_html) / 1e6:>11.2f}"
        )
        if browser:
            page_map = build_map(events, reference, settings, view)
            html = _mark_events(offline_html(page_map))
            other = synthetic_events(n, seed=11)  # another window's events, swapped in as on a slider step
            swap = feature_group_script(build_event_layer(other, view, reference), page_map)
            fig = browser_figures(html, swap, n)
            line += f" {fig['first_paint_ms']:>14.0f} {fig['slider_step_ms']:>14.0f}"
            line += f" {fig['zoom_in_redraw_ms']:>10.0f}"
        print(line, flush=True)


def _mark_events(html: str) -> str:
    """Tag the events FeatureGroup so the benchmark can find and remove it like streamlit-folium does."""
    return html.replace(
        "window.sitmapEvents.add(",
        "(function (m, g, p) { g.sitmapIsEvents = true; return window.sitmapEvents.add(m, g, p); })(",
        1,
    )


if __name__ == "__main__":
    main()
