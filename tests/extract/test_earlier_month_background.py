"""After a report has told the day's news, an episode dated only by a whole month that ended over two weeks
before it ("last month", "in June") is background recalled, not news (evaluation/README.md's labelling
call: "earlier this month" is an event, "last month" and "in June" are background), whatever the tense.
Sentences our own."""

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


def _events(reference: Reference, text: str, day: str) -> list[str | None]:
    """The dates of the candidates kept as events."""
    return [c.date for c in candidates(reference, text, day) if not c.reason]


def test_last_month_in_the_simple_past_is_background(reference: Reference) -> None:
    text = (
        "Government artillery shelled Sarmin on Saturday, killing two civilians. "
        "Last month Russian jets bombed a base on the edge of Idlib, killing nine fighters."
    )
    assert _events(reference, text, "2023-09-24") == ["2023-09-23"]


def test_a_named_earlier_month_is_background(reference: Reference) -> None:
    text = (
        "Israeli troops raided Beit Jinn early on Friday. "
        "The village saw a similar raid back in June, when soldiers detained seven men in Beit Jinn."
    )
    assert _events(reference, text, "2025-11-28") == ["2025-11-28"]


def test_early_in_a_month_of_last_year_is_background(reference: Reference) -> None:
    text = (
        "A car bomb killed nineteen farm workers outside Manbij on Monday. "
        "Turkish-backed factions fought the SDF and took Manbij early in December."
    )
    assert _events(reference, text, "2025-02-03") == ["2025-02-03"]


def test_without_news_of_the_day_a_months_episode_stays_an_event(reference: Reference) -> None:
    # a brief of earlier episodes (no day's news told before) is about them: the HISTORY_DAYS rule decides
    assert _events(reference, "Israeli jets struck a radar near Isfahan in October.", "2025-03-04") == [
        "2024-10"
    ]


def test_earlier_this_month_and_this_months_name_stay_events(reference: Reference) -> None:
    assert _events(reference, "Earlier this month gunmen attacked a checkpoint in Tafas.", "2025-03-14") == [
        "2025-03"
    ]
    assert _events(reference, "Gunmen attacked a checkpoint in Tafas in March.", "2025-03-14") == ["2025-03"]


def test_a_day_of_an_earlier_month_is_not_caught_by_the_month_rule(reference: Reference) -> None:
    # a stated day within a month before the report stays news (the pluperfect rule, at 31 days, decides)
    assert _events(reference, "Gunmen attacked a checkpoint in Tafas on 28 February.", "2025-03-04") == [
        "2025-02-28"
    ]


def test_an_earlier_months_date_dates_nothing_told_after_it(reference: Reference) -> None:
    text = (
        "Government artillery shelled Sarmin on Saturday, killing two civilians. "
        "Last month Russian jets bombed a base on the edge of Idlib. "
        "Government shelling also killed three civilians in Atarib."
    )
    assert "2023-08" not in _events(reference, text, "2023-09-24")
