"""The detailed timeline in headless Chromium: Vega draws it without a warning in the console (the review
saw "Conflicting scale property domain" eight times and "Infinite extent for field data" on every draw)."""

from __future__ import annotations

import pytest

from tests.browser.test_dashboard import APP, TIMEOUT_MS, layer_ids

pytestmark = pytest.mark.browser

_DRAWN = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
  .every(c => c.querySelector('canvas, svg'))"""


@pytest.mark.parametrize("window", ["", "start=2024-04-01&end=2024-04-30"], ids=["whole", "april-2024"])
def test_the_detailed_timeline_draws_without_vega_warnings(page, guard, streamlit_server, window):
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if "WARN" in m.text or "Vega" in m.text else None)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{streamlit_server(APP)}/?{window}")
    layer_ids(page)
    page.get_by_text("Detailed timeline").click()
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(_DRAWN, timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)
    assert charts.count() == 2  # the daily counts and the span strip (the bundled events have both)
    assert warnings == [], warnings
    assert not guard.page_errors, guard.page_errors
