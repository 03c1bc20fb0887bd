"""The one rule for "the events layer must change" (sitmap.webmap.cells.layer_must_change): whenever it says
the layer on the map may stay, the browser's time filter applied to that layer shows exactly the events a
layer built for the new view would show; counts per cell, no layer yet and another frame always change."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from sitmap.view import View, apply_view
from sitmap.view.filtering import time_mask
from sitmap.webmap.cells import BuiltLayer, FrameSource, Scope, layer_must_change, scope_of

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic import synthetic_events  # noqa: E402

FIRST = date(2023, 10, 1)  # synthetic_events' first day (730 days)
BOUNDS = [None, (34.0, 31.0, 38.0, 35.0), (35.0, 32.0, 37.0, 34.0), (30.0, 45.0, 40.0, 52.0)]


@pytest.fixture(scope="module")
def events():
    return apply_view(synthetic_events(4_000), View())


def _windows():
    day = st.integers(0, 729).map(lambda n: FIRST + timedelta(days=n))
    return st.tuples(day, st.integers(0, 90)).map(lambda w: (w[0], w[0] + timedelta(days=w[1])))


def _shown(scope: Scope, start: date, end: date) -> set[str]:
    """The ids the browser shows of a layer holding `scope`, for the window [start, end]."""
    held = scope.events
    return set(held.loc[time_mask(held, start, end), "id"])


@settings(max_examples=60, deadline=None)
@given(
    old=_windows(),
    new=st.one_of(_windows(), st.integers(-3, 12)),  # another window, or the old one stepped n days
    cap=st.sampled_from([50, 400, 3_000, 10_000]),
    old_bounds=st.sampled_from(BOUNDS),
    new_bounds=st.sampled_from(BOUNDS),
    zoom=st.integers(3, 11),
)
def test_a_layer_that_may_stay_shows_what_a_new_one_would(
    events, old, new, cap, old_bounds, new_bounds, zoom
) -> None:
    if isinstance(new, int):
        new = (old[0] + timedelta(days=new), old[1] + timedelta(days=new))
    source = FrameSource(events)
    before = scope_of(source, View(start=old[0], end=old[1]), zoom, old_bounds, cap)
    after = scope_of(source, View(start=new[0], end=new[1]), zoom, new_bounds, cap)
    built, wanted = BuiltLayer.of(events, before, old_bounds), BuiltLayer.of(events, after, new_bounds)
    if not layer_must_change(built, wanted):
        event(f"stays: {after.kind}")
        assert before.kind != "cells" and after.kind != "cells"
        assert _shown(before, *new) == _shown(after, *new)
    if after.kind == "cells" or before.kind != after.kind:
        assert layer_must_change(built, wanted)


def test_the_same_span_in_the_same_bounds_stays_and_the_next_span_changes(events) -> None:
    source, bounds = FrameSource(events), (34.0, 31.0, 38.0, 35.0)
    start = date(2024, 6, 3)
    scope = scope_of(source, View(start=start, end=start + timedelta(days=29)), 8, bounds, cap=400)
    assert scope.kind == "window" and scope.span is not None
    built = BuiltLayer.of(events, scope, bounds)
    first, last = scope.span
    same = scope_of(source, View(start=first, end=first + timedelta(days=29)), 8, bounds, cap=400)
    assert not layer_must_change(built, BuiltLayer.of(events, same, bounds))  # a day step in the span
    panned = (34.5, 31.0, 38.5, 35.0)
    assert layer_must_change(built, BuiltLayer.of(events, same, panned))  # other bounds
    nxt = last + timedelta(days=1)
    later = scope_of(source, View(start=nxt, end=nxt + timedelta(days=29)), 8, bounds, cap=400)
    assert layer_must_change(built, BuiltLayer.of(events, later, bounds))  # the next span


def test_all_times_stay_and_cells_none_or_another_frame_change(events) -> None:
    every = scope_of(FrameSource(events), View(start=date(2024, 1, 1), end=date(2024, 1, 9)), 6, None)
    assert every.kind == "all"
    built = BuiltLayer.of(events, every, None)
    assert not layer_must_change(built, BuiltLayer.of(events, every, (1.0, 2.0, 3.0, 4.0)))
    assert layer_must_change(None, built)  # no layer on the map yet
    assert layer_must_change(built, BuiltLayer.of(events.copy(), every, None))  # the filters' events changed
    cells = scope_of(FrameSource(events), View(), 6, None, cap=10)
    assert cells.kind == "cells"
    counted = BuiltLayer.of(events, cells, None)
    assert layer_must_change(counted, counted)  # counts per cell count the window: always built again
