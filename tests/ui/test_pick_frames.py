"""Picking an event in the list under the map or in the side feed frames it as a briefing step or a link
does (`selection.event_fly_target`): a country-level event by its country, not zoom 11 on the country's
middle (an empty desert; the same defect a browser review found in briefing mode)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import streamlit as st

from sitmap.reference.layers import load_reference
from sitmap.store.load import load_store
from sitmap.ui import state
from sitmap.ui.keys import FEED_IDS, LIST_IDS
from sitmap.ui.map import event_list, feed

ROOT = Path(__file__).resolve().parents[2]
IRAN_VISIT = "irn-2024-04-russian-experts-visit"  # placed at country level
TELL = "syr-2025-03-03-tell-al-mal-raid"  # near, ± 4 km


@pytest.fixture(scope="module")
def bundled():
    return load_store(ROOT / "events").events, load_reference(ROOT / "geodata")


@pytest.mark.parametrize(("module", "ids_key"), [(event_list, LIST_IDS), (feed, FEED_IDS)])
def test_a_pick_frames_a_vague_event_by_its_area_and_a_precise_one_close(
    bundled, module, ids_key, monkeypatch
):
    events, reference = bundled
    rows = events[events["id"].isin([IRAN_VISIT, TELL])].reset_index(drop=True)
    ids = rows["id"].tolist()
    ss: dict = {ids_key: ids}
    monkeypatch.setattr(st, "session_state", ss)
    zooms = {}
    for i, event_id in enumerate(ids):
        ss["k"] = SimpleNamespace(selection=SimpleNamespace(rows=[i]))
        module._on_pick("k", rows, reference)
        assert ss[state.S_SELECTED] == event_id
        zooms[event_id] = ss[state.S_TARGET][1]
    assert zooms[IRAN_VISIT] <= 6  # Iran, ~2,000 km across, on a ~700 px map
    assert zooms[TELL] >= 10  # a village-scale event keeps the close zoom
