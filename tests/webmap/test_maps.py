"""sitmap.webmap.maps: the folium map rendered to HTML, asserted on its layers, features and escaping."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from hypothesis import given
from hypothesis import settings as settings_hyp
from hypothesis import strategies as st
from map_payload import data_after, payload_in
from tools import needs_tool

from sitmap.geometry import distance_to_reference
from sitmap.settings import PROJECT_ROOT, load_settings
from sitmap.store.load import load_store
from sitmap.view import View
from sitmap.vocabulary import EVENT_TYPES
from sitmap.webmap import js as map_js
from sitmap.webmap.events import escape_text, event_payload
from sitmap.webmap.layers import to_js_data, to_js_json
from sitmap.webmap.maps import (
    OFFLINE_NAME,
    OVERLAY_NAMES,
    TILE_LAYERS,
    build_base_map,
    build_event_layer,
    build_map,
)

DATA = Path(__file__).parents[1] / "data" / "maps"
TELL_AL_MAL = "syr-2025-03-03-tell-al-mal-raid"
NO_GEOMETRY = "irn-2024-09-srbm-shipments-to-russia"
COUNTRY_LEVEL = ("irn-2024-04-russian-experts-visit", "irn-2024-09-russian-experts-visit")
HOSTILE = (
    "<img src=x onerror=alert(1)>",
    "${alert(1)}",
    "`backtick` \\ back\\slash \\u0041",
    "</script><script>alert(2)</script>",
    "\"double\" 'single'",
    "{{ 7*7 }} {% if true %}x{% endif %} {# c #}",
    "<!-- comment",
)

needs_node = needs_tool("node", "apt-get install nodejs")  # node checks the generated scripts' syntax


@pytest.fixture(scope="module")
def settings():
    return load_settings(env={})


@pytest.fixture(scope="module")
def events() -> gpd.GeoDataFrame:
    store = load_store(PROJECT_ROOT / "events", settings=load_settings(env={}))
    assert not [p for p in store.problems if p.is_error]
    return store.events


@pytest.fixture(scope="module")
def hostile_events() -> gpd.GeoDataFrame:
    """Store-shaped frame from tests/data/maps/hostile.geojson (text from a report is untrusted)."""
    store = load_store(DATA, settings=load_settings(env={}))
    assert len(store.events) == 1, store.problems
    return store.events


def render(m) -> str:
    return m.get_root().render()


# ---------------------------------------------------------------- events
def test_bundled_events_are_drawn_with_their_vocabulary_colours(events, reference, settings):
    html = render(build_map(events, reference, settings, View()))
    p = payload_in(html)
    located = events[events.geometry.notna()]
    assert sorted(p["id"]) == sorted(located["id"])
    for key in set(located["event_type"]):
        entry = next(t for t in p["types"] if t["key"] == key)
        assert entry["colour"] == EVENT_TYPES[key].colour
        assert entry["glyph"] == EVENT_TYPES[key].marker
    i = p["id"].index(TELL_AL_MAL)
    assert (p["x"][i], p["y"][i]) == (36.04, 33.095)
    assert p["types"][p["t"][i]]["key"] == "raid"
    assert p["claims"][p["c"][i]]["key"] == "reported"
    assert p["claims"][p["c"][i]]["solid"] is False  # reported: hollow and dashed


def test_event_without_geometry_is_not_drawn(events, reference, settings):
    assert NO_GEOMETRY in set(events["id"])
    html = render(build_map(events, reference, settings, View()))
    assert NO_GEOMETRY not in html


def test_country_precision_is_the_country_area_not_a_pin(events, reference):
    p = event_payload(events, View(), reference)
    idx = [p["id"].index(i) for i in COUNTRY_LEVEL]
    assert all(p["x"][i] is None and p["y"][i] is None for i in idx)  # no marker anywhere
    (area,) = [a for a in p["areas"] if set(a["idx"]) & set(idx)]
    assert area["kind"] == "country" and sorted(area["idx"]) == sorted(idx)  # one shape for both
    iran = reference.countries[reference.countries["name"] == "Iran"].geometry.iloc[0]
    drawn = shapely.geometry.shape(p["shapes"][area["shape"]])
    assert drawn.equals_exact(iran, 1e-9)


def test_polygon_event_draws_its_own_shape(events, reference):
    p = event_payload(events, View(), reference)
    i = p["id"].index("yem-2023-11-red-sea-shipping-attacks")
    (area,) = [a for a in p["areas"] if a["idx"] == [i]]
    assert area["kind"] == "own" and p["x"][i] is None
    assert shapely.geometry.shape(p["shapes"][area["shape"]]).geom_type == "Polygon"


def _one_event(**changes) -> gpd.GeoDataFrame:
    row = {
        "id": "t-1", "date": "2025-03-03", "date_end": None, "time_precision": "day",
        "start": pd.Timestamp("2025-03-03"), "end": pd.Timestamp("2025-03-03"), "event_type": "shelling",
        "actors": [], "country": "Syria", "admin1": "Quneitra", "location": "somewhere",
        "geo_precision": "region", "uncertainty_m": 50000.0, "claim_status": "claimed", "summary": "s",
        "report_id": None, "report_paragraph": None, "quote": None, "sources": [], "tags": [],
        "source_file": "t.geojson", "geometry": shapely.Point(35.9, 33.1),
    }  # fmt: skip
    row.update(changes)
    return gpd.GeoDataFrame([row], geometry="geometry", crs="EPSG:4326")


def test_region_precision_is_the_admin1_area(reference):
    p = event_payload(_one_event(), View(), reference)
    assert p["x"] == [None]
    (area,) = p["areas"]
    quneitra = reference.admin1[(reference.admin1["name"] == "Quneitra")]["id"].iloc[0]
    assert area["kind"] == "admin1" and area["shape"] == f"admin1:{quneitra}"
    # No admin-1 name: the area containing the point; in the open sea: a circle of the uncertainty.
    assert (
        event_payload(_one_event(admin1=None), View(), reference)["areas"][0]["shape"] == f"admin1:{quneitra}"
    )
    sea = event_payload(_one_event(admin1=None, geometry=shapely.Point(33.0, 34.0)), View(), reference)
    assert sea["areas"][0]["kind"] == "circle" and sea["areas"][0]["circle"] == [33.0, 34.0, 50000.0]


def test_month_precision_is_drawn_fainter_than_day(events, reference):
    p = event_payload(events, View(), reference)
    alpha = {t["key"]: t["alpha"] for t in p["tps"]}
    assert alpha["month"] < alpha["week"] < alpha["day"] == 1.0
    i = p["id"].index("irn-2024-04-isfahan-s300-radar-strike")
    assert p["tps"][p["tp"][i]]["key"] == "month"
    assert p["d"][i] == "Apr 2024" and p["d"][p["id"].index(TELL_AL_MAL)] == "3 Mar 2025"
    assert p["d"][p["id"].index("yem-2023-11-red-sea-shipping-attacks")] == "Nov 2023 – Dec 2024"


def test_uncertainty_overlay_follows_the_view(events, reference):
    assert event_payload(events, View(), reference)["uncertainty"] is True
    assert event_payload(events, View(overlays=("zone",)), reference)["uncertainty"] is False


# ---------------------------------------------------------------- selection and distance
def test_selected_tell_al_mal_gets_the_distance_line_and_label(events, reference):
    p = event_payload(events, View(selected=TELL_AL_MAL), reference)
    i = p["id"].index(TELL_AL_MAL)
    assert p["selected"] == i
    row = events[events["id"] == TELL_AL_MAL].iloc[0]
    expected = distance_to_reference(
        row.geometry, reference.geometry("area-of-separation"), row.uncertainty_m, "area-of-separation"
    )
    d = p["distance"]
    assert d["label"] == escape_text(expected.label())
    assert re.fullmatch(r"≈ \d+–\d+ km to the Area of Separation", d["label"])
    assert d["from"] == [33.095, 36.04]
    edge = reference.geometry("area-of-separation").boundary
    assert edge.distance(shapely.Point(d["to"][1], d["to"][0])) < 1e-6  # ends on the zone's edge


def test_distance_line_only_for_a_selected_event_near_the_zone(events, reference):
    assert event_payload(events, View(), reference)["distance"] is None
    far = event_payload(events, View(selected="irn-2024-04-isfahan-s300-radar-strike"), reference)
    assert far["selected"] is not None and far["distance"] is None
    lines = event_payload(events, View(selected=TELL_AL_MAL), reference, distance_to="line-b")
    assert lines["distance"]["label"].endswith("to Line B")


# ---------------------------------------------------------------- base map, legend, layer control
def test_legend_lists_every_type_present_and_no_other(events, reference, settings):
    html = render(build_map(events, reference, settings, View()))
    legend = json.loads(re.search(r"div\.innerHTML = (\".*?\");\n", html).group(1))
    for key in set(events["event_type"]):
        assert f"sitmap-legend-type-{key}" in legend and EVENT_TYPES[key].label in legend
    assert "sitmap-legend-type-shelling" not in legend  # no shelling in the bundled data
    wanted = ("Confirmed (solid)", "Reported (hollow, dashed)", "on for the whole period", "Month",
             "Region / country area, no pin", "Line A", "Line B", "Area of Separation")  # fmt: skip
    for words in wanted:
        assert words in legend


def test_layer_control_has_base_layers_and_overlays(events, reference, settings):
    html = render(build_map(events, reference, settings, View()))
    control = html[html.index("L.control.layers(") :]
    for name in (OFFLINE_NAME, *(t[0] for t in TILE_LAYERS.values()), *OVERLAY_NAMES.values(), "Events"):
        assert json.dumps(name) in control, name
    assert "window.sitmapEvents.setControl(" in control  # event types join the control


def _added(html: str, name: str) -> bool:
    """Is the layer the control calls `name` added to the map on load?"""
    var = re.search(re.escape(json.dumps(name)) + r" : (\w+),", html).group(1)
    return re.search(rf"{var}\.addTo\(", html) is not None


def test_offline_basemap_is_the_default_and_tiles_stay_off(reference, settings):
    html = render(build_base_map(reference, settings, View()))
    assert _added(html, OFFLINE_NAME)
    assert not any(_added(html, name) for name, _url, _attr in TILE_LAYERS.values())


def test_base_layer_from_view_or_settings(reference):
    dark = load_settings(env={"SITMAP_BASEMAP": "dark"})
    assert _added(render(build_base_map(reference, dark, View())), TILE_LAYERS["dark"][0])
    # The view's choice wins over the site's default.
    assert _added(render(build_base_map(reference, dark, View(base_layer="osm"))), "OpenStreetMap")
    # ... including "offline" on a site whose default is a tile server (it used to be ignored).
    offline_choice = render(build_base_map(reference, dark, View(base_layer="offline")))
    assert _added(offline_choice, OFFLINE_NAME) and not _added(offline_choice, TILE_LAYERS["dark"][0])
    custom = load_settings(
        env={"SITMAP_BASEMAP": "custom", "SITMAP_TILE_URL": "http://tiles.local/{z}/{x}/{y}.png"}
    )
    html = render(build_base_map(reference, custom, View()))
    assert "http://tiles.local/{z}/{x}/{y}.png" in html and _added(html, "Local tiles (Local tiles)")
    # "custom" with no URL configured falls back to the offline basemap.
    nourl = load_settings(env={"SITMAP_BASEMAP": "custom"})
    assert _added(render(build_base_map(reference, nourl, View())), OFFLINE_NAME)


def test_overlays_follow_the_view(reference, settings):
    html = render(build_base_map(reference, settings, View(overlays=("zone",))))
    assert _added(html, OVERLAY_NAMES["zone"])
    assert not _added(html, OVERLAY_NAMES["lines"]) and not _added(html, OVERLAY_NAMES["places"])
    html = render(build_base_map(reference, settings, View()))
    assert all(_added(html, name) for name in OVERLAY_NAMES.values())


def test_reference_overlays_carry_the_zone_ids(reference, settings):
    html = render(build_base_map(reference, settings, View()))
    classes = set()
    at = html.find("JSON.parse(")
    while at != -1:
        data = data_after(html, at)
        if isinstance(data, dict) and data.get("type") == "FeatureCollection":
            classes |= {f["properties"].get("sitmap_class") for f in data["features"]}
        at = html.find("JSON.parse(", at + 1)
    assert set(reference.zone["id"]) <= classes


# ---------------------------------------------------------------- escaping
def test_report_text_is_escaped_everywhere(hostile_events, reference, settings):
    html = render(build_map(hostile_events, reference, settings, View(selected="x-1")))
    for text in HOSTILE:
        for raw in (text, text.replace("\\", "\\\\")):  # as is, and as a JSON string would carry it
            if any(c in text for c in "<>{}\"'"):
                assert raw not in html, raw
    assert "<img" not in html and "</script><script>alert" not in html
    assert "49" not in payload_in(html)["sum"][0]  # {{ 7*7 }} was never evaluated
    p = payload_in(html)
    assert p["sum"][0] == escape_text(hostile_events["summary"].iloc[0])
    assert p["loc"][0] == "\u2068" + escape_text(hostile_events["location"].iloc[0]) + "\u2069"  # isolated
    assert "&lt;img src=x onerror=alert(1)&gt;" in p["sum"][0] and "$&#123;alert(1)&#125;" in p["sum"][0]


@needs_node
def test_map_script_still_parses_with_hostile_text(hostile_events, reference, settings, tmp_path):
    html = render(build_map(hostile_events, reference, settings, View()))
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    main = max(scripts, key=len)
    assert "window.sitmapEvents.add(" in main  # the script holding the data ended where it should
    path = tmp_path / "map.js"
    path.write_text(main, encoding="utf-8")
    result = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_to_js_json_cannot_open_a_template_or_close_the_script():
    for text in (*HOSTILE, "{{{", "a{%b", "x{#", "\u2028"):
        out = to_js_json({"t": text, "nested": [{"k": {}}]})
        assert json.loads(out)["t"] == text
        for bad in ("{{", "{%", "{#", "</", "<!--", "\u2028"):
            assert bad not in out


def test_to_js_data_is_the_same_value_in_javascript_and_safe_in_a_script(tmp_path):
    value = {"t": list(HOSTILE) + ["{{{", "a{%b", "x{#", "\u2028", "\\", '"'], "n": [1, 2.5, None, True]}
    out = to_js_data(value)
    assert out.startswith("JSON.parse(") and data_after(out, 0) == value
    for bad in ("{{", "{%", "{#", "</", "<!--", "\u2028"):
        assert bad not in out
    # What a browser's JS engine makes of it (node is a CI dependency, see .ci/run).
    script = tmp_path / "value.js"
    script.write_text(f"process.stdout.write(JSON.stringify({out}));", encoding="utf-8")
    result = subprocess.run(["node", str(script)], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == value


def test_browser_code_has_no_jinja_delimiters():
    for js in (
        map_js.COMMON_JS,
        map_js.EVENTS_JS,
        map_js.LABELS_JS,
        map_js.REFERENCE_JS,
        map_js.LAYER_REPORT_JS,
    ):
        assert js.strip() and not re.search(r"\{\{|\{%|\{#", js)


@needs_node
@pytest.mark.parametrize("name", map_js.JS_FILES)
def test_each_js_file_of_the_package_parses(name):
    from importlib.resources import files

    path = files("sitmap.webmap").joinpath("js", name)
    result = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------- app integration and offline
def test_event_layer_script_is_self_contained_for_streamlit_folium(events, reference, settings):
    from streamlit_folium import _get_feature_group_string

    base = build_base_map(reference, settings, View())
    base.get_root().render()
    script = _get_feature_group_string(build_event_layer(events, View(), reference), base)
    assert "window.sitmapCommon = {}" in script and "window.sitmapEvents = {" in script
    assert sorted(payload_in(script)["id"]) == sorted(events.dropna(subset=["geometry"])["id"])
    assert "map_div.addLayer(feature_group_feature_group_0)" in script


def test_no_cdn_url_when_localized(events, reference, settings):
    from sitmap.webmap.asset_refs import remote_asset_refs
    from sitmap.webmap.offline import offline_html

    html = offline_html(build_map(events, reference, settings, View()))
    assert remote_asset_refs(html) == []
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"(https?:)?//", html)
    assert "cdn.jsdelivr.net" not in html and "cdnjs.cloudflare.com" not in html
    served = render(build_map(events, reference, settings, View(), assets="served"))
    assert "cdn.jsdelivr.net" not in served and "/app/static/vendor/" in served


def test_layers_from_report_reads_the_layer_controls_choices(settings):
    from dataclasses import replace

    from sitmap.webmap.maps import LAYERS_REPORT_URL, layers_from_report

    def report(base: str, overlays: list[str]) -> list[dict]:
        other = {"name": "roads", "url": "https://wms.example/"}  # a WMS layer streamlit-folium tracks
        mine = {"name": json.dumps({"base": base, "overlays": overlays}), "url": LAYERS_REPORT_URL}
        return [other, mine]

    names = [OVERLAY_NAMES["admin1"], "Raid", OVERLAY_NAMES["zone"], "Events"]
    assert layers_from_report(report(OFFLINE_NAME, names), settings) == ("offline", ("zone", "admin1"))
    assert layers_from_report(report(TILE_LAYERS["satellite"][0], []), settings) == ("satellite", ())
    site = replace(settings, tile_url="http://tiles.local/{z}/{x}/{y}.png", tile_attribution="Site")
    assert layers_from_report(report("Local tiles (Site)", []), site) == ("custom", ())
    assert layers_from_report(report("Local tiles (Site)", []), settings) is None  # no site tiles here
    for bad in (None, [], [{"url": LAYERS_REPORT_URL, "name": "{not json"}], report("Nowhere", [])):
        assert layers_from_report(bad, settings) is None


# ---------------------------------------------------------------- legibility at volume (issue 13)
def test_legend_starts_closed_and_opens_on_a_click(events, reference, settings):
    html = render(build_map(events, reference, settings, View()))
    legend = json.loads(re.search(r"div\.innerHTML = (\".*?\");\n", html).group(1))
    details = re.search(r"<details[^>]*>", legend).group(0)
    assert "open" not in details  # folded: the summary is the button that opens it
    assert "<summary>Legend</summary>" in legend
    assert 'setAttribute("open"' not in html  # and no script opens it on a large map


@settings_hyp(max_examples=30, deadline=None)
@given(
    precisions=st.lists(st.sampled_from(["exact", "near", "region", "country"]), min_size=1, max_size=12),
    uncertainty=st.booleans(),
)
def test_the_uncertainty_overlay_governs_every_footprint(events, reference, precisions, uncertainty):
    """Off: no area, circle or ring is handed to the browser (only points); on: every vague event is an
    area. Either way every located event stays in the payload (the list and counts keep it)."""
    rows = events[events.geometry.notna() & (events.geometry.geom_type == "Point")].head(len(precisions))
    rows = rows.assign(geo_precision=precisions[: len(rows)]).reset_index(drop=True)
    overlays = ("zone", "uncertainty") if uncertainty else ("zone",)
    p = event_payload(rows, View(overlays=overlays), reference)
    assert sorted(p["id"]) == sorted(escape_text(i) for i in rows["id"])
    vague = int(rows["geo_precision"].isin(["region", "country"]).sum())
    if uncertainty:
        assert sum(len(a["idx"]) for a in p["areas"]) == vague
    else:
        assert p["areas"] == [] and p["shapes"] == {}
        assert p["uncertainty"] is False  # the browser draws no rings either


def test_every_js_file_of_the_package_is_listed_and_under_400_lines():
    from importlib.resources import files

    folder = files("sitmap.webmap").joinpath("js")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".js"))
    assert set(names) - {"timebar.js"} == set(map_js.JS_FILES)  # timebar.js is the component's own page
    lengths = {name: len(folder.joinpath(name).read_text(encoding="utf-8").splitlines()) for name in names}
    assert max(lengths.values()) <= 400, lengths  # split by role past that (the team's module size)
