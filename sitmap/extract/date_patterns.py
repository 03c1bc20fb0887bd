"""The date forms `sitmap.extract.dates` accepts, as regular expressions (month and weekday names too).

Each pattern's kind names the rule in `dates._mention_for` that turns its match into a date.
"""

from __future__ import annotations

import re

MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

MON = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:19[0-9]{2}|20[0-9]{2})"
SEP = r"\s*(?:-|–|—|to|until|through)\s*"  # range separators
AND = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+(?:on\s+|in\s+)?|\s*&\s*)"  # list separators

# Order matters: longer forms first; matches never overlap.
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(rf"\b(?P<y>{YEAR})-(?P<mo>[01][0-9])-(?P<d>[0-3][0-9])\b")),
    (
        "range_dm_dm",  # 30 March to 2 April (2025)
        re.compile(
            rf"\b(?:between\s+|from\s+)?(?P<d1>{DAY})\s+(?P<m1>{MON})(?:\s+(?P<y1>{YEAR}))?"
            rf"(?:{SEP}|\s+and\s+)(?P<d2>{DAY})\s+(?P<m2>{MON})(?:,?\s+(?P<y>{YEAR}))?"
        ),
    ),
    (
        "range_md_md",  # March 30 to April 2(, 2025)
        re.compile(
            rf"\b(?:between\s+|from\s+)?(?P<m1>{MON})\s+(?P<d1>{DAY})(?:,?\s+(?P<y1>{YEAR}))?"
            rf"(?:{SEP}|\s+and\s+)(?P<m2>{MON})\s+(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?"
        ),
    ),
    (
        "range_dd_m",  # 3-4 March (2025), between 3 and 5 March
        re.compile(
            rf"\b(?P<between>between\s+|from\s+)?(?P<d1>{DAY})(?P<sep>{SEP}|\s+and\s+)(?P<d2>{DAY})\s+"
            rf"(?:of\s+)?(?P<m>{MON})(?:,?\s+(?P<y>{YEAR}))?"
        ),
    ),
    (
        "range_m_dd",  # March 3-4(, 2025), between March 3 and 5
        re.compile(
            rf"\b(?P<between>between\s+|from\s+)?(?P<m>{MON})\s+(?P<d1>{DAY})(?P<sep>{SEP}|\s+and\s+)"
            rf"(?P<d2>{DAY})\b(?!\s*(?:km|kilomet|mile|met))(?:,?\s+(?P<y>{YEAR}))?"
        ),
    ),
    (
        "day_dm",  # 3 March (2025), 3rd of March
        re.compile(rf"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MON})(?:,?\s+(?P<y>{YEAR}))?"),
    ),
    (
        "day_md",  # March 3(, 2025)
        re.compile(
            rf"\b(?P<m>{MON})\s+(?P<d>{DAY})\b(?!\s*(?:km|kilomet|mile|met|percent|%))"
            rf"(?:,?\s+(?P<y>{YEAR}))?"
        ),
    ),
    (
        "month_list",  # in April and September 2024; in April, June, and in September
        re.compile(rf"\b(?P<prep>in|during|between)\s+(?P<ms>{MON}(?:{AND}{MON})+)(?:,?\s+(?P<y>{YEAR}))?"),
    ),
    ("month_year", re.compile(rf"\b(?:(?P<part>early|mid|late)[- ])?(?P<m>{MON}),?\s+(?P<y>{YEAR})\b")),
    (
        "month",  # in April, in early April, during April, since April
        re.compile(
            rf"\b(?P<prep>in|during|since|by|until|throughout|last|this)\s+(?:(?:early|mid|late)[- ])?"
            rf"(?P<m>{MON})"
        ),
    ),
    (
        "year",
        re.compile(
            rf"\b(?P<prep>in|during|since|by|until|throughout|of)\s+(?:(?:early|mid|late)[- ]?)?"
            rf"(?P<y>{YEAR})\b(?![-–]\d)"
        ),
    ),
    (
        "relative",  # resolved against the previous sentence's date (the anchor)
        re.compile(
            r"\b(?:the\s+)?(?P<rel>next|following|previous|preceding|same)\s+"
            r"(?:day|morning|afternoon|evening|night)\b"
            # "The day before, ...", "a day later", "a strike the day before had killed ...", "the day before
            # that they blamed on": from the story's date; not "a day after another man was killed" (an event)
            r"|\b(?:the|a)\s+day\s+(?P<rel2>before|earlier|after|later)\b"
            r"(?=\s*[,.;]|\s*$|\s+(?:had|has|have|was|were)\b|\s+(?:that|which)\s+(?:they|he|she|it|was|were|had)\b)"
            r"|\ba\s+(?P<unit>day|week)\s+(?P<rel3>earlier|later)\b",  # "a week earlier": seven days
            re.IGNORECASE,
        ),
    ),
    # counted back from the report's day (`recent_dates`): before "yesterday", which they may contain
    ("before_yesterday", re.compile(r"\bthe\s+day\s+before\s+yesterday\b", re.IGNORECASE)),
    (
        "ago",  # "hours ago", "three days ago", "a few weeks ago" (never "for hours": a duration)
        re.compile(
            r"\b(?:(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|(?:a\s+)?few|several"
            r"|some|a\s+couple\s+of)\s+)?(?P<unit>hours?|days?|weeks?)\s+ago\b",
            re.IGNORECASE,
        ),
    ),
    (
        "past_hours",  # "in the past 24 hours", "over the last 48 hours"
        re.compile(
            r"\b(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(?P<h>24|48|72)\s+hours\b",
            re.IGNORECASE,  # "In the past 24 hours, ..." opens many a sentence
        ),
    ),
    (
        "weekend",
        re.compile(
            r"\b(?:(?P<last>last)\s+weekend|(?:at|over|during|on)\s+the\s+weekend|this\s+weekend)\b",
            re.IGNORECASE,  # "Over the weekend, ..."
        ),
    ),
    ("today", re.compile(r"\b(?:today|this morning|this afternoon|this evening|tonight)\b", re.IGNORECASE)),
    ("yesterday", re.compile(r"\byesterday\b", re.IGNORECASE)),
    ("overnight", re.compile(r"\b(?:overnight|last night|during the night)\b", re.IGNORECASE)),
    ("weekday", re.compile(r"\b(?:on\s+)?(?P<wd>" + "|".join(WEEKDAYS) + r")\b")),
    ("last_week", re.compile(r"\blast week\b", re.IGNORECASE)),
    ("this_month", re.compile(r"\b(?:earlier|later) this month\b", re.IGNORECASE)),
    # "this week's" talks: a possessive qualifies a noun, it dates no event (as "last year's")
    ("this_week", re.compile(r"\b(?:(?:earlier|late|later)\s+)?this week\b(?!['’])", re.IGNORECASE)),
    ("last_year", re.compile(r"\blast year(?P<poss>['’]s)?(?!['’\w])", re.IGNORECASE)),
    # "last month" is the calendar month before the report's; "the last month" is a period (vague, below)
    (
        "last_month",
        re.compile(r"(?<![Tt]he )(?<![Pp]ast )\blast month(?P<poss>['’]s)?(?!['’\w])", re.IGNORECASE),
    ),
    (
        "vague",
        re.compile(
            r"\b(?:the\s+)?(?:past|last|previous|recent|coming)\s+(?:few\s+|several\s+)?"
            r"(?:decades?|years?|months?|weeks?|days?)\b|\bin recent (?:years|months|weeks|days)\b",
            re.IGNORECASE,
        ),
    ),
]

REPORTING = re.compile(
    r"\b(?:reported|said|stated|announced|claimed|told|confirmed|published|wrote|added|noted|cited)"
    r"(?:\s+\w+)?\s+(?:on|in)?\s*$",
    re.IGNORECASE,
)
CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:that|which)\s+(?:began|started|erupted|broke out)\s+(?:on|in)?\s*|\bsince\s+|\bby\s+|\buntil\s+"
    r"|\bas of\s+|\bbeginning\s+(?:on|in)?\s*)$",
    re.IGNORECASE,
)
