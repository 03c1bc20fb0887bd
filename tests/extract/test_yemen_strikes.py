"""Foreign strikes in Yemen: the Houthis hold the ground struck, and who the strike is blamed on acted
(issue 11, dev split; our own sentences)."""

from __future__ import annotations

from tests.extract.one_paragraph import candidates


def _at(reference, text: str, place: str) -> list[str]:
    [cand] = [c for c in candidates(reference, text) if c.location == place]
    return cand.actors


def test_a_us_strike_in_yemen_hits_the_houthis(reference) -> None:
    text = "On Monday 3 March US warplanes carried out four air strikes on Hodeidah, local media said."
    assert _at(reference, text, "Hodeidah") == ["US forces", "Houthis (Ansar Allah)"]


def test_the_houthis_striking_yemen_are_not_their_own_target(reference) -> None:
    text = "On Monday 3 March Houthi drones struck government positions in Taiz."
    assert _at(reference, text, "Taiz")[0] == "Houthis (Ansar Allah)"


def test_who_a_strike_is_blamed_on_acted_not_who_said_so(reference) -> None:
    text = (
        "Yemen's Huthis said on Monday 3 March that two people were killed in strikes on Hodeidah, which they"
        " blamed on the United States."
    )
    assert _at(reference, text, "Hodeidah")[0] == "United States"


def test_a_strike_on_another_named_group_does_not_hit_the_houthis(reference) -> None:
    # The target is named (al-Qaeda): the holder of the ground is not the side hit (review finding 5); the
    # named group is (al-Qaeda is in the actor table since session 20).
    text = "On Monday 3 March a US drone strike hit a vehicle carrying al-Qaeda fighters in Saada."
    assert [c.actors for c in candidates(reference, text)] == [["US forces", "Al-Qaeda"]]


def test_a_strike_outside_the_houthis_areas_does_not_hit_them(reference) -> None:
    # Aden and Marib are held by others: a foreign strike there is not on the Houthis (review finding 5).
    for place in ("Aden", "Marib"):
        text = f"On Monday 3 March a US drone strike hit a car in {place}."
        assert [(c.admin1, c.actors) for c in candidates(reference, text)] == [(place, ["US forces"])]
