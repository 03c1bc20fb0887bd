"""A store whose extent is stretched by a year-precision event opens on its latest precise month."""

from __future__ import annotations

from datetime import date

import pandas as pd

from sitmap.ui.map.timewindow import axis_range, latest_precise_day
from sitmap.ui.state import DataFacts, default_window


def _events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "start": pd.to_datetime(["2025-01-01", "2025-02-20", "2025-03-04"]),
            "end": pd.to_datetime(["2025-12-31", "2025-02-20", "2025-03-04"]),
            "time_precision": ["year", "day", "day"],
        }
    )


def test_the_default_window_ends_on_the_latest_precise_event() -> None:
    ev = _events()
    facts = DataFacts(extent=(date(2025, 1, 1), date(2025, 12, 31)), ids=frozenset(), options={})
    latest = latest_precise_day(ev["start"], ev["end"], ev["time_precision"])
    assert latest == date(2025, 3, 4)
    assert default_window(facts, 10_000, latest) == (date(2025, 2, 3), date(2025, 3, 4))


def test_the_axis_leaves_year_precision_events_out() -> None:
    ev = _events()
    assert axis_range(ev["start"], ev["end"], ev["time_precision"]) == (date(2025, 2, 20), date(2025, 3, 4))
    only_year = ev.iloc[:1]
    assert axis_range(only_year["start"], only_year["end"], only_year["time_precision"]) == (
        date(2025, 1, 1),
        date(2025, 12, 31),
    )
