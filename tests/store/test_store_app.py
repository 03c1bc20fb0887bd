"""The map page with odd entries in the store: it still shows every good event and lists the problems."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def test_map_page_survives_odd_entries(tmp_path, monkeypatch):
    events = tmp_path / "events"
    shutil.copytree(ROOT / "events", events)
    (events / "broken.geojson").symlink_to(events / "missing.geojson")
    (events / "folder.geojson").mkdir()
    os.mkfifo(events / "pipe.geojson")
    old = json.loads((events / "iran-update-2025-03-04.geojson").read_text())["features"][0]
    old = {**old, "id": "old-1", "properties": {**old["properties"], "date": "1677-09-22"}}
    (events / "old.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [old]}))
    monkeypatch.setenv("SITMAP_EVENTS", str(events))
    monkeypatch.setenv("SITMAP_GEODATA", str(ROOT / "geodata"))

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    # every bundled event (the list is the page's last table; the feed comes first)
    assert len(at.dataframe[-1].value["id"]) == 10
    listed = "\n".join(c.value for c in at.code)
    for name, message in [
        ("broken.geojson", "broken symbolic link"),
        ("folder.geojson", "not a regular file (a directory)"),
        ("pipe.geojson", "not a regular file (a FIFO"),
        ("old.geojson", "before 1678"),
    ]:
        assert name in listed and message in listed, (name, listed)
