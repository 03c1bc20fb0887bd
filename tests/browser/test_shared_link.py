"""A shared link's view survives the first load (issue 13, "links that never lie"): the address bar is written
from what the map reports only once the map has applied the link's centre and zoom."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.test_dashboard import APP, RUWA, TIMEOUT_MS, layer_ids

pytestmark = pytest.mark.browser

LINK = f"/?selected={RUWA}&center=33.07,35.88&zoom=11"
LOADS = 10


def _settled_params(page) -> dict[str, str]:
    """The address bar's query once the page has settled: the map drawn and reporting, the panels drawn, and
    the query unchanged for a while (a late report from the map would change it)."""
    layer_ids(page)
    page.wait_for_function("() => location.search.includes('center=')", timeout=TIMEOUT_MS)
    page.wait_for_function(
        """() => { const now = location.search, t = performance.now();
                   if (window.__lastSearch !== now) { window.__lastSearch = now; window.__since = t; }
                   return t - window.__since > 2500; }""",
        polling=250,
        timeout=TIMEOUT_MS,
    )
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def test_a_shared_link_keeps_its_view_in_ten_fresh_loads(browser, streamlit_server):
    url = streamlit_server(APP)
    wrong: list[dict[str, str]] = []
    for _ in range(LOADS):
        context = browser.new_context(service_workers="block", viewport={"width": 1440, "height": 900})
        context.route("**/*", lambda r: r.abort() if "127.0.0.1" not in r.request.url else r.continue_())
        try:
            page = context.new_page()
            page.goto(f"{url}{LINK}")
            params = _settled_params(page)
        finally:
            context.close()
        lat, lon = (float(v) for v in params.get("center", "0,0").split(","))
        if params.get("zoom") != "11" or abs(lat - 33.07) > 0.01 or abs(lon - 35.88) > 0.01:
            wrong.append(params)
    assert not wrong, f"{len(wrong)} of {LOADS} loads lost the link's view: {wrong}"
