"""Scale bar, pointer position and fullscreen controls (Leaflet core + browser APIs only).

The templates' output is rendered once more by branca, so the JS/CSS here must not contain
Jinja delimiters (double braces, brace-percent, brace-hash).
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

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


class MousePosition(MacroElement):
    """Shows the latitude and longitude under the pointer, labelled to avoid lat/lon mix-ups."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .sitmap-mouse-position {
            background: rgba(255, 255, 255, 0.8); padding: 0 5px; margin: 0;
            font: 11px/1.5 monospace; color: #333;
        }
        .sitmap-mouse-position:empty { display: none; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (map, opts) {
            var control = L.control({ position: opts.position });
            control.onAdd = function () {
                var div = L.DomUtil.create("div", "leaflet-control sitmap-mouse-position");
                div.textContent = opts.emptyText;
                map.on("mousemove", function (e) {
                    var ll = e.latlng.wrap();
                    div.textContent = "lat " + ll.lat.toFixed(opts.decimals)
                        + ", lon " + ll.lng.toFixed(opts.decimals);
                });
                map.on("mouseout", function () { div.textContent = opts.emptyText; });
                return div;
            };
            return control.addTo(map);
        })({{ this._parent.get_name() }}, {{ this.options|tojavascript }});
        {% endmacro %}
        """
    )

    def __init__(self, position: str = "bottomright", decimals: int = 5, empty_text: str = "") -> None:
        super().__init__()
        self._name = "MousePosition"
        if not 0 <= int(decimals) <= 8:
            raise ValueError("decimals must be between 0 and 8")
        self.options = {
            "position": check_position(position),
            "decimals": int(decimals),  # 5 decimals of a degree is about 1 m
            "empty_text": empty_text,
        }


_EXPAND_SVG = (
    '<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path fill="none" '
    'stroke="currentColor" stroke-width="2" d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5"/></svg>'
)


class Fullscreen(MacroElement):
    """A button that puts the map's container in fullscreen (the browser's Fullscreen API).

    Hidden where the API is unavailable (e.g. iPhone Safari). Inside Streamlit the map lives in
    a component iframe whose ``allow`` list includes ``fullscreen``.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .sitmap-fullscreen a { display: flex; align-items: center; justify-content: center;
                               color: #333; }
        .leaflet-container:fullscreen { width: 100% !important; height: 100% !important; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (map, opts) {
            var control = L.control({ position: opts.position });
            control.onAdd = function () {
                var bar = L.DomUtil.create("div", "leaflet-bar leaflet-control sitmap-fullscreen");
                var button = L.DomUtil.create("a", "", bar);
                button.href = "#";
                button.setAttribute("role", "button");
                button.innerHTML = opts.icon;
                var container = map.getContainer();
                function sync() {
                    var on = document.fullscreenElement === container;
                    button.title = on ? opts.titleCancel : opts.title;
                    button.setAttribute("aria-label", button.title);
                    map.invalidateSize();
                }
                L.DomEvent.disableClickPropagation(bar);
                L.DomEvent.on(button, "click", function (e) {
                    L.DomEvent.preventDefault(e);
                    if (document.fullscreenElement) {
                        document.exitFullscreen();
                    } else {
                        container.requestFullscreen();
                    }
                });
                document.addEventListener("fullscreenchange", sync);
                if (!document.fullscreenEnabled) { bar.style.display = "none"; }
                sync();
                return bar;
            };
            return control.addTo(map);
        })({{ this._parent.get_name() }}, {{ this.options|tojavascript }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        position: str = "topleft",
        title: str = "Full screen",
        title_cancel: str = "Exit full screen",
    ) -> None:
        super().__init__()
        self._name = "Fullscreen"
        self.options = {
            "position": check_position(position),
            "title": title,
            "title_cancel": title_cancel,
            "icon": _EXPAND_SVG,
        }
