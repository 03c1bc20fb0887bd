"""A pasted link checked against the data (sitmap.ui.state.reconcile)."""

from __future__ import annotations

from datetime import date

from sitmap.ui.state import DataFacts, reconcile
from sitmap.view import View

EXTENT = (date(2025, 1, 1), date(2025, 3, 31))


FACTS = DataFacts(extent=EXTENT, ids=frozenset({"a"}), options={})


def test_reconcile_keeps_a_good_view_unchanged():
    view = View(start=date(2025, 2, 1), end=date(2025, 2, 3), event_types=("raid",), selected="a", zoom=9)
    assert reconcile(view, FACTS) == (view, [])


def test_reconcile_drops_and_clamps_with_notes():
    view = View(
        start=date(2024, 1, 1),
        end=date(2025, 2, 1),
        event_types=("raid", "bogus"),
        claim_status=("rumoured",),
        selected="zzz",
    )
    got, notes = reconcile(view, FACTS)
    assert got.start == EXTENT[0] and got.end == date(2025, 2, 1)
    assert got.event_types == ("raid",) and got.claim_status == ()
    assert got.selected is None
    assert len(notes) == 4


def test_reconcile_start_after_end_shows_everything():
    got, notes = reconcile(View(start=date(2025, 3, 1), end=date(2025, 2, 1)), FACTS)
    assert got.start is None and got.end is None and "after" in notes[0]
