"""An offline overview map: a small second Leaflet map with country outlines and the main map's extent.

folium's ``MiniMap`` needs a second tile source and a CDN plugin; this one draws simplified country
outlines passed in as data (``overview_features``), so it works in the standalone HTML export and with no
network. The inner map does not pan or zoom by itself: it follows the main map on ``moveend``/``zoomend``
and a click on it pans the main map there.

The control's container carries Leaflet's ``leaflet-control-minimap`` class, which briefing mode's CSS
(``sitmap.ui.briefing.look``) hides. Options go through ``to_js_json``, the outlines through ``to_js_data``
(added just after the main map's first paint), and the script is rendered once (``RawScriptMixin``), so
no text in the data can open a Jinja block.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from branca.element import MacroElement
from folium.template import Template

from sitmap.style import BORDER, LAND, SEA
from sitmap.webmap.layers import RawScriptMixin, to_js_data, to_js_json
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


class MiniMap(RawScriptMixin, MacroElement):
    """A small non-interactive overview map in a corner; the rectangle is the main map's extent.

    `features` are GeoJSON features in EPSG:4326 (``overview_features``). The overview's zoom is the
    main map's zoom plus `zoom_offset`, kept between `min_zoom` and `max_zoom`.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .sitmap-minimap { border: 2px solid rgba(0, 0, 0, 0.25); border-radius: 4px; overflow: hidden;
                          background: #fff; }
        .sitmap-minimap .sitmap-minimap-map { width: 100%; height: 100%; cursor: pointer; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (map, opts) {
            var control = L.control({ position: opts.position });
            var box, inner;
            control.onAdd = function () {
                box = L.DomUtil.create("div", "leaflet-control leaflet-control-minimap sitmap-minimap");
                box.style.width = opts.width + "px";
                box.style.height = opts.height + "px";
                box.title = opts.title;
                box.setAttribute("role", "img");
                box.setAttribute("aria-label", opts.title);
                inner = L.DomUtil.create("div", "sitmap-minimap-map", box);
                inner.style.background = opts.sea;
                // Clicks and wheel turns on the overview must not reach the main map (and its listeners).
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.disableScrollPropagation(box);
                return box;
            };
            control.addTo(map);
            // Created after the control is in the page, so the inner map knows its size.
            var mini = L.map(inner, {
                attributionControl: false, zoomControl: false, dragging: false, touchZoom: false,
                scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false, keyboard: false,
                fadeAnimation: false, zoomAnimation: false, renderer: L.svg({ padding: 0.2 })
            });
            var land = L.geoJSON(null, { interactive: false, style: opts.land }).addTo(mini);
            var extent = L.rectangle(map.getBounds(), L.extend({ interactive: false }, opts.extent));
            function sync() {
                var z = Math.max(opts.minZoom, Math.min(opts.maxZoom, map.getZoom() + opts.zoomOffset));
                mini.setView(map.getCenter(), z, { animate: false });
                extent.setBounds(map.getBounds());
            }
            sync();
            extent.addTo(mini);
            map.on("moveend zoomend resize", sync);
            mini.on("click", function (e) { map.panTo(e.latlng); });
            control.overview = mini;
            control.extent = extent;
            control.land = land;
            // The land follows the main map's first paint (`sitmapCommon.afterPaint` where sitmap's map
            // script is present), under the extent rectangle.
            var later = window.sitmapCommon ? window.sitmapCommon.afterPaint : function (fn) { fn(); };
            later(function () { land.addData({{ this.data_json }}); extent.bringToFront(); });
            return control;
        })({{ this._parent.get_name() }}, {{ this.options_json }});
        {% endmacro %}
        """
    )

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
        super().__init__()
        self._name = "MiniMap"
        if not (40 <= int(width) <= 400 and 40 <= int(height) <= 400):
            raise ValueError("width and height must be between 40 and 400 px")
        if int(min_zoom) > int(max_zoom):
            raise ValueError("min_zoom must not exceed max_zoom")
        self.options_json = to_js_json(
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
            }
        )
        self.data_json = to_js_data({"type": "FeatureCollection", "features": features})
