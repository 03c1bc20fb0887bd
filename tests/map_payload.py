"""Reading back the data a rendered map hands to the browser (shared by the map tests)."""

from __future__ import annotations

import json


def data_after(text: str, start: int) -> object:
    """The value of the first `JSON.parse("...")` (`sitmap.webmap.layers.to_js_data`) at or after `start`."""
    quote = text.index("JSON.parse(", start) + len("JSON.parse(")
    literal = json.JSONDecoder().raw_decode(text[quote:])[0]  # a JSON string literal is a JS one too
    return json.loads(literal)


def payload_in(html: str) -> dict:
    """The JSON the page hands to the events layer (an object literal: its third argument)."""
    start = html.index("window.sitmapEvents.add(")
    brace = html.index("{", html.index(",", html.index(",", start) + 1))
    return json.JSONDecoder().raw_decode(html[brace:])[0]
