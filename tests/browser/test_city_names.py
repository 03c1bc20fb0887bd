"""City and country names at region zoom keep clear of the count discs (5,000 synthetic events): a name
that fits nowhere beside its dot is moved farther out, and one that still fits nowhere is not drawn at that
zoom: neither under a disc (its name unreadable) nor over one (its count unreadable). Headless Chromium, a
standalone map."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sitmap.reference.layers import load_reference
from sitmap.settings import PROJECT_ROOT, load_settings
from sitmap.view import View
from sitmap.webmap.maps import build_map
from sitmap.webmap.offline import offline_html
from tests.browser.test_maps_browser import open_map

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic import synthetic_events  # noqa: E402

pytestmark = pytest.mark.browser

# City and country names (page px boxes) that meet a count disc, in whichever pane they are drawn.
_COVERED = """() => {
  const map = window.testMap, box = map.getContainer().getBoundingClientRect(), out = [];
  const discs = [];
  window.sitmapEvents.live.forEach(st => { if (st.clusters) { st.clusters.eachLayer(c => {
    const p = map.latLngToContainerPoint(c.getLatLng()); discs.push([p.x, p.y, c.options.radius]); }); } });
  document.querySelectorAll('.sitmap-label-city span, .sitmap-label-country span').forEach(s => {
    const r = s.getBoundingClientRect();
    for (const [x, y, rad] of discs) {
      const cx = box.left + x, cy = box.top + y;
      const nx = Math.max(r.left, Math.min(cx, r.right)), ny = Math.max(r.top, Math.min(cy, r.bottom));
      if ((nx - cx) ** 2 + (ny - cy) ** 2 < (rad - 1) ** 2) { out.push(s.textContent); break; }
    }
  });
  return [out, discs.length]; }"""


@pytest.mark.parametrize("zoom", [6, 7])
def test_city_names_never_meet_a_count_disc(page, guard, tmp_path, screenshot, zoom):
    settings = load_settings(env={})
    events = synthetic_events(5000)
    view = View(center=(33.0, 36.5), zoom=zoom)
    page.set_viewport_size({"width": 1440, "height": 900})
    open_map(
        page,
        tmp_path,
        offline_html(build_map(events, load_reference(PROJECT_ROOT / "geodata"), settings, view)),
    )
    page.wait_for_function("() => document.querySelectorAll('.sitmap-label-city').length > 3")
    page.wait_for_timeout(500)
    screenshot(page, f"zoom{zoom}")
    covered, discs = page.evaluate(_COVERED)
    assert discs > 10  # the view is clustered: the check below has discs to find
    assert covered == []
    assert guard.page_errors == []
