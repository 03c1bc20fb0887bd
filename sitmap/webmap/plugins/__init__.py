"""Small Leaflet controls written for sitmap, so the map needs no CDN plugin.

Each is a folium ``MacroElement``: a template plus typed arguments, with no external JS/CSS
(``default_js``/``default_css`` stay empty), so they work unchanged in the standalone HTML export
and in streamlit-folium.
"""

from sitmap.webmap.plugins.controls import POSITIONS, Fullscreen, MousePosition, ScaleBar
from sitmap.webmap.plugins.measure import MeasureDistance

__all__ = ["POSITIONS", "Fullscreen", "MeasureDistance", "MousePosition", "ScaleBar"]
