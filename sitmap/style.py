"""Cartographic constants shared by the web map and the snapshot (so both look alike and agree with the
legend). Neither Streamlit nor folium: the snapshot imports this without pulling in the web map.
"""

from __future__ import annotations

from typing import Any

# Time precision fades the marker: a month-long "on" period is less certain than a day.
TIME_ALPHA = {"day": 1.0, "week": 0.85, "month": 0.65, "year": 0.5}
MARKER_RADIUS = 8

# The offline basemap: calm, light sea, warm land, thin grey boundaries.
SEA = "#d4e4ee"
LAND = "#f6f4ee"
BORDER = "#8f959b"
ADMIN1 = "#b9bdc1"

LINE_A = "#1d4ed8"  # Israeli side (west): solid blue
LINE_B = "#c2410c"  # Syrian side (east): dashed burnt orange
ZONE = "#3f7fbf"

REF_STYLES: dict[str, dict[str, Any]] = {
    "default": {"color": "#555555", "weight": 1, "fill": False},
    "land": {"color": BORDER, "weight": 0.9, "opacity": 0.9, "fillColor": LAND, "fillOpacity": 1},
    "admin1": {"color": ADMIN1, "weight": 0.6, "opacity": 0.9, "fill": False},
    "zone": {
        "color": ZONE,
        "weight": 0.8,
        "opacity": 0.8,
        "fillColor": "url(#sitmap-hatch)",
        "fillOpacity": 0.9,
    },
    "line-a": {"color": LINE_A, "weight": 3, "opacity": 0.95, "fill": False, "lineCap": "round"},
    "line-b": {"color": LINE_B, "weight": 3, "opacity": 0.95, "fill": False, "dashArray": "9 5"},
}
for _side, _colour in (("west", LINE_A), ("east", LINE_B)):
    for _band, _alpha in (("0-10", 0.16), ("10-20", 0.10), ("20-25", 0.05)):
        REF_STYLES[f"limitation-{_band}-{_side}"] = {
            "color": _colour,
            "weight": 0.8,
            "opacity": 0.55,
            "dashArray": "2 4",
            "fillColor": _colour,
            "fillOpacity": _alpha,
        }
