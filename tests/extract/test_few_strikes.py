"""A handful of strikes on a named place is one event there, as ACLED codes it; the Red Sea port of X is X
(sentences our own)."""

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


def test_six_strikes_on_a_place_are_an_event_there(reference: Reference) -> None:
    text = "Six American airstrikes targeted the Hajjah area on Wednesday, local media said."
    assert [(c.place_id, c.date) for c in candidates(reference, text, "2025-04-24")] == [
        ("hajjah", "2025-04-23")
    ]


def test_hundreds_of_strikes_stay_a_count(reference: Reference) -> None:
    # No period phrase ("over the past year" would make it background on its own): the count alone decides.
    text = "The army said it carried out {} air strikes on Khiam last week."
    few = candidates(reference, text.format("five"), "2025-04-24")
    assert [c.place_id for c in few] == ["khiam"]  # the place resolves: the absence below means something
    assert [
        c for c in candidates(reference, text.format("more than 300"), "2025-04-24") if not c.reason
    ] == []


def test_a_handful_of_strikes_on_named_villages_are_events_there(reference: Reference) -> None:
    # Guard: the case `counted_at` was made for, a handful on a list of places.
    text = "Jets carried out five air strikes on Khiam, Kfar Kila and Odaisseh on Tuesday."
    found = {c.place_id for c in candidates(reference, text, "2025-04-24") if not c.reason}
    assert {"khiam", "kfar-kila"} <= found


def test_a_few_strikes_since_a_day_stay_a_count(reference: Reference) -> None:
    # Guard (passes on main too): a period up to now is background whatever the count.
    text = "Six strikes have hit Hajjah since March."
    assert [c for c in candidates(reference, text, "2025-04-24") if not c.reason] == []


def test_the_red_sea_port_of_a_town_is_the_town_not_the_sea(reference: Reference) -> None:
    text = "On Monday jets struck the Red Sea port of Hodeidah."
    assert [c.place_id for c in candidates(reference, text, "2025-04-24")] == ["al-hudaydah"]
