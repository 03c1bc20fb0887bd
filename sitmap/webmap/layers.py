"""folium elements for sitmap's map: reference overlays, place labels, the events layer, layer control.

Each is a template plus typed arguments (folium's plugin guideline); the browser code is in
`sitmap.webmap.js`. Data goes in as JSON built by `to_js_json`, whose strings can never open a Jinja block
or close a `<script>`. The elements also render their script *without* the second Jinja pass that
branca gives every MacroElement (`RawScriptMixin`): that pass is slow on megabytes of event data and
would turn a `{{ ... }}` inside a report into template code.
"""

from __future__ import annotations

import json
import re
from typing import Any

from branca.element import Element, Figure, MacroElement
from folium.elements import ElementAddToElement
from folium.map import Layer, LayerControl
from folium.template import Template

from sitmap.webmap.js import COMMON_JS, EVENTS_JS, LABELS_JS, LAYER_REPORT_JS, REFERENCE_JS, TIMEFILTER_JS

# Leaflet panes (z-index): offline basemap < reference areas < lines < place labels < events < reference
# labels (Line A/B) < selection. A place name with no room clear of the events is not drawn (js/labels.js).
PANES = {
    "sitmap-basemap": 150,
    "sitmap-admin": 410,
    "sitmap-zone": 420,
    "sitmap-lines": 430,
    "sitmap-labels": 445,
    "sitmap-events": 450,
    "sitmap-reflabels": 455,
    "sitmap-selection": 460,
}


_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def to_js_json(value: Any) -> str:
    """JSON for embedding in a `<script>`: no `</script>`, no `<!--`, no Jinja delimiters, no U+2028.

    Text values should already be escaped with `sitmap.webmap.maps.escape_text`; this is the second belt.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # Structural JSON braces are followed by '"' or '}', so only braces inside strings are rewritten,
    # as the equivalent escape \u007b: same string in JS, and no Jinja block can start.
    text = _JINJA_OPEN.sub(r"\\u007b", text)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def to_js_data(value: Any) -> str:
    """A JS expression for `value` that the browser parses as JSON: `JSON.parse("...")`.

    For the reference GeoJSON in the base map (nested coordinate arrays): measured in node, admin-1 parses
    in 7 ms this way against 12 ms as an object literal, countries 4 against 6. (Not for the events
    payload: flat columns gain nothing and cost a second escaping on every slider step.) Safe in a
    `<script>` and a Jinja pass, like `to_js_json`.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return f"JSON.parse({to_js_json(text)})"  # the JSON text as a script-safe string literal


class _Raw(Element):
    """An element whose text is output as is (never parsed as a Jinja template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


def _parent_of(element: Element) -> Element:
    """The element an add-to-parent script attaches to; a detached one has none to render into."""
    if element._parent is None:
        raise ValueError(f"{type(element).__name__} is not on a map: add it to one, then render the map")
    return element._parent


class RawScriptMixin(MacroElement):
    """Render header/html/script macros once, without branca's second template pass.

    Put first among the bases (before `Layer`, `LayerControl` or `MacroElement`) so its `render` wins.
    """

    def render(self, **kwargs: Any) -> str:
        self._render_raw(**kwargs)
        return ""  # as for any MacroElement, the output went into the figure's header/html/script

    def _render_raw(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise ValueError(f"{type(self).__name__} is not in a figure: render the map, not the element")
        module = self._template.module
        for part in ("header", "html", "script"):
            macro = getattr(module, part, None)
            if macro is not None:
                getattr(figure, part).add_child(_Raw(str(macro(self, kwargs))), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class _RawLayer(RawScriptMixin, Layer):
    def render(self, **kwargs: Any) -> str:
        if self.show:
            self.add_child(
                ElementAddToElement(
                    element_name=self.get_name(), element_parent_name=_parent_of(self).get_name()
                ),
                name=self.get_name() + "_add",
            )
        self._render_raw(**kwargs)
        return ""


class StyleSheet(RawScriptMixin, MacroElement):
    """sitmap's CSS (header) and SVG pattern definitions (body), both fixed text from this package."""

    _template = Template(
        "{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}"
        "{% macro html(this, kwargs) %}{{ this.svg_defs }}{% endmacro %}"
    )

    def __init__(self, css: str, svg_defs: str = "") -> None:
        super().__init__()
        self._name = "SitmapStyle"
        for text in (css, svg_defs):
            # streamlit-folium renders the header once more as a Jinja template.
            if "{{" in text or "{%" in text or "{#" in text or "</style" in text:
                raise ValueError("CSS/SVG must not contain Jinja delimiters or '</style'")
        self.css = css
        self.svg_defs = svg_defs


class ReferenceLayer(_RawLayer):
    """Static GeoJSON drawn with SVG (crisp dashes, a class per feature id), not interactive.

    Not interactive on purpose: the events canvas sits above it, and Leaflet canvases in higher panes
    take every click anyway; the legend and permanent labels say what the lines are.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.reference_js }}
        var {{ this.get_name() }} = window.sitmapReference(
            {{ this._parent.get_name() }}, {{ this.options_json }},
            function () { return {{ this.data_json }}; });
        {% endmacro %}
        """
    )

    def __init__(
        self,
        features: list[dict],
        styles: dict[str, dict],
        name: str,
        pane: str,
        show: bool = True,
        control: bool = True,
        overlay: bool = True,
        labels: list[list] | None = None,
        attribution: str = "",
        deferred: bool = False,
    ) -> None:
        """`deferred`: the layer exists (and is listed) at once, its features are parsed and added after
        the first paint (`sitmapCommon.afterPaint`), so a large secondary layer never delays the events."""
        super().__init__(name=name, overlay=overlay, control=control, show=show)
        self._name = "ReferenceLayer"
        self.reference_js = REFERENCE_JS
        self.options_json = to_js_json(
            {
                "pane": pane,
                "zIndex": PANES[pane],
                "styles": styles,
                "attribution": attribution,  # HTML: only the caller's fixed text
                "labels": labels or [],
                "deferred": bool(deferred),
            }
        )
        self.data_json = to_js_data({"type": "FeatureCollection", "features": features})


class CommonScript(RawScriptMixin):
    """Defines the shared helpers once, before any sitmap layer needs them."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.js }}{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()
        self._name = "SitmapCommon"
        self.js = COMMON_JS


class PlaceLabels(_RawLayer):
    """Country and place names, chosen per zoom level and thinned so they never overlap."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.common_js }}{{ this.labels_js }}
        var {{ this.get_name() }} = L.layerGroup([], { attribution: {{ this.attribution_json }} });
        window.sitmapCommon.afterPaint(function () {  // names follow the events by a frame
            window.sitmapLabels({{ this._parent.get_name() }}, {{ this.get_name() }}, {{ this.data_json }});
        });
        {% endmacro %}
        """
    )

    def __init__(
        self, data: dict, name: str = "Place labels", show: bool = True, attribution: str = ""
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "PlaceLabels"
        self.attribution_json = to_js_json(attribution)
        self.common_js = COMMON_JS
        self.labels_js = LABELS_JS
        self.data_json = to_js_data(data)


class EventLayer(RawScriptMixin, MacroElement):
    """The events of a view: put inside a FeatureGroup; the script is self-contained.

    Self-contained because streamlit-folium evaluates only the FeatureGroup's script on a slider step.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.common_js }}{{ this.timefilter_js }}{{ this.events_js }}
        var {{ this.get_name() }} = window.sitmapEvents.add(
            {{ this._parent._parent.get_name() }}, {{ this._parent.get_name() }}, {{ this.payload_json }});
        {% endmacro %}
        """
    )

    def __init__(self, payload: dict) -> None:
        super().__init__()
        self._name = "EventLayer"
        self.common_js = COMMON_JS
        self.timefilter_js = TIMEFILTER_JS
        self.events_js = EVENTS_JS
        self.payload = payload
        # An object literal, not to_js_data: measured, JSON.parse does not pay for the columnar payload
        # (node, 100k events: 216 ms as a literal, 237 ms parsed; +0.12 s of Python double-escaping).
        self.payload_json = to_js_json(payload)


LAYERS_REPORT_URL = "sitmap:layers"  # tags the layers report among streamlit-folium's selected_layers


class SitmapLayerControl(RawScriptMixin, LayerControl):
    """folium's LayerControl that also lists each event type (the events layer registers them)."""

    _template = Template(
        """
        {% macro script(this,kwargs) %}
            {{ this.common_js }}{{ this.events_js }}
            var {{ this.get_name() }} = L.control.layers(
                {
                {%- for key, val in this.base_layers.items() %}
                {{ key|tojson }} : {{val}},
                {%- endfor %}
                },
                {
                {%- for key, val in this.overlays.items() %}
                {{ key|tojson }} : {{val}},
                {%- endfor %}
                },
                {{ this.options|tojavascript }}
            ).addTo({{this._parent.get_name()}});
            window.sitmapEvents.setControl({{ this.get_name() }}, {{this._parent.get_name()}});
            {{ this.report_js }}
            window.sitmapReportLayers(
                {{ this.get_name() }}, {{this._parent.get_name()}}, {{ this.report_url }});
        {% endmacro %}
        """
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._name = "LayerControl"
        self.common_js = COMMON_JS
        self.events_js = EVENTS_JS
        self.report_js = LAYER_REPORT_JS
        self.report_url = to_js_json(LAYERS_REPORT_URL)

    def render(self, **kwargs: Any) -> str:
        self.reset()
        for item in _parent_of(self)._children.values():
            if isinstance(item, Layer) and item.control:
                target = self.overlays if item.overlay else self.base_layers
                target[item.layer_name] = item.get_name()
        self._render_raw(**kwargs)
        return ""
