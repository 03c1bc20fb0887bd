"""Who a name is depends on where, and a supplier is not who struck (sentences our own, review s20 finding
7): the Asayish are the SDF's security service in Syria and the Kurdistan Region's own in Iraq; "a strike
using American bombs" is not a US strike."""

import pytest

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, Asayish officers in Erbil detained two men suspected of smuggling.",
        "Kurdish Asayish forces arrested three suspects in Sulaymaniyah on Monday.",
    ],
)
def test_the_asayish_in_iraqi_kurdistan_are_not_the_sdf(reference: Reference, text: str) -> None:
    got = candidates(reference, text, "2024-11-12")
    assert got and all(c.country == "Iraq" for c in got)
    assert all("Syrian Democratic Forces" not in c.actors for c in got)


def test_the_asayish_in_syria_are_the_sdf(reference: Reference) -> None:
    text = "Asayish forces arrested three suspects in Qamishli on Monday."
    got = [(c.location, c.actors) for c in candidates(reference, text, "2024-11-12")]
    assert got == [("Qamishli", ["Syrian Democratic Forces"])]


@pytest.mark.parametrize(
    "text",
    [
        "On Monday an Israeli strike using American bombs hit a school in Khan Younis.",
        "On Monday Israeli jets struck a school in Khan Younis with American bombs.",
    ],
)
def test_munitions_named_by_their_supplier_add_no_actor(reference: Reference, text: str) -> None:
    got = candidates(reference, text, "2024-11-12")
    assert got and all("US forces" not in c.actors for c in got)


def test_a_force_named_by_its_bombs_still_acts(reference: Reference) -> None:
    # Guard: the demonym before what it fired names who fired ("Israeli shells fell on ...").
    text = "On Monday Israeli shells fell on the outskirts of Khiam."
    assert [c.actors for c in candidates(reference, text, "2024-11-12")] == [["Israel Defense Forces"]]
