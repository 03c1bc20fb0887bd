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
