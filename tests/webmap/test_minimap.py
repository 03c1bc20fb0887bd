"""The offline overview map (sitmap.webmap.plugins.minimap): its data, place in the base map, no network."""

from __future__ import annotations

import json

import folium
import pytest
import shapely

from sitmap.settings import load_settings
from sitmap.view import View
from sitmap.webmap.asset_refs import remote_asset_refs
from sitmap.webmap.maps import build_base_map
from sitmap.webmap.offline import localize_assets
from sitmap.webmap.plugins.minimap import SIMPLIFY_DEG, MiniMap, overview_features

PAYLOAD_LIMIT = 60_000  # bytes of JSON: the overview must not weigh more than the map it summarises


@pytest.fixture(scope="module")
def settings():
    return load_settings(env={})


def _script(element: MiniMap) -> str:
    return str(element._template.module.script(element, {}))


def test_overview_features_are_simplified_rounded_and_small(reference):
    features = overview_features(reference.countries)
    assert len(features) == int((~reference.countries.geometry.is_empty).sum())
    assert len(MiniMap(features).data_js.encode("utf-8")) < PAYLOAD_LIMIT
    original_vertices = int(shapely.get_num_coordinates(reference.countries.geometry.values).sum())
    simplified = [shapely.geometry.shape(f["geometry"]) for f in features]
    assert sum(shapely.get_num_coordinates(g) for g in simplified) < original_vertices / 3
    # Still the same outlines, in lon/lat order. GEOS's topology-preserving simplifier strays a little
    # past its tolerance (up to 0.077 degrees, in Pakistan's mountains), hence twice the tolerance.
    for geom, original in zip(simplified, reference.countries.geometry, strict=True):
        assert shapely.hausdorff_distance(geom, original) <= 2 * SIMPLIFY_DEG
    coords = shapely.get_coordinates(simplified)
    assert (abs(coords * 100 - (coords * 100).round()) < 1e-6).all()  # two decimals
    assert all(f["properties"] == {} for f in features)


def test_overview_features_of_nothing():
    assert overview_features(None) == []


def test_base_map_has_the_minimap_bottom_left_and_can_leave_it_out(reference, settings):
    html = build_base_map(reference, settings, View()).get_root().render()
    assert html.count("leaflet-control-minimap sitmap-minimap") == 1
    assert '"position":"bottomleft"' in html
    without = build_base_map(reference, settings, View(), minimap=False).get_root().render()
    assert "sitmap-minimap" not in without
    assert len(html) - len(without) < PAYLOAD_LIMIT + 5_000  # the data plus a small script


def test_minimap_needs_no_remote_asset(reference):
    m = folium.Map(location=[33.1, 35.9], zoom_start=6, tiles=None)
    minimap = MiniMap(overview_features(reference.countries)).add_to(m)
    localize_assets(m, "inline")
    html = m.get_root().render()
    assert remote_asset_refs(html) == []
    assert "://" not in _script(minimap)  # no tile or plugin URL hidden inside the script either
    assert "sitmap-minimap" in html


def test_minimap_text_cannot_break_out_of_the_script():
    title = "</script><script>alert(1)</script> {{ 7*7 }} {% if x %}"
    script = _script(MiniMap([], title=title).add_to(folium.Map(tiles=None)))
    assert "</script>" not in script and "{{" not in script and "{%" not in script
    call = script.rsplit("})(", 1)[1]  # "(map, {options});"
    options = json.JSONDecoder().raw_decode(call[call.index("{") :])[0]
    assert options["title"] == title


@pytest.mark.parametrize(
    "kwargs", [{"position": "middle"}, {"width": 10}, {"height": 1000}, {"min_zoom": 9, "max_zoom": 3}]
)
def test_bad_arguments_raise(kwargs):
    with pytest.raises(ValueError):
        MiniMap([], **kwargs)
