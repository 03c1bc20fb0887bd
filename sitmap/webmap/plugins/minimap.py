"""An offline overview map: a small second Leaflet map with country outlines and the main map's extent.

folium's ``MiniMap`` needs a second tile source and a CDN plugin; this one draws simplified country
outlines passed in as data (``overview_features``), so it works in the standalone HTML export and with no
network. The inner map does not pan or zoom by itself: it follows the main map on ``moveend``/``zoomend``
and a click on it pans the main map there.

The control's container carries Leaflet's ``leaflet-control-minimap`` class, which briefing mode's CSS
(``sitmap.ui.briefing.look``) hides. The control's code is ``plugins/js/minimap.js``; the outlines go in
through ``to_js_data`` (added just after the main map's first paint), and the element renders once
(``ScriptControl``), so no text in the data can open a Jinja block.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from sitmap.style import BORDER, LAND, SEA
from sitmap.webmap.layers import to_js_data
from sitmap.webmap.plugins.assets import ScriptControl
from sitmap.webmap.plugins.controls import check_position

# 0.05 degrees is ~5 km: at the overview's zoom (main zoom - 4) that is under a pixel or two, and the
# bundled countries shrink from ~320 KB to under 50 KB of JSON.
SIMPLIFY_DEG = 0.05
DECIMALS = 2  # 0.01 degrees (~1 km): finer than the simplification, so rounding adds no visible error


def overview_features(
    countries: gpd.GeoDataFrame | None, tolerance: float = SIMPLIFY_DEG, decimals: int = DECIMALS
) -> list[dict]:
    """Country outlines for the overview: simplified, coordinates rounded, no properties.

    `countries` is a GeoDataFrame (``reference.countries``) or None. Degrees here are a drawing
    tolerance on a small screen, not a distance.
    """
    if countries is None or countries.empty:
        return []
    geoms = shapely.simplify(
        np.asarray(countries.geometry.values, dtype=object), tolerance, preserve_topology=True
    )
    geoms = shapely.transform(geoms, lambda xy: np.round(xy, decimals))
    return [
        {"type": "Feature", "geometry": shapely.geometry.mapping(g), "properties": {}}
        for g in geoms
        if g is not None and not g.is_empty
    ]


class MiniMap(ScriptControl):
    """A small non-interactive overview map in a corner; the rectangle is the main map's extent.

    `features` are GeoJSON features in EPSG:4326 (``overview_features``). The overview's zoom is the
    main map's zoom plus `zoom_offset`, kept between `min_zoom` and `max_zoom`.
    """

    def __init__(
        self,
        features: list[dict],
        position: str = "bottomleft",
        width: int = 150,
        height: int = 110,
        zoom_offset: int = -4,
        min_zoom: int = 0,
        max_zoom: int = 8,
        title: str = "Overview: click to move the map there",
        color: str = "#d9480f",
    ) -> None:
        if not (40 <= int(width) <= 400 and 40 <= int(height) <= 400):
            raise ValueError("width and height must be between 40 and 400 px")
        if int(min_zoom) > int(max_zoom):
            raise ValueError("min_zoom must not exceed max_zoom")
        super().__init__(
            "minimap",
            {
                "position": check_position(position),
                "width": int(width),
                "height": int(height),
                "zoomOffset": int(zoom_offset),
                "minZoom": int(min_zoom),
                "maxZoom": int(max_zoom),
                "title": title,
                "sea": SEA,
                "land": {"color": BORDER, "weight": 0.6, "fillColor": LAND, "fillOpacity": 1},
                "extent": {
                    "color": color,
                    "weight": 2,
                    "fillOpacity": 0.1,
                    "className": "sitmap-minimap-extent",
                },
            },
            data_js=to_js_data({"type": "FeatureCollection", "features": features}),
        )
