"""A foreign strike on "the army headquarters" in a country hits that country's forces (sentences our own).

Reports name the host's institutions without their nationality ("Israeli strikes on the army headquarters in
Damascus", "struck the defence ministry"): the side hit is the country's own forces.
"""

import pytest

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


def _actors(reference: Reference, text: str) -> list[list[str]]:
    return [list(c.actors) for c in candidates(reference, text, "2025-03-12")]


@pytest.mark.parametrize(
    "text",
    [
        "Israeli jets struck the army headquarters in Damascus on Tuesday.",
        "Israeli strikes hit the defence ministry in Damascus on Tuesday.",
        "Israeli jets bombed army positions near Kisweh on Tuesday.",
    ],
)
def test_the_hosts_forces_are_the_side_hit(reference: Reference, text: str) -> None:
    assert _actors(reference, text) in (
        [["Israeli Air Force", "Syrian government forces"]],
        [["Israel Defense Forces", "Syrian government forces"]],
    )


def test_the_hosts_own_army_is_not_its_own_target(reference: Reference) -> None:
    text = "Syrian troops shelled army positions of the former regime near Kisweh on Tuesday."
    # exactly one shelling, the government's forces once (an `all` over no candidate could not fail)
    assert _actors(reference, text) == [["Syrian government forces"]]


def test_a_site_not_the_armys_adds_nobody(reference: Reference) -> None:
    text = "Israeli jets struck a warehouse in Damascus on Tuesday."
    assert _actors(reference, text) == [["Israeli Air Force"]]


def test_positions_whose_dead_are_named_are_not_the_hosts(reference: Reference) -> None:
    # the dead name whose positions they were: the SDF's, not the Syrian army's (review)
    text = "Turkish drones struck army positions near Qamishli on Tuesday, killing three SDF fighters."
    assert _actors(reference, text) == [["Turkish forces", "Syrian Democratic Forces"]]
