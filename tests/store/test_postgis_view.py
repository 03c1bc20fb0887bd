"""The map page's questions answered in SQL (sitmap.store.postgis_view) give what the whole frame gives: the
facts and filter choices, the map layer's scope (events or counts per cell, capped), the header's count and
the time bar's per-day counts; on the same events, including odd ones (areas, year-precision, no actors)."""

from __future__ import annotations

import json
import os
from datetime import date

import pandas as pd
import pytest

from benchmarks.store_scale import TODAY, features_of
from sitmap.store.postgis import PostgisStore
from sitmap.store.postgis_view import (
    PostgisSource,
    any_within,
    bounds,
    count,
    day_counts,
    facts,
    report_events,
    rows,
)
from sitmap.ui.map.shown import FrameShown
from sitmap.ui.map.timebar_component import timebar_data, timebar_payload
from sitmap.ui.map.timewindow import latest_precise_day
from sitmap.view import View, apply_view, data_extent, options
from sitmap.webmap import cells
from sitmap.webmap.cells import grid_counts, map_scope, scope_of
from sitmap.webmap.events import event_payload

N = 3_000
CAP = 400
BOUNDS = (35.0, 32.0, 37.0, 34.0)


def _odd() -> list[tuple[dict, str]]:
    base = {"time_precision": "day", "event_type": "raid", "geo_precision": "exact"}
    base["claim_status"] = "reported"
    area = [[[35.1, 33.0], [35.6, 33.0], [35.6, 33.4], [35.1, 33.4], [35.1, 33.0]]]
    rows = [
        ("odd-area", {"type": "Polygon", "coordinates": area}, {**base, "date": "2024-06-10"}),
        ("odd-year", {"type": "Point", "coordinates": [36.0, 33.0]},
         {**base, "date": "2024", "time_precision": "year"}),
        ("odd-none", None, {**base, "date": "2024-06-11", "actors": []}),
        ("odd-accent", {"type": "Point", "coordinates": [35.5, 33.5]},
         {**base, "date": "2024-06-12", "actors": ["Éclair Brigade", "Ünit 9"], "country": "Syria"}),
    ]  # fmt: skip
    props = {"actors": ["X"], "summary": "s"}
    return [
        ({"type": "Feature", "id": i, "geometry": g, "properties": {**props, **p}}, "odd") for i, g, p in rows
    ]


@pytest.fixture(scope="module")
def loaded():
    """A PostGIS store of N synthetic events and a few odd ones (a schema of its own), and the whole frame
    read from it."""
    from tests.store.conftest import postgis_test_url

    url = postgis_test_url("view_" + os.environ.get("PYTEST_XDIST_WORKER", "main"))
    with PostgisStore(url, today=TODAY, init=True) as pg:
        pg.import_features([*features_of(N), *_odd()], user="t", why="seed", source="test")
        yield pg, pg.query(View())


def test_facts_and_filter_choices_from_sql_equal_the_frames(loaded) -> None:
    pg, frame = loaded
    got = facts(pg)
    assert got.options == options(frame) and got.options["actors"]  # every filter's choices, actors too
    assert got.extent == data_extent(frame)
    assert got.latest == latest_precise_day(frame["start"], frame["end"], frame["time_precision"])
    assert got.count == len(frame) == N + 4
    quick = facts(pg, choices=False)  # what the first map asks: index entries only
    assert quick.options == {"event_types": got.options["event_types"]}
    assert (quick.extent, quick.latest, quick.count) == (got.extent, got.latest, got.count)


VIEWS = [
    View(),
    View(start=date(2024, 6, 1), end=date(2024, 6, 30)),
    View(start=date(2024, 6, 1), end=date(2024, 6, 3)),
    View(event_types=("raid", "airstrike")),
    View(start=date(2024, 6, 1), end=date(2024, 6, 30), bbox=(35.0, 32.5, 36.5, 34.0)),
    View(start=date(2024, 6, 1), end=date(2024, 6, 30), actors=("Éclair Brigade",)),  # decided in Python
    View(text="raid"),  # decided in Python
]


@pytest.mark.parametrize("view", VIEWS, ids=range(len(VIEWS)))
@pytest.mark.parametrize(("zoom", "bounds"), [(6, None), (9, BOUNDS), (12, (35.4, 33.4, 35.6, 33.6))])
def test_the_map_layer_from_sql_equals_the_frames(loaded, view, zoom, bounds) -> None:
    pg, frame = loaded
    sql = scope_of(PostgisSource(pg, view), view, zoom, bounds, cap=CAP)
    mem = map_scope(apply_view(frame, view.with_(start=None, end=None)), view, zoom, bounds, cap=CAP)
    assert (sql.kind, sql.span, sql.cell_deg) == (mem.kind, mem.span, mem.cell_deg)
    if sql.kind != "cells":
        assert list(sql.events["id"]) == list(mem.events["id"])
        return
    want, size = grid_counts(mem.events, mem.cell_deg)
    got = sql.counts if sql.counts is not None else cells.GridCounts(*grid_counts(sql.events, sql.cell_deg))
    assert got.size == size
    keys = ["cx", "cy", "type"]
    got_rows, want_rows = got.counts.sort_values(keys).reset_index(drop=True), want.sort_values(keys)
    assert got_rows[[*keys, "n"]].values.tolist() == want_rows[[*keys, "n"]].values.tolist()
    assert (got_rows["x"] - want_rows["x"].to_numpy()).abs().max() < 1e-9
    assert sql.note == mem.note


def test_counts_per_cell_from_sql_are_capped_and_add_up(loaded, monkeypatch) -> None:
    pg, frame = loaded
    monkeypatch.setattr(cells, "MAX_CELLS", 20)
    scope = scope_of(PostgisSource(pg, View()), View(), 14, None, cap=CAP)
    assert scope.kind == "cells" and scope.counts is not None and len(scope.events) == 0
    payload = event_payload(scope.events, View(), None, cell_deg=scope.cells, note=scope.note)
    assert len(payload["cells"]["x"]) <= 20 and payload["cells"]["s"] > cells.cell_degrees(14)
    located = frame[frame.geometry.notna()]
    assert sum(payload["counts"]) == scope.counts.total == len(located)
    assert len(json.dumps(payload)) < 50_000  # the whole period of the store in a few kB


@pytest.mark.parametrize("view", VIEWS, ids=range(len(VIEWS)))
def test_the_header_count_and_the_time_bar_from_sql_equal_the_frames(loaded, view) -> None:
    pg, frame = loaded
    assert count(pg, view) == len(apply_view(frame, view))
    all_times = apply_view(frame, view.with_(start=None, end=None))
    extent = data_extent(frame)
    assert extent is not None
    counted = day_counts(pg, view)
    if counted is None:  # actors or text: SQL does not decide them, the caller counts the events
        assert view.actors or view.text
        return
    got = timebar_payload(counted.per_day, counted.axis, counted.outliers, extent, "window")
    assert got == timebar_data(all_times, extent, "window")


# --- what the panels ask (sitmap.ui.map.shown): the same answers from SQL as from the frame -------------


@pytest.mark.parametrize("view", VIEWS)
def test_the_panels_rows_from_sql_equal_the_frames(loaded, view) -> None:
    pg, frame = loaded
    shown = FrameShown(frame, view)
    # pages across the edge between the events begun before the window and the rest (`_page_ids`)
    earlier = int((shown.every()["start"] < pd.Timestamp(view.start)).sum()) if view.start else 0
    assert earlier > 3 or view != VIEWS[1]  # the month: events begun before it are on its first page
    edges = ((max(0, earlier - 3), 10), (earlier, 5))
    for offset, limit in ((0, 50), (len(shown) // 2, 50), (len(shown) - 3, 50), (len(shown) + 5, 10), *edges):
        want = shown.rows(offset, limit)  # a page of the list
        got = rows(pg, view, newest=False, offset=offset, limit=limit)
        assert list(got["id"]) == list(want["id"])
    want = shown.newest(60)  # the feed
    got = rows(pg, view, newest=True, offset=0, limit=60)
    assert list(got["id"]) == list(want["id"])
    assert bounds(pg, view) == pytest.approx(shown.bounds())
    for box in (BOUNDS, (35.2, 33.1, 35.3, 33.2), (10.0, 10.0, 11.0, 11.0)):
        assert any_within(pg, view, box) == shown.any_within(box)
    assert count(pg, view, limit=7) == min(7, len(shown))
    looser = view.with_(event_types=())
    assert count(pg, looser) == shown.count_of(looser)  # a loosened filter's count


def test_the_report_panels_events_from_sql_are_the_reports_and_the_selected(pg) -> None:
    features = [(f, "r") for f, _ in features_of(40)]  # a few in report "r1", a few in "r2", the rest in none
    for i, (f, _) in enumerate(features[:12]):
        f["properties"]["report"] = {"id": "r1" if i % 2 else "r2", "paragraph": "p1"}
    pg.import_features(features, user="t", why="seed", source="test")
    frame = pg.query(View())
    mine = frame[frame["report_id"] == "r1"]
    other = frame[frame["report_id"].isna()]["id"].iloc[0]
    got = report_events(pg, "r1", other)
    assert list(got["id"]) == list(frame[frame["id"].isin([*mine["id"], other])]["id"])
    by_selected = report_events(pg, None, mine["id"].iloc[-1])  # the selected event's report
    assert list(by_selected["id"]) == list(mine["id"])
    assert list(report_events(pg, None, other)["id"]) == [other]  # no report: itself alone
    assert len(report_events(pg, None, None)) == 0
