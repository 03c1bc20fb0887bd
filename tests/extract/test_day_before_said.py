"""'X said on Wednesday that a strike on Y the day before ...': the day before the day the source spoke.

A dev passage (p87, session 19) opened with a Wednesday statement on the rising toll of a strike on
Hodeida "the day before"; the strike was dated Wednesday (the day of the statement), not the Tuesday. The
sentences below are our own; the report is dated Thursday 6 March 2025.
"""

import pytest

from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    "text",
    [
        "Officials said on Wednesday that the toll of an air strike on Nabatieh the day before had risen.",
        "Officials said Wednesday the toll of an air strike on Nabatieh the day before that they blamed on"
        " Israel has risen to six.",
        "Officials said on Wednesday that an air strike hit Nabatieh the previous day.",
    ],
)
def test_the_day_before_counts_from_the_day_a_source_spoke(reference, text: str) -> None:
    got = [(c.location, c.date) for c in candidates(reference, text, day="2025-03-06") if not c.reason]
    assert got == [("Nabatieh", "2025-03-04")]


def test_the_day_before_a_later_sentence_counts_from_its_story(reference) -> None:
    """With no source's day in the sentence, the previous sentence's day stays the anchor."""
    text = "Jets struck Nabatieh on Wednesday. The day before, a drone hit a car in Tyre."
    got = {(c.location, c.date) for c in candidates(reference, text, day="2025-03-06") if not c.reason}
    assert got == {("Nabatieh", "2025-03-05"), ("Tyre", "2025-03-04")}


def test_a_day_after_an_event_named_is_counted_once(reference) -> None:
    """'The strike came a day after another man was killed in X': the day before the story's day, once."""
    text = "A drone hit a car near Tyre on Saturday. It came a day after another man was killed in Froun."
    got = {(c.location, c.date) for c in candidates(reference, text, day="2025-03-08") if not c.reason}
    assert got == {("Tyre", "2025-03-08"), ("Froun", "2025-03-07")}
