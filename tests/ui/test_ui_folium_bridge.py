"""The base map rendered once for streamlit-folium's component (sitmap.ui.map.folium_bridge)."""

from __future__ import annotations

import json
from pathlib import Path

import folium
import streamlit_folium

from sitmap.settings import load_settings
from sitmap.ui.map import folium_bridge
from sitmap.view import View
from sitmap.webmap.maps import build_base_map, build_event_layer, make_layer_control


def _parts(reference, events, publish=None) -> folium_bridge.BaseParts:
    settings = load_settings(env={})
    m = build_base_map(reference, settings, View(), layer_control=False, assets="served")
    empty = build_event_layer(events.iloc[:0], View(), reference)
    return folium_bridge.prepare(m, empty, make_layer_control(), "map", publish=publish)


def test_same_configuration_gives_the_same_component_identity(reference, bundled_store):
    a = _parts(reference, bundled_store.events)
    b = _parts(reference, bundled_store.events)
    # streamlit-folium keys the component on this hash: equal means the browser keeps its Leaflet map.
    assert a.hash_key == b.hash_key == streamlit_folium.generate_js_hash(a.script, "map", False)
    assert a.script == b.script and "map_div" in a.script
    assert "Events" in a.layer_control  # the layer control lists the events group
    assert not any("jquery" in src or "bootstrap.bundle" in src for src in a.js_links)
    assert all(src.startswith(("/app/static/", "data:")) for src in (*a.js_links, *a.css_links))  # local


def test_published_script_travels_as_a_small_loader(reference, bundled_store, tmp_path: Path):
    inline = _parts(reference, bundled_store.events)
    parts = _parts(reference, bundled_store.events, publish=(tmp_path, "/app/static/vendor/sitmap-base"))
    files = list(tmp_path.glob("base-*.js"))
    assert len(files) == 1 and parts.js_links[-1] == f"/app/static/vendor/sitmap-base/{files[0].name}"
    assert len(parts.script) < 200 < len(inline.script)
    body = files[0].read_text(encoding="utf-8")
    digest = files[0].stem.removeprefix("base-")
    assert f"window.__sitmapBase[{json.dumps(digest)}] = {json.dumps(inline.script)};" in body
    assert json.dumps(digest) in parts.script
    # The same script published again reuses the file (and so the component identity).
    again = _parts(reference, bundled_store.events, publish=(tmp_path, "/app/static/vendor/sitmap-base"))
    assert again.hash_key == parts.hash_key and len(list(tmp_path.glob("base-*.js"))) == 1


def test_events_layer_string_names_the_components_map(reference, bundled_store):
    stand_in = folium.Map(tiles=None)
    layer = build_event_layer(bundled_store.events, View(), reference)
    js = streamlit_folium._get_feature_group_string(layer, map=stand_in, idx=0)
    assert "map_div" in js and stand_in.get_name() not in js
    assert "syr-2025-03-03-tell-al-mal-raid" in js


def test_preload_names_every_file_the_map_frame_fetches(reference, bundled_store, tmp_path: Path):
    parts = _parts(reference, bundled_store.events, publish=(tmp_path, "/app/static/vendor/sitmap-base"))
    urls = folium_bridge.preload_urls(parts)
    fetched = [u for u in (*parts.js_links, *parts.css_links) if not u.startswith("data:")]
    assert [url for _, url in urls] == fetched  # scripts in the frame's order, then the styles
    assert {kind for kind, url in urls if url in parts.js_links} == {"script"}
    assert {kind for kind, url in urls if url in parts.css_links} == {"style"}
    assert any("/sitmap-base/base-" in url for _, url in urls)  # the base map's published script
    html = folium_bridge.preload_html(parts)
    listed = html.split("for (const [kind, url] of ", 1)[1].split(") {", 1)[0]
    assert [tuple(pair) for pair in json.loads(listed)] == urls  # the script carries exactly that list


def test_preload_urls_cannot_end_the_script(reference, bundled_store):
    parts = _parts(reference, bundled_store.events)
    hostile = '/app/static/x.js?a="</script><img src=x onerror=alert(1)>'
    odd = folium_bridge.BaseParts(**{**parts.__dict__, "js_links": (*parts.js_links, hostile)})
    html = folium_bridge.preload_html(odd)
    assert html.count("<script>") == 1 and html.count("</script>") == 1 and "<img" not in html
    listed = html.split("for (const [kind, url] of ", 1)[1].split(") {", 1)[0]
    assert ["script", hostile] in json.loads(listed)  # the URL itself survives, escaped


def test_published_script_stays_fresh_in_a_browser_cache(tmp_path: Path):
    """A browser reuses a response without Cache-Control for a tenth of its age since Last-Modified; the
    published file's mtime must be long past (its name is its content), also for a file published before."""
    import os
    import time

    folium_bridge._publish_script("var a = 1;", tmp_path, "/app/static/x")
    (file,) = tmp_path.glob("base-*.js")
    year = 365 * 24 * 3600
    assert time.time() - file.stat().st_mtime > 10 * year  # fresh for a year or more
    os.utime(file)  # as left by an older sitmap: modified just now
    folium_bridge._publish_script("var a = 1;", tmp_path, "/app/static/x")
    assert time.time() - file.stat().st_mtime > 10 * year


def test_the_newest_published_scripts_survive_the_cleanup(tmp_path: Path):
    """All published files share one mtime; the cleanup still drops the oldest, never the one just written."""
    for i in range(folium_bridge.KEEP_PUBLISHED + 3):
        url = folium_bridge._publish_script(f"var a = {i};", tmp_path, "/s")[1]
        kept = {f"/s/{p.name}" for p in tmp_path.glob("base-*.js")}
        assert url in kept and len(kept) == min(i + 1, folium_bridge.KEEP_PUBLISHED)
