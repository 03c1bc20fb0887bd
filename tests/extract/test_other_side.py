"""Who was attacked (ACLED's actor 2) as reporters word it, on our own sentences (issue 11)."""

from __future__ import annotations

import pytest

from tests.extract.one_paragraph import candidates


def _actors_at(reference, text: str, place: str) -> list[str]:
    [cand] = [c for c in candidates(reference, text) if c.location == place]
    return cand.actors


@pytest.mark.parametrize(
    ("text", "place", "actors"),
    [
        # the group's members are described before its name
        (
            "On 2 March a US drone hit a car in Baghdad, killing two members of the powerful Kataib Hezbollah"
            " militia.",
            "Baghdad",
            ["US forces", "Kataib Hezbollah"],
        ),
        # the victim is the subject of a passive, named before the strike
        (
            "A top commander of the Kataib Hezbollah faction was killed in a US drone strike in Baghdad"
            " on 2 March.",
            "Baghdad",
            ["US forces", "Kataib Hezbollah"],
        ),
        # the troops a struck base houses are the side attacked
        (
            "On 2 March the Islamic Resistance in Iraq said its drones struck the Ain al-Asad air base in"
            " Anbar, where US troops are stationed.",
            "Al-Asad Airbase",
            ["Islamic Resistance in Iraq", "US forces"],
        ),
        (
            "On 2 March the Islamic Resistance in Iraq said its drones struck the Ain al-Asad air base,"
            " which hosts US troops.",
            "Al-Asad Airbase",
            ["Islamic Resistance in Iraq", "US forces"],
        ),
        # the base is inside the trigger's own words ("targeted the ... airbase")
        (
            "On 2 March Kataib Hezbollah said its drones targeted the Ain al-Asad airbase in Anbar,"
            " where US soldiers are based.",
            "Al-Asad Airbase",
            ["Kataib Hezbollah", "US forces"],
        ),
        # the strike's object is the army's headquarters, named after a comma
        (
            "Israeli strikes on Damascus on 2 March, which targeted Syrian army headquarters, wounded four"
            " people.",
            "Damascus",
            ["Israel Defense Forces", "Syrian government forces"],
        ),
    ],
)
def test_the_side_attacked(reference, text: str, place: str, actors: list[str]) -> None:
    assert _actors_at(reference, text, place) == actors


def test_a_victim_named_first_is_not_who_struck(reference) -> None:
    # the group named before a passive "were killed in" is the side hit; the story's force struck
    text = (
        "On 1 March US forces struck a depot near Qaim. "
        "Two fighters of Kataib Hezbollah were killed in a strike on a car in Baghdad on 2 March."
    )
    assert _actors_at(reference, text, "Baghdad") == ["US forces", "Kataib Hezbollah"]


def test_troops_stationed_near_a_struck_place_are_not_its_target(reference) -> None:
    # "where ... are stationed" names a struck base's troops only after a base, camp or headquarters
    text = "On 2 March Israeli jets struck Nawa, near the hills where Russian troops are stationed."
    assert _actors_at(reference, text, "Nawa") == ["Israeli Air Force"]


@pytest.mark.parametrize(
    "text",
    [
        "On 2 March a missile struck a cargo ship in the Red Sea in an attack carried out by Houthi rebels.",
        "On 2 March a missile struck a cargo ship in the Red Sea; the attack is blamed on Yemen's Houthis.",
        "A missile hit a cargo ship in the Red Sea on 2 March, in an assault executed by the Houthis.",
    ],
)
def test_who_the_attack_is_attributed_to_acted(reference, text: str) -> None:
    assert _actors_at(reference, text, "Red Sea") == ["Houthis (Ansar Allah)"]


def test_an_attribution_does_not_replace_the_named_attacker(reference) -> None:
    text = "On 2 March Israeli jets struck Nawa in reply to an attack carried out by Hezbollah."
    assert _actors_at(reference, text, "Nawa")[0] == "Israeli Air Force"


def test_a_time_after_the_strike_does_not_hide_its_agent(reference) -> None:
    text = "On 2 March a car was struck after sunset near Nabatieh by an Israeli drone."
    assert _actors_at(reference, text, "Nabatieh")[:1] == ["Israel Defense Forces"]
