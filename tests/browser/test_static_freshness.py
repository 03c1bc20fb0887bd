"""Streamlit's /app/static and the published base-map script: a browser may reuse the page's preloaded copy
in the map frame. Streamlit sends no Cache-Control there and has no option for one, so sitmap relies on
heuristic freshness from Last-Modified (folium_bridge.CONTENT_NAMED_MTIME); this fails loudly if Streamlit
stops sending Last-Modified or starts forbidding reuse."""

from __future__ import annotations

import urllib.request
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from sitmap.ui.map import folium_bridge

pytestmark = pytest.mark.browser

DAY_S = 24 * 3600


def test_a_published_script_is_served_fresh_for_a_browser_cache(tmp_path: Path, streamlit_server):
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text("[server]\nenableStaticServing = true\n")
    (tmp_path / "app.py").write_text("import streamlit as st\nst.write('static test')\n")
    folder = tmp_path / "static" / "base"
    _, url = folium_bridge._publish_script("var sitmapTest = 1;", folder, "/app/static/base")
    with urllib.request.urlopen(streamlit_server(tmp_path / "app.py") + url, timeout=10) as response:
        body = response.read().decode("utf-8")
        headers = response.headers
    assert "var sitmapTest = 1;" in body
    cache_control = (headers.get("Cache-Control") or "").lower()
    assert not any(word in cache_control for word in ("no-cache", "no-store", "max-age=0")), cache_control
    if "max-age=" not in cache_control:  # heuristic freshness: a tenth of the age since Last-Modified
        age = parsedate_to_datetime(headers["Date"]) - parsedate_to_datetime(headers["Last-Modified"])
        assert age.total_seconds() / 10 > 365 * DAY_S, (headers["Date"], headers["Last-Modified"])
