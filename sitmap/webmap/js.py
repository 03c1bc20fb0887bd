"""The browser side of sitmap's map layers: small Leaflet code, no external library.

The code lives in `sitmap/webmap/js/*.js` (checked by `node --check` in the tests). Every snippet
defines its helpers once on `window` (guarded), so it can be evaluated again and again: streamlit-folium
`eval`s the events FeatureGroup's script on every slider step. The code never contains Jinja delimiters
(double braces, brace-percent, brace-hash) because folium may render a script's output as a template once
more; a test checks that.

Text values arrive already HTML-escaped by Python (`sitmap.webmap.maps.escape_text`), so assigning them with
`innerHTML` shows them as text; nothing unescaped from a report ever reaches the DOM.
"""

from __future__ import annotations

from importlib.resources import files


def _read(name: str) -> str:
    return files("sitmap.webmap").joinpath("js", name).read_text(encoding="utf-8")


COMMON_JS = _read("common.js")  # shared helpers: panes, the glyph marker
# The events layer: markers, clusters, footprints, selection, popups; its count discs in a file of their own.
EVENTS_JS = _read("discs.js") + _read("events.js")
TIMEFILTER_JS = _read("timefilter.js")  # window.sitmapTime: the time window applied in the browser
LABELS_JS = _read("labels.js")  # place and country labels chosen per zoom, greedy collision test
REFERENCE_JS = _read("reference.js")  # window.sitmapReference: a static overlay with its permanent labels
LAYER_REPORT_JS = _read("layer_report.js")  # window.sitmapReportLayers: the control's choice to the app
JS_FILES: tuple[str, ...] = ("common.js", "timefilter.js", "discs.js", "events.js", "labels.js")
JS_FILES += ("reference.js", "layer_report.js")
