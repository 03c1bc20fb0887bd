"""The list's and feed's "When" text (sitmap.ui.map.event_list.when_column): the same text strftime wrote per
event, now made in one vectorised pass per rerun (issue 13: strftime per value was ~half the list's table)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sitmap.ui.map import event_list, feed
from sitmap.ui.map.event_list import when_column

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic import synthetic_events  # noqa: E402

_FORMATS = {"day": "%Y-%m-%d", "week": "wk %Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def _strftime_reference(events: pd.DataFrame) -> pd.Series:
    """The rule as it was written: strftime per precision, ' → ' and the end's date when date_end is set."""
    out = pd.Series("", index=events.index, dtype=object)
    for precision, fmt in _FORMATS.items():
        mask = events["time_precision"] == precision
        if mask.any():
            out[mask] = events.loc[mask, "start"].dt.strftime(fmt)
            has_end = mask & events["date_end"].notna() & (events["date_end"] != "")
            if has_end.any():
                out[has_end] = (
                    out[has_end] + " → " + events.loc[has_end, "end"].dt.strftime(fmt.replace("wk ", ""))
                )
    return out


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    ev = synthetic_events(3_000).reset_index(drop=True)
    ev.loc[::7, "date_end"] = ev.loc[::7, "date"]
    ev.loc[::11, "date_end"] = ""
    ev.loc[3, "time_precision"] = "fortnight"  # not a precision: no text, as before
    ev.loc[::13, "end"] = pd.NaT
    ev.loc[5, "start"] = pd.NaT
    return ev


def test_when_text_is_strftimes_for_every_precision_and_span(events):
    got, want = when_column(events), _strftime_reference(events)
    assert set(events["time_precision"]) >= set(_FORMATS)
    same = (got == want) | (got.isna() & want.isna())
    assert same.all(), pd.DataFrame({"got": got[~same], "want": want[~same]}).head()
    assert got.index.equals(events.index)


def test_when_text_of_no_events_is_empty():
    assert when_column(synthetic_events(5).iloc[:0]).empty


def test_when_text_is_one_vectorised_pass_not_strftime_per_event(events, monkeypatch):
    def per_value(*_args, **_kwargs):
        raise AssertionError("strftime formats value by value in Python")

    monkeypatch.setattr(pd.core.indexes.accessors.DatetimeProperties, "strftime", per_value)
    assert len(when_column(events)) == len(events)
    assert len(event_list.table(events.iloc[:500], None)) == 500
    assert len(feed.rows(events)) == feed.FEED_ROWS


def test_feed_rows_carry_their_geometry_so_the_feed_never_searches_the_shown_events(events):
    """The feed's row picks fly to the row's geometry; the rows bring it (an `isin` over every shown event,
    then a mask over the frame's every column, was the feed's cost at 10k)."""
    got = feed.rows(events)
    by_id = events.set_index("id").geometry
    assert [g.equals(by_id[i]) for i, g in zip(got["id"], got["geometry"], strict=True)] == [True] * len(got)
    assert np.all(got["geometry"].notna())
