"""A continuing practice is background, not an event of the report's day (issue 11, session 18).

Real reports in no evaluation set closed with "Damascus has long accused Israel of violating the 1974
agreement through incursions, raids ..." or that Israeli forces made incursions almost
every day, and the extractor proposed those incursions and raids as events. The sentences below are our own.
"""

import pytest

from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    "text",
    [
        "Israel has been violating the 1974 disengagement agreement by pushing into the buffer zone near"
        " Jubata al-Khashab, the ministry said.",
        "Damascus has long accused Israel of breaching the truce through incursions and raids in Quneitra.",
        # the cue alone, with no "have been ...ing" (which is background by itself)
        "Israeli units have carried out almost daily incursions into rural Quneitra.",
        "Israel has repeatedly struck Hezbollah sites in Nabatieh, the army said.",
        # how often, said in words rather than an adverb (session 20): "many times", "again and again"
        "Israel has crossed into Lebanon many times, and its air strikes have killed farmers there.",
        "Israel has pushed into Syria again and again and has shelled army posts near Quneitra.",
        "Farmers near Kudna say Israeli incursions have grown more frequent this year.",
        "Hezbollah and Israeli troops have exchanged fire near the frontier, and scores of people in Lebanon"
        " have been killed in clashes that often flare into battles.",
    ],
)
def test_a_continuing_practice_is_no_event(reference, text: str) -> None:
    assert [(c.event_type, c.location) for c in candidates(reference, text) if not c.reason] == []


@pytest.mark.parametrize(
    "text",
    [
        "Israeli forces pushed into the buffer zone near Jubata al-Khashab on Monday, breaching the truce.",
        "Israeli troops have been storming homes in Jubata al-Khashab on Monday morning, residents said.",
        "The Houthis have fired long-range missiles at Eilat on Monday.",
        # a few times within the day told is one episode, not a practice
        "Israeli drones have struck Bint Jbeil several times on Monday, residents said.",
    ],
)
def test_a_dated_episode_stays_an_event(reference, text: str) -> None:
    assert [c for c in candidates(reference, text) if not c.reason]


@pytest.mark.parametrize(
    ("text", "place", "day", "kind"),
    [
        # a practice, then ", and on <day>" one act: the dated clause is a statement of its own (session 20)
        (
            "Israeli drones have repeatedly struck Khiam, and on Monday an Israeli drone struck a car in"
            " Bint Jbeil.",
            "bent-jbail-lb",
            "2025-03-03",
            "airstrike",
        ),
        (
            "Israeli forces have often raided Quneitra villages, and on Sunday they raided"
            " Jubata al-Khashab.",
            "jbata-elkhashab-sy",
            "2025-03-02",
            "raid",
        ),
    ],
)
def test_a_dated_act_after_a_practice_is_its_own_event(reference, text, place, day, kind) -> None:
    got = [(c.place_id, c.date, c.event_type) for c in candidates(reference, text)]
    assert got == [(place, day, kind)], got
