"""The standalone HTML from sitmap.offline works in a real browser with zero network requests."""

from __future__ import annotations

from pathlib import Path

import folium
import pytest
from folium.plugins import MarkerCluster
from pyproj import Geod

from sitmap.offline import offline_html
from sitmap.plugins import Fullscreen, MeasureDistance, MousePosition, ScaleBar

pytestmark = pytest.mark.browser

CENTER = (33.1, 35.9)
WGS84 = Geod(ellps="WGS84")


def _map() -> folium.Map:
    # No tiles: tests never touch a tile server (the tile URL is an app setting).
    # No tile layer means no maxZoom, which MarkerCluster requires: set it on the map itself
    # (folium's max_zoom argument only reaches the tile layer).
    m = folium.Map(location=CENTER, zoom_start=10, tiles=None, maxZoom=18)
    events = folium.FeatureGroup(name="Events").add_to(m)
    cluster = MarkerCluster(name="Clustered").add_to(m)
    for lat, lon in [(33.30, 35.70), (32.90, 36.10)]:  # far apart: two plain default markers
        folium.Marker([lat, lon], tooltip="event").add_to(cluster)
    for i in range(3):  # ~100 m apart: one cluster of three
        folium.Marker([33.0 + i * 0.001, 35.75]).add_to(cluster)
    folium.CircleMarker([33.12, 35.95], radius=6, color="red", popup="raid").add_to(events)
    folium.CircleMarker([33.05, 35.85], radius=6, color="blue").add_to(events)
    folium.Circle([33.12, 35.95], radius=4000, fill=False).add_to(events)  # uncertainty range
    folium.Marker([33.2, 36.0], icon=folium.DivIcon(html='<i class="fa-solid fa-crosshairs"></i>')).add_to(
        events
    )
    zone = {
        "type": "Feature",
        "properties": {"name": "zone"},
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[35.8, 33.0], [35.9, 33.0], [35.9, 33.2], [35.8, 33.2], [35.8, 33.0]]],
        },
    }
    folium.GeoJson(zone, name="Zone").add_to(m)
    ScaleBar().add_to(m)
    MousePosition().add_to(m)
    Fullscreen().add_to(m)
    MeasureDistance().add_to(m)
    folium.LayerControl().add_to(m)
    return m


@pytest.fixture(scope="module")
def html_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("offline") / "map.html"
    path.write_text(offline_html(_map()), encoding="utf-8")
    return path


def _open(page, html_file: Path) -> None:
    page.goto(html_file.as_uri())
    page.wait_for_selector(".leaflet-container")
    page.wait_for_function("document.fonts.status === 'loaded'")


def _global(page, prefix: str) -> str:
    """Name of the folium-generated global variable starting with ``prefix``."""
    return page.evaluate(f"Object.keys(window).find(k => k.startsWith('{prefix}'))")


def test_offline_html_renders_everything_without_network(page, guard, html_file, screenshot):
    _open(page, html_file)

    icons = page.locator("img.leaflet-marker-icon")
    assert icons.count() == 2  # the two unclustered default markers
    # The default icon images come from data: URIs; width 0 would mean a broken image.
    assert page.evaluate(
        "[...document.querySelectorAll('img.leaflet-marker-icon')]"
        ".every(i => i.complete && i.naturalWidth > 0 && i.src.startsWith('data:image/png'))"
    )
    assert page.locator(".marker-cluster").inner_text().strip() == "3"
    # 2 circle markers + uncertainty circle + zone polygon, drawn as SVG paths
    assert page.locator("path.leaflet-interactive").count() == 4
    assert page.evaluate(
        "[...document.fonts].some(f => f.family.includes('Font Awesome') && f.status === 'loaded')"
    )
    scale = page.locator(".leaflet-control-scale").inner_text()
    assert "km" in scale and "mi" not in scale
    assert page.locator(".leaflet-control-layers").count() == 1
    assert page.locator(".sitmap-measure a").count() == 1

    path = screenshot(page)
    assert path.stat().st_size > 10_000
    assert guard.console_errors == []
    assert guard.page_errors == []
    assert guard.external_requests == []


def test_measure_tool_agrees_with_pyproj(page, guard, html_file):
    _open(page, html_file)
    measure = _global(page, "measure_distance_")
    pairs = [
        ((33.0, 35.8), (33.3, 36.1)),  # ~44 km inside the area of interest
        ((33.51, 36.29), (35.69, 51.39)),  # Damascus-Tehran, ~1400 km
        ((33.1, 35.9), (33.1, 35.9)),  # same point
    ]
    for (lat1, lon1), (lat2, lon2) in pairs:
        got = page.evaluate(f"{measure}.geodesicDistance([{lat1}, {lon1}], [{lat2}, {lon2}])")
        expected = WGS84.inv(lon1, lat1, lon2, lat2)[2]
        assert got == pytest.approx(expected, abs=1e-3)

    box = page.locator(".leaflet-container").bounding_box()
    page.locator(".sitmap-measure a").click()
    assert page.evaluate(f"{measure}.isActive()")
    clicks = [(box["x"] + 300, box["y"] + 300), (box["x"] + 700, box["y"] + 500)]
    for x, y in clicks:
        page.mouse.click(x, y)
    map_name = _global(page, "map_")
    latlngs = page.evaluate(f"[[300, 300], [700, 500]].map(p => {map_name}.containerPointToLatLng(p))")
    expected = WGS84.inv(latlngs[0]["lng"], latlngs[0]["lat"], latlngs[1]["lng"], latlngs[1]["lat"])
    assert page.evaluate(f"{measure}.totalDistance()") == pytest.approx(expected[2], abs=1e-3)
    shown = page.locator(".sitmap-measure-result").inner_text()
    assert shown == f"{expected[2] / 1000:.1f} km"

    page.keyboard.press("Escape")
    assert not page.evaluate(f"{measure}.isActive()")
    assert page.locator(".sitmap-measure-result").inner_text() == ""
    assert guard.page_errors == []


def test_mouse_position_and_fullscreen(page, guard, html_file):
    _open(page, html_file)
    map_name = _global(page, "map_")
    box = page.locator(".leaflet-container").bounding_box()
    page.mouse.move(box["x"] + 400, box["y"] + 200)
    where = page.evaluate(f"{map_name}.containerPointToLatLng([400, 200])")
    text = page.locator(".sitmap-mouse-position").inner_text()
    assert text == f"lat {where['lat']:.5f}, lon {where['lng']:.5f}"

    page.locator(".sitmap-fullscreen a").click()
    page.wait_for_function("document.fullscreenElement !== null")
    assert page.evaluate("document.fullscreenElement.classList.contains('leaflet-container')")
    assert page.locator(".sitmap-fullscreen a").get_attribute("title") == "Exit full screen"
    page.locator(".sitmap-fullscreen a").click()
    page.wait_for_function("document.fullscreenElement === null")
    assert guard.page_errors == []


def test_guard_records_and_blocks_external_requests(page, guard):
    guard.allow_external()  # this test is about the guard itself
    page.set_content('<img src="https://tiles.example.org/1/2/3.png"><img src="data:,x">')
    page.wait_for_load_state("load")
    assert guard.external_requests == ["https://tiles.example.org/1/2/3.png"]
    assert page.evaluate("document.images[0].naturalWidth") == 0  # aborted, never loaded
