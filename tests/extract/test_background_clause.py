"""A background cue covers its own clause only (issue 11, session 18, round 2).

A real south-Lebanon report in no evaluation set told a separate strike on a Saturday evening in a town,
"part of a series of assaults that have hit southern Lebanon in recent days": the trailing relative clause
(a period up to now, in the perfect) made the Saturday strike background. The sentences below are our own.
"""

import pytest

from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "The raid comes after a similar strike on Saturday evening in the town of Houmin al-Fawqa, part"
            " of a wave of attacks that have struck south Lebanon in recent days.",
            "houmine-el-faouqa-lb",
        ),
        (
            "Israeli jets struck a house in Kfar Kila on Sunday night, which has been hit repeatedly since"
            " October.",
            "kfar-kila",
        ),
        (
            "Israeli artillery shelled Khiam on Monday as part of a campaign that has pounded border villages"
            " in recent weeks.",
            "khiam",
        ),
    ],
)
def test_a_period_in_a_trailing_clause_leaves_the_event_news(reference, text: str, place: str) -> None:
    events = [c for c in candidates(reference, text) if not c.reason]
    assert place in [c.place_id for c in events]


@pytest.mark.parametrize(
    "text",
    [
        # the trigger's own clause is in the perfect: the period of the trailing clause is the raids' too
        "Israeli forces have carried out raids in Quneitra that have killed three men in recent days.",
        # the cue is in the trigger's own clause
        "Since October, Israeli strikes have hit Aitaroun, part of a campaign that has emptied the border"
        " villages.",
        "Israel has repeatedly struck Hezbollah sites in Nabatieh, which it says store rockets.",
        "Israeli drones have hit cars near Bint Jbeil in recent days, which residents say were civilian.",
    ],
)
def test_a_background_clause_stays_background(reference, text: str) -> None:
    assert [(c.event_type, c.location) for c in candidates(reference, text) if not c.reason] == []


@pytest.mark.parametrize(
    "text",
    [
        # what a place has seen is its history, not an event of the report's day (after a real report in no
        # set: "... Kfarshuba, Bint Jbeil and Khiam that have seen heavy fighting")
        "Residents fled Khiam, a border town that has seen heavy fighting.",
        "Families left Kfar Kila, which has witnessed fierce clashes.",
    ],
)
def test_what_a_place_has_seen_is_no_event(reference, text: str) -> None:
    assert [(c.event_type, c.location) for c in candidates(reference, text) if not c.reason] == []


def test_a_dated_sight_stays_an_event(reference) -> None:
    text = "Khiam has seen heavy fighting on Monday night, residents said."
    assert [c.place_id for c in candidates(reference, text) if not c.reason] == ["khiam"]
