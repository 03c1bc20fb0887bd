"""sitmap.webmap.maps in headless Chromium: the offline map draws, report text stays text, clicks carry ids.

Screenshots of the bundled map go to test-artifacts/ (look at them when changing the cartography).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from pyproj import Geod

from sitmap.reference.layers import load_reference
from sitmap.settings import PROJECT_ROOT, load_settings
from sitmap.store.load import load_store
from sitmap.view import View
from sitmap.webmap.maps import build_base_map, build_event_layer, build_map
from sitmap.webmap.offline import offline_html

pytestmark = pytest.mark.browser

TELL_AL_MAL = "syr-2025-03-03-tell-al-mal-raid"
NO_GEOMETRY = "irn-2024-09-srbm-shipments-to-russia"
COUNTRY_LEVEL = ["irn-2024-04-russian-experts-visit", "irn-2024-09-russian-experts-visit"]
WGS84 = Geod(ellps="WGS84")
HOSTILE_DIR = PROJECT_ROOT / "tests" / "data" / "maps"

FIND_MAP = """() => { for (const k of Object.keys(window)) {
    const v = window[k]; if (k.startsWith('map_') && v && v.getZoom) { window.testMap = v; return k; } } }"""
# What streamlit-folium's frontend does on a click (its onLayerClick): every layer on the map gets a
# click handler, and `last_active_drawing` is `e.layer.toGeoJSON()` when the event carries a layer.
STREAMLIT_FOLIUM_CLICKS = """() => { window.lastActiveDrawing = null;
    const map = window.testMap;
    for (const id in map._layers) { const layer = map._layers[id];
        if (layer && layer.on) layer.on('click', e => {
            if (e.layer && e.layer.toGeoJSON) window.lastActiveDrawing = e.layer.toGeoJSON(); }); } }"""


@pytest.fixture(scope="module")
def parts():
    settings = load_settings(env={})
    return (
        load_store(PROJECT_ROOT / "events", settings=settings).events,
        load_reference(PROJECT_ROOT / "geodata"),
        settings,
    )


def open_map(page, tmp_path: Path, html: str) -> None:
    path = tmp_path / "map.html"
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_function("() => window.sitmapEvents && window.sitmapEvents.live.length > 0")
    assert page.evaluate(FIND_MAP)
    page.wait_for_timeout(300)


def click_at(page, lat: float, lon: float) -> None:
    x, y = page.evaluate(
        "([lat, lon]) => { const p = window.testMap.latLngToContainerPoint([lat, lon]);"
        " const r = window.testMap.getContainer().getBoundingClientRect();"
        " return [r.left + p.x, r.top + p.y]; }",
        [lat, lon],
    )
    page.mouse.click(x, y)
    page.wait_for_timeout(150)


def test_bundled_map_draws_offline(page, guard, screenshot, parts, tmp_path):
    events, reference, settings = parts
    open_map(page, tmp_path, offline_html(build_map(events, reference, settings, View())))
    drawn = page.evaluate("() => Object.keys(window.sitmapEvents.byId)")
    assert TELL_AL_MAL in drawn and set(COUNTRY_LEVEL) <= set(drawn)
    assert NO_GEOMETRY not in drawn
    assert page.locator(".leaflet-sitmap-events-pane canvas").count() == 1
    assert page.locator(".sitmap-legend-box").is_visible()
    assert page.evaluate("() => document.querySelector('.sitmap-legend').open") is False  # folded, even big
    assert page.locator(".sitmap-label-country").count() > 5  # offline basemap labels
    assert page.locator("path.sitmap-ref-area-of-separation").count() == 1
    assert page.locator(".sitmap-minimap path.sitmap-minimap-extent").count() == 1  # overview + extent
    # Drawn just after the events (deferred to the first paint), and there by now: admin-1 areas, the
    # overview's land under its extent rectangle.
    page.wait_for_selector("path.sitmap-ref-syr-quneitra", state="attached", timeout=2000)
    assert page.locator("path[class*='sitmap-ref-syr-']").count() >= 10  # Syria's 14 governorates
    overview = page.locator(".sitmap-minimap svg path")
    assert overview.count() > 20 and "sitmap-minimap-extent" in overview.last.get_attribute("class")
    assert guard.page_errors == [] and guard.console_errors == []
    screenshot(page, "region")


def test_golan_selection_shows_distance_label(page, guard, screenshot, parts, tmp_path):
    events, reference, settings = parts
    view = View(selected=TELL_AL_MAL, center=(33.1, 35.9), zoom=9)
    open_map(page, tmp_path, offline_html(build_map(events, reference, settings, view)))
    label = page.locator(".sitmap-distance-label")
    assert label.count() == 1 and "to the Area of Separation" in label.inner_text()
    assert page.locator("path.sitmap-distance-line").count() == 1
    assert page.locator(".sitmap-reflabel-line-a span").first.is_visible()
    assert page.locator(".sitmap-reflabel-line-b span").first.is_visible()
    assert guard.page_errors == []
    screenshot(page, "golan")


def test_click_gives_the_event_id_as_streamlit_folium_sees_it(page, guard, parts, tmp_path):
    events, reference, settings = parts
    view = View(center=(33.1, 35.95), zoom=10)
    open_map(page, tmp_path, offline_html(build_map(events, reference, settings, view)))
    page.evaluate(STREAMLIT_FOLIUM_CLICKS)
    click_at(page, 33.095, 36.04)  # the Tell al Mal marker
    drawing = page.evaluate("() => window.lastActiveDrawing")
    assert drawing["id"] == TELL_AL_MAL
    assert drawing["properties"]["event_id"] == TELL_AL_MAL
    assert drawing["properties"]["event_ids"] == [TELL_AL_MAL]
    assert drawing["geometry"] == {"type": "Point", "coordinates": [36.04, 33.095]}
    # A country-level area: one shape for both Iranian visits.
    page.evaluate("() => { window.testMap.setView([32.5, 54], 5, {animate: false}); }")
    page.evaluate(STREAMLIT_FOLIUM_CLICKS)
    click_at(page, 30.5, 57.0)  # inside Iran, away from any point event
    drawing = page.evaluate("() => window.lastActiveDrawing")
    assert sorted(drawing["properties"]["event_ids"]) == COUNTRY_LEVEL
    assert drawing["properties"]["event_id"] is None and drawing["properties"]["area"] == "country"


def test_a_cluster_click_zooms_in_and_reports_a_cluster_not_an_event(page, guard, parts, tmp_path):
    events, reference, settings = parts
    view = View(center=(33.0, 45.0), zoom=4)
    open_map(page, tmp_path, offline_html(build_map(events, reference, settings, view, cluster_above=1)))
    page.evaluate(STREAMLIT_FOLIUM_CLICKS)
    centre = page.evaluate(
        "() => { let c = null; window.testMap.eachLayer(l => { if (l.feature && l.feature.properties"
        " && l.feature.properties.sitmap_cluster > 1) c = l.getLatLng(); }); return c; }"
    )
    assert centre is not None, "no cluster of several events drawn"
    click_at(page, centre["lat"], centre["lng"])
    page.wait_for_timeout(400)  # the zoom animation
    drawing = page.evaluate("() => window.lastActiveDrawing")
    assert drawing["properties"]["sitmap_cluster"] > 1 and "event_id" not in drawing["properties"]
    assert page.evaluate("() => window.testMap.getZoom()") > 4
    assert guard.page_errors == []


def test_report_text_stays_text_in_the_browser(page, guard, parts, tmp_path):
    _events, reference, settings = parts
    hostile = load_store(HOSTILE_DIR, settings=settings).events
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_viewport_size({"width": 760, "height": 520})  # small map: the legend starts folded
    open_map(
        page,
        tmp_path,
        offline_html(build_map(hostile, reference, settings, View(center=(33.05, 35.95), zoom=10))),
    )
    page.evaluate("() => { window.sitmapEvents.byId['x-1'].openPopup(); }")  # return nothing: no serialising
    summary = page.locator(".leaflet-popup .sitmap-popup-summary")
    text = summary.inner_text()
    assert "<img src=x onerror=alert(1)>" in text and "${alert(1)}" in text and "{{ 7*7 }}" in text
    assert "</script><script>alert(2)</script>" in text and "`backtick` \\ back\\slash" in text
    assert page.locator(".leaflet-popup img").count() == 0
    page.evaluate("() => { window.testMap.closePopup(); }")
    page.evaluate("() => { window.sitmapEvents.byId['x-1'].openTooltip(); }")
    assert "<img src=x onerror=alert(1)>" in page.locator(".leaflet-tooltip").first.inner_text()
    assert dialogs == [] and guard.page_errors == []
    assert page.evaluate("() => document.querySelector('.sitmap-legend').open") is False


def test_slider_step_swaps_only_the_events_group(page, guard, parts, tmp_path):
    """The script streamlit-folium sends for feature_group_to_add replaces the events, not the map."""
    from streamlit_folium import _get_feature_group_string, get_full_id

    events, reference, settings = parts
    base = build_base_map(reference, settings, View())
    html = offline_html(base)
    first = _get_feature_group_string(build_event_layer(events.iloc[:3], View(), reference), base)
    later = _get_feature_group_string(build_event_layer(events.iloc[3:], View(), reference), base)
    assert events["event_type"].iloc[0] == "raid"
    path = tmp_path / "map.html"
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
    assert page.evaluate(FIND_MAP) == get_full_id(base)
    swap = """(src) => { const map = window.testMap;
        (window.feature_group || []).forEach(g => map.removeLayer(g));
        window.feature_group = []; const map_div = map; eval(src);
        return Object.keys(window.sitmapEvents.byId).filter(id => window.sitmapEvents.byId[id]._map); }"""
    shown = page.evaluate(swap, first)
    assert sorted(shown) == sorted(events.iloc[:3].dropna(subset=["geometry"])["id"])
    shown = page.evaluate(swap, later)
    assert sorted(shown) == sorted(events.iloc[3:].dropna(subset=["geometry"])["id"])
    assert page.evaluate("() => window.sitmapEvents.live.length") == 1
    # Each type is an entry of the layer control; a type switched off stays off on the next step.
    every = _get_feature_group_string(build_event_layer(events, View(), reference), base)
    assert TELL_AL_MAL in page.evaluate(swap, every)
    page.evaluate(
        "() => { const c = window.sitmapEvents.control;"
        " const raid = c._layers.find(l => l.overlay && l.layer.sitmapType === 'raid');"
        " window.testMap.removeLayer(raid.layer); }"
    )
    shown = page.evaluate(swap, every)
    assert TELL_AL_MAL not in shown and "syr-2025-03-04-ruwaihaniya-patrol" in shown
    assert guard.page_errors == []


def test_many_points_are_grouped_until_zoomed_in(page, guard, parts, tmp_path):
    events, reference, settings = parts
    html = offline_html(build_map(events, reference, settings, View(), cluster_above=3))
    open_map(page, tmp_path, html)
    state = (
        "() => { const s = window.sitmapEvents.live[0];"
        " return [s.mode, s.clusters ? s.clusters.getLayers().length : 0]; }"
    )
    mode, clusters = page.evaluate(state)
    assert mode == "cluster" and clusters >= 1
    # Each grid cell draws one thing: a count for several events, the event itself when it is alone.
    counts = page.evaluate(
        "() => { const s = window.sitmapEvents.live[0]; let n = 0;"
        " s.clusters.eachLayer(c => { n += c.feature.properties.sitmap_cluster; });"
        " const b = s.map.getBounds().pad(0.25);"
        " const near = s.points.filter(i => b.contains([s.P.y[i], s.P.x[i]])).length;"
        " return [n, s.drawn.length - s.clusters.getLayers().length, near]; }"
    )
    assert counts[0] + counts[1] == counts[2]  # every event near the view, grouped or alone, none twice
    page.evaluate("() => { window.testMap.setView([33.09, 35.96], 13, {animate: false}); }")
    page.wait_for_timeout(200)
    assert page.evaluate(state) == ["view", 0]
    assert page.evaluate(f"() => !!window.sitmapEvents.byId['{TELL_AL_MAL}']._map")
    assert guard.page_errors == []


def test_measuring_from_a_marker_into_the_area_of_separation(page, guard, parts, tmp_path):
    """While "Measure distance" is on, a click on an event marker or a 1974 overlay adds a measure point;
    it neither selects the event nor reaches the layer (issue 13, QA item 3)."""
    events, reference, settings = parts
    view = View(center=(33.1, 35.95), zoom=10)
    open_map(page, tmp_path, offline_html(build_map(events, reference, settings, view)))
    page.evaluate(STREAMLIT_FOLIUM_CLICKS)
    inside = (33.120669, 35.860636)  # a point inside the Area of Separation (its representative point)
    zone = reference.zone.geometry.union_all()
    assert zone.contains(shapely.Point(inside[1], inside[0]))
    page.locator(".sitmap-measure a").click()
    click_at(page, 33.095, 36.04)  # the Tell al Mal marker (and its uncertainty circle)
    click_at(page, *inside)
    assert page.evaluate("() => window.lastActiveDrawing") is None  # no layer heard the clicks
    points = page.evaluate(
        "() => window[Object.keys(window).find(k => k.startsWith('measure_distance_'))]"
        ".points().map(p => [p.lat, p.lng])"
    )
    assert len(points) == 2
    assert points[0] == pytest.approx([33.095, 36.04], abs=0.005)
    assert points[1] == pytest.approx(list(inside), abs=0.005)
    expected = WGS84.inv(points[0][1], points[0][0], points[1][1], points[1][0])[2]
    assert 10_000 < expected < 20_000
    assert page.locator(".sitmap-measure-result").inner_text() == f"{expected / 1000:.1f} km"
    # Measuring over: a click on the marker selects the event again.
    page.keyboard.press("Escape")
    click_at(page, 33.095, 36.04)
    assert page.evaluate("() => window.lastActiveDrawing")["id"] == TELL_AL_MAL
    assert guard.page_errors == []
