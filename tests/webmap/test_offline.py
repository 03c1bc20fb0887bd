"""sitmap.webmap.offline: no CDN reference survives, for every feature the sitmap map uses."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import branca.colormap
import folium
import pytest
from folium.plugins import MarkerCluster, MiniMap

from sitmap.webmap.asset_refs import css_refs, remote_asset_refs
from sitmap.webmap.offline import (
    ASSETS,
    SERVED_BASE_URL,
    OfflineAssetError,
    UnknownAssetError,
    ensure_static_assets,
    localize_assets,
    match_asset,
    offline_html,
    walk,
)
from sitmap.webmap.plugins import Fullscreen, MeasureDistance, MousePosition, ScaleBar

TILES = "https://tiles.example.org/{z}/{x}/{y}.png"


def full_map() -> folium.Map:
    """A map with every element sitmap's map builder uses."""
    m = folium.Map(location=[33.1, 35.9], zoom_start=10, tiles=TILES, attr="test tiles")
    m.options["maxZoom"] = 18
    events = folium.FeatureGroup(name="Events").add_to(m)
    cluster = MarkerCluster(name="Clustered").add_to(m)
    folium.Marker([33.0, 35.7], popup="<b>event</b>", tooltip="t").add_to(cluster)
    folium.CircleMarker([33.1, 35.9], radius=6, popup="raid").add_to(events)
    folium.Circle([33.1, 35.9], radius=4000).add_to(events)
    folium.Marker([33.2, 36.0], icon=folium.DivIcon(html='<i class="fa-solid fa-x"></i>')).add_to(events)
    polygon = {
        "type": "Polygon",
        "coordinates": [[[35.8, 33.0], [35.9, 33.0], [35.9, 33.2], [35.8, 33.0]]],
    }
    zone = {"type": "Feature", "properties": {"name": "zone"}, "geometry": polygon}
    folium.GeoJson(
        {"type": "FeatureCollection", "features": [zone]},
        tooltip=folium.GeoJsonTooltip(fields=["name"]),
        popup=folium.GeoJsonPopup(fields=["name"]),
    ).add_to(m)
    ScaleBar().add_to(m)
    MousePosition().add_to(m)
    Fullscreen().add_to(m)
    MeasureDistance().add_to(m)
    folium.LayerControl().add_to(m)
    return m


def all_links(m: folium.Map) -> list[str]:
    """Every JS/CSS URL streamlit-folium would hand to its frontend."""
    urls = []
    for el in walk(m):
        urls += [u for _, u in getattr(el, "default_js", [])]
        urls += [u for _, u in getattr(el, "default_css", [])]
    return urls


def test_offline_html_has_no_remote_asset_and_carries_the_libraries():
    html = offline_html(full_map())
    assert remote_asset_refs(html) == []
    assert not re.search(r"""<(script|link|img)\b[^>]*(src|href)=["']?(https?:)?//""", html)
    for host in ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "code.jquery.com", "bootstrapcdn"):
        assert host not in html
    assert "Leaflet 1.9.3" in html  # leaflet.js inlined as a script block
    assert "MarkerClusterGroup" in html
    assert "jQuery v3.7.1" in html
    assert "data:font/woff2;base64," in html  # Font Awesome font inside the CSS
    assert "data:image/png;base64," in html  # Leaflet images (layers control, default icon)
    assert "sourceMappingURL" not in html
    assert TILES.replace("/", "\\/") in html or TILES in html  # tile template left alone
    assert "<script src=" not in html and '<link rel="stylesheet"' not in html


def test_localize_inline_leaves_only_data_uris_and_no_class_state():
    m = localize_assets(full_map(), "inline")
    links = all_links(m)
    assert links and all(u.startswith("data:") for u in links)
    # folium's class-level lists are shared by every map: they must stay untouched.
    assert folium.Map.default_js[0][1].startswith("https://")
    assert MarkerCluster.default_js[0][1].startswith("https://")


def test_localize_served_uses_base_url_and_is_idempotent():
    m = localize_assets(full_map(), "served")
    first = all_links(m)
    assert all(u.startswith(f"{SERVED_BASE_URL}/") or u.startswith("data:") for u in first)
    assert localize_assets(m, "served") is m
    assert all_links(m) == first  # a second pass changes nothing
    other = all_links(localize_assets(full_map(), "served", base_url="/sitmap/app/static/vendor/"))
    assert any(u.startswith("/sitmap/app/static/vendor/leaflet/leaflet.js?v=") for u in other)


def test_awesome_markers_are_dropped_not_kept_remote():
    m = localize_assets(folium.Map(tiles=None), "inline")
    names = [n for n, _ in m.default_js + m.default_css]
    assert "awesome_markers" not in names and "glyphicons_css" not in names
    assert names[:2] == ["leaflet", "sitmap_leaflet_icons"]  # icon fix right after Leaflet


def test_leaflet_icon_fix_points_at_images():
    m = localize_assets(folium.Map(tiles=None), "served", base_url="/v")
    url = dict(m.default_js)["sitmap_leaflet_icons"]
    js = base64.b64decode(url.split(",", 1)[1]).decode()
    assert '"iconUrl":"/v/leaflet/images/marker-icon.png"' in js


def test_st_folium_receives_only_local_links(monkeypatch):
    """The real streamlit-folium code path, with its frontend call captured."""
    import streamlit_folium as st_folium_module  # a dependency: never skipped (it is the app's bridge)

    sent = {}
    monkeypatch.setattr(st_folium_module, "_component_func", lambda **kw: sent.update(kw))
    st_folium_module.st_folium(localize_assets(full_map(), "inline"), key="map")
    links = sent["js_links"] + sent["css_links"]
    assert len(sent["js_links"]) >= 5 and len(sent["css_links"]) >= 5
    assert all(u.startswith("data:") for u in links)
    assert remote_asset_refs(sent["header"]) == []


@pytest.mark.parametrize(
    ("element", "words"),
    [
        (MiniMap(), ["MiniMap", "Control.MiniMap", "https://"]),
    ],
)
def test_unknown_cdn_raises_naming_plugin_and_url(element, words):
    m = folium.Map(tiles=None)
    element.add_to(m)
    with pytest.raises(UnknownAssetError) as info:
        localize_assets(m, "inline")
    for word in words:
        assert word in str(info.value)
    assert info.value.url.startswith("https://")


def test_elements_that_cannot_work_offline_raise():
    m = folium.Map(tiles=None)
    folium.Marker([33, 36], icon=folium.Icon(color="red")).add_to(m)
    with pytest.raises(OfflineAssetError, match="awesome-markers"):
        localize_assets(m, "served")
    m = folium.Map(tiles=None)
    branca.colormap.LinearColormap(["red", "blue"]).add_to(m)
    with pytest.raises(OfflineAssetError, match="d3"):
        offline_html(m)


def test_offline_html_refuses_a_remote_link_added_by_hand():
    m = folium.Map(tiles=None)
    m.get_root().header.add_child(folium.CssLink("https://example.org/x.css"))
    with pytest.raises(OfflineAssetError, match="example.org"):
        offline_html(m)


def test_every_rule_targets_an_existing_asset():
    for url in [
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js",
        "https://code.jquery.com/jquery-3.7.1.min.js",
        "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css",
    ]:
        assert match_asset(url) in ASSETS
    with pytest.raises(KeyError):
        match_asset("https://cdn.jsdelivr.net/npm/leaflet@2.0.0/dist/leaflet.js")


def test_ensure_static_assets_serves_every_link_and_css_reference(tmp_path: Path):
    vendor = ensure_static_assets(tmp_path)
    assert vendor == tmp_path / "static" / "vendor"
    for url in all_links(localize_assets(full_map(), "served")):
        if url.startswith("data:"):
            continue
        path = vendor / url.removeprefix(f"{SERVED_BASE_URL}/").split("?")[0]
        assert path.is_file(), url
        if path.suffix == ".css":
            for ref in css_refs(path.read_text()):
                if not ref.startswith(("data:", "#")):
                    assert (path.parent / ref).is_file(), (path, ref)
    fa = (vendor / "fontawesome/css/sitmap-fontawesome.min.css").read_text()
    assert ".ttf" not in fa  # woff2 only, the ttf fallbacks are not copied

    before = {p: p.stat().st_mtime_ns for p in vendor.rglob("*") if p.is_file()}
    assert ensure_static_assets(tmp_path) == vendor
    after = {p: p.stat().st_mtime_ns for p in vendor.rglob("*") if p.is_file()}
    assert after == before  # unchanged files are not rewritten


def test_remote_asset_refs_finds_assets_not_navigation():
    html = """
    <link rel="stylesheet" href="https://a.example/x.css">
    <link rel="canonical" href="https://a.example/page">
    <script src="//b.example/y.js"></script>
    <img src="http://c.example/z.png"><img src="data:image/png;base64,AA==">
    <a href="https://openstreetmap.org/copyright">OSM</a>
    <style>@import "https://d.example/i.css"; .x { background: url(https://e.example/b.png) }</style>
    <div style="background-image: url('https://f.example/s.png')"></div>
    <script>L.tileLayer("https://tiles.example/{z}/{x}/{y}.png")</script>
    """
    assert sorted(remote_asset_refs(html)) == [
        "//b.example/y.js",
        "http://c.example/z.png",
        "https://a.example/x.css",
        "https://d.example/i.css",
        "https://e.example/b.png",
        "https://f.example/s.png",
    ]


def test_plugins_validate_arguments_and_need_no_assets():
    with pytest.raises(ValueError, match="position"):
        MousePosition(position="middle")
    with pytest.raises(ValueError, match="decimals"):
        MousePosition(decimals=12)
    for plugin in (ScaleBar(), MousePosition(), Fullscreen(), MeasureDistance()):
        assert getattr(plugin, "default_js", []) == []
    html = folium.Map(tiles=None).add_child(ScaleBar(imperial=False)).get_root().render()
    assert '"imperial": false' in html and '"metric": true' in html
