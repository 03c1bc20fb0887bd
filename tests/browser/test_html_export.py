"""The standalone HTML export opens in headless Chromium with the network blocked and shows the view's
markers where the events are."""

from __future__ import annotations

import io
from datetime import date

import numpy as np
import pytest
from PIL import Image

from sitmap.exports import formats as exports
from sitmap.reference.layers import load_reference
from sitmap.settings import PROJECT_ROOT, load_settings
from sitmap.snapshot.render import bbox_around
from sitmap.store.load import load_store
from sitmap.view import View, apply_view
from sitmap.vocabulary import EVENT_TYPES

pytestmark = pytest.mark.browser

TELL_AL_MAL = "syr-2025-03-03-tell-al-mal-raid"
RUWAIHANIYA = "syr-2025-03-04-ruwaihaniya-patrol"
FIND_MAP = """() => { for (const k of Object.keys(window)) {
    const v = window[k]; if (k.startsWith('map_') && v && v.getZoom) { window.testMap = v; return k; } } }"""


@pytest.fixture(scope="module")
def export_file(tmp_path_factory):
    settings = load_settings(env={})
    events = load_store(PROJECT_ROOT / "events", settings=settings).events
    reference = load_reference(PROJECT_ROOT / "geodata")
    view = View(
        start=date(2025, 3, 1),
        end=date(2025, 3, 4),
        bbox=bbox_around(36.0, 33.09, 30),
        selected=TELL_AL_MAL,
        center=(33.09, 35.98),
        zoom=10,
    )
    shown = apply_view(events, view)
    path = tmp_path_factory.mktemp("html") / "golan.html"
    exports.write_export(shown, "html", path, reference=reference, view=view, settings=settings)
    return path


def _ring_share(img: np.ndarray, x: float, y: float, radius: float, colour: str) -> float:
    target = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    angles = np.linspace(0, 2 * np.pi, 90, endpoint=False)
    xs = np.round(x + radius * np.cos(angles)).astype(int)
    ys = np.round(y + radius * np.sin(angles)).astype(int)
    pixels = img[ys, xs, :3].astype(float)
    return float(np.mean(np.linalg.norm(pixels - target, axis=1) < 70))


def test_html_export_opens_offline_and_shows_the_markers(page, guard, screenshot, export_file):
    html = export_file.read_text(encoding="utf-8")
    assert '<script src="http' not in html and '<link href="http' not in html
    page.goto(export_file.as_uri())
    page.wait_for_function("() => window.sitmapEvents && window.sitmapEvents.live.length > 0")
    assert page.evaluate(FIND_MAP)
    page.wait_for_timeout(400)
    drawn = set(page.evaluate("() => Object.keys(window.sitmapEvents.byId)"))
    assert drawn == {TELL_AL_MAL, RUWAIHANIYA}  # the export holds the view, nothing else
    assert page.locator(".leaflet-sitmap-events-pane canvas").count() == 1
    assert page.locator(".sitmap-legend-box").is_visible()
    img = np.asarray(Image.open(io.BytesIO(page.screenshot())).convert("RGB"))
    for event_id, lat, lon, etype in (
        (TELL_AL_MAL, 33.095, 36.04, "raid"),
        (RUWAIHANIYA, 33.075, 35.88, "patrol"),
    ):
        x, y = page.evaluate(
            "([lat, lon]) => { const p = window.testMap.latLngToContainerPoint([lat, lon]);"
            " const r = window.testMap.getContainer().getBoundingClientRect();"
            " return [r.left + p.x, r.top + p.y]; }",
            [lat, lon],
        )
        colour = EVENT_TYPES[etype].colour
        on = max(_ring_share(img, x, y, r, colour) for r in (6, 7, 8, 9))
        off = _ring_share(img, x + 60, y + 60, 8, colour)
        assert on > 0.25, (event_id, on)
        assert off < 0.05, (event_id, off)
    assert guard.page_errors == [] and guard.console_errors == []
    assert guard.external_requests == []
    screenshot(page, "html-export")


_BOXES = """() => Object.fromEntries(
  ['.sitmap-export-sources', '.leaflet-control-minimap', '.leaflet-control-scale', '.sitmap-legend-box']
    .map(sel => { const el = document.querySelector(sel); if (!el) { return [sel, null]; }
      const r = el.getBoundingClientRect(); return [sel, [r.left, r.top, r.right, r.bottom]]; }))"""


def _overlaps(boxes: dict) -> list[tuple[str, str]]:
    named = [(k, v) for k, v in boxes.items() if v and v[2] > v[0] and v[3] > v[1]]
    return [
        (a, b)
        for i, (a, p) in enumerate(named)
        for b, q in named[i + 1 :]
        if p[0] < q[2] and p[2] > q[0] and p[1] < q[3] and p[3] > q[1]
    ]


@pytest.mark.parametrize("size", [(1440, 900), (1024, 700)])
def test_sources_box_minimap_and_scale_bar_never_overlap(page, guard, screenshot, export_file, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(export_file.as_uri())
    page.wait_for_function("() => window.sitmapEvents && window.sitmapEvents.live.length > 0")
    page.wait_for_timeout(400)
    closed = page.evaluate(_BOXES)
    assert all(
        closed[k] for k in (".sitmap-export-sources", ".leaflet-control-minimap", ".leaflet-control-scale")
    )
    assert _overlaps(closed) == []
    page.locator(".sitmap-export-sources summary").click()  # opened: the list grows, still clear of them
    page.wait_for_timeout(200)
    screenshot(page, f"sources-open-{size[0]}")
    assert _overlaps(page.evaluate(_BOXES)) == []
    assert guard.page_errors == []
