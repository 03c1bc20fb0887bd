"""The contract with streamlit-folium: the bridge calls its component exactly as `st_folium` does.

`sitmap.ui.map.folium_bridge` uses streamlit-folium's private helpers to render the base map once. If upstream
renames one, or changes what `st_folium` sends to the component, these tests fail (they never skip).
"""

from __future__ import annotations

import importlib.metadata
from typing import Any

import pytest
import streamlit_folium as sf

from sitmap.settings import load_settings
from sitmap.ui.map import folium_bridge
from sitmap.view import View
from sitmap.webmap.maps import build_base_map, build_event_layer, make_layer_control

RETURNED = ["last_object_clicked", "bounds", "zoom", "center", "selected_layers"]


def test_every_private_helper_the_bridge_uses_is_there():
    version = importlib.metadata.version("streamlit-folium")
    assert folium_bridge.MISSING == (), f"streamlit-folium {version} lacks {folium_bridge.MISSING}"
    assert folium_bridge.AVAILABLE


def test_a_missing_helper_is_reported_and_logged(monkeypatch, caplog):
    import importlib

    monkeypatch.delattr(sf, "_get_map_string")
    with caplog.at_level("WARNING", logger="sitmap.ui.map.folium_bridge"):
        reloaded = importlib.reload(folium_bridge)
    try:
        assert reloaded.MISSING == ("_get_map_string",) and not reloaded.AVAILABLE
        assert "_get_map_string" in caplog.text and "falls back" in caplog.text
    finally:
        monkeypatch.undo()
        importlib.reload(folium_bridge)


def _record(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(sf, "_component_func", lambda **kw: calls.append(kw) or None)
    return calls


def _map(reference):
    return build_base_map(reference, load_settings(env={}), View(), layer_control=False, assets="served")


def test_bridge_sends_the_component_what_st_folium_sends(reference, bundled_store, monkeypatch):
    calls = _record(monkeypatch)
    events = bundled_store.events
    center, zoom = (33.1, 35.9), 9

    sf.st_folium(
        _map(reference),
        key="map",
        height=600,
        returned_objects=RETURNED,
        center=list(center),
        zoom=zoom,
        feature_group_to_add=build_event_layer(events, View(), reference),
        layer_control=make_layer_control(),
    )
    parts = folium_bridge.prepare(
        _map(reference), build_event_layer(events.iloc[:0], View(), reference), make_layer_control(), "map"
    )
    folium_bridge.show(
        parts,
        build_event_layer(events, View(), reference),
        height=600,
        returned_objects=RETURNED,
        center=center,
        zoom=zoom,
    )
    upstream, ours = calls
    assert set(ours) == set(upstream), "the component's arguments changed upstream"
    # Dropped on purpose (folium_bridge._UNUSED_JS): jQuery and Bootstrap's JS, used by nothing on the map.
    dropped = [src for src in upstream["js_links"] if src not in ours["js_links"]]
    assert dropped and all(any(n in src for n in folium_bridge._UNUSED_JS) for src in dropped)
    assert ours["js_links"] == [src for src in upstream["js_links"] if src not in dropped]
    for name in ("on_change", "js_links", "width"):  # a closure; checked above; st_folium's own default
        upstream.pop(name), ours.pop(name)
    assert ours == upstream
