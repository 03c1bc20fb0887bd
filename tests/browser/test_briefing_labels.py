"""Briefing mode's larger place names keep clear of each other: the placement measures each name in the
font it is drawn in, not in the dashboard's (review defect 3: Karaj under Rasht, Kirkuk over Abu Ghraib at
the whole-region view). Headless Chromium, a standalone map with briefing's CSS added after it drew."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sitmap.reference.layers import load_reference
from sitmap.settings import PROJECT_ROOT, load_settings
from sitmap.ui.briefing.look import BRIEFING_MAP_CSS
from sitmap.view import View
from sitmap.webmap.maps import build_map
from sitmap.webmap.offline import offline_html
from tests.browser.test_maps_browser import open_map

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic import synthetic_events  # noqa: E402

pytestmark = pytest.mark.browser

# Pairs of place names whose drawn text boxes (page px, 1 px of slack) overlap, and how many names there are.
_OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('.sitmap-label span')].map(s => [s.textContent,
    s.getBoundingClientRect()]);
  const out = [];
  boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, q]) => {
    if (r.left < q.right - 1 && r.right > q.left + 1 && r.top < q.bottom - 1 && r.bottom > q.top + 1) {
      out.push(a + ' / ' + b); } }));
  return [out, boxes.length]; }"""


def test_briefing_size_names_do_not_overlap(page, guard, tmp_path, screenshot):
    settings = load_settings(env={})
    view = View(center=(31.0, 47.0), zoom=5)
    page.set_viewport_size({"width": 1920, "height": 1080})
    reference = load_reference(PROJECT_ROOT / "geodata")
    html = offline_html(build_map(synthetic_events(300), reference, settings, view))
    open_map(page, tmp_path, html)
    page.add_style_tag(content=BRIEFING_MAP_CSS)
    # A new pass, in briefing's font.
    page.evaluate("() => { window.testMap.setZoom(6, { animate: false }); }")
    page.wait_for_function("() => document.querySelectorAll('.sitmap-label-city').length > 20")
    page.wait_for_timeout(500)
    screenshot(page, "briefing")
    overlaps, names = page.evaluate(_OVERLAPS)
    assert names > 30  # a crowded region view: the check below has names to compare
    assert overlaps == []
    assert guard.page_errors == []
