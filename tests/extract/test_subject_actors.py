"""The one acting is the subject the sentence names (issue 11, s18 round 2), on our own sentences.

A killing "by unidentified gunmen" is theirs: the agent stands inside the trigger's own words, after "by".
"after militants crossed into Israel" is the militants' crossing, not the army's named earlier in the
sentence or the story: a subject the actor table does not know leaves the actor unnamed.
"""

import pytest

from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    "text",
    [
        "Three young men were killed on Sunday by unidentified gunmen in Tafas.",
        "A shopkeeper was shot dead by unknown gunmen in Nawa on Monday.",
        "Two brothers were killed by masked gunmen on the road near Tafas on Monday.",
    ],
)
def test_a_killing_by_gunmen_is_theirs(reference, text: str) -> None:
    (cand,) = candidates(reference, text)
    assert (cand.event_type, cand.actors) == ("attack_on_civilians", ["Unidentified armed group"])


def test_militants_crossing_after_a_shelling_are_not_the_army(reference) -> None:
    text = "Israeli tanks shelled the edge of Aita al-Shaab on Monday after militants crossed into Israel."
    got = {c.event_type: c.actors for c in candidates(reference, text)}
    assert got["shelling"] == ["Israel Defense Forces"]
    assert "Israel Defense Forces" not in got["ground_incursion"], got


def test_militants_crossing_reported_by_the_army_are_not_the_army(reference) -> None:
    text = "Israeli forces said two militants crossed into Israel from Lebanon on Monday."
    (cand,) = candidates(reference, text)
    assert cand.event_type == "ground_incursion"
    assert "Israel Defense Forces" not in cand.actors, cand.actors


def test_troops_crossing_stay_the_troops(reference) -> None:
    # guard: a subject the table knows, or one that continues the story, keeps its actor
    (cand,) = candidates(reference, "Israeli troops crossed into Syria near Quneitra on Monday.")
    assert cand.actors == ["Israel Defense Forces"]
    text = "Israeli forces shelled Quneitra on Monday. Later the troops crossed into Jubata al-Khashab."
    assert [c.actors for c in candidates(reference, text) if c.event_type == "ground_incursion"] == [
        ["Israel Defense Forces"]
    ]
