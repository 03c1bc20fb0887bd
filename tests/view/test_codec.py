"""The View's one codec: URL, deck JSON and CLI decode the same values to the same View, with one set of
limits (sitmap.view.fields)."""

from __future__ import annotations

import argparse
import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitmap.briefing.decks import DeckError, view_from_dict
from sitmap.cli.common import add_filter_options, view_from_args
from sitmap.view import (
    KNOWN_BASE_LAYERS,
    KNOWN_OVERLAYS,
    PLAYBACK_MODES,
    SPEC,
    ZOOM_MAX,
    ZOOM_MIN,
    View,
    from_query_params,
    to_query_params,
    view_as_dict,
)


def _cli(argv: list[str]) -> View:
    parser = argparse.ArgumentParser(exit_on_error=False)
    add_filter_options(parser)
    return view_from_args(parser.parse_args(argv))


def _url(params: dict[str, str]) -> tuple[View, list[str]]:
    return from_query_params(params)


def _deck(data: dict) -> View:
    return view_from_dict(data, file="d.json", where="view")


# (field, URL text, deck JSON value, CLI argv or None when the CLI has no such option)
AGREE = [
    ("start", "2025-03-03", "2025-03-03", ["--from", "2025-03-03"]),
    ("end", "2025-03-04", "2025-03-04", ["--to", "2025-03-04"]),
    ("event_types", "raid,patrol", ["raid", "patrol"], ["--type", "raid,patrol"]),
    ("actors", "Hamas%2C PIJ,IDF", ["Hamas, PIJ", "IDF"], ["--actor", "Hamas, PIJ", "--actor", "IDF"]),
    ("countries", "Syria,Iraq", ["Syria", "Iraq"], ["--country", "Syria", "--country", "Iraq"]),
    ("admin1", "Quneitra", ["Quneitra"], ["--admin1", "Quneitra"]),
    ("claim_status", "confirmed", ["confirmed"], ["--claim-status", "confirmed"]),
    ("geo_precision", "exact,near", ["exact", "near"], ["--precision", "exact,near"]),
    ("text", "tell al mal", "tell al mal", ["--text", "tell al mal"]),
    ("bbox", "35.5,32.8,36.3,33.5", [35.5, 32.8, 36.3, 33.5], ["--bbox", "35.5,32.8,36.3,33.5"]),
    ("zoom", str(ZOOM_MAX), ZOOM_MAX, None),
    ("center", "33.1,35.9", [33.1, 35.9], None),
    ("base_layer", "dark", "dark", None),
    ("mode", "cumulative", "cumulative", None),
    ("overlays", "zone,lines", ["zone", "lines"], None),
    ("selected", "syr-2025-03-03-x", "syr-2025-03-03-x", None),
]


@pytest.mark.parametrize(("name", "text", "value", "argv"), AGREE, ids=[a[0] for a in AGREE])
def test_url_deck_and_cli_give_the_same_view(name, text, value, argv):
    from_url, notes = _url({name: text})
    assert notes == []
    from_deck = _deck({name: value})
    assert from_url == from_deck
    assert getattr(from_url, name) != getattr(View(), name)  # the value was taken, not defaulted
    if argv is not None:
        assert _cli(argv) == from_url


# (field, URL text, deck JSON value, CLI argv or None): each must be refused by every path.
REFUSE = [
    ("zoom", str(ZOOM_MAX + 1), ZOOM_MAX + 1, None),
    ("zoom", str(ZOOM_MIN - 1), ZOOM_MIN - 1, None),
    ("zoom", "9.5", 9.5, None),
    ("start", "03/04/2025", "03/04/2025", ["--from", "03/04/2025"]),
    ("start", "20250303", "20250303", ["--from", "20250303"]),
    ("end", "2025-02-30", "2025-02-30", ["--to", "2025-02-30"]),
    ("bbox", "36,32,35,33", [36, 32, 35, 33], ["--bbox", "36,32,35,33"]),
    ("bbox", "1,2,3", [1, 2, 3], ["--bbox", "1,2,3"]),
    ("bbox", "-200,10,20,30", [-200, 10, 20, 30], ["--bbox", "-200,10,20,30"]),
    ("bbox", "nan,1,2,3", None, ["--bbox", "nan,1,2,3"]),
    ("center", "120,35", [120, 35], None),
    ("base_layer", "evil", "evil", None),
    ("mode", "loop", "loop", None),
]


@pytest.mark.parametrize(("name", "text", "value", "argv"), REFUSE, ids=[f"{r[0]}={r[1]}" for r in REFUSE])
def test_every_path_refuses_the_same_values(name, text, value, argv):
    view, notes = _url({name: text})
    assert getattr(view, name) == getattr(View(), name)  # a link falls back to the default...
    assert len(notes) == 1 and notes[0].startswith(f"{name}=")  # ...and says so
    if value is not None:
        with pytest.raises(DeckError) as info:
            _deck({name: value})
        assert info.value.where == f"view.{name}"
    if argv is not None:
        with pytest.raises((argparse.ArgumentError, SystemExit)):
            _cli(argv)


def test_the_map_is_built_with_the_codecs_zoom_limits(reference):
    """A zoom the codec accepts is one the map can show, and the other way round."""
    from sitmap.settings import load_settings
    from sitmap.webmap.maps import build_base_map

    m = build_base_map(reference, load_settings(env={}), View(zoom=ZOOM_MAX), minimap=False)
    assert (m.options["minZoom"], m.options["maxZoom"]) == (ZOOM_MIN, ZOOM_MAX)
    assert m.options["zoom"] == ZOOM_MAX


_names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12
)
_days = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


def _floats(pair: tuple[int, int]) -> tuple[float, float]:
    return float(pair[0]), float(pair[1])


@st.composite
def views(draw: st.DrawFn) -> View:
    start = draw(st.none() | _days)
    end = draw(st.none() | _days.filter(lambda d: start is None or d >= start))
    w, s = draw(st.floats(-179, 178)), draw(st.floats(-89, 88))
    bbox = draw(st.none() | st.just((round(w, 5), round(s, 5), round(w + 1, 5), round(s + 1, 5))))
    return View(
        start=start,
        end=end,
        event_types=tuple(draw(st.lists(_names, max_size=3))),
        actors=tuple(draw(st.lists(_names, max_size=3))),
        countries=tuple(draw(st.lists(_names, max_size=2))),
        text=draw(st.text(max_size=20).filter(lambda t: "\x00" not in t)),
        bbox=bbox,
        selected=draw(st.none() | _names),
        base_layer=draw(st.none() | st.sampled_from(KNOWN_BASE_LAYERS)),
        overlays=tuple(draw(st.lists(st.sampled_from(KNOWN_OVERLAYS), unique=True))),
        center=draw(
            st.none() | st.tuples(st.integers(-90, 90).map(float), st.integers(-180, 180).map(float))
        ),
        zoom=draw(st.none() | st.integers(ZOOM_MIN, ZOOM_MAX)),
        mode=draw(st.sampled_from(PLAYBACK_MODES)),
    )


@settings(max_examples=60, deadline=None)
@given(views())
def test_any_view_round_trips_through_the_url_and_a_deck(view):
    back, notes = from_query_params(to_query_params(view))
    assert notes == [] and back == view
    assert view_from_dict(json.loads(json.dumps(view_as_dict(view)))) == view


def test_the_field_table_covers_the_view():
    from dataclasses import fields

    assert tuple(SPEC) == tuple(f.name for f in fields(View))
