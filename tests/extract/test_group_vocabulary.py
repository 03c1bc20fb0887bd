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
