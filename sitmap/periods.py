"""Event dates and periods: strict ISO reading and the inclusive days an event is "on"."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any


class DateError(ValueError):
    """A date string that cannot be read unambiguously."""


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ISO_YEAR = re.compile(r"^(\d{4})$")
_SLASHED = re.compile(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$")


def parse_event_date(value: object, precision: str = "day") -> date:
    """The first day of the period a date string names, read strictly as ISO 8601.

    Day and week precision need `YYYY-MM-DD`; month accepts `YYYY-MM` (or a full date);
    year accepts `YYYY`. Slashed or dotted dates are refused as ambiguous (is 03/04/2024 the 3rd
    of April or the 4th of March?) and dates without a year are refused rather than guessed.
    """
    if not isinstance(value, str):
        raise DateError(f"expected an ISO date string, got {type(value).__name__}")
    text = value.strip()
    if _SLASHED.match(text):
        raise DateError(f"ambiguous date {value!r}: write it as ISO YYYY-MM-DD")
    if m := _ISO_DAY.match(text):
        y, mo, d = (int(g) for g in m.groups())
        try:
            return date(y, mo, d)
        except ValueError as e:
            raise DateError(f"impossible date {value!r}: {e}") from e
    if precision in ("month", "year") and (m := _ISO_MONTH.match(text)):
        y, mo = int(m.group(1)), int(m.group(2))
        if not 1 <= mo <= 12:
            raise DateError(f"impossible month in {value!r}")
        return date(y, mo, 1)
    if precision == "year" and (m := _ISO_YEAR.match(text)):
        return date(int(m.group(1)), 1, 1)
    if not re.search(r"\d{4}", text):
        raise DateError(f"date {value!r} has no year; sitmap never guesses one")
    expected = {
        "day": "YYYY-MM-DD",
        "week": "YYYY-MM-DD (the week's Monday)",
        "month": "YYYY-MM",
        "year": "YYYY",
    }.get(precision, "YYYY-MM-DD")
    raise DateError(f"cannot read date {value!r} at {precision} precision: expected {expected}")


def period_end(start: date, precision: str) -> date:
    """The last day (inclusive) of the period that starts at `start` with this precision."""
    if precision == "week":
        return start + timedelta(days=6)
    if precision == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if precision == "year":
        return start.replace(month=12, day=31)
    return start


def event_period(props: dict[str, Any]) -> tuple[date, date]:
    """Inclusive (start, end) days an event is "on": its precision's whole period, or to `date_end`."""
    precision = props.get("time_precision") or "day"
    start = parse_event_date(props["date"], precision)
    if precision == "week":
        start -= timedelta(days=start.weekday())  # a week is Monday to Sunday, whatever day was written
    elif precision == "month":
        start = start.replace(day=1)
    elif precision == "year":
        start = start.replace(month=1, day=1)
    end = period_end(start, precision)
    if props.get("date_end"):
        end = max(end, period_end(parse_event_date(props["date_end"], precision), precision))
    return start, end
