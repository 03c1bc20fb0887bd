"""The legend panel fits its box with many or long rows (issue 13): it shrinks, then leaves rows out and
says how many."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle
from matplotlib.transforms import Bbox

from sitmap.snapshot.render import PANEL_IN, build_snapshot
from sitmap.vocabulary import EVENT_TYPES

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import synthetic_events  # noqa: E402

# Real names are long: actors' full names, Arabic, and what a careless paste leaves (a 200-char token).
LONG_NAMES = (
    "Islamic Revolutionary Guard Corps – Quds Force (IRGC-QF) and affiliated militias",
    "هيئة تحرير الشام (Hay'at Tahrir al-Sham), formerly Jabhat al-Nusra",
    "Syrian Democratic Forces (SDF / QSD) with the People's Protection Units",
    "https://www.example.org/reports/2025/03/04/" + "x" * 160,
    "Kata'ib Hezbollah / Islamic Resistance in Iraq / Harakat Hezbollah al-Nujaba",
)
SLACK_PX = 1.0  # antialiasing


def _inside(inner: Bbox, outer: Bbox) -> bool:
    return (
        inner.x0 >= outer.x0 - SLACK_PX
        and inner.y0 >= outer.y0 - SLACK_PX
        and inner.x1 <= outer.x1 + SLACK_PX
        and inner.y1 <= outer.y1 + SLACK_PX
    )


def _legend_panel(height_in: float) -> tuple[Figure, object]:
    """A figure with a legend panel laid out as the snapshot lays it out (data units are inches)."""
    fig = Figure(figsize=(10, height_in + 2.0), dpi=72)
    FigureCanvasAgg(fig)
    ax = fig.add_axes(
        ((10 - PANEL_IN - 0.1) / 10, 1.0 / (height_in + 2), PANEL_IN / 10, height_in / (height_in + 2))
    )
    ax.set_xlim(0, PANEL_IN)
    ax.set_ylim(0, height_in)
    ax.set_axis_off()
    return fig, ax


def _more(texts: list[str]) -> int:
    found = [int(m.group(1)) for t in texts for m in [re.search(r"… and (\d+) more", t)] if m]
    assert len(found) == 1, texts
    return found[0]


@pytest.mark.parametrize("height_in", [5.0, 2.0, 0.9])
def test_a_legend_of_forty_long_rows_fits_its_panel_and_counts_what_it_left_out(height_in):
    from sitmap.snapshot.legend import LegendEntry, draw_legend

    keys = list(EVENT_TYPES)
    entries = [LegendEntry("header", "Events", {})]
    entries += [
        LegendEntry("marker", f"{LONG_NAMES[i % len(LONG_NAMES)]} #{i}", {"key": keys[i % len(keys)]})
        for i in range(40)
    ]
    notes = ["12 events without a usable location not drawn.", "3 of 40 positions are approximate."]
    fig, ax = _legend_panel(height_in)
    draw_legend(ax, entries, notes)
    renderer = fig.canvas.get_renderer()
    box = ax.bbox
    for artist in [*ax.texts, *ax.patches, *ax.lines]:
        extent = artist.get_window_extent(renderer)
        assert _inside(extent, box), (artist, extent, box)
    assert _inside(ax.get_tightbbox(renderer), fig.bbox)
    # Every marker row drawn has its disc; the rest are counted, exactly.
    discs = [p for p in ax.patches if isinstance(p, Circle)]
    assert len(discs) < 40
    assert _more([t.get_text() for t in ax.texts]) == 40 - len(discs)


def test_a_short_legend_draws_every_row_at_full_size_and_no_count():
    from sitmap.snapshot.legend import LegendEntry, draw_legend

    entries = [LegendEntry("header", "Events", {})]
    entries += [LegendEntry("marker", EVENT_TYPES[k].label, {"key": k}) for k in ("airstrike", "raid")]
    fig, ax = _legend_panel(5.0)
    drawn = draw_legend(ax, entries, ["A note."])
    assert drawn == ["Events", EVENT_TYPES["airstrike"].label, EVENT_TYPES["raid"].label]
    assert not any("more" in t.get_text() for t in ax.texts)
    rows = [t for t in ax.texts if t.get_text() == EVENT_TYPES["raid"].label]
    assert rows and rows[0].get_fontsize() == 7.5


def test_a_crowded_snapshot_on_a_short_page_keeps_its_legend_in_its_panel(reference):
    """Every type, status, precision, overlay, symbol side and counts, on a page 4.5 in high."""
    events = synthetic_events(1500)
    kinds = list(EVENT_TYPES)
    events["event_type"] = [kinds[i % len(kinds)] for i in range(len(events))]
    from sitmap.view import DEFAULT_OVERLAYS, View

    view = View(overlays=(*DEFAULT_OVERLAYS, "symbols", "uncertainty"))
    snap = build_snapshot(events, reference, view, title="T", dpi=50, size_in=(8, 4.5))
    renderer = snap.figure.canvas.get_renderer()
    box = snap.legend_ax.bbox
    for artist in [*snap.legend_ax.texts, *snap.legend_ax.patches, *snap.legend_ax.lines]:
        assert _inside(artist.get_window_extent(renderer), box), artist
    drawn_types = sum(1 for label in snap.legend_labels if label in {t.label for t in EVENT_TYPES.values()})
    assert drawn_types < len(EVENT_TYPES)  # the page cannot hold them all at a legible size
    # The rows left out are counted: at least every type not listed.
    assert _more(snap.legend_labels) >= len(EVENT_TYPES) - drawn_types


def test_an_empty_legend_on_a_tiny_panel_draws_no_count_and_stays_inside():
    from sitmap.snapshot.legend import draw_legend

    fig, ax = _legend_panel(0.3)
    drawn = draw_legend(ax, [], ["No events match this view.", "A second, longer note about the map."])
    renderer = fig.canvas.get_renderer()
    for artist in ax.texts:
        assert _inside(artist.get_window_extent(renderer), ax.bbox), artist
    assert not any("more" in label for label in drawn)
