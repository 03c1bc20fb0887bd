"""The plugins' browser code: package files `plugins/js/<name>.js|.css`, and the element that adds one.

Each `.js` file defines one factory, `window.sitmapPlugins.<key>(map, opts[, data])`, guarded so it is
defined once per page however many controls use it; `node --check` parses every file in the tests. A
control on the map is a `ScriptControl`: the factory's code, then one call with the control's options as
script-safe JSON (`to_js_json`). The element renders once (`RawScriptMixin`), so neither the code nor the
options pass through a second Jinja render.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from branca.element import MacroElement
from folium.template import Template

from sitmap.webmap.layers import RawScriptMixin, to_js_json

#: plugin key (the factory's name on `window.sitmapPlugins`) -> file stem in `plugins/js/`
PLUGINS = {
    "mousePosition": "mouse_position",
    "fullscreen": "fullscreen",
    "measure": "measure",
    "minimap": "minimap",
}


@cache
def _read(name: str) -> str:
    return files("sitmap.webmap.plugins").joinpath("js", name).read_text(encoding="utf-8")


def plugin_js(key: str) -> str:
    """The JavaScript that defines `window.sitmapPlugins[key]`."""
    return _read(PLUGINS[key] + ".js")


def plugin_css(key: str) -> str:
    """The plugin's style sheet."""
    return _read(PLUGINS[key] + ".css")


class ScriptControl(RawScriptMixin, MacroElement):
    """A Leaflet control made by a sitmap plugin factory, with its options (and optional data)."""

    _template = Template(
        "{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}"
        "{% macro script(this, kwargs) %}{{ this.js }}\n"
        "var {{ this.get_name() }} = window.sitmapPlugins.{{ this.plugin }}("
        "{{ this._parent.get_name() }}, {{ this.options_json }}"
        "{% if this.data_js %}, {{ this.data_js }}{% endif %});\n{% endmacro %}"
    )

    def __init__(self, plugin: str, options: dict, data_js: str = "") -> None:
        super().__init__()
        if plugin not in PLUGINS:
            raise ValueError(f"unknown plugin {plugin!r}; known: {sorted(PLUGINS)}")
        self._name = type(self).__name__  # the JS variable: measure_distance_<id> for MeasureDistance
        self.plugin = plugin
        self.js = plugin_js(plugin)
        self.css = plugin_css(plugin)
        self.options = options
        self.options_json = to_js_json(options)
        self.data_js = data_js  # a JS expression, already script-safe (`to_js_data`)
