"""The standalone HTML from sitmap.webmap.offline works in a real browser with zero network requests."""

from __future__ import annotations

from pathlib import Path

import folium
import pytest
from folium.plugins import MarkerCluster
from pyproj import Geod

from sitmap.webmap.offline import offline_html
from sitmap.webmap.plugins import Fullscreen, MeasureDistance, MousePosition, ScaleBar

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
    # The title follows on the fullscreenchange event, which may come a task after fullscreenElement is set.
    page.wait_for_function(
        "document.querySelector('.sitmap-fullscreen a').title === 'Exit full screen'", timeout=5000
    )
    page.locator(".sitmap-fullscreen a").click()
    page.wait_for_function("document.fullscreenElement === null")
    assert guard.page_errors == []


def test_guard_records_and_blocks_external_requests(page, guard):
    guard.allow_external()  # this test is about the guard itself
    page.set_content('<img src="https://tiles.example.org/1/2/3.png"><img src="data:,x">')
    page.wait_for_load_state("load")
    assert guard.external_requests == ["https://tiles.example.org/1/2/3.png"]
    assert page.evaluate("document.images[0].naturalWidth") == 0  # aborted, never loaded


_ST_APP = """
from pathlib import Path

import folium
import streamlit as st
from folium.plugins import MarkerCluster
from streamlit_folium import st_folium

from sitmap.webmap.offline import ensure_static_assets, localize_assets
from sitmap.webmap.plugins import MeasureDistance, ScaleBar

ensure_static_assets(Path(__file__).parent)
m = folium.Map(location=[33.1, 35.9], zoom_start=10, tiles=None, maxZoom=18)
cluster = MarkerCluster().add_to(m)
for lat, lon in [(33.3, 35.7), (32.9, 36.1), (33.0, 35.75), (33.001, 35.75)]:
    folium.Marker([lat, lon]).add_to(cluster)
ScaleBar().add_to(m)
MeasureDistance().add_to(m)
st_folium(localize_assets(m, st.query_params.get("mode", "served")), key="map", height=400,
          use_container_width=True, returned_objects=[])
"""


@pytest.fixture(scope="module")
def st_map_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    app_dir = tmp_path_factory.mktemp("st_app")
    (app_dir / "app.py").write_text(_ST_APP, encoding="utf-8")
    repo_config = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
    (app_dir / ".streamlit").mkdir()
    (app_dir / ".streamlit" / "config.toml").write_text(repo_config.read_text(), encoding="utf-8")
    return app_dir / "app.py"


@pytest.mark.parametrize("mode", ["served", "inline"])
def test_st_folium_map_renders_offline(page, guard, streamlit_server, st_map_app, mode, screenshot):
    """Both delivery modes work inside streamlit-folium's iframe with zero external requests.

    "served" needs Streamlit >= 1.56 (older versions send .js/.css from static/ as text/plain
    with nosniff, and the browser refuses them).
    """
    url = streamlit_server(st_map_app)
    page.goto(f"{url}/?mode={mode}")
    frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']")
    frame.locator(".marker-cluster").wait_for(timeout=30_000)
    assert frame.locator("img.leaflet-marker-icon").count() == 2
    assert frame.locator("body").evaluate(
        "() => [...document.querySelectorAll('img.leaflet-marker-icon')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    assert frame.locator(".sitmap-measure a").count() == 1
    assert "km" in frame.locator(".leaflet-control-scale").inner_text()
    screenshot(page, mode)
    assert guard.external_requests == []
    assert guard.page_errors == []
    assert guard.console_errors == []
