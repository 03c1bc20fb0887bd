"""A lede dated only by its dateline or the report, then the same episode told with a weekday (session 18).

"BEIRUT, March 4 — An Israeli drone struck a car in Nabatieh ... The drone struck the car on Monday evening":
one strike, on Monday; the extractor gave a second one. The sentences below are our own.
"""

from sitmap.extract.pipeline import extract_candidates
from sitmap.store.reports import Paragraph, Report
from tests.extract.one_paragraph import candidates

DRONE = (
    "BEIRUT, March 4 — An Israeli drone struck a car in Nabatieh, killing two men, the health ministry said."
    " The drone struck the car on Monday evening as it drove through the town."
)


def test_the_weekday_dates_the_ledes_event(reference) -> None:
    got = [(c.event_type, c.location, c.date, c.date_end) for c in candidates(reference, DRONE, "2025-03-04")]
    assert got == [("airstrike", "Nabatieh", "2025-03-03", None)]


def test_a_later_sentence_dates_the_undated_lede(reference) -> None:
    text = (
        "Israeli troops raided the village of Kfar Kila, residents said."
        " The troops raided Kfar Kila on Sunday night and withdrew at dawn."
    )
    raids = [(c.location, c.date, c.date_end) for c in candidates(reference, text) if c.event_type == "raid"]
    assert raids == [("Kfar Kila", "2025-03-02", None)]


def test_a_later_paragraph_may_tell_another_episode(reference) -> None:
    report = Report(
        id="r", title="t", publisher="p", date="2025-03-04", url="https://example.org/r",
        paragraphs=(
            Paragraph("p1", "Israeli troops raided the village of Kfar Kila, residents said."),
            Paragraph("p2", "Troops also raided Kfar Kila on Saturday and withdrew at dawn."),
        ),
    )  # fmt: skip
    raids = [c.date for c in extract_candidates(report, reference) if c.event_type == "raid"]
    assert len(raids) == 2 and "2025-03-01" in raids


def test_a_stated_day_is_not_moved_by_another_stated_day(reference) -> None:
    text = "Israeli troops raided Kfar Kila on Sunday. Israeli troops raided Kfar Kila again on Tuesday."
    assert [c.date for c in candidates(reference, text, "2025-03-05")] == ["2025-03-02", "2025-03-04"]
