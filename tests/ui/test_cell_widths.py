"""The event list's and the feed's columns are as wide as their longest text on the page (the grid sized
them from a sample, so "Airstrike · lebanon-border site 401" or a "2023-11 → 2024-12" span was cut at
1440 and 1920 px); only the free text (the summary) runs past its column."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from sitmap.ui.map import event_list, feed
from sitmap.ui.map.cell_widths import CAP_PX, CHAR_PX, fitted_widths

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic import synthetic_events  # noqa: E402


def _needed(frame: pd.DataFrame, column: str) -> float:
    longest = max([len(str(v)) for v in frame[column]] + [len(column)])
    return min(CAP_PX, longest * CHAR_PX)  # a place longer than the cap runs past it, as the summary does


@pytest.fixture(scope="module")
def events():
    events = synthetic_events(300)
    events.loc[events.index[5], "location"] = "lebanon-border site 401, north of the Litani"
    return events


def test_every_short_column_of_the_list_fits_its_longest_text(events):
    frame = event_list.table(events.iloc[:50], selected=None)
    widths = fitted_widths(frame, skip=event_list.FREE_TEXT)
    for column in frame.columns:
        if column in event_list.FREE_TEXT:
            assert column not in widths  # the summary takes what is left, and may run past
            continue
        assert widths[column] >= _needed(frame, column), column


def test_the_feeds_when_column_fits_and_leaves_the_event_most_of_the_side_column(events):
    table = feed.text_rows(events.iloc[:20]).drop(columns=["id", "geometry"])
    widths = fitted_widths(table, skip=("Event",))
    assert set(widths) == {"When"} and widths["When"] >= _needed(table, "When")
    assert widths["When"] + feed.FEED_EVENT_MIN_PX + 32 <= 344  # the side column at 1440 px; selection: 32


def test_a_column_never_grows_past_the_cap():
    frame = pd.DataFrame({"Place": ["x" * 500]})
    assert fitted_widths(frame, skip=(), cap=320)["Place"] == 320


class _Shown:
    """What the list and the feed ask of the shown events: their count, a page, the newest."""

    def __init__(self, events):
        self.events = events

    def __len__(self) -> int:
        return len(self.events)

    def rows(self, start: int, n: int):
        return self.events.iloc[start : start + n]

    def newest(self, n: int):
        return self.events.iloc[:n]


@pytest.mark.parametrize("module", [event_list, feed])
def test_the_grids_are_given_those_widths(module, events, monkeypatch):
    import streamlit as st

    calls = []
    monkeypatch.setattr(st, "dataframe", lambda data, **kw: calls.append((data, kw)))
    module.render(_Shown(events), None) if module is event_list else module.render(_Shown(events))
    ((data, kw),) = calls
    config = kw["column_config"]
    for column in data.columns:
        if column in ("Summary", "id") or (module is feed and column == "Event"):  # free text: the rest
            continue
        width = config[column]["width"] if isinstance(config[column], dict) else None
        assert isinstance(width, int) and width >= min(CAP_PX, _needed(data, column)), column
