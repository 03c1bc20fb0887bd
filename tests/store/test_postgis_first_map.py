"""On PostGIS, a browser's first run of the map page (header, time bar, map) asks the database only for what
it shows: it never reads the whole events table (`FrameFollower.frame`, or a COPY of every row); the rest of
the page reads it in the next run, once the map has drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from benchmarks.store_scale import features_of
from sitmap.store import postgis, postgis_follow
from sitmap.ui import state

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app_on_postgis(pg, pg_url, tmp_path, monkeypatch):
    pg.import_features(features_of(12_000), user="t", why="seed", source="test")  # over the layer's cap
    (tmp_path / "events").mkdir()
    monkeypatch.setenv("SITMAP_EVENTS", str(tmp_path / "events"))
    monkeypatch.setenv("SITMAP_GEODATA", str(ROOT / "geodata"))
    monkeypatch.setenv("SITMAP_DATABASE_URL", pg_url)
    monkeypatch.setenv("SITMAP_LIVE_SECONDS", "0")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield pg
    st.cache_resource.clear()
    st.cache_data.clear()


def test_the_first_map_never_reads_the_whole_table(app_on_postgis, monkeypatch) -> None:
    whole: list[str] = []
    monkeypatch.setattr(state, "secondary_ready", lambda: False)  # a browser's first run (AppTest has none)
    monkeypatch.setattr(postgis_follow.FrameFollower, "frame", lambda self, key=None: whole.append("frame"))
    real_copy = postgis.copy_frame

    def copy(conn, where, params, order):  # every row the SQL selects, in bulk: never the whole table
        if where.strip() == "TRUE":
            whole.append(where)
        return real_copy(conn, where, params, order)

    monkeypatch.setattr(postgis, "copy_frame", copy)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert whole == []
    header = next(m.value for m in at.markdown if "events ·" in m.value)
    in_window = app_on_postgis.query(_default_view(at))
    assert f"{len(in_window)} of 12000 events" in header


def _default_view(at: AppTest):
    from datetime import date

    from sitmap.view import View

    start, end = at.session_state[state.K_WINDOW]
    assert isinstance(start, date) and (end - start).days < 40  # a large store opens on its latest month
    return View(start=start, end=end)
