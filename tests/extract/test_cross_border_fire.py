"""Fire from south Lebanon on northern Israel and Israeli strikes on lists of Lebanese villages (issue 11,
s19, dev p76, p77, p91, p92): the projectiles told as the subject ("rockets were fired at X"), a count of them
(one barrage, not many events), a target named after the origin ("from Lebanon at X"), "in the areas of A
and B". Our own sentences, in the reports' manner."""

from __future__ import annotations

import pytest

from tests.extract.one_paragraph import candidates


def _by_place(cands) -> dict[str | None, tuple[str, list[str]]]:
    return {c.place_id: (c.event_type, c.actors) for c in cands if not c.reason}


@pytest.mark.parametrize(
    ("text", "place", "kind"),
    [
        # the passive with its agent: a count before it counts rockets, not attacks
        (
            "Some 40 rockets were fired by Hezbollah at Kiryat Shmona on Monday evening.",
            "qiryat-shmona", "missile_strike",
        ),
        # a reduced relative: the shells of one attack
        ("Several mortar shells fired toward Metula on Monday started a brush fire.", "metula", "shelling"),
        # projectiles seen rather than fired
        ("On Monday two rocket launches were detected falling near Bar'am.", "baram-il", "missile_strike"),
        (
            "Dozens of missiles were identified heading at Safed on Monday, most of them intercepted.",
            "safed", "missile_strike",
        ),
    ],
)  # fmt: skip
def test_projectiles_told_as_the_subject_are_one_attack_there(
    reference, text: str, place: str, kind: str
) -> None:
    found = _by_place(candidates(reference, text, day="2024-06-04"))
    assert place in found and found[place][0] == kind


def test_the_agent_of_rockets_fired_is_actor_one(reference) -> None:
    text = "Rockets were fired by Hezbollah at Zar'it on Monday."
    found = _by_place(candidates(reference, text, day="2024-06-04"))
    assert found["zarit-il"][1][:1] == ["Hezbollah"]


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah fired a salvo of rockets from southern Lebanon at Kiryat Shmona on Monday.",
        "The group said it launched missiles from Lebanon toward Kiryat Shmona on Monday.",
    ],
)
def test_a_target_named_after_the_origin_is_the_event_place(reference, text: str) -> None:
    """ "from Lebanon at X": the two words after "from" name the origin, not a target after "at"."""
    assert "qiryat-shmona" in _by_place(candidates(reference, text, day="2024-06-04"))


def test_fired_from_a_place_stays_an_origin(reference) -> None:
    text = "On Monday Hezbollah said rockets were fired from Bint Jbeil."
    assert not any(c.place_id and "bint" in c.place_id for c in candidates(reference, text, day="2024-06-04"))


def test_a_count_of_shells_fired_on_many_towns_stays_an_aggregate(reference) -> None:
    text = "The army fired 60 shells on twelve border villages in southern Lebanon on Monday."
    assert not [c for c in candidates(reference, text, day="2024-06-04") if not c.reason]


def test_every_village_in_the_areas_of_a_list_is_a_place(reference) -> None:
    """ "in the areas of A and B": "areas of" introduces the list as "area of" does, and a village-scale
    name at its end is kept (it was dropped as a stray village, the list read as a plain mention)."""
    text = "The IDF said its warplanes struck overnight in the areas of Tayr Harfa and Marwahin."
    assert {"tayr-harfa", "marouahine-lb"} <= set(_by_place(candidates(reference, text, day="2024-05-08")))


def test_every_settlement_of_a_list_is_a_place(reference) -> None:
    """ "hit the settlements of A and B": "settlements of" introduces a list as "villages of" does (a second
    trigger of the same type in the sentence kept only the locative places, and these were plain mentions)."""
    text = (
        "The group said it fired missiles at the Manara settlement on Saturday, and hit the settlements of "
        "Bar'am and Zar'it with rockets."
    )
    found = _by_place(candidates(reference, text, day="2024-11-10"))
    assert {"manara-il", "baram-il", "zarit-il"} <= set(found)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # Iranian and Lebanese outlets' name for Hezbollah: not the Lebanese army ("Lebanese ... fighters")
        ("The Lebanese resistance fighters struck Safed with a barrage of rockets on Saturday.", "safed"),
        # "the resistance group": the group named last, though Israeli jets acted in between
        (
            "Hezbollah said on Saturday that it had downed a drone. Israeli jets then bombed Deir Siriane. "
            "The resistance group also fired rockets at Zar'it on Saturday.",
            "zarit-il",
        ),
    ],
)
def test_hezbollah_under_the_names_its_own_outlets_use(reference, text: str, place: str) -> None:
    found = _by_place(candidates(reference, text, day="2024-11-10"))
    assert found[place][1][:1] == ["Hezbollah"]


def test_a_fire_and_rescue_service_is_no_force(reference) -> None:
    """ "Israeli Fire and Rescue services" put fires out: "Israeli fire" there names no one who fired."""
    text = (
        "Rockets were fired at Kiryat Shmona on Tuesday. Israeli Fire and Rescue services put out the fires. "
        "About 20 more rockets were fired at Metula on Tuesday."
    )
    found = _by_place(candidates(reference, text, day="2024-09-25"))
    assert "Israel Defense Forces" not in found["metula"][1]


@pytest.mark.parametrize(
    "cause",
    ["in response to an Israeli airstrike on Houla", "in response to an Israel Defense Forces (IDF) strike"],
)
def test_the_actor_of_a_strike_named_as_the_cause_does_not_carry_the_story(reference, cause: str) -> None:
    """ "Hezbollah fired rockets at X in response to an Israeli strike. One missile hit Y.": the missile is
    Hezbollah's; the army named in the cause acted in another event (it carried the story to Y)."""
    text = (
        f"Hezbollah fired a volley of rockets at Kiryat Shmona on Tuesday night {cause}. "
        "About 30 rockets were fired, and one missile hit a house in Kfar Blum."
    )
    found = _by_place(candidates(reference, text, day="2024-09-04"))
    assert found["kfar-blum"][1] == ["Hezbollah"]


def test_a_count_of_strikes_on_named_neighbourhoods_is_an_event_at_each(reference) -> None:
    """ "at least five air strikes on the neighbourhoods of A and B" (dev p51): the strikes hit the places
    named, one event at each; a count on "five towns" or told as a period up to now stays an aggregate."""
    text = (
        "The agency reported at least five heavy air strikes on the neighbourhoods of Borj al-Barajneh and "
        "Haret Hreik."
    )
    found = _by_place(candidates(reference, text, day="2024-11-10"))
    assert "haret-hreik-lb" in found and any(p and p.startswith("borj") for p in found)


@pytest.mark.parametrize(
    "text",
    [
        "Israel launched seven air strikes on five towns and villages on Sunday.",
        "Israel has carried out more than 50 strikes on Khiam since October.",
    ],
)
def test_a_count_without_named_places_or_over_a_period_stays_an_aggregate(reference, text: str) -> None:
    assert not [c for c in candidates(reference, text, day="2024-11-10") if not c.reason]
