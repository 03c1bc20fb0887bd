"""How the map is drawn to be read from afar: briefing mode's larger, high-contrast look.

A shared screen goes through video compression: thin hatching shimmers, 1-px lines and 11-px labels turn to
mush, small markers vanish. The briefing look keeps the same layers and colours (the legend stays true) but
draws them bigger and bolder: larger event markers (the events layer's own `radius`), thicker Lines A/B and
zone outline, a flat zone fill instead of the hatch, larger labels with a solid halo, and no minimap,
measuring tool or cursor read-out. Everything here is fixed text of ours; no data goes into the CSS.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import folium
import geopandas as gpd

from sitmap.reference.layers import Reference
from sitmap.symbology import Affiliation
from sitmap.view import View
from sitmap.webmap.cells import GridCounts
from sitmap.webmap.events import event_payload
from sitmap.webmap.layers import EventLayer
from sitmap.webmap.maps import build_event_layer

BRIEFING_RADIUS = 13  # px; the dashboard's markers are 8 (sitmap.webmap.legend.MARKER_RADIUS)

# Inside the map's iframe. The map div is as tall as the iframe, which the page's briefing CSS sizes to
# the viewport (Leaflet follows the iframe's resize on its own).
# Place names go above the events and the selection (`webmap.layers.PANES` has them under): a selected
# area's thick outline crossed them. They are placed clear of markers, counts and the selected ring, so on
# top they cover only outlines; the dashboard keeps them under, where playback moves markers under names.
BRIEFING_MAP_CSS = """
html, body { height: 100%; }
.folium-map, #map_div { height: 100vh !important; }
.sitmap-ref-line-a, .sitmap-ref-line-b { stroke-width: 6px; stroke-opacity: 1; }
.sitmap-ref-area-of-separation { stroke-width: 3px; stroke-opacity: 1; fill: #7fa6d0; fill-opacity: 0.45; }
.sitmap-label span { font-size: 15px; font-weight: 600; color: #111;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 4px #fff, 0 0 6px #fff; }
.sitmap-label-country span { font-size: 16px; color: #3a3f45; }
.sitmap-label-city span { font-size: 16px; font-weight: 700; }
.sitmap-reflabel span { font-size: 17px; font-weight: 800;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 5px #fff, 0 0 7px #fff; }
.sitmap-distance-label { font-size: 16px; padding: 3px 6px; border-width: 2px; }
.sitmap-legend-box { font-size: 14px; }
.sitmap-legend summary { font-size: 15px; }
.leaflet-tooltip { font-size: 15px; }
.leaflet-control-minimap, .sitmap-mouse-position, .sitmap-measure { display: none !important; }
.leaflet-sitmap-labels-pane { z-index: 465 !important; }
.leaflet-control-scale-line { font-size: 15px !important; font-weight: 600; border-width: 3px !important;
  line-height: 1.3 !important; }
"""


@dataclass(frozen=True)
class Look:
    """Map height, event marker radius (None: the map's default) and extra CSS inside the map."""

    height: int = 600
    marker_radius: int | None = None
    css: str = ""

    def event_layer(
        self,
        shown: gpd.GeoDataFrame,
        view: View,
        reference: Reference | None,
        *,
        cell_deg: float | GridCounts | None = None,
        note: str = "",
        affiliations: Mapping[str, Affiliation] | None = None,
    ) -> folium.FeatureGroup:
        """The events layer in this look (`sitmap.webmap.build_event_layer` with another marker radius)."""
        if self.marker_radius is None:
            return build_event_layer(
                shown, view, reference, cell_deg=cell_deg, note=note, affiliations=affiliations
            )
        payload = event_payload(  # the browser sizes markers, clusters and the ring from the radius
            shown,
            view,
            reference,
            cell_deg=cell_deg,
            note=note,
            affiliations=affiliations,
            radius=self.marker_radius,
        )
        group = folium.FeatureGroup(name="Events", overlay=True, control=True, show=True)
        EventLayer(payload).add_to(group)
        return group


BRIEFING = Look(height=540, marker_radius=BRIEFING_RADIUS, css=BRIEFING_MAP_CSS)
