"""A word longer than its line (a URL, a pasted token) is cut, never left running off the page (issue 13)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from matplotlib.transforms import Bbox

from sitmap.snapshot.render import build_snapshot
from sitmap.snapshot.text import text_width_pt, wrap
from sitmap.view import View

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import synthetic_events  # noqa: E402

SLACK_PX = 1.0  # antialiasing


def _inside(inner: Bbox, outer: Bbox) -> bool:
    return (
        inner.x0 >= outer.x0 - SLACK_PX
        and inner.y0 >= outer.y0 - SLACK_PX
        and inner.x1 <= outer.x1 + SLACK_PX
        and inner.y1 <= outer.y1 + SLACK_PX
    )


@pytest.mark.parametrize(
    "text",
    [
        "Sources: https://www.example.org/" + "a" * 200 + "/index.html; and more",
        "x" * 200,
        "short " + "ب" * 150 + " words after",
    ],
)
def test_wrap_cuts_a_word_longer_than_the_line_and_keeps_every_character(text):
    width_in, size = 2.0, 6.5
    wrapped = wrap(text, width_in, size)
    for line in wrapped.split("\n"):
        assert text_width_pt(line, size) <= width_in * 72 + 0.01, line
    assert wrapped.replace("\n", "").replace(" ", "") == text.replace(" ", "")


def test_a_long_url_in_a_source_stays_on_the_page(reference):
    events = synthetic_events(20)
    url = "https://www.example.org/news/" + "-".join(["very-long-slug"] * 14) + "?utm_source=feed"
    events["sources"] = [[{"title": url, "publisher": "X", "date": "2025-03-04"}]] * len(events)
    from sitmap.view import View

    snap = build_snapshot(events, reference, View(), title="T", dpi=100, size_in=(6, 5))
    renderer = snap.figure.canvas.get_renderer()
    footer = [t for t in snap.figure.texts if t.get_text().startswith("Sources:")]
    assert footer and url[:20] in footer[0].get_text()
    assert _inside(footer[0].get_window_extent(renderer), snap.figure.bbox)


def test_a_long_title_shrinks_then_ends_in_an_ellipsis_within_the_page(reference):
    events = synthetic_events(20)
    title = "Situation in southern Syria, the Golan and the Lebanon border: " + "reported activity " * 8
    snap = build_snapshot(events, reference, View(), title=title, dpi=100, size_in=(9, 6.5))
    renderer = snap.figure.canvas.get_renderer()
    drawn = [t for t in snap.figure.texts if t.get_text().startswith("Situation in southern Syria")]
    assert len(drawn) == 1
    assert _inside(drawn[0].get_window_extent(renderer), snap.figure.bbox)
    assert drawn[0].get_text().endswith("…") and drawn[0].get_fontsize() < 15
    assert snap.texts["title"] == title  # the file's metadata keeps it whole
