"""Scale bar, pointer position and fullscreen controls (Leaflet core + browser APIs only).

The pointer position and fullscreen controls' code is in `plugins/js/` (see `plugins.assets`).
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from sitmap.webmap.plugins.assets import ScriptControl

POSITIONS = ("topleft", "topright", "bottomleft", "bottomright")


def check_position(position: str) -> str:
    """Return ``position`` if Leaflet knows it, else raise ``ValueError``."""
    if position not in POSITIONS:
        raise ValueError(f"position must be one of {POSITIONS}, not {position!r}")
    return position


class ScaleBar(MacroElement):
    """Leaflet's scale bar, metric only by default (``Map(control_scale=True)`` adds miles too)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control.scale(
            {{ this.options|tojavascript }}
        ).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, position: str = "bottomleft", imperial: bool = False, max_width: int = 150) -> None:
        super().__init__()
        self._name = "ScaleBar"
        self.options = {
            "position": check_position(position),
            "metric": True,
            "imperial": bool(imperial),
            "max_width": int(max_width),
        }


class MousePosition(ScriptControl):
    """Shows the latitude and longitude under the pointer, labelled to avoid lat/lon mix-ups."""

    def __init__(self, position: str = "bottomright", decimals: int = 5, empty_text: str = "") -> None:
        if not 0 <= int(decimals) <= 8:
            raise ValueError("decimals must be between 0 and 8")
        options = {
            "position": check_position(position),
            "decimals": int(decimals),  # 5 decimals of a degree is about 1 m
            "emptyText": empty_text,
        }
        super().__init__("mousePosition", options)


_EXPAND_SVG = (
    '<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path fill="none" '
    'stroke="currentColor" stroke-width="2" d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5"/></svg>'
)


class Fullscreen(ScriptControl):
    """A button that puts the map's container in fullscreen (the browser's Fullscreen API).

    Hidden where the API is unavailable (e.g. iPhone Safari). Inside Streamlit the map lives in
    a component iframe whose ``allow`` list includes ``fullscreen``.
    """

    def __init__(
        self,
        position: str = "topleft",
        title: str = "Full screen",
        title_cancel: str = "Exit full screen",
    ) -> None:
        options = {
            "position": check_position(position),
            "title": title,
            "titleCancel": title_cancel,
            "icon": _EXPAND_SVG,
        }
        super().__init__("fullscreen", options)
