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
    # Guard (passes on main too).
    text = "Hundreds of airstrikes hit Hajjah over the past year."
    assert [c for c in candidates(reference, text, "2025-04-24") if not c.reason] == []


def test_a_few_strikes_since_a_day_stay_a_count(reference: Reference) -> None:
    # Guard (passes on main too): a period up to now is background whatever the count.
    text = "Six strikes have hit Hajjah since March."
    assert [c for c in candidates(reference, text, "2025-04-24") if not c.reason] == []


def test_the_red_sea_port_of_a_town_is_the_town_not_the_sea(reference: Reference) -> None:
    text = "On Monday jets struck the Red Sea port of Hodeidah."
    assert [c.place_id for c in candidates(reference, text, "2025-04-24")] == ["al-hudaydah"]
