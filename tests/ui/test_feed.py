"""The side column's feed (sitmap.ui.map.feed): the newest shown events first, capped, text as text."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from sitmap.ui.map.feed import FEED_ROW_PX, rows

DAYS = st.dates(min_value=pd.Timestamp("2020-01-01").date(), max_value=pd.Timestamp("2026-12-31").date())


def _events(spans: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [f"e{i}" for i in range(len(spans))],
            "start": pd.to_datetime([min(a, b) for a, b in spans]),
            "end": pd.to_datetime([max(a, b) for a, b in spans]),
            "time_precision": "day",
            "date_end": None,
            "event_type": "raid",
            "location": ["<b>Tell</b>" if i % 2 else None for i in range(len(spans))],
            "summary": "s",
        }
    )


@settings(max_examples=40, deadline=None)
@given(spans=st.lists(st.tuples(DAYS, DAYS), min_size=1, max_size=30), limit=st.integers(1, 12))
def test_feed_is_the_newest_events_first_and_capped(spans, limit):
    events = _events(spans)
    got = rows(events, limit)
    assert len(got) == min(limit, len(events))
    starts = events.set_index("id").loc[got["id"], "start"].tolist()
    assert starts == sorted(starts, reverse=True)
    # Nothing newer was left out.
    left_out = events[~events["id"].isin(got["id"])]
    assert left_out.empty or left_out["start"].max() <= min(starts)


def test_feed_rows_read_type_and_place_as_plain_text():
    got = rows(_events([(pd.Timestamp("2025-03-03").date(),) * 2, (pd.Timestamp("2025-03-04").date(),) * 2]))
    assert got["Event"].tolist() == ["Raid · <b>Tell</b> — s", "Raid — s"]  # the grid draws text, never HTML
    assert got["When"].tolist() == ["2025-03-04", "2025-03-03"]


def test_feed_rows_carry_type_place_actors_and_summary_at_the_side_columns_width():
    """The analyst's columns (when, type, place, actor, summary) in the two a 340 px side column holds: the
    event's lines wrap in tall rows (the review saw When and a cut Event only, at 1440 px)."""
    events = _events([(pd.Timestamp("2025-03-03").date(),) * 2, (pd.Timestamp("2025-03-04").date(),) * 2])
    events["actors"] = [["Israel Defense Forces", "Hezbollah"], []]
    events["summary"] = ["Forces raided a former army base.", ""]
    got = rows(events)
    assert list(got.columns[:2]) == ["When", "Event"] and "Summary" not in got.columns
    assert got["Event"].tolist() == [
        "Raid · <b>Tell</b>",  # no actors, no summary: no empty lines
        "Raid — Israel Defense Forces; Hezbollah — Forces raided a former army base.",
    ]
    assert FEED_ROW_PX > 64  # Streamlit wraps a cell's text only in rows taller than 4rem
