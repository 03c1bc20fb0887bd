"""Strikes told in agency wording (sentences our own): a drone "launched on" a base, a bombardment that
"targeted" a site."""

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


def test_a_drone_launched_on_a_base_is_a_drone_attack_there(reference: Reference) -> None:
    text = "The group said on Monday its members launched an explosive-laden drone on the Shaddadi base."
    assert [(c.place_id, c.event_type) for c in candidates(reference, text, "2024-01-02")] == [
        ("ash-shaddadah-sy", "drone_attack")
    ]


def test_a_bombardment_that_targeted_a_site_is_an_airstrike(reference: Reference) -> None:
    text = "On Wednesday the Israeli bombardment targeted a military site near Al-Kiswah, south of Damascus."
    assert [(c.place_id, c.event_type) for c in candidates(reference, text, "2025-03-06")] == [
        ("al-kiswah", "airstrike")
    ]


def test_rockets_fired_in_the_passive_are_a_missile_strike(reference: Reference) -> None:
    text = "On Sunday rockets were launched by unknown fighters from a hamlet close to the town of Tall Afar."
    assert [(c.place_id, c.event_type) for c in candidates(reference, text, "2024-04-22")] == [
        ("tall-afar-iq", "missile_strike")
    ]
