"""The folium map of a view: a cache-friendly base map plus one swappable events layer.

- `build_base_map(reference, settings, view)`: base layers (offline vector basemap from geodata/ by
  default, OSM, light, dark, satellite, a configured tile server), reference overlays (Area of
  Separation, Lines A and B, limitation bands, admin-1, place labels), controls and legend. Nothing
  here changes with the time window, so the app can cache it.
- `build_event_layer(events, view, reference)`: one FeatureGroup with the (already filtered) events,
  their uncertainty, the selection and the distance line. In the app, streamlit-folium's
  `feature_group_to_add` swaps just this group on a slider step.
- `build_map(...)`: both, for the HTML export and tests.

Events are drawn by one small canvas layer (`sitmap.webmap.js`) from a columnar payload, not one folium
Marker per event: 10k Markers take ~11 s to build and ~55 s to render, a canvas layer a fraction of that.
Above `cluster_above` points in view and below `CLUSTER_MAX_ZOOM`, points are aggregated on a screen grid.

Clicking an event: streamlit-folium's `last_active_drawing` is the clicked feature as GeoJSON;
`["properties"]["event_id"]` is its id (None for an area holding several events) and
`["properties"]["event_ids"]` lists every event it stands for. Text in `properties` is HTML-escaped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Literal

import folium
import geopandas as gpd

from sitmap.reference.layers import Reference
from sitmap.settings import Settings
from sitmap.style import CLUSTER_ABOVE, REF_STYLES
from sitmap.symbology import Affiliation
from sitmap.view import ZOOM_MAX, ZOOM_MIN, View
from sitmap.view.order import core_bounds
from sitmap.webmap.cells import GridCounts
from sitmap.webmap.events import escape_text, event_payload
from sitmap.webmap.layers import (
    LAYERS_REPORT_URL,
    CommonScript,
    EventLayer,
    PlaceLabels,
    ReferenceLayer,
    SitmapLayerControl,
    StyleSheet,
)
from sitmap.webmap.legend import HATCH_SVG, MAP_CSS, Legend, legend_html
from sitmap.webmap.plugins.minimap import MiniMap, overview_features
from sitmap.webmap.reference_data import line_labels, place_label_data, reference_features, zone_rows
from sitmap.webmap.symbols import SymbolLibrary

DEFAULT_CENTER = (31.5, 42.0)  # (lat, lon): Eastern Mediterranean to the Gulf
DEFAULT_ZOOM = 5
FIT_MAX_ZOOM = 11  # a page fitted to one event or a close group: near enough to read the places around

TILE_LAYERS = {  # key -> (name, URL template, attribution); tiles need the network, the default does not
    "osm": (
        "OpenStreetMap",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    ),
    "light": (
        "Light (CARTO Positron)",
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        "&copy; OpenStreetMap contributors &copy; CARTO",
    ),
    "dark": (
        "Dark (CARTO Dark Matter)",
        "https://{s}.basemaps.cartocdn.com/dark_all/{z}/{x}/{y}{r}.png",
        "&copy; OpenStreetMap contributors &copy; CARTO",
    ),
    "satellite": (
        "Satellite (Esri World Imagery)",
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        "Tiles &copy; Esri, Maxar, Earthstar Geographics, and the GIS User Community",
    ),
}
OFFLINE_NAME = "Offline basemap (no internet)"
OVERLAY_NAMES = {
    "zone": "Area of Separation (1974)",
    "lines": "Lines A and B",
    "bands": "Limitation bands (0-10, 10-20, 20-25 km)",
    "admin1": "Admin-1 boundaries",
    "places": "Place labels",
}


# ---------------------------------------------------------------- layer names <-> view keys
def _custom_tiles_name(settings: Settings) -> str:
    return f"Local tiles ({escape_text(settings.tile_attribution)})"


def layers_from_report(selected_layers: object, settings: Settings) -> tuple[str, tuple[str, ...]] | None:
    """(base layer key, reference overlay keys) the map reports as on, from streamlit-folium's
    `selected_layers` (the layer control's script adds `{"name": JSON, "url": LAYERS_REPORT_URL}`).

    None when the map sent no report (there is one only once the analyst has clicked in the layer
    control) or the report is unreadable. Names the app does not know (event types, the events layer)
    are ignored.
    """
    if not isinstance(selected_layers, list):
        return None
    raw = next(
        (x.get("name") for x in selected_layers if isinstance(x, dict) and x.get("url") == LAYERS_REPORT_URL),
        None,
    )
    try:
        report = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        return None
    if not isinstance(report, dict):
        return None
    bases = {OFFLINE_NAME: "offline", **{name: key for key, (name, _, _) in TILE_LAYERS.items()}}
    if settings.tile_url:
        bases[_custom_tiles_name(settings)] = "custom"
    # Browser JSON: a list or object where a name belongs is unhashable, so only strings are looked up.
    base_name, names = report.get("base"), report.get("overlays")
    base = bases.get(base_name) if isinstance(base_name, str) else None
    if base is None or not isinstance(names, list):
        return None
    by_name = {name: key for key, name in OVERLAY_NAMES.items()}
    chosen = {by_name.get(n) for n in names if isinstance(n, str)}
    return base, tuple(key for key in OVERLAY_NAMES if key in chosen)


# ---------------------------------------------------------------- base map
def _chosen_base(view: View, settings: Settings) -> str:
    # The view wins when the user picked something (even "offline" on a site whose default is tiles);
    # otherwise the site's configured default.
    choice = view.base_layer or settings.basemap
    if choice == "custom" and not settings.tile_url:
        return "offline"
    return choice if choice in ("offline", "custom", *TILE_LAYERS) else "offline"


def build_base_map(
    reference: Reference | None,
    settings: Settings,
    view: View,
    *,
    event_types: Iterable[str] | None = None,
    layer_control: bool = True,
    assets: Literal["inline", "served"] | None = None,
    minimap: bool = True,
) -> folium.Map:
    """The map without events: base layers, reference overlays, controls and legend.

    `event_types` are the types the legend lists (all known types if None; pass the store's types so
    the legend does not change with the time window). `assets` localizes JS/CSS with
    `sitmap.webmap.offline.localize_assets` (the app: "served"; a standalone file: use `offline_html`).
    `minimap` adds the offline overview map (`sitmap.webmap.plugins.minimap`) bottom left.
    """
    # No reference layers (geodata/ missing): the map still draws, without land, areas or lines.
    countries = reference.countries if reference is not None else None
    center = view.center or DEFAULT_CENTER
    m = folium.Map(
        location=list(center),
        zoom_start=DEFAULT_ZOOM if view.zoom is None else view.zoom,
        tiles=None,
        control_scale=False,
        min_zoom=ZOOM_MIN,
        max_zoom=ZOOM_MAX,
        minZoom=ZOOM_MIN,  # folium passes min_zoom/max_zoom to its default tiles only (we have none)
        maxZoom=ZOOM_MAX,  # on the map itself too: with no tile layer Leaflet would have no maximum
    )
    StyleSheet(MAP_CSS, HATCH_SVG).add_to(m)
    CommonScript().add_to(m)
    base = _chosen_base(view, settings)
    overlays = set(view.overlays)

    ReferenceLayer(  # its ~16k vertices drawn as SVG held the events back ~60-120 ms: drawn just after them
        reference_features(countries, lambda r: "land"),
        REF_STYLES,
        name=OFFLINE_NAME,
        pane="sitmap-basemap",
        attribution="Basemap: Natural Earth",
        overlay=False,
        show=base == "offline",
        deferred=True,
    ).add_to(m)
    for key, (name, url, attribution) in TILE_LAYERS.items():
        folium.TileLayer(url, attr=attribution, name=name, max_zoom=19, show=base == key).add_to(m)
    if settings.tile_url:
        folium.TileLayer(
            settings.tile_url,
            attr=escape_text(settings.tile_attribution),
            name=_custom_tiles_name(settings),
            max_zoom=19,
            show=base == "custom",
        ).add_to(m)

    admin1 = reference_features(reference.admin1 if reference is not None else None, lambda r: "admin1")
    ReferenceLayer(  # the largest layer (~0.6 MB): drawn just after the events, never before them
        admin1,
        REF_STYLES,
        OVERLAY_NAMES["admin1"],
        "sitmap-admin",
        show="admin1" in overlays,
        deferred=True,
    ).add_to(m)
    bands = zone_rows(reference, [i for i in _zone_ids(reference) if i.startswith("limitation-")])
    ReferenceLayer(
        reference_features(bands, lambda r: r.id),
        REF_STYLES,
        OVERLAY_NAMES["bands"],
        "sitmap-zone",
        show="bands" in overlays,
    ).add_to(m)
    zone = zone_rows(reference, ["area-of-separation"])
    ReferenceLayer(
        reference_features(zone, lambda r: "zone"),
        REF_STYLES,
        OVERLAY_NAMES["zone"],
        "sitmap-zone",
        show="zone" in overlays,
        labels=[lab for lab in line_labels(reference) if lab[3] == "zone"],
    ).add_to(m)
    lines = zone_rows(reference, ["line-a", "line-b"])
    ReferenceLayer(
        reference_features(lines, lambda r: r.id),
        REF_STYLES,
        OVERLAY_NAMES["lines"],
        "sitmap-lines",
        show="lines" in overlays,
        labels=[lab for lab in line_labels(reference) if lab[3] != "zone"],
    ).add_to(m)
    PlaceLabels(
        place_label_data(reference, settings.map_labels),
        name=OVERLAY_NAMES["places"],
        show="places" in overlays,
    ).add_to(m)

    _add_controls(m)
    if minimap:
        MiniMap(overview_features(countries)).add_to(m)
    if "symbols" in overlays:
        SymbolLibrary().add_to(m)
    Legend(legend_html(event_types, reference=reference is not None, symbols="symbols" in overlays)).add_to(m)
    if layer_control:
        m.add_child(make_layer_control(), name="layer_control")
    if assets is not None:
        from sitmap.webmap.offline import localize_assets

        localize_assets(m, assets)
    return m


def _zone_ids(reference: Reference | None) -> list[str]:
    zone = reference.zone if reference is not None else None
    return [] if zone is None else [str(i) for i in zone["id"]]


def _add_controls(m: folium.Map) -> None:
    """Scale bar, measure, fullscreen and mouse position: whichever sitmap.webmap.plugins serves."""
    import sitmap.webmap.plugins as plugins

    for name, kwargs in (
        ("ScaleBar", {"position": "bottomleft"}),
        ("MeasureDistance", {"position": "topleft"}),
        ("Fullscreen", {"position": "topleft"}),
        ("MousePosition", {"position": "bottomleft"}),
    ):
        cls = getattr(plugins, name, None)
        if cls is not None:
            cls(**kwargs).add_to(m)


def make_layer_control() -> SitmapLayerControl:
    """The layer control (collapsed, top right); it also lists each event type of the events layer."""
    return SitmapLayerControl(position="topright", collapsed=True)


# ---------------------------------------------------------------- events
def build_event_layer(
    events: gpd.GeoDataFrame,
    view: View,
    reference: Reference | None,
    *,
    distance_to: str = "area-of-separation",
    cluster_above: int = CLUSTER_ABOVE,
    name: str = "Events",
    cell_deg: float | GridCounts | None = None,
    note: str = "",
    affiliations: Mapping[str, Affiliation] | None = None,
) -> folium.FeatureGroup:
    """One FeatureGroup with the events (already filtered with `filters.apply_view`), or with their counts
    per cell of `cell_deg` degrees (`sitmap.webmap.cells`); `note` says what it holds.

    Events without geometry are left out (lists and the timeline show them). The group's script is
    self-contained, so streamlit-folium can add it to an existing map on each slider step.
    """
    group = folium.FeatureGroup(name=name, overlay=True, control=True, show=True)
    EventLayer(
        event_payload(
            events,
            view,
            reference,
            distance_to=distance_to,
            cluster_above=cluster_above,
            cell_deg=cell_deg,
            note=note,
            affiliations=affiliations,
        )  # fmt: skip
    ).add_to(group)
    return group


def build_map(
    events: gpd.GeoDataFrame,
    reference: Reference | None,
    settings: Settings,
    view: View,
    *,
    distance_to: str = "area-of-separation",
    assets: Literal["inline", "served"] | None = None,
    cluster_above: int = CLUSTER_ABOVE,
) -> folium.Map:
    """Base map and events layer together (HTML export, snapshots, tests)."""
    m = build_base_map(
        reference, settings, view, event_types=events["event_type"].dropna().unique(), layer_control=False
    )
    build_event_layer(
        events,
        view,
        reference,
        distance_to=distance_to,
        cluster_above=cluster_above,
        affiliations=settings.affiliation_table,
    ).add_to(m)
    m.add_child(make_layer_control(), name="layer_control")  # last: it lists the layers before it
    if view.center is None and view.zoom is None:  # a view with no place opens on its events, in any window
        basemap = reference.basemap_bounds() if reference is not None else None
        core = core_bounds(events, basemap)
        if core is not None:
            w, s, e, n = core
            m.fit_bounds([[s, w], [n, e]], max_zoom=FIT_MAX_ZOOM)
    if assets is not None:
        from sitmap.webmap.offline import localize_assets

        localize_assets(m, assets)
    return m


__all__ = [
    "build_base_map",
    "build_event_layer",
    "build_map",
    "escape_text",
    "event_payload",
    "layers_from_report",
    "make_layer_control",
    "place_label_data",
]
