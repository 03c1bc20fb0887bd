"""What the map's events layer holds when the filters select too many events (sitmap.webmap.cells): every
event up to the cap, then the window's events in the map's bounds, then counts per cell; the payload stays
small whatever the number of events, and the counts are the events' own."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from sitmap.view import View, apply_view
from sitmap.webmap import cells
from sitmap.webmap.cells import cell_degrees, cell_payload, map_scope
from sitmap.webmap.events import event_payload

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic import synthetic_events  # noqa: E402

WINDOW = View(start=date(2024, 6, 1), end=date(2024, 6, 30))


@pytest.fixture(scope="module")
def events():
    return apply_view(synthetic_events(30_000), View())


def test_under_the_cap_the_layer_holds_every_event_of_all_times(events) -> None:
    scope = map_scope(events, WINDOW, 6, None, cap=len(events))
    assert scope.kind == "all" and len(scope.events) == len(events) and scope.note == ""


def test_over_the_cap_it_holds_the_window_in_the_padded_bounds(events) -> None:
    bounds = (35.0, 32.0, 37.0, 34.0)  # W, S, E, N around the Golan and the Lebanon border
    scope = map_scope(events, WINDOW, 9, bounds, cap=5_000)
    assert scope.kind == "window" and scope.note and scope.span is not None
    ev = scope.events
    first, last = scope.span  # the window's days and a few around it (the browser applies the window)
    assert (ev["end"] >= str(first)).all() and (ev["start"] <= str(last)).all()
    xs, ys = ev.geometry.x, ev.geometry.y
    assert xs.between(34.0, 38.0).all() and ys.between(31.0, 35.0).all()  # padded by half each side
    inside = apply_view(events, WINDOW.with_(bbox=(34.0, 31.0, 38.0, 35.0)))
    assert set(inside["id"]) <= set(ev["id"])  # nothing of the window in the padded view left out


def test_still_over_the_cap_it_counts_per_cell_and_the_counts_add_up(events) -> None:
    scope = map_scope(events, View(), 6, None, cap=5_000)
    assert scope.kind == "cells" and scope.cell_deg == cell_degrees(6)
    payload = event_payload(scope.events, View(), None, cell_deg=scope.cell_deg, note=scope.note)
    grid = payload["cells"]
    assert payload["id"] == [] and grid is not None and len(grid["x"]) <= cells.MAX_CELLS
    per_type = [0] * len(payload["types"])
    for pairs in grid["n"]:
        for k, n in zip(pairs[::2], pairs[1::2], strict=True):
            per_type[k] += n
    assert per_type == payload["counts"] and sum(per_type) == len(events)
    labels = [t["key"] for t in payload["types"]]
    assert dict(zip(labels, per_type, strict=True)) == events["event_type"].value_counts().to_dict()
    assert len(json.dumps(payload)) < 1_000_000


def test_cells_grow_coarser_until_there_are_few_enough(events, monkeypatch) -> None:
    monkeypatch.setattr(cells, "MAX_CELLS", 50)
    got = cell_payload(events, cell_degrees(14))
    assert len(got["cells"]["x"]) <= 50 and got["cells"]["s"] > cell_degrees(14)
    assert sum(got["counts"]) == len(events)


def test_a_capped_layer_stays_a_few_megabytes_with_the_longest_popup_text(events) -> None:
    many = events.head(cells.MAP_MAX_EVENTS + 1).copy()
    many["summary"] = "x" * 5_000  # popups cut it at SUMMARY_CHARS
    scope = map_scope(many, View(start=date(2023, 10, 1), end=date(2025, 12, 31)), 6, None)
    assert scope.kind == "cells"
    payload = event_payload(scope.events.head(cells.MAP_MAX_EVENTS), View(), None)
    assert len(json.dumps(payload)) < 4_000_000  # the most the layer carries one by one


# A day step of the time bar over the cap: the layer holds an aligned span of days around the window (the
# browser applies the window itself, js/timefilter.js), so a step inside the span finds the very same events
# and Streamlit resends a reference to the layer instead of the layer (issue 13).
BOUNDS = (35.0, 32.0, 37.0, 34.0)


def _stepped(days: int) -> View:
    from datetime import timedelta

    return WINDOW.with_(start=WINDOW.start + timedelta(days=days), end=WINDOW.end + timedelta(days=days))


def test_over_the_cap_the_layer_holds_an_aligned_span_covering_the_window(events) -> None:
    scope = map_scope(events, WINDOW, 9, BOUNDS, cap=5_000)
    assert scope.kind == "window" and scope.span is not None
    first, last = scope.span
    assert first <= WINDOW.start and last >= WINDOW.end and (last - first).days < 2 * 30
    in_span = apply_view(events, View(start=first, end=last, bbox=(34.0, 31.0, 38.0, 35.0)))
    assert set(scope.events["id"]) == set(in_span["id"])  # exactly the span's events in the padded view
    in_window = apply_view(events, WINDOW.with_(bbox=(34.0, 31.0, 38.0, 35.0)))
    assert set(in_window["id"]) < set(scope.events["id"])  # the window's are all there (and a few more)


def test_day_steps_inside_the_span_keep_the_same_events_and_a_step_past_it_moves_it(events) -> None:
    first = map_scope(events, WINDOW, 9, BOUNDS, cap=5_000)
    spans = [map_scope(events, _stepped(d), 9, BOUNDS, cap=5_000).span for d in range(1, 40)]
    kept = [d for d, span in enumerate(spans, 1) if span == first.span]
    assert len(kept) >= 3  # most day steps stay inside the span
    assert kept == list(range(1, len(kept) + 1))  # ... the first ones, in a row
    moved = map_scope(events, _stepped(len(kept) + 1), 9, BOUNDS, cap=5_000)
    assert moved.span != first.span and moved.span[0] > first.span[0]
    assert moved.span[0] <= _stepped(len(kept) + 1).start and moved.span[1] >= _stepped(len(kept) + 1).end
    again = map_scope(events, _stepped(1), 9, BOUNDS, cap=5_000)
    assert again.events.index.equals(first.events.index)  # the same rows, so the same layer content


def test_a_span_too_large_for_the_cap_falls_back_to_the_exact_window(events) -> None:
    window = map_scope(events, WINDOW, 9, BOUNDS, cap=len(events) - 1)
    exact = apply_view(events, WINDOW.with_(bbox=(34.0, 31.0, 38.0, 35.0)))
    cap = len(exact)  # the window fits exactly, its span does not
    scope = map_scope(events, WINDOW, 9, BOUNDS, cap=cap)
    assert len(window.events) > cap
    assert scope.kind == "window" and scope.span == (WINDOW.start, WINDOW.end)
    assert set(scope.events["id"]) == set(exact["id"])


def test_the_windowed_note_does_not_count_the_span_as_the_window(events) -> None:
    scope = map_scope(events, WINDOW, 9, BOUNDS, cap=5_000)
    assert f"{len(scope.events):,}" not in scope.note and "time bar" in scope.note


def test_an_open_ended_window_is_held_as_it_is_and_keyed_by_its_days(events) -> None:
    since = View(start=date(2025, 6, 1))
    scope = map_scope(events, since, 9, BOUNDS, cap=5_000)
    later = map_scope(events, View(start=date(2025, 6, 2)), 9, BOUNDS, cap=5_000)
    assert scope.kind == later.kind == "window"
    assert scope.span == (date(2025, 6, 1), None) and later.span == (date(2025, 6, 2), None)
    in_view = apply_view(events, since.with_(bbox=(34.0, 31.0, 38.0, 35.0)))
    assert set(scope.events["id"]) == set(in_view["id"])
