"""The Leaflet plugins' browser code as package files (sitmap.webmap.plugins.assets)."""

from __future__ import annotations

import json
import re
import subprocess
from importlib.resources import files

import folium
import pytest
from tools import needs_tool

from sitmap.webmap.plugins import Fullscreen, MeasureDistance, MousePosition
from sitmap.webmap.plugins.assets import PLUGINS, ScriptControl, plugin_css, plugin_js
from sitmap.webmap.plugins.minimap import MiniMap

needs_node = needs_tool("node", "apt-get install nodejs")  # node runs the plugins' code

HOSTILE_TITLE = "</script><script>alert(1)</script>{{ 7*7 }}{% if 1 %}x{% endif %}"


def _controls() -> dict[str, ScriptControl]:
    return {
        "mousePosition": MousePosition(empty_text="-"),
        "fullscreen": Fullscreen(title_cancel="Leave"),
        "measure": MeasureDistance(),
        "minimap": MiniMap([]),
    }


@needs_node
@pytest.mark.parametrize("key", sorted(PLUGINS))
def test_each_plugin_file_parses(key):
    path = files("sitmap.webmap.plugins").joinpath("js", PLUGINS[key] + ".js")
    result = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("key", sorted(PLUGINS))
def test_plugin_code_and_css_hold_no_jinja_delimiters(key):
    for text in (plugin_js(key), plugin_css(key)):
        assert text.strip() and not re.search(r"\{\{|\{%|\{#", text)


@pytest.mark.parametrize("key", sorted(PLUGINS))
def test_every_option_the_code_reads_is_one_python_sends(key):
    """A renamed option on either side (title_cancel vs titleCancel) would leave the control blank."""
    read = set(re.findall(r"\bopts\.([A-Za-z_]\w*)", plugin_js(key)))
    sent = set(_controls()[key].options)
    assert read and read <= sent, f"read but never sent: {sorted(read - sent)}"


def _rendered(*controls: ScriptControl) -> str:
    m = folium.Map(tiles=None)
    for control in controls:
        m.add_child(control)
    return m.get_root().render()


@needs_node
def test_factories_are_defined_once_however_many_controls(tmp_path):
    html = _rendered(MeasureDistance(), MeasureDistance(position="topright"), MousePosition())
    code = "\n".join(plugin_js(k) for k in ("measure", "measure", "mousePosition"))
    assert all(plugin_js(k) in html for k in ("measure", "mousePosition"))
    script = tmp_path / "defs.js"
    script.write_text(
        "var window = {};\n" + code + "\nvar first = window.sitmapPlugins.measure;\n" + code + "\n"
        "process.stdout.write(JSON.stringify({same: first === window.sitmapPlugins.measure,"
        " keys: Object.keys(window.sitmapPlugins).sort()}));",
        encoding="utf-8",
    )
    out = json.loads(subprocess.run(["node", str(script)], capture_output=True, text=True, check=True).stdout)
    assert out == {"same": True, "keys": ["measure", "mousePosition"]}


def test_each_control_calls_its_factory_with_its_options():
    html = _rendered(*_controls().values())
    for key, control in _controls().items():
        assert f"window.sitmapPlugins.{key}(" in html
        assert json.dumps(control.options["position"]) in html
    assert '"titleCancel":"Leave"' in html and '"emptyText":"-"' in html


def test_hostile_text_in_options_neither_closes_the_script_nor_runs_a_template():
    html = _rendered(MeasureDistance(title=HOSTILE_TITLE, hint=HOSTILE_TITLE))
    assert "</script><script>alert" not in html
    # The options object of the call: folium's random ids may hold "49", so look at the options only.
    call = html.split("window.sitmapPlugins.measure(")[-1].split(", ", 1)[1]
    options, _ = json.JSONDecoder().raw_decode(call)
    assert options["title"] == HOSTILE_TITLE  # arrives as text, not run as a template (no "49")
    assert "{%" not in html and "{{" not in html


def test_an_unknown_plugin_is_refused():
    with pytest.raises(ValueError, match="unknown plugin"):
        ScriptControl("nope", {})
