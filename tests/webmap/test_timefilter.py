"""The browser's time filter (js/timefilter.js) uses each event's day numbers; its rule must be the
Python time filter's (`sitmap.view.filtering.time_mask`) for every window."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from sitmap.view.filtering import time_mask
from sitmap.webmap.events import day_numbers

EPOCH = date(1970, 1, 1)


def _browser_mask(ts: list[int | None], te: list[int | None], a: date, b: date) -> np.ndarray:
    lo, hi = (a - EPOCH).days, (b - EPOCH).days
    return np.array(
        [s is not None and e is not None and e >= lo and s <= hi for s, e in zip(ts, te, strict=True)]
    )


def test_day_numbers_follow_time_mask_for_every_window() -> None:
    events = pd.DataFrame(
        {
            "start": pd.to_datetime(
                ["2025-03-04", "2025-03-04 10:00", "2025-01-01", None, "2025-03-01", "2025-03-06 23:59"],
                format="ISO8601",
            ),
            "end": pd.to_datetime(
                ["2025-03-04", "2025-03-05 10:00", "2025-12-31", None, "2025-03-31", "2025-03-07 00:00"],
                format="ISO8601",
            ),
        }
    )
    ts, te = day_numbers(events)
    first = date(2025, 2, 25)
    for i in range(14):
        for span in (0, 1, 6, 29):
            a = first + timedelta(days=i)
            b = a + timedelta(days=span)
            assert (_browser_mask(ts, te, a, b) == time_mask(events, a, b)).all(), (a, b)
