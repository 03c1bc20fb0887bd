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
