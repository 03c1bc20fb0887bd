"""What a time-bar release resends of the two event tables (issue 13): the list under the map and the side
feed are redrawn on every release, so each must be a page an analyst scans, not every row the window holds.

Measured as the bytes Streamlit itself puts on the wire for each table (its Arrow conversion), at 10k
synthetic events in a 30-day window as `benchmarks/release_messages.py` steps: before, the list's 500-row
page was ~104 KiB and the feed's 60 rows ~14 KiB of the ~139 KiB a release sent."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit import dataframe_util

from sitmap.ui.map import event_list, feed
from sitmap.ui.map.shown import FrameShown
from sitmap.view import View, apply_view

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic import synthetic_events  # noqa: E402

GRID_ROWS = (420 - 38) // 35  # the rows the list's 420 px grid shows at once (`event_list.render`)
FEED_GRID_ROWS = (520 - 38) // 35  # and the feed's 520 px grid


@pytest.fixture(scope="module")
def window() -> object:
    """The 10k store's events in a 30-day window well inside the data (as the benchmark steps it)."""
    events = synthetic_events(10_000)
    end = date(2025, 6, 30)
    view = View(start=end - timedelta(days=29), end=end)
    shown = FrameShown(events, view, apply_view(events, view))
    assert len(shown) > 400  # ~14 events a day: many more than an analyst scans at once
    return shown


def _wire(frame) -> int:
    return len(dataframe_util.convert_pandas_df_to_arrow_bytes(frame))


def test_the_list_page_fills_its_grid_and_no_more_than_a_few_screens(window) -> None:
    rows, page = event_list.page_of(window, 1)
    assert page == 1 and len(rows) == min(event_list.PAGE_ROWS, len(window))
    assert GRID_ROWS <= event_list.PAGE_ROWS <= 5 * GRID_ROWS  # ~11 rows show: a page is a few screens


def test_the_feed_fills_its_grid_and_no_more_than_two_screens(window) -> None:
    got = feed.text_rows(window.newest(feed.FEED_ROWS))  # what `feed.render` draws
    assert FEED_GRID_ROWS <= len(got) <= 2 * FEED_GRID_ROWS


def test_a_release_resends_the_two_tables_in_a_small_budget(window) -> None:
    """Both tables, as sent, in 32 KiB: a table's schema (~2 KiB) and ~300 bytes an event row (its summary is
    half of it), a quarter of what main sent."""
    rows, _ = event_list.page_of(window, 1)
    listed = _wire(event_list.table(rows, selected=None))
    fed = _wire(feed.text_rows(window.newest(feed.FEED_ROWS)).drop(columns=["id", "geometry"]))
    assert listed <= 4096 + 300 * len(rows), listed
    assert listed + fed <= 32 * 1024, (listed, fed)
