"""GeoPackage exports read back by GDAL (pyogrio, and `ogrinfo` for the bundled store) hold, per id, what
the store holds: every text, the list columns as JSON, the geometry, the period."""

from __future__ import annotations

import json
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from roundtrip import LIST_FIELDS, TEXT_FIELDS, store_records
from strategies import event_batches, store_events
from tools import needs_tool

from sitmap.exports import formats as exports
from sitmap.view import View, apply_view

needs_ogrinfo = needs_tool("ogrinfo", "apt-get install gdal-bin")  # GDAL's own reader

ROOT = Path(__file__).resolve().parents[2]


def _read_back(path: Path) -> dict[str, dict]:
    frame = pyogrio.read_dataframe(path, layer="events")
    out = {}
    for _, row in frame.iterrows():
        record = {name: (row[name] if isinstance(row[name], str) else None) for name in TEXT_FIELDS}
        for name in LIST_FIELDS:
            record[name] = json.loads(row[name]) if isinstance(row[name], str) else []
        unc = row["uncertainty_m"]
        record["uncertainty_m"] = None if pd.isna(unc) else float(unc)
        record["geometry"] = row.geometry
        record["start"], record["end"] = pd.Timestamp(row["start"]), pd.Timestamp(row["end"])
        out[row["id"]] = record
    return out


def assert_same_as_store(events, path: Path) -> None:
    got = _read_back(path)
    want = store_records(events)
    assert set(got) == set(want)
    by_id = events.set_index("id")
    for event_id, record in want.items():
        back = got[event_id]
        for name in (*TEXT_FIELDS, *LIST_FIELDS, "uncertainty_m"):
            assert back[name] == record[name], (event_id, name)
        if record["geometry"] is None:
            assert back["geometry"] is None, event_id
        else:
            assert back["geometry"].equals_exact(record["geometry"], 0), event_id
        assert back["start"] == by_id.loc[event_id, "start"] and back["end"] == by_id.loc[event_id, "end"]


@pytest.mark.parametrize("view", [View(), View(event_types=("raid", "strike")), View(start=date(2024, 9, 1))])
def test_gpkg_of_a_view_matches_the_store_by_id(bundled_store, view, tmp_path):
    # apply_view sorts by date, so the frame's index is no longer 0..n-1: the case that scrambled lists.
    shown = apply_view(bundled_store.events, view)
    assert len(shown)
    path = exports.write_export(shown, "gpkg", tmp_path / "view.gpkg")
    assert_same_as_store(shown, path)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(features=event_batches(), data=st.data())
def test_gpkg_round_trips_generated_events_in_any_row_order(features, data):
    events = store_events(features)
    order = data.draw(st.permutations(list(events.index)))
    keep = data.draw(st.integers(1, len(order)))
    shown = events.loc[order[:keep]]
    with tempfile.TemporaryDirectory() as tmp:
        path = exports.write_export(shown, "gpkg", Path(tmp) / "e.gpkg")
        assert_same_as_store(shown, path)


@needs_ogrinfo
def test_ogrinfo_reads_each_events_own_actors(bundled_store, tmp_path):
    shown = apply_view(bundled_store.events, View())
    path = exports.write_export(shown, "gpkg", tmp_path / "all.gpkg")
    run = subprocess.run(
        ["ogrinfo", "-ro", "-q", str(path), "-sql", "select id, actors, tags from events"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Warning" not in run.stderr  # GeoPackage 1.2: the gdal-bin 3.6 here reads it without a warning
    out = run.stdout
    got: dict[str, dict] = {}
    for block in out.split("OGRFeature(SELECT)")[1:]:
        fields = dict(
            line.strip().split(" = ", 1) for line in block.splitlines() if " = " in line and "(" in line
        )
        got[fields["id (String)"]] = fields
    want = store_records(shown)
    assert set(got) == set(want)
    for event_id, record in want.items():
        assert json.loads(got[event_id]["actors (String)"]) == record["actors"], event_id
        assert json.loads(got[event_id]["tags (String)"]) == record["tags"], event_id


def test_gpkg_never_cuts_text_at_a_control_character(bundled_store, tmp_path):
    # The validator now refuses NUL and ESC, but frames built elsewhere (ingest, ACLED) reach exports too.
    events = bundled_store.events.copy()
    events.loc[0, "summary"] = "before\x00after \x1b[31m red"
    events.loc[0, "location"] = "Tell\x00al Mal"
    path = exports.write_export(events, "gpkg", tmp_path / "c.gpkg")
    back = pyogrio.read_dataframe(path).set_index("id").loc[events.loc[0, "id"]]
    assert back["summary"] == "before\u2400after \u241b[31m red"
    assert back["location"] == "Tell\u2400al Mal"
