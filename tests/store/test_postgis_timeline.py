"""The detailed timeline on PostGIS: its per-day counts and spans from SQL (`postgis_view.timeline_counts`),
the same records as the frame's (`timeline.records`), the span groups capped alike; offered on the map page
of a database store without reading the whole table."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks.store_scale import features_of
from sitmap.ui import state
from sitmap.ui.map import timeline
from sitmap.view import View

from .test_postgis_first_map import ROOT, _watch_whole_reads
from .test_postgis_first_map import app_on_postgis as app_on_postgis  # noqa: F401 (a fixture)


@pytest.mark.parametrize("view", [View(), View(event_types=("raid", "airstrike"))])
def test_sql_counts_give_the_frames_timeline(pg, view) -> None:
    from sitmap.store.postgis_view import timeline_counts

    pg.import_features(features_of(3_000), user="t", why="seed", source="test")
    counted = timeline_counts(pg, view, timeline.MAX_SPAN_GROUPS)
    assert counted is not None
    days, spans = timeline.counted_records(*counted)
    want_days, want_spans = timeline.records(pg.query(view))
    assert len(want_days) > 100 and len(want_spans) > 10  # both charts have something to compare
    assert days == want_days
    assert spans == want_spans


def test_the_span_groups_are_capped_alike(pg, monkeypatch) -> None:
    from sitmap.store.postgis_view import timeline_counts

    pg.import_features(features_of(3_000), user="t", why="seed", source="test")
    monkeypatch.setattr(timeline, "MAX_SPAN_GROUPS", 7)
    counted = timeline_counts(pg, View(), 7)
    assert counted is not None
    _days, spans = timeline.counted_records(*counted)
    _want_days, want_spans = timeline.records(pg.query(View()))
    assert len(spans) == 7 and spans == want_spans  # the largest seven, in time order


def test_the_detailed_timeline_is_offered_on_a_database(app_on_postgis, monkeypatch) -> None:
    whole = _watch_whole_reads(monkeypatch)
    monkeypatch.setattr(state, "secondary_ready", lambda: True)  # the map has drawn: the whole page
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert not at.get("vega_lite_chart")  # off by default
    at.toggle(key="w_timeline_detailed").set_value(True).run()
    assert not at.exception, at.exception
    assert len(at.get("vega_lite_chart")) == 2  # the per-day counts and the spans' strip
    assert any("**Timeline**" in m.value for m in at.markdown)
    assert whole == []
