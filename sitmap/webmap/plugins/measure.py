"""A distance measuring control: click points on the map, read the geodesic length in metres.

Leaflet's own ``distanceTo`` is spherical (up to ~0.5 % off); this control uses Vincenty's
inverse formula on the WGS84 ellipsoid, the same ellipsoid ``sitmap.geometry`` uses through
pyproj, so a distance read on the map agrees with the one computed in Python (a browser test
checks this). Vincenty, "Direct and inverse solutions of geodesics on the ellipsoid",
Survey Review 23 (176), 1975, doi:10.1179/sre.1975.23.176.88.

The control's code is `plugins/js/measure.js` (see `plugins.assets`).
"""

from __future__ import annotations

from sitmap.webmap.plugins.assets import ScriptControl
from sitmap.webmap.plugins.controls import check_position

_RULER_SVG = (
    '<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path fill="none" '
    'stroke="currentColor" stroke-width="1.5" d="M1 11 11 1l4 4L5 15zM4 8l2 2M6 6l1 1M8 4l2 2'
    'M10 2l1 1"/></svg>'
)


class MeasureDistance(ScriptControl):
    """Toggle button; while on, each map click adds a point and the total length is shown.

    Right-click removes the last point; the button or Escape ends the measurement. While it is on,
    the map container carries ``sitmap-measuring`` and the map's layers (markers, footprints, the
    1974 overlays) let clicks through, so a click on them adds a point instead of selecting an event
    or opening a popup. Measuring clicks still reach the map's own click listeners
    (streamlit-folium's ``last_clicked``), so keep ``returned_objects`` narrow in the app.
    """

    def __init__(
        self,
        position: str = "topleft",
        title: str = "Measure distance",
        hint: str = "Click the map to add points",
        color: str = "#d9480f",
    ) -> None:
        options = {
            "position": check_position(position),
            "title": title,
            "hint": hint,
            "color": color,
            "icon": _RULER_SVG,
        }
        super().__init__("measure", options)
