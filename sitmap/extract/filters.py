"""What is not an event: rules learnt from real reporting (issue 11); one per event: `one_per_event`.

- An aggregate ("carried out 300 air strikes", "the fifth raid this month") counts events; it is not one.
- Background ("Since December the army has operated around X") describes a period up to now.
- A trigger inside "who had entered ..." describes the actors of the event the sentence reports.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal, NamedTuple

from sitmap.extract.dates import DateMention
from sitmap.extract.place_words import MOTIVE_NOUNS
from sitmap.extract.trigger_words import MUNITIONS_TOLD, STATEMENT_BREAK
from sitmap.extract.types import Trigger, find_triggers
from sitmap.reference.gazetteer import PlaceMention

_NUMBER = (
    r"(?:\d[\d,]*|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
    r"|sixty|seventy|eighty|ninety|hundred|dozens|hundreds|scores|thousands|several|multiple|numerous"
    r"|a\s+(?:string|series|wave|number)\s+of)"
)
# A count just before the trigger: "300 air strikes", "more than fifty attacks", "a series of raids".
_ORDINAL = (
    r"(?<!\b[Aa]\s)\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+"
    r"(?:[\w'-]+\s+){0,2}$"
)
_ORDINAL_BEFORE = re.compile(_ORDINAL, re.IGNORECASE)
_COUNT_BEFORE = re.compile(rf"\b{_NUMBER}(?:\s+of)?\s+(?:[\w'-]+\s+){{0,2}}$|" + _ORDINAL, re.IGNORECASE)
# "earlier air strikes"; not the time of a report: "Local press earlier reported that American strikes ..."
_EARLIER_BEFORE = re.compile(
    r"\b(?:earlier|previous|past|prior|former)\s+(?!(?:reported|said|told|announced|stated|claimed)\b)"
    r"(?:[\w'-]+\s+){0,3}$",
    re.I,
)
# A period up to now, or a practice that goes on through it: "since", "has long accused", "have repeatedly
# struck", "near-daily incursions", "incursions have recently intensified"; how often said in words ("has
# crossed into Syria many times", "again and again", "raids have grown more frequent", "clashes that often
# flare")
_SINCE = re.compile(
    r"\bsince\b|\bin recent (?:days|weeks|months|years)\b|\bover the (?:past|last)\b"
    r"|\b(?:has|have)\s+(?:long|recently)\b"
    r"|\b(?:repeatedly|routinely|regularly|frequently|often|constantly|(?:near|almost)[- ]daily)\b"
    r"|\b(?:many|countless|numerous|dozens of|hundreds of)\s+times\b|\b(?:again and|time and) again\b"
    r"|\bmore\s+(?:and\s+more\s+)?frequent\b",
    re.I,
)
# Where a trigger's own clause ends: a relative or appositive clause after it ("..., which has been hit since
# October", "as part of a campaign that has ...") tells of something else: its period cue is not the
# trigger's.
_CLAUSE_END = re.compile(r",?\s+(?:as\s+)?part\s+of\b|,?\s+which\b|\b(?:that|who)\s+(?:has|have)\b", re.I)
# The perfect progressive, "has been violating the agreement by pushing into the zone": a practice going on
# up to now, unless the clause dates it ("have been storming homes ... on Monday morning"); so is what a place
# "has seen" ("a border town that has seen heavy fighting")
_CONTINUING = re.compile(r"\b(?:has|have)\s+(?:been\s+\w+ing|seen|witnessed)\b", re.I)
# A campaign's start, resumption or pause ("protests began last month", "restarted airstrikes in January"):
# with only a month or a year it tells a period going on since, like "since"; with a day it is news
_PHASE = re.compile(r"\b(?:began|begun|started|resumed|restarted|paused|pausing|halted|halting)\b", re.I)
_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:\w+\s+){0,2}?(?:\w+ed|made|been|done|hit|struck|seen|run|grown|spread)\b"
)
# "after those clashes": a noun trigger after a demonstrative names events the text already told.
_REFERS_BACK = re.compile(r"\b(?:these|those|such)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_DESCRIBES_ACTOR = re.compile(r"\b(?:who|which|that)\s+had\s+(?:\w+\s+)?$", re.IGNORECASE)
# A recap of a period, whatever the tense: "throughout the war", "over the past week", "from May 2024 to
# March 2025".
_RECAP = re.compile(
    r"\bthroughout\s+the\s+(?:war|conflict|year|month|campaign|past)\b|\b(?:over|for)\s+the\s+(?:past|last)\b"
    r"|\bso\s+far\s+this\s+(?:year|month)\b"  # "from November 2023 to December 2024": months of a campaign
    r"|\bfrom\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\s+(?:to|until|till|through)\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# "last year's" recaps only the trigger it qualifies ("last year's air strikes"); after the trigger it
# qualifies another noun ("a strike ... in breach of last year's truce") and the event stays news.
_LAST_PERIODS = re.compile(r"\blast\s+(?:year|month|week)['’]s\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# A plan or forecast before the trigger: "plans to strike", "is expected to deploy", "could raid", "threats
# to resume attacks".
_FORECAST = re.compile(
    r"\b(?:plan(?:s|ned)?|intends?|intended|aims?|prepar(?:es|ing)|threat(?:en(?:s|ed)?|s)?|vow(?:s|ed)?|"
    r"pledg(?:es|ed)|seeks?|wants?|expected|likely|set|about|poised|ready)\s+to\b(?:\s+[\w-]+){0,4}\s*$"
    r"|\b(?:will|would|could|might|may|shall)\s+(?!have\b)(?:\w+\s+){0,3}$|\bin\s+the\s+event\s+of\b",
    re.IGNORECASE,
)
# An earlier event named as the reason for this one: "in retaliation for the drone attack in Jordan", "in
# the aftermath of a rocket strike", "militiamen believed responsible for the rocket attack"; or what it was
# to prevent ("to prevent the smuggling of weapons"). A day masked as '#' ("Sunday's") is a word too.
_CAUSE = re.compile(
    r"(?:\b(?:" + MOTIVE_NOUNS + r"|retaliate|respond(?:ed|ing)?|responsible)\s+(?:[\w'’#-]+\s+){0,3}?"
    r"(?:for|to|against|of)|\bto\s+(?:prevent|stop|thwart|foil|deter|curb))"
    r"\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w'’#-]+\s+){0,3}(?:\(\w+\)\s+)?$",  # "Forces (IDF)"
    re.IGNORECASE,
)
# A denial or negation of the trigger: "did not strike", "denied carrying out the attack".
_NEGATED = re.compile(
    r"\b(?:did\s+not|didn['’]t|does\s+not|doesn['’]t|has\s+not|have\s+not|had\s+not|never|"
    r"den(?:ied|ies|y)|refuted|rejected\s+(?:claims|reports))\b(?:\s+[\w'-]+){0,4}\s*$",
    re.IGNORECASE,
)


class NotAnEvent(NamedTuple):
    """Why a trigger reports no event of its own: `why` for the reviewer; `kind` which rule said so, as the
    pipeline acts on two of them (a "count" may yet be events at the places it names, `counted_at`; the actor
    of a "cause" acted in another story)."""

    kind: Literal["count", "cause", "other"]
    why: str


# A handful of strikes on a place it names is one event there, as ACLED codes it ("six air strikes on the
# airport", "Six American airstrikes targeted the Sahlin area"); dozens, hundreds stay a count
_FEW = re.compile(
    r"\b(?:three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|multiple|[2-9]|1\d|20)"
    r"\s+(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)

# Between a counted trigger and the place it was counted at: "five air strikes on the neighbourhoods of A"
_COUNTED_AT = re.compile(
    r"\s+(?:on|in|at|against|hit|struck|targeting|targeted)\s+(?:the\s+)?"
    r"(?:(?:neighbou?rhoods?|villages?|towns?|areas?|outskirts)\s+of\s+)?(?:the\s+)?",
    re.IGNORECASE,
)


def counted_at(sentence: str, trig: Trigger, places: list[PlaceMention]) -> bool:
    """A number of events told at places named right after the trigger, towns or villages ("at least five
    air strikes on A, B and C"): one event at each, not an aggregate (a count on "five towns", a province,
    or an ordinal, "the fourth raid on X", is)."""
    if _ORDINAL_BEFORE.search(sentence[max(0, trig.start - 40) : trig.start]):
        return False
    if _PERFECT.search(sentence[segment(sentence, trig.start)[0] : trig.start]):
        return False  # "the army has made 48 raids on Nawa in 2024": a tally over a period
    a, b = segment(sentence, trig.start)
    few = bool(_FEW.search(sentence[max(a, trig.start - 40) : trig.start]))
    after = [p for p in places if p.start >= trig.end and p.resolved and p.match != "admin1" and p.kind]
    if after and _COUNTED_AT.fullmatch(sentence, trig.end, after[0].start):
        # "five strikes on A", "strikes on A, B and C"; "more than 300 strikes on A" stays a count
        return few or _listed(
            sentence, sorted((p for p in places if p.start >= after[0].start), key=lambda p: p.start)
        )
    # "Six American airstrikes targeted the Sahlin area": a handful
    return bool(places) and few and not _SINCE.search(sentence[a:b])


_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _listed(sentence: str, places: list[PlaceMention]) -> bool:
    """Whether the first of `places` (in order) begins a list of places, "A, B and C" or "A and B"."""
    return len(places) > 1 and bool(_LIST_GAP.fullmatch(sentence, places[0].end, places[1].start))


def segment(sentence: str, pos: int) -> tuple[int, int]:
    """The stretch of `sentence` around `pos` between statement breaks (`STATEMENT_BREAK`): its statement."""
    starts = [m.end() for m in re.finditer(STATEMENT_BREAK, sentence[:pos], re.IGNORECASE)]
    end = re.search(STATEMENT_BREAK, sentence[pos:], re.IGNORECASE)
    return (starts[-1] if starts else 0, pos + end.start() if end else len(sentence))


def not_an_event(
    sentence: str, trig: Trigger, dates: list[DateMention], count: bool = True
) -> NotAnEvent | None:
    """Why the trigger does not report one event (an aggregate, background), else None; `count` False when
    the count before it is of events at the places it names (`counted_at`): the other reasons still hold."""
    masked = sentence
    for d in dates:  # "On 2 March jets struck": the day's number is no count
        masked = masked[: d.start] + "#" * (d.end - d.start) + masked[d.end :]
    a, b = segment(sentence, trig.start)
    before = masked[max(a, trig.start - 40) : trig.start]
    # "hundreds protested" is one protest; "50 rockets were fired at X" one barrage
    if (
        count
        and _COUNT_BEFORE.search(before)
        and not _is_verb(trig.text)
        and not MUNITIONS_TOLD.search(trig.text)
    ):
        return NotAnEvent("count", f"a count of events ({before.strip()} {trig.text}), not one event")
    if _EARLIER_BEFORE.search(before) and not _is_verb(trig.text):
        return NotAnEvent("other", f"earlier events ({before.strip()} {trig.text}) recalled as background")
    if m := _NEGATED.search(masked[max(a, trig.start - 50) : trig.start]):
        return NotAnEvent("other", f"negated or denied ({m.group(0).strip()!r} {trig.text}): not an event")
    if m := _FORECAST.search(masked[max(a, trig.start - 50) : trig.start]):
        return NotAnEvent(
            "other", f"a plan or forecast ({m.group(0).strip()!r} {trig.text}), not something that happened"
        )
    if m := _CAUSE.search(masked[max(a, trig.start - 60) : trig.start]):
        why = f"named as the cause of another event ({m.group(0).strip()!r} {trig.text}): background"
        return NotAnEvent("cause", why)
    if m := _RECAP.search(sentence[a:b]) or _LAST_PERIODS.search(
        sentence[max(a, trig.start - 40) : trig.start]
    ):
        return NotAnEvent("other", f"background: {m.group(0).strip()!r} recaps a period, not one event")
    if going_on := _going_on(sentence, trig, dates, a, b):
        return NotAnEvent("other", f"background: a period up to now ({going_on!r})")
    if (m := _REFERS_BACK.search(sentence[max(a, trig.start - 30) : trig.start])) and not _is_verb(trig.text):
        return NotAnEvent("other", f"refers back ({m.group(0).strip()} {trig.text}) to events told before")
    if _DESCRIBES_ACTOR.search(sentence[max(a, trig.start - 30) : trig.start]):
        return NotAnEvent("other", "describes who took part ('who had ...'), not a second event")
    return None


def tells_background(sentence: str, dates: list[DateMention]) -> bool:
    """Every trigger of `sentence` is context (background, a count, a plan): its dates date no event, and
    the day told before goes on ("struck X on Saturday. Since <day> it has carried out hundreds of
    raids. Strikes destroyed Y": Saturday's; dev p64)."""
    triggers = find_triggers(sentence)
    return bool(triggers) and all(not_an_event(sentence, t, dates) for t in triggers)


def _going_on(sentence: str, trig: Trigger, dates: list[DateMention], a: int, b: int) -> str | None:
    """The cue of a period up to now ("since", "in recent days", "has been ...ing") when the segment `a`..`b`
    tells one in the perfect tense, and the trigger's own clause has a cue or the perfect itself; else None.
    "A strike on Saturday in X, part of a series of attacks that have hit the south in recent days": the
    period is the series', not the strike's. "have carried out raids that have killed three in recent days":
    the raids'."""
    stated = [d for d in dates if a <= d.start < b and d.role == "event"]
    if (
        stated
        and all(d.precision in ("month", "year") for d in stated)
        and (m := _PHASE.search(sentence, a, b))
    ):
        return m.group(
            0
        )  # "protests began last month": a campaign going on since, not an event of that month
    dated = bool(stated)
    going_on = _SINCE.search(sentence[a:b]) or (not dated and _CONTINUING.search(sentence[a:b]))
    if not going_on or not _PERFECT.search(sentence[a:b]):
        return None
    end = _CLAUSE_END.search(sentence, trig.end, b)
    own = sentence[a : end.start() if end else b]
    if _SINCE.search(own) or _PERFECT.search(own) or (not dated and _CONTINUING.search(own)):
        return going_on.group(0)
    return None


NEWS_DAYS = 14  # a month that ended longer ago than this holds no day of the report's news
STALE_DAYS = 31  # a news report's events lie within about a month before it (all labelled events: <= 12 days)
HISTORY_DAYS = (
    366  # a date ending over a year before the report is history, whatever the tense ("annexed in 1981")
)


def last_day(dm: DateMention) -> date | None:
    """The last day a date mention's period covers."""
    first = dm.first_day
    if first is None:
        return None
    if dm.date_end:
        return date.fromisoformat(dm.date_end)
    if dm.precision == "year" or (dm.date and len(dm.date) == 4):
        return date(first.year, 12, 31)
    if dm.precision == "month" or (dm.date and len(dm.date) == 7):
        return first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first + timedelta(days=6) if dm.precision == "week" else first


_PLUPERFECT = re.compile(r"\bhad\s+(?:(?:already|previously|also|earlier)\s+)?$", re.IGNORECASE)


def recent_news(days: list[tuple[str | None, str | None]], report_date: date) -> bool:
    """Whether a report tells news: a day (of the `(date, precision)` pairs of the event dates it has
    stated) within NEWS_DAYS before `report_date`. An analyst's brief of months-old episodes has none."""
    return any(
        d and p == "day" and 0 <= (report_date - date.fromisoformat(d[:10])).days <= NEWS_DAYS
        for d, p in days
    )


def _age(dates: list[DateMention], report_date: date) -> int | None:
    """Days from the last day any of `dates` covers to the report (None: no date has a day to count)."""
    ends = [d for dm in dates if (d := last_day(dm)) is not None]
    return (report_date - max(ends)).days if ends else None


def recalled_month(dates: list[DateMention], report_date: date, news: bool) -> str | None:
    """ "Saturday's strike ... Last month jets bombed X", "... in June": once the report has told its `news`
    (`recent_news`), an episode every date of which is a whole month that ended more than NEWS_DAYS before
    the report is recalled, background (evaluation/README.md: "earlier this month" is an event; "in
    February" in a report of 4 March may still be the news). What such a sentence carries to the next
    ("They also struck Y.", "A day later ...") is of the same episode, background too."""
    age = _age(dates, report_date)
    if not news or age is None or age <= NEWS_DAYS or any(dm.precision != "month" for dm in dates):
        return None
    return f"background: a month over before the report's news ({', '.join(repr(d.text) for d in dates)})"


def stale(lead: str, dates: list[DateMention], report_date: date, news: bool = False) -> str | None:
    """'in June it had seized seven men in X' in a November report: an earlier episode recalled, not news.

    Background when, for every date the clause states:
    - after the report's `news`, it is a whole month over more than NEWS_DAYS before it (`recalled_month`);
    - the trigger is told in the pluperfect (`lead`, the clause up to it, ends in "had") and the date ends
      more than STALE_DAYS before the report;
    - whatever the tense, it ends more than HISTORY_DAYS before the report ("bombed Nabatieh in October
      2023" in a 2025 report; "visited ... in 2024" in a March 2025 report may be the history the report
      is about: within a year it stays an event).
    """
    age = _age(dates, report_date)
    if age is None:
        return None
    if why := recalled_month(dates, report_date, news):
        return why
    if age <= HISTORY_DAYS and (age <= STALE_DAYS or not _PLUPERFECT.search(lead)):
        return None
    return f"background: dated {age} days before the report ({', '.join(repr(d.text) for d in dates)})"


def _is_verb(trigger: str) -> bool:
    """A past-tense verb trigger ("protested", "clashed", "struck", "were killed"): a count before it counts
    people."""
    first = trigger.split()[0].lower()
    return first.endswith("ed") or first in ("struck", "fought", "hit", "shot", "was", "were")
