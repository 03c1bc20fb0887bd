"""The web map (folium/Leaflet): a static base map, a swappable events layer, legend, plugins, assets."""

from sitmap.webmap.maps import (
    TILE_LAYERS,
    build_base_map,
    build_event_layer,
    build_map,
    layers_from_report,
    make_layer_control,
)
from sitmap.webmap.offline import ensure_static_assets, localize_assets, offline_html

__all__ = [
    "TILE_LAYERS",
    "build_base_map",
    "build_event_layer",
    "build_map",
    "ensure_static_assets",
    "layers_from_report",
    "localize_assets",
    "make_layer_control",
    "offline_html",
]
