"""A strike "on the road between X and Y" (s18, issue 11): one event, labelled at the first-named town, with
an uncertainty that covers the road (the distance to the second town), not two events nor none."""

from __future__ import annotations

import pytest

from sitmap.reference.gazetteer import km_between
from tests.extract.one_paragraph import candidates

# Our own sentences, after real south-Lebanon strike reports in no set (s18).
ROADS = [
    (
        "An Israeli drone struck a motorcycle on the road between Mansouri and Majdel Zoun in the Tyre"
        " district on Tuesday, killing one man.",
        "al-mansuri-lb",
        "majdel-zoun-lb",
    ),
    (
        "An Israeli drone hit a car on the road linking the towns of Mays al-Jabal and Chaqra on Monday,"
        " wounding two people.",
        "mais-al-jabal",
        "chaqra-lb",
    ),
    # the road's own name before "road" is no place of the event ("Qalaa" is not El Qalaa, Mount Lebanon)
    (
        "An Israeli drone struck a car on the Qalaa road between Mansouri and Majdel Zoun on Tuesday, killing"
        " one man.",
        "al-mansuri-lb",
        "majdel-zoun-lb",
    ),
    # a comma between the road and its towns
    (
        "An Israeli drone hit a van on the Ain al-Mazrab road, between the towns of Khirbet Selm and Jmayjmeh"
        " in the Bint Jbeil district, on Tuesday.",
        "khirbet-selm-lb",
        "jmayjmeh-lb",
    ),
]


@pytest.mark.parametrize(("text", "first", "second"), ROADS)
def test_a_strike_on_the_road_between_two_towns_is_one_event_at_the_first(
    reference, gaz, text, first, second
):
    cands = candidates(reference, text)
    assert [c.place_id for c in cands] == [first]
    one, two = gaz.records[first], gaz.records[second]
    km = km_between(one["lat"], one["lon"], two["lat"], two["lon"])
    assert cands[0].uncertainty_m is not None and cands[0].uncertainty_m >= km * 1000


def test_a_road_named_after_a_town_without_between_is_still_at_the_town(reference):
    """Guard: only a road placed by "between X and Y" loses its own name; "the Baysariyeh highway" alone
    is the best place the sentence gives (our own sentence, after the Delil probe of s18)."""
    text = "An Israeli drone struck a car on the Baysariyeh highway in the Sidon district on Sunday morning."
    assert "bissariye-lb" in [c.place_id for c in candidates(reference, text)]


def test_a_checkpoint_on_the_road_to_a_town_is_told_from_the_place_before(reference, gaz):
    """ "Patrolled X and set up a checkpoint on the road to Y": the road from X, Y says which road (s19; a
    checkpoint is an event of its own since s19-typeact, and it had been put at Y: the labelled set's e37)."""
    text = "Israeli forces patrolled the town of Nawa on 3 March and set up a checkpoint on the road to Tasil"
    cands = candidates(reference, text, "2025-03-04")
    assert {c.place_id for c in cands} == {"nawa"} and len(cands) == 2
    nawa, tasil = gaz.records["nawa"], gaz.records["tasil"]
    km = km_between(nawa["lat"], nawa["lon"], tasil["lat"], tasil["lon"])
    checkpoint = next(c for c in cands if c.event_type != "patrol")
    assert checkpoint.uncertainty_m is not None and checkpoint.uncertainty_m >= km * 1000


def test_a_road_to_a_town_with_no_place_before_it_keeps_the_town(reference):
    """Guard: with no place told before it, "the road to Y" is the best place the sentence gives."""
    text = "Israeli forces set up a checkpoint on the road to Tasil on 3 March."
    assert [c.place_id for c in candidates(reference, text, "2025-03-04")] == ["tasil"]
