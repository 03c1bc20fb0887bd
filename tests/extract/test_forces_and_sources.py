"""Triggers that need who acts or who reports (sentences our own, review s20 findings 2, 5, 6): a crossing
or an entry is an incursion only when a force makes it; "air-raids" is an air strike however hyphenated,
air-raid sirens are none; an incident told in nautical miles is an attack only with a maritime source or a
hostile word."""

import pytest

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday, several thousand refugees were seen to cross the border into Jordan, the agency said.",
        "On Tuesday, Syrian families were seen crossing the border into Lebanon at the Masnaa crossing.",
        "On Tuesday, a few hundred displaced residents were seen entering the camp in Deir al-Balah.",
        "On Tuesday, the storm entering the area shut Beirut airport for the day.",
        "On Tuesday, the aid convoy was seen crossing the border into Syria at the Masnaa crossing.",
    ],
)
def test_people_and_weather_crossing_are_no_incursion(reference: Reference, text: str) -> None:
    assert all(c.event_type != "ground_incursion" for c in candidates(reference, text, "2024-11-12"))


def test_forces_seen_entering_the_area_of_separation_stay_an_incursion(reference: Reference) -> None:
    text = "On 8 November, Israeli forces were seen entering the area of separation."
    got = [(c.location, c.event_type) for c in candidates(reference, text, "2024-11-12")]
    assert got == [("Area of Separation", "ground_incursion")]


def test_hyphenated_air_raids_are_air_strikes(reference: Reference) -> None:
    text = "Israeli air-raids on Ghazieh and Sidon killed four people on Monday."
    got = sorted((c.location, c.event_type, *c.actors) for c in candidates(reference, text, "2024-11-12"))
    assert got == [
        ("Ghazieh", "airstrike", "Israel Defense Forces"),
        ("Sidon", "airstrike", "Israel Defense Forces"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Air raid sirens went off in Metula and Kiryat Shmona on Monday evening.",
        "Air-raid warnings sounded in Kiryat Shmona on Monday evening.",
    ],
)
def test_air_raid_sirens_are_no_air_strike(reference: Reference, text: str) -> None:
    assert all(c.event_type != "airstrike" for c in candidates(reference, text, "2024-11-12"))


@pytest.mark.parametrize(
    "text",
    [
        "On Monday the coast guard picked up 40 migrants in an incident 12 nautical miles off Tripoli.",
        "The firm said on Monday the incident 40 nautical miles west of Hodeidah did not involve its ships.",
    ],
)
def test_an_incident_at_sea_no_source_no_hostile_word_is_no_attack(reference: Reference, text: str) -> None:
    assert all(c.event_type != "attack_on_shipping" for c in candidates(reference, text, "2024-08-13"))


def test_an_incident_at_sea_with_a_projectile_is_an_attack(reference: Reference) -> None:
    text = (
        "On Monday a master reported an incident 40 nautical miles west of Hodeidah, a projectile landing"
        " nearby."
    )
    got = [(c.location, c.event_type) for c in candidates(reference, text, "2024-08-13")]
    assert got == [("Red Sea", "attack_on_shipping")]
