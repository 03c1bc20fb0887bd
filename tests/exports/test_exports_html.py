"""The offline HTML export carries a title, the date window, a sources block (reports, every source URL,
the basemap licences) and per-event actors, quote and sources for its popups, all escaped."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from sitmap.exports import formats as exports
from sitmap.settings import load_settings
from sitmap.store.load import load_store
from sitmap.view import View, apply_view

TRICKY = Path(__file__).parents[1] / "data" / "exports" / "tricky"
DETAILS = re.compile(r'<script type="application/json" id="sitmap-event-details">(.*?)</script>', re.S)


def _details(page: str) -> dict:
    found = DETAILS.findall(page)
    assert len(found) == 1
    return json.loads(found[0])


@pytest.fixture(scope="module")
def golan_page(bundled_store, reference):
    view = View(start=date(2025, 3, 1), end=date(2025, 3, 4))
    shown = apply_view(bundled_store.events, view)
    page = exports.events_to_html(shown, reference, view, load_settings(env={}), title="Golan front")
    return shown, page


def test_html_has_title_window_sources_and_licences(golan_page):
    shown, page = golan_page
    assert "<title>Golan front</title>" in page
    assert "1 Mar 2025 – 4 Mar 2025 · 2 events" in page
    for sources in shown["sources"]:
        for src in sources:
            assert src["url"].replace("&", "&amp;") in page
    for report in set(shown["report_id"].dropna()):
        assert f"<li>{report}</li>" in page
    assert "Natural Earth (public domain)" in page and "GeoNames (CC BY 4.0)" in page
    assert "OpenStreetMap</a> contributors" in page  # each tile layer's terms


def test_html_popup_details_hold_actors_quote_and_sources_per_event(golan_page):
    shown, page = golan_page
    details = _details(page)
    assert set(details) == set(shown["id"])
    for _, row in shown.iterrows():
        got = details[row["id"]]
        assert got["actors"] == list(row["actors"])
        assert got["quote"] == row["quote"]
        assert [s["url"] for s in got["sources"]] == [s.get("url") for s in row["sources"]]


def test_html_escapes_report_text(reference):
    events = load_store(TRICKY).events
    page = exports.events_to_html(events, reference, View(), load_settings(env={}), title="<b>T</b> & co")
    assert "<title>&lt;b&gt;T&lt;/b&gt; &amp; co</title>" in page
    assert "<script>alert" not in page and "</description> inside" not in page
    assert "A &amp; B &lt;report&gt;" in page  # the source title in the sources block
    details = _details(page)  # the JSON cannot close its element early: parsed whole, values intact
    assert details["test-formula-payloads"]["quote"] == "a quote with </description> inside"
    assert details["test-formula-payloads"]["actors"][0].startswith("=HYPERLINK(")


FIT = re.compile(r"map_\w+\.fitBounds\(\s*\[\[([-\d.]+),\s*([-\d.]+)\],\s*\[([-\d.]+),\s*([-\d.]+)\]\]")


def test_html_of_a_view_with_no_place_opens_on_its_events_not_a_fixed_region(bundled_store, reference):
    """The bundled store reaches the Red Sea (10.7° N, off the region view) and a meeting in Moscow (off
    the basemap): the page fits the first and leaves out the second; a view with a place keeps it."""
    page = exports.events_to_html(bundled_store.events, reference, View(), load_settings(env={}))
    fits = [tuple(float(v) for v in hit) for hit in FIT.findall(page)]
    assert len(fits) == 1
    south, west, north, east = fits[0]
    assert south == 10.7 and west == 35.88 and east >= 53.7 and north < 40.0
    placed = View(center=(33.07, 35.88), zoom=11)
    placed_page = exports.events_to_html(bundled_store.events, reference, placed, load_settings(env={}))
    assert not FIT.search(placed_page)
