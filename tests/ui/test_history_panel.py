"""The selected event's history in the map page's side column: who, when, what changed (escaped)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from streamlit.testing.v1 import AppTest

from sitmap.settings import load_settings
from sitmap.store.embedded import EmbeddedStore
from sitmap.store.history import changed_fields, describe
from sitmap.store.interface import HistoryEntry

ROOT = Path(__file__).resolve().parents[2]
TELL = "syr-2025-03-03-tell-al-mal-raid"


def test_changed_fields_names_what_an_edit_changed() -> None:
    old = {"geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"summary": "a", "tags": []}}
    new = {"geometry": {"type": "Point", "coordinates": [1, 3]}, "properties": {"summary": "b", "tags": []}}
    assert changed_fields(old, new) == ["summary", "geometry"]
    assert changed_fields(None, new) == ["summary", "tags", "geometry"]
    entry = HistoryEntry(datetime(2026, 1, 2, 3, 4, tzinfo=UTC), "", "update", "", old, new)
    assert describe(entry) == ("2026-01-02 03:04 UTC", "unknown", "update", "", ["summary", "geometry"])


def test_the_panel_lists_an_edit_with_its_author(tmp_path, monkeypatch) -> None:
    events = tmp_path / "events"
    shutil.copytree(ROOT / "events", events)
    store = EmbeddedStore(events, settings=load_settings(env={}))
    feature, version = store.get(TELL)
    feature["properties"]["summary"] = "Corrected after a second source."
    store.save(feature, version, user="alice *admin*", why="second source [link](javascript:x)")
    monkeypatch.setenv("SITMAP_EVENTS", str(events))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["selected"] = TELL
    at.run()
    assert not at.exception, at.exception
    panel = next(e for e in at.expander if e.label == "History (1 change)")
    text = panel.markdown[0].value
    assert "alice \\*admin\\*" in text and "summary" in text
    assert "](javascript" not in text  # the reason is escaped, never a link
