"""Briefing's page script (`sitmap.ui.briefing.style.KEYS_JS`) in headless Chromium, without Streamlit: it
must reach the map's frame whenever its timer first finds it, even while that frame still holds its initial
about:blank document (a warm server makes the page that fast; the full-screen test then failed in the
suite's order and passed alone)."""

from __future__ import annotations

import pytest

from sitmap.ui.briefing.style import KEYS_JS

pytestmark = pytest.mark.browser

ORIGIN = "http://127.0.0.1:9"  # never contacted: the route below answers every request
PAGE = f"""<!doctype html><html><body>
<div class="st-key-briefing_next"><button onclick="window.stepped = (window.stepped||0) + 1">›</button></div>
<div class="st-key-briefing_map"><iframe src="/map"></iframe></div>
{KEYS_JS}
</body></html>"""
MAP = """<!doctype html><html><body>
<div class="sitmap-fullscreen"><a href="#" onclick="window.ownFullScreen = true">full screen</a></div>
</body></html>"""


def test_the_map_frame_is_hooked_after_its_first_document(page, guard):
    page.route(
        f"{ORIGIN}/**",
        lambda route: route.fulfill(
            content_type="text/html", body=MAP if "/map" in route.request.url else PAGE
        ),
    )
    page.goto(f"{ORIGIN}/briefing")  # the script runs at once, while the frame holds its first about:blank
    frame = page.frame_locator("iframe")
    frame.locator(".sitmap-fullscreen a").wait_for()
    page.wait_for_timeout(1300)  # one tick of the script's timer after the map's document loaded
    frame.locator(".sitmap-fullscreen a").press("ArrowRight")
    frame.locator(".sitmap-fullscreen a").click()
    page.wait_for_timeout(300)
    got = page.evaluate(
        "() => [window.stepped || 0, document.fullscreenElement === document.documentElement,"
        " !!document.querySelector('iframe').contentWindow.ownFullScreen]"
    )
    assert got == [1, True, False], got  # one step, the whole page in full screen, not the map's own
    assert not guard.page_errors, guard.page_errors
