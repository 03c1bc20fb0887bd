"""Time-window presets and playback steps (sitmap.ui.map.timewindow)."""

from __future__ import annotations

from datetime import date

from sitmap.ui.map.timewindow import at_end, clamp, last_news_day, preset, rewind, step

EXTENT = (date(2025, 1, 1), date(2025, 3, 31))


def test_presets_end_at_the_windows_last_day():
    window = (date(2025, 2, 1), date(2025, 3, 10))
    assert preset("Day", window, EXTENT) == (date(2025, 3, 10), date(2025, 3, 10))
    assert preset("Week", window, EXTENT) == (date(2025, 3, 4), date(2025, 3, 10))
    assert preset("Month", window, EXTENT) == (date(2025, 2, 9), date(2025, 3, 10))
    assert preset("All", window, EXTENT) == EXTENT
    assert preset("Month", (date(2025, 1, 1), date(2025, 1, 5)), EXTENT) == (
        date(2025, 1, 1),
        date(2025, 1, 5),
    )


def test_presets_end_no_later_than_the_latest_precise_day():
    # The QA case: the last day-dated event is 30 Sep 2025, year-precision events run to 31 Dec 2025.
    extent, latest = (date(2023, 10, 1), date(2025, 12, 31)), date(2025, 9, 30)
    assert preset("Week", extent, extent, latest) == (date(2025, 9, 24), date(2025, 9, 30))
    assert preset("Day", extent, extent, latest) == (latest, latest)
    assert preset("Month", extent, extent, latest) == (date(2025, 9, 1), date(2025, 9, 30))
    assert preset("All", extent, extent, latest) == extent
    earlier = (date(2024, 1, 1), date(2024, 6, 30))  # a window ending before the latest day keeps its end
    assert preset("Week", earlier, extent, latest) == (date(2024, 6, 24), date(2024, 6, 30))
    assert last_news_day(date(2025, 12, 31), extent, None) == date(2025, 12, 31)


def test_step_moves_a_window_and_grows_a_cumulative_one():
    window = (date(2025, 3, 1), date(2025, 3, 3))
    assert step(window, EXTENT, "window") == (date(2025, 3, 2), date(2025, 3, 4))
    assert step(window, EXTENT, "window", -1) == (date(2025, 2, 28), date(2025, 3, 2))
    assert step(window, EXTENT, "cumulative") == (date(2025, 3, 1), date(2025, 3, 4))
    assert step(window, EXTENT, "cumulative", -5) == (date(2025, 3, 1), date(2025, 3, 1))


def test_step_stops_at_the_extent_keeping_the_span():
    last = (date(2025, 3, 29), date(2025, 3, 31))
    assert step(last, EXTENT, "window") == last
    assert at_end(last, EXTENT)
    assert step((date(2025, 1, 1), date(2025, 1, 3)), EXTENT, "window", -1) == (
        date(2025, 1, 1),
        date(2025, 1, 3),
    )


def test_rewind_and_clamp():
    window = (date(2025, 3, 1), date(2025, 3, 7))
    assert rewind(window, EXTENT, "window") == (date(2025, 1, 1), date(2025, 1, 7))
    assert rewind(window, EXTENT, "cumulative") == (date(2025, 3, 1), date(2025, 3, 1))
    assert clamp((date(2024, 1, 1), date(2026, 1, 1)), EXTENT) == EXTENT
