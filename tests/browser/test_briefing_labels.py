"""Briefing mode's larger place names keep clear of each other: the placement measures each name in the
font it is drawn in, not in the dashboard's (review defect 3: Karaj under Rasht, Kirkuk over Abu Ghraib at
the whole-region view). Headless Chromium, a standalone map with briefing's CSS added after it drew."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sitmap.reference.layers import load_reference
from sitmap.settings import PROJECT_ROOT, load_settings
from sitmap.store.load import load_store
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


# Label boxes (page px) that the selected area's outline runs through, sampled every 4 px along its paths.
_CROSSED = """() => {
  const paths = [...document.querySelectorAll('path.sitmap-selected-area')];
  const boxes = [...document.querySelectorAll('.sitmap-label span')].map(s => [s.textContent,
    s.getBoundingClientRect()]);
  const crossed = new Set();
  paths.forEach(p => {
    const m = p.getScreenCTM(), n = p.getTotalLength();
    for (let d = 0; d < n; d += 4) {
      const q = p.getPointAtLength(d), x = m.a * q.x + m.c * q.y + m.e, y = m.b * q.x + m.d * q.y + m.f;
      boxes.forEach(([t, r]) => {
        if (x > r.left && x < r.right && y > r.top && y < r.bottom) crossed.add(t); });
    }
  });
  return [...crossed]; }"""
_Z = "(cls) => Number(getComputedStyle(document.querySelector(cls)).zIndex)"


def test_briefing_names_stay_above_the_selected_areas_outline(page, guard, tmp_path, screenshot):
    """A country-level event selected in briefing draws its country's outline thick and dark; the names
    it runs through stay readable on top of it (they are placed clear of markers, counts and the selected
    marker's ring already, so on top they cover only outlines)."""
    settings = load_settings(env={})
    selected = "irn-2024-04-russian-experts-visit"  # placed at country level: drawn as Iran's outline
    view = View(center=(33.0, 50.0), zoom=6, selected=selected)
    page.set_viewport_size({"width": 1920, "height": 1080})
    reference = load_reference(PROJECT_ROOT / "geodata")
    events = load_store(PROJECT_ROOT / "events").events
    open_map(page, tmp_path, offline_html(build_map(events, reference, settings, view)))
    page.add_style_tag(content=BRIEFING_MAP_CSS)
    page.evaluate("() => { window.testMap.setZoom(5, { animate: false }); }")
    page.wait_for_function("() => document.querySelectorAll('path.sitmap-selected-area').length > 0")
    page.wait_for_function("() => document.querySelectorAll('.sitmap-label-city').length > 5")
    page.wait_for_timeout(500)
    screenshot(page, "briefing-selected-area")
    crossed = page.evaluate(_CROSSED)
    assert crossed, "no name meets the outline: the order below would not matter"
    labels = page.evaluate(_Z, ".leaflet-sitmap-labels-pane")
    assert labels > page.evaluate(_Z, ".leaflet-sitmap-selection-pane"), crossed
    assert labels > page.evaluate(_Z, ".leaflet-sitmap-events-pane"), crossed  # the outline's canvas line
    assert guard.page_errors == []
