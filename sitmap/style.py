"""Cartographic constants shared by the web map and the snapshot (so both look alike and agree with the
legend). Neither Streamlit nor folium: the snapshot imports this without pulling in the web map.
"""

from __future__ import annotations

from typing import Any

# --- event types: a colour-blind-safe palette ------------------------------------------------------------
# Paul Tol's "muted" scheme (personal.sron.nl/~pault, 2021), plus black and Tol's pale grey: every pair
# stays at CIEDE2000 ΔE >= 11 for normal vision and simulated protanopia and deuteranopia (checked by
# tests/test_style_palette.py). A dichromat's colours span two dimensions only; no more than ~15 colours
# stay >= 10 apart there, so related types share a colour and the letter inside the marker
# (`vocabulary.EventType.marker`) tells them apart.
ROSE, INDIGO, SAND, GREEN, CYAN = "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE"
WINE, TEAL, OLIVE, PURPLE = "#882255", "#44AA99", "#999933", "#AA4499"
BLACK, PALE_GREY = "#000000", "#DDDDDD"
PALETTE = (ROSE, INDIGO, SAND, GREEN, CYAN, WINE, TEAL, OLIVE, PURPLE, BLACK, PALE_GREY)
OTHER_COLOUR = PALE_GREY
TYPE_COLOURS: dict[str, str] = {
    # ground action across the line
    "raid": WINE,
    "ground_incursion": WINE,
    "patrol": SAND,
    "protest": SAND,
    # fighting and violence against people
    "armed_clash": ROSE,
    "attack_on_civilians": ROSE,
    "riot": ROSE,
    "abduction": ROSE,
    # from the air and from afar
    "airstrike": INDIGO,
    "interception": INDIGO,
    "missile_strike": PURPLE,
    "weapons_test": PURPLE,
    "weapons_development": PURPLE,
    "drone_attack": CYAN,
    "shelling": OLIVE,
    "explosive_device": OLIVE,
    "property_destruction": OLIVE,
    "attack_on_shipping": TEAL,
    # strategic developments
    "visit_meeting": GREEN,
    "agreement": GREEN,
    "deployment": BLACK,
    "arms_transfer": BLACK,
    "arrest": BLACK,
    "base_established": BLACK,
    "airdrop": BLACK,
    "other": OTHER_COLOUR,
}
DARK_INK, LIGHT_INK = "#1a1a1a", "#ffffff"


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def glyph_ink(colour: str) -> str:
    """The letter's colour on a marker filled with `colour`: whichever of dark and white ink has the higher
    WCAG contrast with it."""
    fill = _luminance(colour)
    dark = (fill + 0.05) / (_luminance(DARK_INK) + 0.05)
    light = (_luminance(LIGHT_INK) + 0.05) / (fill + 0.05)
    return DARK_INK if dark > light else LIGHT_INK


# Time precision fades the marker: a month-long "on" period is less certain than a day.
TIME_ALPHA = {"day": 1.0, "week": 0.85, "month": 0.65, "year": 0.5}
MARKER_RADIUS = 8

# More events than this in view -> markers grouped in a grid of cells CLUSTER_CELL_MARKERS marker widths
# wide (web map and snapshot alike): a cell with one event draws it, a cell with more draws their count.
# Chosen on 5,000 synthetic events: at 2,500 the Golan at zoom 9 was hundreds of overlapping markers; a few
# hundred markers on a laptop-sized map is where they start to touch.
CLUSTER_ABOVE = 300
CLUSTER_CELL_MARKERS = 3.5

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
