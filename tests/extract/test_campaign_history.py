"""A campaign's start or resumption in a month or year, and history over a year old, are background.

Dev passages (issue 11, session 19) closed with the context of their news: "protests ... began last month
after ...", "the rebels began targeting ships ... in October 2023, later pausing ...", "they resumed once
Israel's bombing of Gaza started again", "the Golan, which Israel annexed in 1981"; each was
proposed as an event on that month or year. The sentences below are our own; the report is dated
Tuesday 4 March 2025.
"""

import pytest

from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    "text",
    [
        "Demonstrations in Sweida province began last month after the government cut fuel subsidies.",
        "The rebels began targeting ships in the Red Sea in October 2024, halting during the January truce.",
        "The group paused its attacks in January and resumed them when Israel renewed its bombing of Gaza"
        " last month.",
        "Quneitra province was occupied by Israeli forces in 1967 and annexed in 1981, the envoy recalled.",
        "Israeli jets bombed Nabatieh in October 2023, a doctor recalled.",
    ],
)
def test_a_campaign_s_start_or_old_history_is_no_event(reference, text: str) -> None:
    got = [(c.event_type, c.location, c.date) for c in candidates(reference, text) if not c.reason]
    assert got == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Clashes began in Sweida on Monday between local gunmen and tribal fighters.",
            ("As-Suwayda", "2025-03-03"),
        ),
        (
            "Protests began in Sweida on Monday after the government cut fuel subsidies.",
            ("As-Suwayda", "2025-03-03"),
        ),
        ("Israeli jets bombed Nabatieh in February, a doctor recalled.", ("Nabatieh", "2025-02")),
    ],
)
def test_news_of_the_day_or_the_month_stays(reference, text: str, want: tuple[str, str]) -> None:
    got = [(c.location, c.date) for c in candidates(reference, text) if not c.reason]
    assert want in got


def test_a_campaign_told_from_one_month_to_another_is_a_recap(reference) -> None:
    """A real report (in no set) closed with the months of a campaign ("From <month year> to <month year>,
    the Houthis targeted more than 100 ships"): proposed as two events, one in each month."""
    text = "From May 2024 to January 2025, the militia fired drones at Eilat and at ships near Hodeidah."
    assert [(c.event_type, c.location, c.date) for c in candidates(reference, text) if not c.reason] == []
