"""The scale bar's and north arrow's corners hold no event label: a label drawn there was half hidden under
the scale bar's white box (a Red Sea snapshot at 5,000 events: "red-sea site 419 / 10 Feb 2024")."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from matplotlib.text import Text

from sitmap.snapshot.render import _corner_boxes, build_snapshot
from sitmap.store.load import load_store
from sitmap.view import View

ROOT = Path(__file__).resolve().parents[2]
BBOX = (35.0, 32.0, 37.0, 34.0)


def _corner_events():
    """Two bundled events moved beside the frame's lower-left and upper-right corners (the frame is widened to
    about 34.6-37.4° E, 32-34° N: the scale bar's corner ends near 35.6° E and 32.26° N, the north arrow's
    starts near 37.1° E and 33.67° N), named so their labels can be found."""
    events = load_store(ROOT / "events").events
    pinned = events.geometry.notna() & events["geo_precision"].isin(["exact", "near"])
    located = events[pinned].head(2).copy()
    located["location"] = ["Scalebar Corner", "Northarrow Corner"]
    located["geometry"] = [shapely.Point(35.0, 32.22), shapely.Point(37.03, 33.72)]
    return located


@pytest.mark.parametrize("dpi", [60, 150])
def test_no_event_label_under_the_scale_bar_or_the_north_arrow(reference, dpi):
    events = _corner_events()
    snap = build_snapshot(events, reference, View(bbox=BBOX), title="T", dpi=dpi, size_in=(8.0, 6.0))
    renderer = snap.figure.canvas.get_renderer()
    labels = [
        t for t in snap.map_ax.findobj(Text) if "Corner" in t.get_text() and t.get_visible() and t.figure
    ]
    corners = _corner_boxes(snap.map_ax)
    for label in labels:
        box = label.get_window_extent(renderer)
        assert not any(box.overlaps(c) for c in corners), (label.get_text(), box, corners)
    # The event beside the scale bar still carries its label, placed on another side of its marker.
    assert "Scalebar Corner" in {t.get_text().split("\n")[0] for t in labels}
