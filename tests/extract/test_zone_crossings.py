"""The 1974 zone named as where forces went (sentences our own): a crossing told with the bare verb ("were
seen to cross the ceasefire line into the area of separation", "tanks crossing into the buffer zone") is
an incursion there, as "crossed ... into" already is."""

import pytest

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    "text",
    [
        "Last month, observers saw two Israeli tanks cross the ceasefire line into the area of separation.",
        "Last month, peacekeepers saw Israeli bulldozers crossing the fence into the area of separation.",
        # subjects joined: the force named first
        "Last month, observers saw an Israeli tank and two diggers cross the ceasefire line into the area of"
        " separation.",
    ],
)
def test_a_crossing_into_the_zone_is_an_incursion_there(reference: Reference, text: str) -> None:
    got = [(c.location, c.event_type, c.date) for c in candidates(reference, text, "2024-11-12")]
    assert got == [("Area of Separation", "ground_incursion", "2024-10")]


def test_a_border_crossing_named_is_no_incursion(reference: Reference) -> None:
    # Guard: "crossing" as the noun names a crossing point, not forces crossing.
    text = "Lorries queued at the Nasib border crossing into Jordan on Sunday."
    assert all(c.event_type != "ground_incursion" for c in candidates(reference, text, "2024-11-12"))


def test_smugglers_crossing_into_a_country_are_no_incursion(reference: Reference) -> None:
    # Guard: people trying to cross into a country are not forces' incursion.
    text = "Border guards clashed on Sunday with armed smugglers trying to cross into Jordan from Syria."
    assert all(c.event_type != "ground_incursion" for c in candidates(reference, text, "2024-11-12"))


def test_forces_seen_entering_the_zone_are_an_incursion(reference: Reference) -> None:
    text = "On 8 November, two Israeli bulldozers were seen entering the demilitarised zone."
    got = [(c.location, c.event_type, c.date) for c in candidates(reference, text, "2024-11-12")]
    assert got == [("Area of Separation", "ground_incursion", "2024-11-08")]


def test_a_war_entering_its_second_year_is_no_incursion(reference: Reference) -> None:
    # Guard: "entering" said of time.
    text = "On Sunday, with the war entering its second year, leaders met in Amman."
    assert all(c.event_type != "ground_incursion" for c in candidates(reference, text, "2024-11-12"))


def test_the_border_the_zone_lies_on_is_no_second_place(reference: Reference) -> None:
    # "the buffer zone on the Israel-Syria border": the border says where the zone is, no event of its own.
    text = "Last month, Israeli tanks were seen entering the demilitarised zone on the Israel-Syria border."
    assert [c.location for c in candidates(reference, text, "2024-11-12")] == ["Area of Separation"]
