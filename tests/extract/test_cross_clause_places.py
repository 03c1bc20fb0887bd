"""A place in another clause of the sentence is not where the event happened (sentences our own).

"Rockets hit X, and sirens sounded in Y": Y heard a warning; "troops raided X, then withdrew towards Y": Y is
where they went; "…, and the SDF said it would respond from Y": Y is in a statement of intent.
"""

import pytest

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


def _rows(reference: Reference, text: str) -> list[tuple[str | None, str]]:
    return [(c.location, c.event_type) for c in candidates(reference, text, "2025-03-12")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hezbollah fired rockets at Kiryat Shmona on Tuesday, and sirens sounded in Nahariya.",
            [("Qiryat Shmona", "missile_strike")],
        ),
        (
            "Hezbollah fired rockets at Kiryat Shmona on Tuesday, setting off sirens in Nahariya.",
            [("Qiryat Shmona", "missile_strike")],
        ),
        (
            "Israeli troops raided Jamlah on Tuesday, then withdrew towards the Golan.",
            [("Jomleh", "raid")],
        ),
        (
            "Turkish drones struck SDF positions near Kobani on Tuesday, and the SDF said it would respond"
            " from Qamishli.",
            [("‘Ayn al ‘Arab", "drone_attack")],
        ),
        # where a source spoke, where troops stay, where talks were held, where families fled
        (
            "The Houthis fired a missile at Eilat on Tuesday, the group's spokesman said in Sanaa.",
            [("Eilat", "missile_strike")],
        ),
        (
            "Israeli jets struck Khiam on Tuesday, the army said, adding that its troops remain in"
            " Kfar Kila.",
            [("Khiam", "airstrike")],
        ),
        ("Israeli troops raided Jamlah on Tuesday, two days after talks in Amman.", [("Jomleh", "raid")]),
        (
            "Israeli strikes hit Aitaroun on Tuesday as displaced families from Khiam fled north to Sidon.",
            [("Aitaroun", "airstrike")],
        ),
    ],
)
def test_a_place_in_another_clause_is_not_the_events(reference: Reference, text: str, expected: list) -> None:
    assert _rows(reference, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # where the troops withdrew from is where they were: still the raid's place
        ("Israeli troops withdrew from Jamlah on Tuesday after a raid.", [("Jomleh", "raid")]),
        # a ministry struck is a target, and its city the event's place
        ("Israeli jets struck the defence ministry in Damascus on Tuesday.", [("Damascus", "airstrike")]),
        ("Clashes were reported in Tafas on Tuesday, the monitor said.", [("Ţafas", "armed_clash")]),
        # a relative clause tells where the actors are, and so where they acted (review: was unplaced)
        (
            "Israeli troops who remain in Kfar Kila blew up several houses on Tuesday.",
            [("Kfar Kila", "property_destruction")],
        ),
        # a listed second target stays an event
        (
            "Hezbollah fired rockets at Kiryat Shmona and Nahariya on Tuesday.",
            [("Qiryat Shmona", "missile_strike"), ("Nahariyya", "missile_strike")],
        ),
    ],
)
def test_guards(reference: Reference, text: str, expected: list) -> None:
    assert _rows(reference, text) == expected


def test_a_place_in_what_a_source_said_is_still_the_events(reference: Reference) -> None:
    text = "The monitor said troops clashed with gunmen in Tafas on Tuesday."
    assert [c.location for c in candidates(reference, text, "2025-03-12")] == ["Ţafas"]


def test_an_act_told_with_only_where_troops_went_is_at_the_paragraphs_place(reference: Reference) -> None:
    text = (
        "Israeli forces raided Kfar Kila on Tuesday. Soldiers demolished a house before withdrawing toward"
        " the Blue Line."
    )
    assert _rows(reference, text) == [("Kfar Kila", "raid"), ("Kfar Kila", "property_destruction")]
