"""Date rules: resolved against the report date, strictly, never inventing a year."""

from datetime import date

import pytest

from sitmap.extract.dates import event_dates, find_dates

REPORT = date(2025, 3, 4)


def _events(text: str, report: date = REPORT) -> list[tuple[str, str]]:
    return [(m.date, m.precision) for m in event_dates(find_dates(text, report))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Israeli forces raided the hill on March 3.", [("2025-03-03", "day")]),
        ("on the night of 3 March [3]", [("2025-03-03", "day")]),
        ("on 7 October 2023", [("2023-10-07", "day")]),
        ("visited twice in April and September 2024", [("2024-04", "month"), ("2024-09", "month")]),
        ("at least twice in 2024, in April and in September", [("2024-04", "month"), ("2024-09", "month")]),
        ("attacked US forces in 2018", [("2018", "year")]),
        ("over the past decade", []),
        ("the 1974 disengagement zone", []),
        ("The April visit may have been", []),
        ("on 3 and 4 March", [("2025-03-03", "day"), ("2025-03-04", "day")]),
        ("struck in April", [("2024-04", "month")]),  # April 2025 is after the report date
        ("yesterday", [("2025-03-03", "day")]),
        ("in late December", [("2024-12", "month")]),
        ("2025-02-28", [("2025-02-28", "day")]),
    ],
)
def test_event_dates(text: str, expected: list) -> None:
    assert _events(text) == expected


def test_bare_day_after_new_year_is_previous_year() -> None:
    assert _events("shelled the village on December 30", date(2025, 1, 2)) == [("2024-12-30", "day")]


def test_range_keeps_its_end() -> None:
    (m,) = event_dates(find_dates("clashes between March 12 and 14", date(2025, 3, 15)))
    assert (m.date, m.date_end, m.precision) == ("2025-03-12", "2025-03-14", "day")


def test_reporting_and_context_dates_are_not_event_dates() -> None:
    found = find_dates(
        "Reuters reported on 4 March that the war that began on 7 October 2023 goes on.", REPORT
    )
    assert [(m.date, m.role) for m in found] == [("2025-03-04", "reporting"), ("2023-10-07", "context")]
    assert event_dates(found) == []


def test_vague_period_is_named_as_such() -> None:
    (m,) = find_dates("The report lists examples over the past decade.", REPORT)
    assert m.role == "vague" and m.date is None


def test_impossible_day_is_dropped_not_repaired() -> None:
    assert _events("on 31 February") == []


def test_future_year_is_flagged() -> None:
    (m,) = find_dates("planned for in 2026", REPORT)
    assert m.role == "future"


def test_relative_day_needs_an_anchor() -> None:
    assert _events("US forces struck the next morning.") == []
    found = find_dates("US forces struck the next morning.", REPORT, anchor=date(2025, 1, 18))
    assert [(m.date, m.role) for m in found] == [("2025-01-19", "event")]


def test_month_is_case_sensitive() -> None:
    assert _events("troops march on the town in may") == []


def test_last_month_is_the_month_before_the_reports() -> None:
    """ "last month" names the calendar month before the report's (read as a vague period before s11);
    "the last month" / "the past month" stay a period, not a date."""
    assert _events("Israeli forces raided the village last month.") == [("2025-02", "month")]
    assert _events("Jets struck the town last month.", date(2025, 1, 10)) == [("2024-12", "month")]
    (m,) = find_dates("Raids rose over the last month.", REPORT)
    assert m.role == "vague" and m.date is None
    assert _events("Last month's raids were worse than this week's.") == []  # background, as "last year's"


def test_a_week_earlier_counts_seven_days_from_the_story() -> None:
    """ "a week earlier" / "a week later" are counted from the previous sentence's day, like "a day
    earlier" (they gave no date before s11); without an anchor they give none."""
    found = find_dates("A week earlier, jets struck the depot.", REPORT, anchor=date(2025, 2, 20))
    assert [(m.date, m.precision, m.role) for m in found] == [("2025-02-13", "day", "event")]
    found = find_dates("Troops returned a week later.", REPORT, anchor=date(2025, 2, 20))
    assert [(m.date, m.role) for m in found] == [("2025-02-27", "event")]
    assert _events("A week earlier, jets struck the depot.") == []
