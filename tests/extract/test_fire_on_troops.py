"""Fire exchanged with troops told without "clashed" (issue 11, s20-types; real reports in no evaluation set:
a patrol that comes under fire and withdraws, troops who return fire, gunmen who open fire on a named army
unit): ACLED's armed clash. Our own sentences, in the reports' manner."""

from __future__ import annotations

import pytest

from sitmap.extract.types import find_triggers


@pytest.mark.parametrize(
    "text",
    [
        "The patrol came under fire near the village and pulled back to its base.",
        "Soldiers returned fire after gunmen shot at them from an orchard.",
        "Local men opened fire on Israeli troops searching the houses.",
        "Gunmen opened fire toward an army unit at the crossroads.",
    ],
)
def test_fire_exchanged_with_troops_is_an_armed_clash(text: str) -> None:
    assert "armed_clash" in [t.event_type for t in find_triggers(text)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the weapon named decides: rocket fire, tank fire on a place
        ("The base came under rocket fire overnight.", "missile_strike"),
        # fire on people who are no fighters stays violence against civilians
        ("Troops opened fire on the protesters at the square.", "attack_on_civilians"),
        # a group firing across a border at soldiers, no weapon named: the claim rule's missile strike
        ("The group said it targeted Israeli soldiers near the fence.", "missile_strike"),
    ],
)
def test_fire_with_a_weapon_or_on_civilians_keeps_its_type(text: str, kind: str) -> None:
    kinds = [t.event_type for t in find_triggers(text)]
    assert kind in kinds and "armed_clash" not in kinds


@pytest.mark.parametrize(
    ("text", "incursion"),
    [
        ("A force of four army vehicles infiltrated the outskirts of the village at dawn.", True),
        ("Troops infiltrated into the town and searched two farms.", True),
        # smugglers who slipped across a border are no force entering a village
        ("The smugglers, who had infiltrated under cover of rain, fled back across the border.", False),
    ],
)
def test_a_force_infiltrating_a_village_is_an_incursion(text: str, incursion: bool) -> None:
    assert ("ground_incursion" in [t.event_type for t in find_triggers(text)]) is incursion


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the vehicle told before the strike: an armed UAV's strike, ACLED's air/drone strike
        ("The driver was in his pickup on the coast road when the drone attack took place.", "airstrike"),
        ("Two men riding a motorbike near the village were killed in a drone strike.", "airstrike"),
        # no vehicle: a one-way attack drone's strike stays a drone attack
        ("Guards at the airport reported a drone attack shortly after midnight.", "drone_attack"),
    ],
)
def test_a_drone_strike_on_a_vehicle_told_before_it_is_an_airstrike(text: str, kind: str) -> None:
    assert [t.event_type for t in find_triggers(text)] == [kind]


def test_a_group_that_fired_at_soldiers_across_a_border_is_no_clash() -> None:
    text = "The group said its fighters fired at Israeli soldiers near the border fence."
    assert "armed_clash" not in [t.event_type for t in find_triggers(text)]
