"""Dates only the report's day gives: "hours ago", "three days ago", "the weekend", "the past 24 hours".

Sentences are our own. Report date throughout: Wednesday 12 March 2025.
"""

from datetime import date

import pytest

from sitmap.extract.dates import event_dates, find_dates
from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates

WEDNESDAY = date(2025, 3, 12)


def _window(sentence: str, report: date = WEDNESDAY) -> list[tuple[str | None, str | None, str | None]]:
    return [(d.date, d.date_end, d.precision) for d in event_dates(find_dates(sentence, report))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # hours before a report: the report's day or the one before it, as news reads
        ("Troops shelled the village hours ago.", ("2025-03-11", "2025-03-12", "day")),
        ("Troops shelled the village a few hours ago.", ("2025-03-11", "2025-03-12", "day")),
        ("Troops shelled the village 30 hours ago.", ("2025-03-10", "2025-03-12", "day")),
        # a counted number of days or weeks: that day, or a week around it
        ("Troops shelled the village three days ago.", ("2025-03-09", None, "day")),
        ("Troops shelled the village 2 days ago.", ("2025-03-10", None, "day")),
        ("Troops shelled the village a day ago.", ("2025-03-11", None, "day")),
        ("Troops shelled the village two weeks ago.", ("2025-02-23", "2025-03-01", "week")),
        # "days ago" without a number: the week before the report's day
        ("Troops shelled the village days ago.", ("2025-03-05", "2025-03-11", "week")),
        ("Troops shelled the village several days ago.", ("2025-03-05", "2025-03-11", "week")),
        # the day before yesterday is not yesterday
        ("Troops shelled the village the day before yesterday.", ("2025-03-10", None, "day")),
        ("Troops shelled the village this afternoon.", ("2025-03-12", None, "day")),
        ("Troops shelled the village this week.", ("2025-03-10", "2025-03-12", "week")),
        # a span ending on the report's day
        ("Troops shelled the village in the past 24 hours.", ("2025-03-11", "2025-03-12", "day")),
        ("Troops shelled the village over the last 48 hours.", ("2025-03-10", "2025-03-12", "day")),
        # the weekend before a Wednesday report: Friday to Sunday
        ("Troops shelled the village over the weekend.", ("2025-03-07", "2025-03-09", "day")),
        ("Troops shelled the village at the weekend.", ("2025-03-07", "2025-03-09", "day")),
        ("Troops shelled the village last weekend.", ("2025-03-07", "2025-03-09", "day")),
    ],
)
def test_relative_to_the_report_day(sentence: str, expected: tuple) -> None:
    assert _window(sentence) == [expected]


def test_weekend_of_a_saturday_report_ends_on_the_report_day() -> None:
    saturday = date(2025, 3, 15)
    assert _window("Troops shelled the village over the weekend.", saturday) == [
        ("2025-03-14", "2025-03-15", "day")
    ]


def test_days_ago_counts_from_the_day_the_source_spoke() -> None:
    # "said on Monday that ... two days ago": two days before that Monday, not before the report
    said = "The monitor said on Monday that troops shelled the village two days ago."
    dates = event_dates(find_dates(said, WEDNESDAY))
    assert [d.date for d in dates] == ["2025-03-08"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks resumed after a pause of two days.",  # a duration, not a day
        "Troops have shelled the village for hours.",
        "The strike came 24 hours after the talks.",  # counted from another event, not the report
    ],
)
def test_durations_are_not_report_relative_dates(sentence: str) -> None:
    assert _window(sentence) == []


def test_a_raid_told_hours_ago_is_dated_and_says_why(reference: Reference) -> None:
    text = "Israeli forces raided Jamlah in western Daraa hours ago, witnesses said."
    cands = candidates(reference, text, "2025-03-12")
    assert [(c.location, c.date, c.date_end, c.event_type) for c in cands] == [
        ("Jomleh", "2025-03-11", "2025-03-12", "raid")
    ]
    assert "hours ago" in cands[0].evidence["date"].reason


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a sentence opening on the span: capitalised, it is the same span (review: undated before)
        ("Over the weekend, troops shelled the village.", ("2025-03-07", "2025-03-09", "day")),
        ("Last weekend troops shelled the village.", ("2025-03-07", "2025-03-09", "day")),
        ("In the past 24 hours, troops shelled the village.", ("2025-03-11", "2025-03-12", "day")),
    ],
)
def test_a_sentence_opening_on_the_span_is_dated_alike(sentence: str, expected: tuple) -> None:
    assert _window(sentence) == [expected]
