"""Date expressions in report sentences, resolved against the report's date — strictly.

Written as explicit rules rather than with `dateparser`: its search mode reads "May" (the verb), "March"
(the verb) and bare numbers as dates and fills missing parts from today's date; here every accepted
form is listed below and a missing year is filled by one documented rule.

Accepted forms (month names capitalised, English; abbreviations like "Sept." too):
- days: "3 March 2025", "March 3, 2025", "3 March", "March 3", "March 3rd", "2025-03-03";
  lists "on 3 and 4 March" (two dates); ranges "March 3-4", "3 to 5 March", "between March 1 and 3",
  "30 March to 2 April" (one date with `date_end`);
- months: "April 2024", "in April", "in early/mid-/late April", lists "in April and September 2024";
- years: "in 2018", "during 2018", "in early 2018" (a bare year needs such a preposition:
  "the 1974 disengagement zone" is not a date);
- relative: "today", "yesterday", "overnight" (the report's day and the one before), "on Monday",
  "last week", "last month" (the calendar month before the report's; "the last month" is a period),
  "earlier this month", "hours/three days ago", "the weekend", "the past 24 hours" (`recent_dates`);
  counted from the previous sentence's day: "the next morning", "a day earlier",
  "a week earlier" (seven days).

The year rule: a day or month without a year takes the year stated elsewhere in the same sentence
("in 2024, in April and in September"), or else is the most recent such day or month not after the
report date ("March 3" in a report of 2025-03-04 is 2025-03-03; "December 30" in a report of
2025-01-02 is 2024-12-30). A year is never invented beyond that.

Each mention carries a role: `event` (usable as the event's date), `reporting` ("Reuters reported on
4 March"), `context` ("the war that began on 7 October 2023", "since 2018", a year refined by months in
the same sentence), `future` (after the report date), or `vague` ("the past decade": no event date).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sitmap.extract.date_patterns import CONTEXT_BEFORE, MON, MONTHS, PATTERNS, REPORTING, WEEKDAYS
from sitmap.extract.place_words import in_motive
from sitmap.extract.recent_dates import RECENT_KINDS, recent_window

__all__ = ["MONTHS", "WEEKDAYS", "DateMention", "event_dates", "find_dates"]

_HINT_CHARS = 40


@dataclass(frozen=True)
class DateMention:
    """One date expression: where it is, what it means, and why."""

    start: int  # character offsets in the text that was searched
    end: int
    text: str
    date: str | None  # ISO at the precision: YYYY-MM-DD, YYYY-MM, YYYY; None for vague periods
    precision: str | None  # day | week | month | year
    date_end: str | None = None
    role: str = "event"  # event | reporting | context | future | vague
    reason: str = ""
    year_inferred: bool = False

    @property
    def first_day(self) -> dt.date | None:  # dt.: `date` here is the field above
        if self.date is None:
            return None
        parts = [int(p) for p in self.date.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])


def _day_num(text: str) -> int:
    digits = re.match(r"\d+", text)
    if digits is None:  # the day groups of the patterns start with digits; a ValueError skips the match
        raise ValueError(f"no day number in {text!r}")
    return int(digits.group())


def _month_num(text: str) -> int:
    return MONTHS[text.rstrip(".")]


def _recent_day(month: int, day: int, report: date) -> date | None:
    """The most recent `month`/`day` not after the report date (None for an impossible day)."""
    for year in (report.year, report.year - 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue  # 29 February in a non-leap year: try the year before
        if d <= report:
            return d
    return None


def _recent_month(month: int, report: date) -> int:
    return report.year if date(report.year, month, 1) <= report else report.year - 1


def _make_day(y: int | None, m: int, d: int, report: date, year_hint: int | None) -> tuple[date, str, bool]:
    """A day, and the reason its year is what it is."""
    if y is not None:
        return date(y, m, d), "year stated", False
    if year_hint is not None:
        return date(year_hint, m, d), f"year {year_hint} stated in the same sentence", True
    found = _recent_day(m, d, report)
    if found is None:
        raise ValueError(f"no such day {d} in month {m}")
    return found, f"no year: the most recent {calendar.month_name[m]} {d} not after the report date", True


def _mention_for(kind: str, m: re.Match, report: date, year_hint: int | None) -> list[DateMention]:
    """DateMentions for one regex match (several for lists)."""
    g = m.groupdict()
    text = m.group(0)
    y = int(g["y"]) if g.get("y") else None

    def one(first: date, precision: str, reason: str, inferred: bool, end: date | None = None) -> DateMention:
        iso = {"day": first.isoformat(), "month": first.isoformat()[:7], "year": str(first.year)}
        if precision == "week":
            iso["week"] = first.isoformat()
        return DateMention(
            m.start(),
            m.end(),
            text,
            iso[precision],
            precision,
            end.isoformat() if end else None,
            "event",
            reason,
            inferred,
        )

    if kind == "iso":
        return [one(date(int(g["y"]), int(g["mo"]), int(g["d"])), "day", "ISO date", False)]
    if kind in ("range_dm_dm", "range_md_md"):
        m1, m2 = _month_num(g["m1"]), _month_num(g["m2"])
        y1 = int(g["y1"]) if g.get("y1") else None
        end, why, inferred = _make_day(y, m2, _day_num(g["d2"]), report, year_hint)
        start_year = y1 or (end.year if m1 <= m2 else end.year - 1)
        start = date(start_year, m1, _day_num(g["d1"]))
        return [one(start, "day", f"date range; {why}", inferred, end)]
    if kind in ("range_dd_m", "range_m_dd"):
        mo = _month_num(g["m"])
        d1, d2 = _day_num(g["d1"]), _day_num(g["d2"])
        start, why, inferred = _make_day(y, mo, d1, report, year_hint)
        end = date(start.year, mo, d2)
        is_list = "and" in g["sep"] and not g.get("between")
        if is_list:  # "on 3 and 4 March": two days, two events
            end, why2, _ = _make_day(y, mo, d2, report, year_hint)
            return [
                one(start, "day", f"listed day; {why}", inferred),
                one(end, "day", f"listed day; {why2}", inferred),
            ]
        if end < start:
            raise ValueError("range ends before it starts")
        return [one(start, "day", f"date range; {why}", inferred, end)]
    if kind in ("day_dm", "day_md"):
        d, why, inferred = _make_day(y, _month_num(g["m"]), _day_num(g["d"]), report, year_hint)
        return [one(d, "day", why, inferred)]
    if kind == "month_list":
        out = []
        for mm in re.finditer(MON, g["ms"]):
            mo = _month_num(mm.group(0))
            if y is not None:
                first, why, inferred = date(y, mo, 1), "year stated after the list", False
            elif year_hint is not None:
                first, why, inferred = (
                    date(year_hint, mo, 1),
                    f"year {year_hint} stated in the sentence",
                    True,
                )
            else:
                first = date(_recent_month(mo, report), mo, 1)
                why, inferred = "no year: the most recent such month not after the report date", True
            out.append(one(first, "month", f"listed month; {why}", inferred))
        return out
    if kind in ("month_year", "year"):
        if y is None:  # their patterns require the year; a ValueError skips the match, never a guess
            raise ValueError(f"{kind} match without a year: {text!r}")
        if kind == "year":
            return [one(date(y, 1, 1), "year", "year stated", False)]
        return [one(date(y, _month_num(g["m"]), 1), "month", "month and year stated", False)]
    if kind == "month":
        mo = _month_num(g["m"])
        if year_hint is not None:
            return [one(date(year_hint, mo, 1), "month", f"year {year_hint} stated in the sentence", True)]
        yr = _recent_month(mo, report)
        return [one(date(yr, mo, 1), "month", "no year: the most recent such month", True)]
    if kind in RECENT_KINDS:
        return [
            one(first, prec, why, False, end)
            for first, prec, why, end in recent_window(kind, g, text, report)
        ]
    if kind == "today":
        return [one(report, "day", "'today' is the report date", False)]
    if kind == "yesterday":
        return [one(report - timedelta(days=1), "day", "'yesterday' is the day before the report", False)]
    if kind == "overnight":  # a night spans two dates: the evening before the report and its small hours
        why = f"{text!r} is the night before {report.isoformat()}"
        return [one(report - timedelta(days=1), "day", why, False, report)]
    if kind == "weekday":
        wd = WEEKDAYS.index(g["wd"])
        back = (report.weekday() - wd) % 7
        return [one(report - timedelta(days=back), "day", "the most recent such weekday", True)]
    if kind == "last_week":
        monday = report - timedelta(days=report.weekday() + 7)
        return [one(monday, "week", "the week before the report's week", False)]
    if kind == "this_month":
        return [one(report.replace(day=1), "month", "the report's month", False)]
    if kind == "this_week":  # Monday of the report's week up to the report's day
        monday = report - timedelta(days=report.weekday())
        return [one(monday, "week", "the report's week, up to its date", False, report)]
    if kind == "last_year":
        return [one(date(report.year - 1, 1, 1), "year", "the year before the report's", False)]
    if kind == "last_month":
        first = (report.replace(day=1) - timedelta(days=1)).replace(day=1)
        return [one(first, "month", "'last month' is the month before the report's", False)]
    return []


def _role(text: str, mention: DateMention, report: date, dateline: int = 0) -> tuple[str, str]:
    if mention.start < dateline:  # "BEIRUT, 12 June 2025 — ": when the report was filed (`extract.dateline`)
        return "reporting", "the dateline: the report's own date, not the event's"
    if re.match(r"last (?:year|month)['’]s", mention.text, re.IGNORECASE):
        return "context", f"{mention.text!r} recalls earlier events: background, not an event date"
    before = text[max(0, mention.start - 40) : mention.start]
    if REPORTING.search(before):
        return "reporting", "the date of a report or statement, not of the event"
    if CONTEXT_BEFORE.search(before) or mention.text.lower().startswith(("since", "by ", "until")):
        return "context", "a period's start or bound, not the event's date"
    if in_motive(text, mention.start):  # "in retaliation for Sunday's attack": the earlier event's day
        return "context", "the day of the event named as the motive, not this event's date"
    first = mention.first_day
    if first is not None and first > report:
        return "future", "after the report date"
    return "event", mention.reason


def find_dates(
    text: str, report_date: date, anchor: date | None = None, dateline: int = 0
) -> list[DateMention]:
    """Every date expression in `text` (one sentence), resolved against `report_date`, in order.

    `anchor` is the day the previous sentence named: "the next morning", "the previous evening" and
    "the same day" are counted from it (and ignored without one), unless the sentence names the day its
    source spoke ("X said on Wednesday that ... the day before"): then from that day. The first `dateline`
    characters are the paragraph's dateline: a date there is the report's (role `reporting`), never an
    event's.
    """
    starts: list[int] = []  # the spans taken so far, in order (they never overlap, so ends ascend too)
    ends: list[int] = []
    raw: list[tuple[str, re.Match]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            i = bisect.bisect_left(starts, m.end())  # spans before i start before this match ends
            if i and ends[i - 1] > m.start():  # the last of them ends after it starts: they overlap
                continue
            starts.insert(i, m.start())
            ends.insert(i, m.end())
            raw.append((kind, m))
    raw.sort(key=lambda km: km[1].start())
    # A year stated on its own just before ("in 2024, in April and in September") completes year-less
    # days and months; a year further away may belong to another clause, so it does not.
    years = [(m.end(), int(m.group("y"))) for k, m in raw if k == "year"]
    said_on = _reporting_day(text, raw, report_date, dateline)
    out: list[DateMention] = []
    for kind, m in raw:
        near = [y for end, y in years if 0 <= m.start() - end <= _HINT_CHARS]
        year_hint = near[-1] if near else None
        if kind == "relative":
            # "X said on Wednesday that a strike on Y the day before ...": counted from the day X spoke
            start, whose = (
                (said_on, "the day the source spoke") if said_on else (anchor, "the previous sentence's date")
            )
            if start is not None:
                rel = (m.group("rel") or m.group("rel2") or m.group("rel3")).lower()
                shift = {"next": 1, "following": 1, "after": 1, "later": 1}.get(rel, 0) or {
                    "previous": -1, "preceding": -1, "before": -1, "earlier": -1
                }.get(rel, 0)  # fmt: skip
                day = start + timedelta(days=shift * (7 if m.group("unit") == "week" else 1))
                why = f"{m.group(0)!r} counted from {start.isoformat()}, {whose}"
                out.append(
                    DateMention(m.start(), m.end(), m.group(0), day.isoformat(), "day", None, "event", why)
                )
            continue
        if kind == "vague":
            out.append(
                DateMention(m.start(), m.end(), m.group(0), None, None, None, "vague", "a period, not a date")
            )
            continue
        try:
            base = said_on if kind in _SAID_RELATIVE and said_on is not None else report_date
            found = _mention_for(kind, m, base, year_hint)
        except ValueError:
            continue  # "31 February": not a date; never repaired by guessing
        for mention in found:
            role, reason = _role(text, mention, report_date, dateline)
            out.append(replace(mention, role=role, reason=reason))
    _demote_refined_years(out)
    if any(m.precision == "day" and m.role == "event" and not _night(m) for m in out):
        out = [m for m in out if not _night(m)]  # "overnight on 3 March": one night
    return out


def _night(m: DateMention) -> bool:
    return m.text.lower() in ("overnight", "last night", "during the night")


# Words counted from the day a source spoke when the sentence names it ("X said on Sunday that ...
# during the night" is the night before that Sunday), else from the report's date.
_SAID_RELATIVE = {"today", "yesterday", "overnight", "ago", "before_yesterday"}


def _reporting_day(
    text: str, raw: list[tuple[str, re.Match]], report_date: date, dateline: int = 0
) -> date | None:
    """The day a source spoke, when the sentence says so ("SOHR reported on Sunday that ...")."""
    for kind, m in raw:
        if kind in _SAID_RELATIVE or kind in ("relative", "vague"):
            continue
        try:
            found = _mention_for(kind, m, report_date, None)
        except ValueError:
            continue
        for mention in found:
            if mention.precision == "day" and _role(text, mention, report_date, dateline)[0] == "reporting":
                return mention.first_day
    return None


def report_date_from_text(text: str, *, head_chars: int = 400) -> date | None:
    """The report's own date from its header or dateline ("Southern Syria, 4 March 2025", "March 4, 2025").

    Only a full day with its year stated, in the first `head_chars` characters, counts; None otherwise.
    """
    head = text[:head_chars]
    for m in find_dates(head, date.max):
        stated = re.search(r"\d{4}", m.text) and not m.year_inferred and m.date_end is None
        if m.precision == "day" and stated and m.first_day is not None:
            return m.first_day
    return None


def _demote_refined_years(mentions: list[DateMention]) -> None:
    """A year with months or days of that year in the same sentence is context, not a third event."""
    finer = {
        m.date[:4]
        for m in mentions
        if m.date is not None and m.role == "event" and m.precision in ("day", "month", "week")
    }
    for i, m in enumerate(mentions):
        if m.precision == "year" and m.role == "event" and m.date in finer:
            mentions[i] = replace(m, role="context", reason="refined by a month or day in the same sentence")


def event_dates(mentions: list[DateMention]) -> list[DateMention]:
    """The mentions usable as event dates."""
    return [m for m in mentions if m.role == "event"]


_DAYS_APART = re.compile(
    r"\b(a|one|two|three|four|five|\d)\s+days?\s+(after|before)\b[^,;:]*$", re.IGNORECASE
)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def shifted_by_lead(lead: str, mentions: list[DateMention]) -> list[DateMention]:
    """ "hit Hodeidah on Saturday, one day after a drone struck Tel Aviv": the event told after "one day
    after" (`lead` runs from the previous trigger to this one) lies that many days before the sentence's
    day (after it, for "before"). Day-precision mentions only; others are returned as they are."""
    m = _DAYS_APART.search(lead)
    if m is None:
        return mentions
    n = _SMALL.get(m.group(1).lower()) or int(m.group(1))
    sign = -1 if m.group(2).lower() == "after" else 1
    out = []
    for d in mentions:
        first = d.first_day
        if d.precision != "day" or first is None or d.date_end:
            out.append(d)
            continue
        day = first + timedelta(days=sign * n)
        why = f"{m.group(0).strip()!r}: {n} day(s) {'before' if sign < 0 else 'after'} {d.text!r} ({first})"
        out.append(replace(d, date=day.isoformat(), reason=why))
    return out


def other_frame(dates: list[DateMention]) -> bool:
    """Whether a sentence's dates set it in another time frame ("since January", "next week")."""
    return any(d.role in ("context", "future") for d in dates)
