"""After a report has told the day's news, an episode dated only by a whole month that ended over two weeks
before it ("last month", "in June") is background recalled, not news (evaluation/README.md's labelling
call: "earlier this month" is an event, "last month" and "in June" are background), whatever the tense.
Sentences our own."""

from sitmap.extract.pipeline import Candidate, extract_candidates
from sitmap.reference.layers import Reference
from sitmap.store.reports import Paragraph, Report

SARMIN = "Government artillery shelled Sarmin on Saturday. "
RECALLED = "Last month Russian jets bombed a base near Ariha. "


def _all(reference: Reference, text: str | list[str], day: str) -> list[Candidate]:
    """Every candidate, background ones too, of `text` (one paragraph, or a report's paragraphs)."""
    paras = [text] if isinstance(text, str) else text
    report = Report(
        id="r", title="t", publisher="p", date=day, url="https://example.org/r",
        paragraphs=tuple(Paragraph(f"p{i}", t) for i, t in enumerate(paras)),
    )  # fmt: skip
    return extract_candidates(report, reference, with_context=True)


def _events(reference: Reference, text: str | list[str], day: str) -> list[str | None]:
    """The dates of the candidates kept as events."""
    return [c.date for c in _all(reference, text, day) if not c.reason]


def _at(reference: Reference, text: str | list[str], day: str, place: str) -> list[tuple[str | None, bool]]:
    """(date, background?) of the candidates at `place` (its gazetteer name)."""
    return [(c.date, bool(c.reason)) for c in _all(reference, text, day) if c.location == place]


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
    # the sentence after the recalled one is dated by the recalled month, so it is background too
    # (not the Saturday told before it, not August as news)
    text = SARMIN + RECALLED + "Government shelling also killed three civilians in Atarib."
    assert _events(reference, text, "2023-09-24") == ["2023-09-23"]
    assert _at(reference, text, "2023-09-24", "Al Atārib") == [("2023-08", True)]


def test_what_the_recalled_episode_goes_on_with_is_background(reference: Reference) -> None:
    text = SARMIN + RECALLED + "They also struck a hospital in Jisr al-Shughur."
    assert _events(reference, text, "2023-09-24") == ["2023-09-23"]
    assert _at(reference, text, "2023-09-24", "Jisr ash Shughūr") == [("2023-08", True)]


def test_a_day_or_days_after_the_recalled_episode_do_not_count_from_the_news_day(
    reference: Reference,
) -> None:
    for then in ("A day later", "Days later"):
        text = SARMIN + RECALLED + f"{then} they struck Atarib."
        assert _events(reference, text, "2023-09-24") == ["2023-09-23"], then
        assert _at(reference, text, "2023-09-24", "Al Atārib") == [("2023-08", True)], then


def test_a_history_sentence_carries_its_own_month(reference: Reference) -> None:
    history = "In October 2023 Israel bombed Nabatieh. It also struck Marjayoun."
    # no news told: the brief's episode goes on, with its month, as before (not the report's day)
    assert _at(reference, history, "2025-03-04", "Marjayoun") == [("2023-10", False)]
    # news told first: the carried month, recalled, is background (not Sunday's news)
    told = "Israeli jets struck Khiam on Sunday. " + history
    assert _events(reference, told, "2025-03-04") == ["2025-03-02"]
    assert _at(reference, told, "2025-03-04", "Marjayoun") == [("2023-10", True)]


def test_news_told_in_an_earlier_paragraph_counts(reference: Reference) -> None:
    paras = [
        "Israeli jets struck Khiam on Sunday, killing two.",
        "Last month Israeli jets bombed Nabatieh, killing nine.",
    ]
    assert _events(reference, paras, "2025-03-20") == ["2025-03-16"]
    assert _at(reference, paras, "2025-03-20", "Nabatieh") == [("2025-02", True)]
