"""The timeline does not rely on colour alone (issue 13): types are named with their marker letter, and the
letter is drawn on bar segments big enough to hold it."""

from __future__ import annotations

from datetime import date

from sitmap.ui.map.timeline import charts, type_label
from sitmap.vocabulary import EVENT_TYPES

DAYS = [
    {"day": "2025-03-01T00:00:00", "type": type_label("airstrike"), "count": 60},
    {"day": "2025-03-01T00:00:00", "type": type_label("missile_strike"), "count": 1},
    {"day": "2025-03-02T00:00:00", "type": type_label("patrol"), "count": 30},
]
WINDOW = (date(2025, 3, 1), date(2025, 3, 2))


def test_types_are_named_with_their_letter():
    assert type_label("airstrike") == f"{EVENT_TYPES['airstrike'].marker} · Airstrike"
    spec = charts(DAYS, [], WINDOW, WINDOW, shade_window=True)[0]
    bars = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    assert bars["encoding"]["color"]["scale"]["domain"][0].startswith(EVENT_TYPES["raid"].marker + " ")


def test_big_enough_segments_carry_their_letter():
    spec = charts(DAYS, [], WINDOW, WINDOW, shade_window=True)[0]
    text = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "text")
    assert text["encoding"]["text"] == {"field": "glyph"}
    shown_from = int(text["encoding"]["opacity"]["condition"]["test"].split(">=")[1])
    assert 1 < shown_from <= 30  # 60 airstrikes and 30 patrols get a letter, the lone missile strike not
    ink = text["encoding"]["color"]["scale"]
    assert ink["range"][ink["domain"].index(type_label("patrol"))] == EVENT_TYPES["patrol"].ink
