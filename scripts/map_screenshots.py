"""Screenshots of the dashboard on 5,000 synthetic events at 1440×900: zoom 5 (the region) and 9 (Golan).

    python scripts/map_screenshots.py --out docs/screenshots                 # this checkout
    python scripts/map_screenshots.py --checkout /tmp/old --out /tmp/before  # another copy, to compare

Starts `streamlit run app.py` of the checkout on the synthetic events of `benchmarks/synthetic.py` (the
whole two years in view), waits until the map's deferred layers are in, and saves one viewport PNG per zoom,
palette-quantised so each stays small. Needs /usr/bin/chromium; never used by the tests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from app_e2e import map_frame, start_server, stop_server, wait_complete, write_events  # noqa: E402

VIEWPORT = {"width": 1440, "height": 900}
SHOTS = (("zoom5-region", "31.5,40.5", 5), ("zoom9-golan", "33.1,35.85", 9))


def _wait_map(page, timeout_ms: int = 120_000) -> None:
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('.st-key-first_paint_note')", timeout=timeout_ms, polling=200
    )
    frame = map_frame(page)
    frame.wait_for_function(
        "() => window.sitmapEvents && window.sitmapEvents.live.length > 0", timeout=timeout_ms
    )
    wait_complete(page, timeout_ms / 1000)
    page.wait_for_timeout(1500)  # tiles of the offline base map and the last label pass


def _small_png(path: Path) -> None:
    """Re-save as a 256-colour PNG (a map screenshot has few colours; keeps it well under 400 KB)."""
    from PIL import Image

    with Image.open(path) as im:
        im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkout", type=Path, default=ROOT, help="the copy of sitmap to run")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--prefix", default="map", help="file name prefix")
    ap.add_argument("--events", type=int, default=5000)
    ap.add_argument("--extra", default="", help="more query parameters, e.g. overlays=zone,lines")
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        events = Path(tmp) / "events"
        first, last = write_events(args.events, events)
        proc, url = start_server(events, Path(tmp) / "server.log", checkout=args.checkout.resolve())
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
                )
                for name, center, zoom in SHOTS:
                    page = browser.new_page(viewport=VIEWPORT)
                    query = f"start={first}&end={last}&center={center}&zoom={zoom}"
                    page.goto(f"{url}/?{query}{'&' + args.extra if args.extra else ''}")
                    _wait_map(page)
                    path = args.out / f"{args.prefix}-{name}.png"
                    page.screenshot(path=str(path))
                    _small_png(path)
                    print(f"{path} ({path.stat().st_size // 1024} KB)")
                    page.close()
                browser.close()
        finally:
            stop_server(proc)


if __name__ == "__main__":
    main()
