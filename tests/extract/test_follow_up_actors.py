"""Who did it, or whom it hit, told in a later sentence about the event just reported (sentences our own).

"A drone struck a car in X. The Israeli army said its target was a Hezbollah member." The second sentence
reports no event of its own: it names the side hit (and, when the first named nobody, who acted).
"""

import pytest

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates

STRIKE = "A drone struck a car in Yater on Sunday, killing two people."
ISRAELI_STRIKE = "An Israeli drone struck a car in Yater on Sunday, killing two people."
IDF = "Israel Defense Forces"
SHIP = "A missile hit a merchant ship in the Red Sea on Thursday, causing minor damage."


def _actors(reference: Reference, text: str) -> list[tuple[str | None, list[str]]]:
    return [(c.location, list(c.actors)) for c in candidates(reference, text, "2025-03-12")]


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        (
            "The Israeli military said it targeted a Hezbollah operative.",
            ["Israel Defense Forces", "Hezbollah"],
        ),
        (
            "The Israeli army said its target was two Hezbollah members.",
            ["Israel Defense Forces", "Hezbollah"],
        ),
        ("The army said the dead were Hezbollah fighters.", ["Israel Defense Forces", "Hezbollah"]),
        # the army's claim told with "claimed (that)" and the event as subject, or a verb of killing
        (
            "The Israeli army claimed that the strike targeted a Hezbollah operative.",
            ["Israel Defense Forces", "Hezbollah"],
        ),
        (
            "The army confirmed the raid, claiming the attack had targeted two Hezbollah members.",
            ["Israel Defense Forces", "Hezbollah"],
        ),
        (
            "The Israeli military claimed it had eliminated a Hezbollah commander in that strike.",
            ["Israel Defense Forces", "Hezbollah"],
        ),
        (
            "The strike killed two men whom the army described as Hezbollah fighters.",
            ["Israel Defense Forces", "Hezbollah"],
        ),
    ],
)
def test_the_side_hit_named_in_the_next_sentence(
    reference: Reference, follow_up: str, expected: list
) -> None:
    assert _actors(reference, f"{ISRAELI_STRIKE} {follow_up}") == [("Yater", expected)]


def test_who_acted_named_in_the_next_sentence(reference: Reference) -> None:
    text = f"{STRIKE} The Israeli army said it carried out the strike."
    assert _actors(reference, text) == [("Yater", ["Israel Defense Forces"])]


@pytest.mark.parametrize(
    "follow_up",
    [
        "The Houthis claimed the attack.",
        "The attack was blamed on the Houthis.",
        "The Houthis later claimed responsibility for the strike.",
    ],
)
def test_a_claim_or_blame_names_who_acted(reference: Reference, follow_up: str) -> None:
    assert _actors(reference, f"{SHIP} {follow_up}") == [("Red Sea", ["Houthis (Ansar Allah)"])]


def test_a_named_actor_is_not_replaced_by_a_later_claim(reference: Reference) -> None:
    text = f"{ISRAELI_STRIKE} Hezbollah said it carried out an attack on a border post in reply."
    assert _actors(reference, text) == [("Yater", ["Israel Defense Forces"])]


def test_a_later_sentence_in_another_time_frame_lends_no_actor(reference: Reference) -> None:
    text = f"{STRIKE} The Houthis claimed the attack on a tanker in March 2023."
    assert _actors(reference, text)[0] == ("Yater", [])  # the strike of Sunday (the claim's own row aside)


def test_background_about_a_group_is_no_side_hit(reference: Reference) -> None:
    text = f"{ISRAELI_STRIKE} Hezbollah has lost hundreds of fighters since 2023."
    assert _actors(reference, text) == [("Yater", ["Israel Defense Forces"])]


@pytest.mark.parametrize(
    "text",
    [
        # the later sentence tells the group's own, other attack: it neither did nor suffered the drone strike
        "A drone hit a car in Tyre on Monday. Hezbollah said it was behind a separate attack on a post.",
        "A drone hit a car in Tyre on Monday. Hezbollah said it targeted an Israeli tank in retaliation.",
    ],
)
def test_a_later_sentence_telling_another_attack_names_no_side_of_the_first(
    reference: Reference, text: str
) -> None:
    cands = candidates(reference, text, "2025-03-04")
    assert [(c.location, c.actors) for c in cands if c.location == "Tyre"] == [("Tyre", [])]


def test_soldiers_killed_in_a_separate_attack_are_not_hit_by_the_first(reference: Reference) -> None:
    text = (
        "Israeli jets struck a house in Khiam on Monday. "
        "Hezbollah said it had killed two Israeli soldiers in a separate attack."
    )
    cands = candidates(reference, text, "2025-03-04")
    assert [(c.location, c.actors) for c in cands] == [("Khiam", ["Israeli Air Force"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a reply strike on installations is an operation of its own, not who hit the ship (review)
        (
            f"{SHIP} The US military said it had struck Houthi radar sites.",
            [("Red Sea", [])],
        ),
        # a habit the source has stated is background, not this strike's sides
        (
            f"{STRIKE} The Israeli army has repeatedly said it struck Hezbollah targets in the area.",
            [("Yater", [])],
        ),
    ],
)
def test_a_reply_strike_or_a_stated_habit_names_no_side(
    reference: Reference, text: str, expected: list
) -> None:
    assert _actors(reference, text) == expected
