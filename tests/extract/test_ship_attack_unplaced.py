"""A ship attack told with neither place nor date is news of the report's days (sentences our own).

At sea a report often names no place ("the Houthis hit the cargo ship X"); such a sentence is not
commentary: it is kept, unplaced, dated with the report's window at a low score, with the reason.
"""

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


def test_a_ship_hit_with_no_place_or_date_is_kept(reference: Reference) -> None:
    text = "Houthi fighters hit the cargo ship Sea Breeze, and its crew abandoned the vessel."
    (c,) = candidates(reference, text, "2025-03-12")
    assert (c.location, c.date, c.date_end, c.event_type, c.actors) == (
        None, "2025-03-11", "2025-03-12", "attack_on_shipping", ["Houthis (Ansar Allah)"]
    )  # fmt: skip
    assert c.evidence["date"].confidence < 0.5 and "no date" in c.evidence["date"].reason


def test_a_count_of_ship_attacks_stays_out(reference: Reference) -> None:
    text = "The Houthis have attacked more than 100 ships since November."
    assert [c for c in candidates(reference, text, "2025-03-12") if not c.reason] == []


def test_earlier_ship_attacks_stay_out(reference: Reference) -> None:
    text = "Earlier attacks on shipping had done little harm."
    assert [c for c in candidates(reference, text, "2025-03-12") if not c.reason] == []
