"""Snapshot files: written atomically (a failed render leaves the previous file), and the sources line
neither crashes on odd source values nor pushes the map off a page when a view cites ~100 sources."""

from __future__ import annotations

import io

import pytest
from matplotlib.figure import Figure
from PIL import Image

from sitmap.snapshot.render import build_snapshot, render_snapshot, snapshot_bytes
from sitmap.view import View


def _many_sources(events, per_event: int = 10):
    events = events.copy()
    events["sources"] = [
        [
            {
                "publisher": f"Publisher number {i}-{j}",
                "title": f"A rather long report title about events {i} {j}",
                "date": "2025-03-01",
                "url": f"https://example.org/{i}/{j}",
            }
            for i in range(per_event)
        ]
        for j in range(len(events))
    ]
    return events


def test_a_hundred_sources_keep_the_map_on_the_page(bundled_store, reference):
    events = _many_sources(bundled_store.events)
    snap = build_snapshot(events, reference, View(), title="Sources", dpi=40, size_in=(8, 6))
    # The map keeps at least half the page height; the sources line says how many it could not list.
    assert snap.map_ax.get_position().height > 0.5
    assert "more sources not listed" in snap.texts["sources"]
    png = snapshot_bytes(events, reference, View(), "png", title="Sources", dpi=40, size_in=(8, 6))
    assert Image.open(io.BytesIO(png)).size == (320, 240)


def test_non_text_source_values_do_not_crash_the_snapshot(bundled_store):
    events = bundled_store.events.copy()
    events.at[0, "sources"] = [{"publisher": 7, "title": ["a", "list"], "date": None}, "not a dict"]
    snap = build_snapshot(events, None, View(), title="Odd", dpi=40)
    assert "7" in snap.texts["sources"]


def test_a_failed_render_leaves_the_previous_file_intact(bundled_store, tmp_path, monkeypatch):
    out = tmp_path / "map.png"
    render_snapshot(bundled_store.events, None, View(), out, title="First", dpi=30)
    before = out.read_bytes()

    def broken_savefig(self, target, *args, **kwargs):
        data = b"half a PNG"
        if hasattr(target, "write"):
            target.write(data)
        else:
            open(target, "wb").write(data)  # noqa: SIM115 - a writer that dies half way
        raise OSError("disk full")

    monkeypatch.setattr(Figure, "savefig", broken_savefig)
    with pytest.raises(OSError, match="disk full"):
        render_snapshot(bundled_store.events, None, View(), out, title="Second", dpi=30)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]  # no temp file left behind
