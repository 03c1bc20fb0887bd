"""Interceptions, checkpoints and territory described, on our own sentences (issue 11, dev split).

ACLED codes a weapon shot down as a strategic development ("Disrupted weapons use"), and the evaluation's
labels as `other`, interceptor first; a checkpoint set up is a position established, not a raid; "the area
patrolled by the peacekeepers" and "the town captured by the tribes" describe a place, not an event.
"""

from __future__ import annotations

import pytest

from sitmap.extract.actors import find_actors
from sitmap.extract.types import find_triggers
from tests.extract.one_paragraph import candidates


def _types(text: str) -> list[str]:
    return [t.event_type for t in find_triggers(text)]


@pytest.mark.parametrize(
    "text",
    [
        "A drone heading for the air base was shot down over the airport late on Monday.",
        "Coalition forces intercepted one of the two missiles over the strait.",
        "Jordanian jets downed several drones crossing the kingdom's airspace.",
        "Air defences were activated over the capital and engaged hostile targets, state media said.",
        "Two explosive-laden drones flying toward the base were destroyed before they reached it.",
        "Three drones, heading for the allied garrison's camp at the airfield, were destroyed over the hill.",
    ],
)
def test_a_weapon_brought_down_is_an_interception(text: str) -> None:
    assert _types(text) == ["interception"]


def test_the_interceptor_comes_first_and_the_launcher_second(reference) -> None:
    text = "On Monday 3 March Jordanian jets shot down Houthi drones over Irbid, the army said."
    [cand] = [c for c in candidates(reference, text) if c.event_type == "interception"]
    assert cand.actors == ["Jordanian Armed Forces", "Houthis (Ansar Allah)"]


def test_the_interceptor_of_a_passive_is_the_agent(reference) -> None:
    text = "On Monday 3 March a missile aimed at the port was intercepted over Eilat by US forces."
    [cand] = [c for c in candidates(reference, text) if c.event_type == "interception"]
    assert cand.actors[0] == "US forces"


@pytest.mark.parametrize(
    "text",
    [
        "The troops set up a military checkpoint at the village entrance.",
        "Soldiers were setting up a temporary checkpoint between the two hamlets.",
        "Police are establishing new road checkpoints on the highway.",
        "Residents reported another checkpoint built by the army on the road to the dam.",
    ],
)
def test_a_checkpoint_set_up_is_a_position_established(text: str) -> None:
    assert _types(text) == ["base_established"]


@pytest.mark.parametrize(
    "text",
    [
        "The junction lies in an area patrolled by the peacekeepers.",
        "Jets hit the village captured by tribal fighters the day before.",
        "The plateau is territory illegally occupied by the army since 1967.",
        "The group fired rockets at the northern occupied town near the border.",
    ],
)
def test_territory_described_by_who_holds_it_is_no_incursion(text: str) -> None:
    assert not {"patrol", "ground_incursion"} & set(_types(text))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Soldiers patrolled the village at dawn.", "patrol"),
        ("The village was patrolled by troops on Sunday.", "patrol"),
        ("Rebels captured the town on Sunday.", "ground_incursion"),
        ("The town was captured by rebels on Sunday.", "ground_incursion"),
    ],
)
def test_an_operation_told_is_still_one(text: str, kind: str) -> None:
    assert kind in _types(text)


def test_a_second_ship_seized_is_an_attack_on_shipping() -> None:
    assert _types("They sank one ship and seized another vessel in the strait.") == ["attack_on_shipping"]


@pytest.mark.parametrize(
    "text",
    [
        "Most of the rockets were intercepted while the others landed in empty fields.",
        "Some of the projectiles were intercepted, the army said.",
        "Several of the drones were intercepted before reaching the town.",
    ],
)
def test_part_of_a_salvo_intercepted_is_the_attacks_outcome(text: str) -> None:
    assert "interception" not in _types(text)


def test_a_coalition_and_iranian_drones_are_named(reference) -> None:
    text = "On Monday 3 March the US-led coalition shot down Iranian drones over Erbil, officials said."
    [cand] = [c for c in candidates(reference, text) if c.event_type == "interception"]
    assert cand.actors == ["Coalition forces", "Iranian armed forces"]


def test_a_strike_restated_keeps_its_attacker_not_a_force_named_since(reference) -> None:
    text = (
        "On Monday 3 March an Israeli drone struck a car near Tyre. A UNIFIL vehicle on the road watched the"
        " scene. Medics said the drone strike near Tyre killed two men."
    )
    found = candidates(reference, text)
    assert [(c.event_type, c.location) for c in found] == [("airstrike", "Tyre")]
    assert all("UNIFIL" not in c.actors for c in found)


def test_a_practice_that_has_recently_intensified_is_no_event(reference) -> None:
    text = (
        "Raids into the province have recently intensified, with farmers complaining of arrests of shepherds"
        " near Quneitra."
    )
    assert [c.event_type for c in candidates(reference, text)] == []


def test_bedouin_arab_fighters_are_the_bedouin_tribes() -> None:
    text = "Armed Bedouin Arab groups clashed with Druze fighters west of the city."
    assert [m.names for m in find_actors(text)] == [("Bedouin tribes",), ("Druze armed groups",)]


@pytest.mark.parametrize(
    "text",
    [
        "Army bulldozers were digging trenches along the frontier.",
        "The army began a construction project along the ceasefire line.",
        "Observers saw troops building earth berms near the fence.",
    ],
)
def test_fortification_work_is_a_position_established(text: str) -> None:
    assert _types(text) == ["base_established"]


@pytest.mark.parametrize(
    "text",
    ["The rockets were launched by unidentified fighters.", "Unknown attackers fired on the post."],
)
def test_unidentified_fighters_are_an_unidentified_armed_group(text: str) -> None:
    assert [m.names for m in find_actors(text)] == [("Unidentified armed group",)]


def test_a_protest_with_nobody_named_is_the_residents(reference) -> None:
    text = "On Friday 28 February thousands of Syrians protested in Sweida against the fuel price rise."
    [cand] = [c for c in candidates(reference, text) if c.event_type == "protest"]
    assert cand.actors == ["Residents"]


@pytest.mark.parametrize(
    "text",
    [
        "A missile launched from Yemen set off sirens across the south before it was shot down.",
        "The rebels fired missiles at the port, though most fell short or were intercepted.",
        "Border guards intercepted several smuggling attempts near the crossing.",
    ],
)
def test_an_attacks_fate_or_a_smuggling_run_stopped_is_no_interception(text: str) -> None:
    assert "interception" not in _types(text)


def test_the_side_a_drone_attack_hits_is_not_its_attacker(reference) -> None:
    text = (
        "On Tuesday 4 March coalition forces shot down a drone over Erbil. Two more drones attacked a base of"
        " the international coalition at Erbil airport later that day."
    )
    [cand] = [c for c in candidates(reference, text) if c.event_type == "drone_attack"]
    assert cand.actors == ["Coalition forces"] and "story" not in cand.evidence["actors"].reason


def test_a_strike_on_an_air_defence_radar_is_no_interception(reference) -> None:
    """The defences' verb makes an interception, not a noun after them: "the engagement radar" of a battery
    struck near Isfahan (the bundled report's sentence, told in our words) is an airstrike."""
    text = (
        "Experts came to look at Iran's damaged air defences, hit when Israel struck the engagement radar"
        " of a battery near Isfahan on 3 March."
    )
    assert [c.event_type for c in candidates(reference, text)] == ["airstrike"]


def test_air_defences_that_engaged_drones_intercepted_them(reference) -> None:
    """Guard: the defences' own verb still tells an interception."""
    text = "On 3 March Syrian air defences engaged hostile drones over Damascus."
    assert [c.event_type for c in candidates(reference, text)] == ["interception"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Tribal fighters captured villages west of the city on Thursday.", "ground_incursion"),
        ("Blue-helmeted troops patrolled areas along the frontier fence on Monday.", "patrol"),
        ("Army units seized lands near the dam on Monday.", "ground_incursion"),
    ],
)
def test_a_place_captured_or_patrolled_by_its_subject_is_an_operation(text: str, kind: str) -> None:
    """Review finding 1: the verb with a place noun as its object tells the operation; only the attributive
    participle ("the occupied town of") describes a place."""
    assert kind in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Rockets fell on the occupied town of Safed on Monday.",
        "Shells landed near an occupied village on the ridge.",
        "Jets hit the newly captured villages east of the river.",
    ],
)
def test_the_attributive_participle_still_describes_a_place(text: str) -> None:
    """Guard for finding 1: "the occupied town" is a description, not an incursion."""
    assert not {"patrol", "ground_incursion"} & set(_types(text))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("An Israeli drone strike hit a car in Tyre and two vehicles were destroyed.", "airstrike"),
        ("Jets bombed a missile depot near the city and three trucks were destroyed.", "airstrike"),
    ],
)
def test_things_destroyed_by_a_strike_are_no_interception(text: str, kind: str) -> None:
    """Review finding 2: the weapon must be the subject of "was/were destroyed", not a noun clauses before."""
    types = _types(text)
    assert kind in types and "interception" not in types


def test_a_weapon_destroyed_in_flight_is_still_an_interception() -> None:
    """Guard for finding 2: the weapon as the subject of "was destroyed"."""
    assert _types("The drone was destroyed over the sea on Monday.") == ["interception"]


def test_an_attack_told_before_another_weapons_interception_stays() -> None:
    """Review finding 3: the attack and the interception of a second drone are two events."""
    text = "A drone attack hit the port on Monday, and a second drone was shot down."
    assert _types(text) == ["drone_attack", "interception"]


@pytest.mark.parametrize(
    "text",
    [
        "A suicide drone flying in from the sea was shot down over the port.",
        "A rebel drone targeted the port and was shot down before it reached the docks.",
        "A kamikaze drone attempting to hit soldiers of the allied garrison was brought down near the camp.",
    ],
)
def test_the_weapon_named_as_the_interceptions_subject_is_no_attack(text: str) -> None:
    """Guard for finding 3: "a suicide drone ... was shot down" is the interception alone."""
    assert _types(text) == ["interception"]
