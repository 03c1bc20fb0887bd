"""Names real reports give armed groups, read as the group and not as a state's forces (sentences our own)."""

import pytest

from sitmap.extract.actors import find_actors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Iraqi militias and factions are not the Iraqi state's forces
        ("Iraqi militias launched drones at the base.", "Islamic Resistance in Iraq"),
        ("Iraqi armed factions launched drones at the base.", "Islamic Resistance in Iraq"),
        ("The Islamic Resistance of Iraq launched drones at the base.", "Islamic Resistance in Iraq"),
        ("The Islamic Resistance in Lebanon fired rockets at the barracks.", "Hezbollah"),
        # the state's forces keep their name
        ("Iraqi forces arrested two men.", "Iraqi security forces"),
    ],
)
def test_group_names(text: str, expected: str) -> None:
    assert [n for m in find_actors(text) for n in m.names][:1] == [expected]


def test_according_to_names_a_source_not_an_actor() -> None:
    text = "According to the US military, two missiles fired from Yemen struck the ship."
    assert [n for m in find_actors(text) for n in m.names] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state's aircraft told by its demonym: every state's, not only Israel's, the US's and Jordan's
        ("Turkish warplanes bombed a village near the border.", "Turkish forces"),
        ("Iraqi F-16s struck a hideout in the desert.", "Iraqi security forces"),
        ("Russian jets hit a market in the town.", "Russian forces"),
        ("Syrian helicopters dropped barrel bombs on the town.", "Syrian government forces"),
        ("Iranian fighter jets struck positions across the border.", "Iranian armed forces"),
        # what a force fires or does, told by the demonym: bombardment, bombing, shells, air defences
        ("Israeli bombardment hit a military site near the capital.", "Israel Defense Forces"),
        ("Turkish shells landed on the village.", "Turkish forces"),
        ("Syrian air defences intercepted the missiles.", "Syrian government forces"),
    ],
)
def test_a_demonym_before_aircraft_or_fire_names_the_state_forces(text: str, expected: str) -> None:
    assert [n for m in find_actors(text) for n in m.names][:1] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # groups ACLED's actor list names in this region that the table lacked
        ("Al-Qaeda in the Arabian Peninsula fighters attacked a checkpoint.", "Al-Qaeda"),
        ("AQAP militants attacked a checkpoint in Abyan.", "Al-Qaeda"),
        ("Jaish al-Adl gunmen attacked a police station.", "Jaish al-Adl"),
        ("PKK fighters ambushed the patrol.", "Kurdistan Workers' Party"),
        ("The YPG shelled the village.", "Syrian Democratic Forces"),
        ("Kurdish-led forces raided the town.", "Syrian Democratic Forces"),
        ("Peshmerga forces repelled the attack.", "Peshmerga"),
        ("ISIS remnants attacked a checkpoint in the desert.", "Islamic State"),
        ("Islamic State cells attacked a checkpoint in the desert.", "Islamic State"),
        ("Hashd forces deployed along the border.", "Popular Mobilization Forces"),
        ("The Men of Dignity movement clashed with security forces.", "Druze armed groups"),
    ],
)
def test_groups_of_the_region(text: str, expected: str) -> None:
    assert [n for m in find_actors(text) for n in m.names][:1] == [expected]


@pytest.mark.parametrize(
    "text",
    ["Suspected al-Qaida gunmen attacked a checkpoint.", "Hamas gunmen opened fire on the patrol."],
)
def test_a_named_groups_gunmen_are_that_group_alone(text: str) -> None:
    # "gunmen" alone names an unidentified group; after a group's name it is that group's men
    assert len([n for m in find_actors(text) for n in m.names]) == 1
