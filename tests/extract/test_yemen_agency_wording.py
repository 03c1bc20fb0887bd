"""Strikes in Yemen as agencies tell them (sentences our own): a report told "earlier" is news still, and
"strikes also hit X" is a strike on X."""

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


def test_a_report_made_earlier_tells_news_not_background(reference: Reference) -> None:
    text = "Local media earlier reported that American strikes targeted a bridge in Hajjah on Tuesday."
    assert [(c.place_id, c.date) for c in candidates(reference, text, "2025-04-02")] == [
        ("hajjah", "2025-04-01")
    ]


def test_earlier_strikes_are_still_background(reference: Reference) -> None:
    # Guard (passes on main too): "earlier" qualifies the strikes themselves.
    text = "The earlier air strikes on Hajjah had killed two men."
    assert [c for c in candidates(reference, text, "2025-04-02") if not c.reason] == []


def test_strikes_also_hit_a_town(reference: Reference) -> None:
    text = "On Tuesday, strikes also hit the rebel stronghold of Saada."
    assert [(c.place_id, c.event_type) for c in candidates(reference, text, "2025-04-02")] == [
        ("sa-dah", "airstrike")
    ]


def test_districts_listed_in_their_governorates_are_the_places(reference: Reference) -> None:
    # Yemen's districts are not in the gazetteer: each stays a named place, and the governorate seat named
    # after "district in" says where it lies, no second event (Sa'dah, Hajjah were proposed too).
    text = "On Monday US jets bombed sites in the Majz district in Saada and the Midi district in Hajjah."
    assert [(c.location, c.place_id) for c in candidates(reference, text, "2025-04-08")] == [
        ("Majz", None),
        ("Midi", None),
    ]


def test_a_district_named_further_on_is_a_place_of_its_own(reference: Reference) -> None:
    text = "In western Sanaa, the strikes hit a hill in the Bani Matar district on Monday."
    assert [c.location for c in candidates(reference, text, "2025-04-08")] == ["Bani Matar"]


def test_a_district_right_after_a_place_still_qualifies_it(reference: Reference) -> None:
    # Guard (passes on main too): "Kafra, in the Bint Jbeil district" is Kafra.
    text = "A drone hit a car in Kafra, in the Bint Jbeil district, on Monday."
    assert [c.place_id for c in candidates(reference, text, "2025-04-08")] == ["kafra-lb"]
