"""A site "was hit by Israeli jets": the passive that names the weapon or the force that struck is an event,
though a bare "the building was hit" is not proposed (it gave as many wrong events as right ones on held-out
passages). Found by the energy engineer: "The Ras Isa port was hit by Israeli jets" gave no candidate.
Every sentence is our own."""

from __future__ import annotations

import pytest

from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("The Ras Isa port was hit by Israeli jets on Monday.", "airstrike"),
        ("Fuel tanks at the Ras Isa port were struck by US warplanes on Monday.", "airstrike"),
        ("Two explosive-laden drones fell in the Khurmala oil field on Monday.", "drone_attack"),
    ],
)
def test_a_passive_that_names_what_struck_is_an_event(reference, sentence, event_type):
    found = candidates(reference, sentence, day="2025-03-08")
    assert [(c.event_type, c.date) for c in found] == [(event_type, "2025-03-03")], found


def test_a_bare_passive_of_a_building_is_still_not_proposed(reference):
    assert candidates(reference, "A building in Tyre was hit on Monday.", day="2025-03-08") == []
