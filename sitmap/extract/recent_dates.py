"""Dates counted back from the report's day: "hours ago", "three days ago", "the weekend", "past 24 hours".

News tells what just happened against its publication date; these forms name no calendar day, so the
window they give ends on (or just before) the report's day, with the precision the words allow: a counted
number of days is a day, "days ago" a week, "hours ago" the report's day or the one before it (as a news
item without any date reads, evaluation/README.md's labelling rule).
"""

from __future__ import annotations

import math
from datetime import date, timedelta

# (first day, precision, reason, last day or None)
Window = tuple[date, str, str, date | None]

RECENT_KINDS = ("ago", "past_hours", "before_yesterday", "weekend")

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_NUMBERS |= {"eight": 8, "nine": 9, "ten": 10}


def _count(word: str | None) -> int | None:
    """The number a count word gives ("three", "2", "a"); None for "few", "several", "some" or no word."""
    if not word:
        return None
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word)


def recent_window(kind: str, groups: dict[str, str | None], text: str, report: date) -> list[Window]:
    """The window one match of a `RECENT_KINDS` pattern gives, counted back from `report`."""
    if kind == "before_yesterday":
        return [
            (
                report - timedelta(days=2),
                "day",
                "'the day before yesterday': two days before the report",
                None,
            )
        ]
    if kind == "past_hours":
        back = int(groups["h"] or 24) // 24
        why = f"{text!r}: the span ending on the report's day"
        return [(report - timedelta(days=back), "day", why, report)]
    if kind == "weekend":
        return [_weekend(report, bool(groups.get("last")), text)]
    n = _count(groups.get("n"))
    unit = (groups.get("unit") or "").lower().rstrip("s")
    if unit == "hour":  # a day back per 24 hours begun; the report may come out the morning after
        back = max(1, math.ceil(n / 24)) if n else 1
        why = f"{text!r}: the report's day or the {'day' if back == 1 else f'{back} days'} before it"
        return [(report - timedelta(days=back), "day", why, report)]
    if unit == "day":
        if n is None:  # "days ago", "a few days ago": some day of the week before the report's day
            why = f"{text!r}: some day of the week before the report"
            return [(report - timedelta(days=7), "week", why, report - timedelta(days=1))]
        return [(report - timedelta(days=n), "day", f"{text!r}: {n} day(s) before the report", None)]
    if unit == "week":
        weeks = n or 3  # "a few weeks ago": about three
        mid = report - timedelta(days=7 * weeks)
        why = f"{text!r}: the week around {mid.isoformat()}"
        return [(mid - timedelta(days=3), "week", why, mid + timedelta(days=3))]
    return []


def _weekend(report: date, last: bool, text: str) -> Window:
    """Friday to Sunday, the most recent not after the report (the week before for "last weekend" told within
    one). Friday is in: across the region the weekend is Friday–Saturday, in wire copy Saturday–Sunday."""
    wd = report.weekday()
    friday = report - timedelta(days=(wd - 4) % 7)
    if last and wd >= 4:
        friday -= timedelta(days=7)
    end = min(friday + timedelta(days=2), report)
    return friday, "day", f"{text!r}: Friday to Sunday before the report", end
