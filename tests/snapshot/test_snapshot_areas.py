"""A region- or country-level event is drawn on the snapshot as the web map draws it: its area's outline
with a label saying what it is, never a pin (`sitmap.footprints.drawn_as_area`, the one rule, restated
here from the events' own fields)."""

from __future__ import annotations

from pathlib import Path

from sitmap.snapshot.render import build_snapshot
from sitmap.view import DEFAULT_OVERLAYS, View

ROOT = Path(__file__).resolve().parents[2]
IRAN_VISITS = {"irn-2024-04-russian-experts-visit", "irn-2024-09-russian-experts-visit"}  # country level
RED_SEA = "yem-2023-11-red-sea-shipping-attacks"  # region level, its own polygon


def _texts(snap) -> list[str]:
    return [t.get_text() for t in snap.map_ax.texts]


def test_area_events_have_no_pin_but_their_outline_and_a_label(events, reference):
    snap = build_snapshot(events, reference, View(), title="T")
    pinned = {d.id for d in snap.events}
    located = events[events.geometry.notna()]
    as_area = (located.geom_type != "Point") | located["geo_precision"].isin(["region", "country"])
    areas = set(located.loc[as_area, "id"])
    assert IRAN_VISITS | {RED_SEA} <= areas
    assert pinned.isdisjoint(areas), pinned & areas
    assert pinned == set(located["id"]) - areas  # every other located event keeps its pin
    texts = _texts(snap)
    # The two Iran visits share Iran's outline (same type and status): one label names them.
    assert any(t.startswith("Iranian missile sites\n") for t in texts), texts
    assert any(t.startswith("Red Sea and Gulf of Aden\n") for t in texts), texts


def test_without_the_uncertainty_overlay_area_events_are_left_off_and_counted(events, reference):
    """As on the web map: the overlay governs every footprint, so an area event is not drawn at all (never
    as a confident pin), and the notes say how many were left off."""
    view = View(overlays=tuple(o for o in DEFAULT_OVERLAYS if o != "uncertainty"))
    snap = build_snapshot(events, reference, view, title="T")
    assert not {d.id for d in snap.events} & IRAN_VISITS
    assert not any(t.startswith("Iranian missile sites") for t in _texts(snap))
    notes = " ".join(t.get_text().replace("\n", " ") for t in snap.legend_ax.texts)
    assert "placed only to a region or country" in notes, notes
