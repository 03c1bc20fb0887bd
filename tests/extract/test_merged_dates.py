"""Two mentions of one event merge into one candidate, which keeps the more precise date (session 18).

Merging kept the first-seen mention's date: "raided Nawa in March ... the raid on Nawa took place on 3 March"
gave one raid dated March. The sentences below are our own.
"""

from sitmap.extract.pipeline import extract_candidates
from sitmap.store.reports import Paragraph, Report
from tests.extract.one_paragraph import candidates


def test_a_month_then_a_day_keeps_the_day(reference):
    text = "Israeli troops raided Nawa in March, residents said. Israeli troops raided Nawa again on 3 March."
    [raid] = candidates(reference, text, "2025-03-20")
    assert (raid.event_type, raid.date, raid.date_end, raid.time_precision) == (
        "raid",
        "2025-03-03",
        None,
        "day",
    )
    assert "2025-03-03" in raid.id and raid.evidence["date"].value == "2025-03-03"


def test_a_week_then_a_day_in_another_paragraph_keeps_the_day(reference):
    report = Report(
        id="r", title="t", publisher="p", date="2025-03-06", url="https://example.org/r",
        paragraphs=(
            Paragraph("p1", "Israeli forces raided Nawa this week, local sources said."),
            Paragraph("p2", "Israeli forces raided Nawa on Monday and searched several homes."),
        ),
    )  # fmt: skip
    raids = [c for c in extract_candidates(report, reference) if c.event_type == "raid"]
    assert [(c.date, c.date_end, c.time_precision) for c in raids] == [("2025-03-03", None, "day")]
    assert "2025-03-03" in raids[0].id


def test_a_day_then_a_month_keeps_the_day(reference):
    text = "Israeli troops raided Nawa on 3 March. Israeli troops raided Nawa in March, residents said."
    [raid] = candidates(reference, text, "2025-03-20")
    assert (raid.date, raid.time_precision) == ("2025-03-03", "day")
