"""The time window's arithmetic: presets and playback steps. Pure (no Streamlit), so it is unit-tested.

A window is an inclusive (first day, last day) pair inside the data's extent.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

Window = tuple[date, date]

# Preset -> number of days the window spans, ending at the current window's last day.
PRESETS: dict[str, int | None] = {"Day": 1, "Week": 7, "Month": 30, "All": None}


def clamp(window: Window, extent: Window) -> Window:
    """`window` moved inside `extent` (a slider refuses values outside its range)."""
    lo, hi = extent
    start = min(max(window[0], lo), hi)
    end = min(max(window[1], lo), hi)
    return (start, end) if start <= end else (end, start)


def last_news_day(end: date, extent: Window, latest: date | None) -> date:
    """The day a window meant to end at `end` ends on: `end`, but never after `latest`, the last day of
    the events dated more precisely than a year (`latest_precise_day`; None: no such cut). A year-precision
    event runs to 31 December and stretches the extent past the latest news, so the default window and
    the Day/Week/Month presets end here instead (one rule for both)."""
    if latest is not None:
        end = min(end, latest)
    return clamp((end, end), extent)[1]


def preset(name: str, window: Window, extent: Window, latest: date | None = None) -> Window:
    """The window for a preset: `days` long and ending where the current window ends (but not after the
    latest precise day, `last_news_day`); All is the extent."""
    days = PRESETS[name]
    if days is None:
        return extent
    end = last_news_day(window[1], extent, latest)
    return clamp((end - timedelta(days=days - 1), end), extent)


def step(window: Window, extent: Window, mode: str, days: int = 1) -> Window:
    """The window one playback step later (or earlier for negative `days`).

    `window` mode moves both ends, keeping the span; `cumulative` mode keeps the first day and moves only
    the last, so events pile up. Steps stop at the extent's ends instead of shrinking the window.
    """
    start, end = window
    lo, hi = extent
    if mode == "cumulative":
        return start, min(max(end + timedelta(days=days), start), hi)
    span = end - start
    new_end = min(max(end + timedelta(days=days), lo + span), hi)
    return new_end - span, new_end


def at_end(window: Window, extent: Window) -> bool:
    """True when playback cannot go further (the window's last day is the data's last day)."""
    return window[1] >= extent[1]


def rewind(window: Window, extent: Window, mode: str) -> Window:
    """The window moved back to the start of the data (span kept; a cumulative window starts at day one)."""
    start, end = window
    if mode == "cumulative":
        return start, start
    return extent[0], min(extent[0] + (end - start), extent[1])


def latest_precise_day(starts: pd.Series, ends: pd.Series, precisions: pd.Series) -> date | None:
    """The last day of the events dated more precisely than a year, or None if there are none.

    A year-precision event runs to 31 December and so stretches the data's extent far past the latest
    news; the default window and the time bar's axis end here instead.
    """
    precise = precisions.fillna("day").ne("year").to_numpy()
    if not precise.any():
        return None
    return pd.Timestamp(ends[precise].max()).date() if ends[precise].notna().any() else None


def axis_range(starts: pd.Series, ends: pd.Series, precisions: pd.Series) -> Window | None:
    """The time bar's axis: the period of the events dated more precisely than a year (all events when
    every one is year-precision), so year-precision outliers do not stretch it. None for no dates."""
    precise = precisions.fillna("day").ne("year").to_numpy()
    if not precise.any():
        precise = np.ones(len(starts), dtype=bool)
    s, e = starts[precise].dropna(), ends[precise].dropna()
    if s.empty or e.empty:
        return None
    return pd.Timestamp(s.min()).date(), pd.Timestamp(e.max()).date()
