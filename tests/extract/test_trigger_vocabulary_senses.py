"""The harmless senses of the vocabulary's words (review of s21-vocab): run through the whole pipeline,
since what matters is the event it proposes, not only which pattern matched. Our own sentences."""

from __future__ import annotations

import pytest

from tests.extract.one_paragraph import candidates

# a sentence that names a weapon, a force or a crowd but tells no act of the type the new words read
NOT_THAT_EVENT: list[tuple[str, str]] = [
    # the aircraft not striking: negated, the victim, the base's name, an anti-aircraft gun
    ("The air force did not hit civilian sites in Khan Younis.", "airstrike"),
    ("A helicopter carrying the governor was hit by ground fire near Marib.", "airstrike"),
    ("An air force base near Homs was attacked by drones.", "airstrike"),
    ("Anti-aircraft guns fired at drones over Sanaa.", "airstrike"),
    # a force attacked by a weapon is that weapon's event, not a clash
    ("A post of the army came under attack by drones near Deir ez-Zor.", "armed_clash"),
    # an adjective and a noun with no fighting told
    ("Trucks carrying heavy combat vehicles moved to the border near Quneitra.", "armed_clash"),
    ("The parliament in Beirut saw bitter battles over the budget.", "armed_clash"),
    # troops marching are no protest
    ("Army columns marched through Quneitra on their way to the border.", "protest"),
    # a device named, none going off
    ("A court in Beirut sentenced two men over a car bomb.", "explosive_device"),
    ("Police defused a roadside bomb in Daraa.", "explosive_device"),
    ("A mine explosion at the phosphate works near Palmyra killed three workers.", "explosive_device"),
    ("The army detonated explosives in houses in Kfar Kila.", "explosive_device"),
    # hostages talked of, or held long since, are no abduction told
    ("Envoys took part in talks on hostages in Doha.", "abduction"),
    ("Families of people held hostage in Gaza since October 2023 rallied in Tel Aviv.", "abduction"),
]


@pytest.mark.parametrize(("text", "kind"), NOT_THAT_EVENT)
def test_a_harmless_sense_is_not_that_event(reference, text: str, kind: str) -> None:
    assert kind not in [c.event_type for c in candidates(reference, text)], text


def test_posters_torn_down_leave_the_protest_its_type(reference) -> None:
    text = "Protesters tore down posters of the governor in Sweida."
    kinds = [c.event_type for c in candidates(reference, text)]
    assert kinds == ["protest"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Gunmen pulled down two houses in the village near Daraa.", "property_destruction"),
        ("The air force on Monday hit compounds near Khan Younis.", "airstrike"),
        ("A roadside bomb exploded in Daraa, killing two soldiers.", "explosive_device"),
        ("Thousands of people marched in Sweida on Friday.", "protest"),
        ("Gunmen took two shepherds hostage near Quneitra.", "abduction"),
        ("The army came under attack by gunmen near Deir ez-Zor.", "armed_clash"),
        ("Fierce fighting broke out near Quneitra.", "armed_clash"),
    ],
)
def test_the_act_keeps_its_type(reference, text: str, kind: str) -> None:
    assert kind in [c.event_type for c in candidates(reference, text)], text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the review's risks: a figurative or a trade sense of a weapon's word
        ("Shares in the Israeli missile maker fell on the Tel Aviv exchange.", "missile_strike"),
        ("Journalists bombarded the minister with questions in Beirut.", "airstrike"),
        ("The weekly bulletin rounds up the incidents in Daraa province.", "arrest"),
        ("Residents took to the streets of Damascus to celebrate the new year.", "protest"),
        ("Teachers held strikes, on Monday and Tuesday, in Sweida over unpaid wages.", "airstrike"),
        ("Wildfires burned farmland near Quneitra.", "property_destruction"),
    ],
)
def test_a_figurative_sense_is_not_that_event(reference, text: str, kind: str) -> None:
    assert kind not in [c.event_type for c in candidates(reference, text)], text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Security forces rounded up dozens of young men in Daraa.", "arrest"),
        ("Warplanes bombarded the outskirts of Idlib with barrel bombs.", "airstrike"),
        ("Two rockets landed near Kiryat Shmona on Monday.", "missile_strike"),
        ("Settlers burned two houses near Huwara.", "property_destruction"),
    ],
)
def test_the_literal_sense_keeps_its_type(reference, text: str, kind: str) -> None:
    assert kind in [c.event_type for c in candidates(reference, text)], text
