"""The review's duplicate check on each store backend (embedded, PostGIS): a candidate under another id is
found through one place-and-time-window query (`EventStore.query`), never a whole-table read."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from sitmap.extract.duplicates import key_of_feature, stored_match
from sitmap.view import View

ROOT = Path(__file__).resolve().parents[2]
CURATED = "syr-2018-02-07-khasham-attack"


def curated() -> dict:
    doc = json.loads((ROOT / "events" / "iran-update-2025-03-04.geojson").read_text(encoding="utf-8"))
    return next(f for f in doc["features"] if f["id"] == CURATED)


def candidate() -> dict:
    """The report's reading of the same attack: the year only, its own id, its own quote."""
    f = copy.deepcopy(curated())
    f["id"] = "syr-2018-khasham-armed-clash"
    f["properties"].update(date="2018", time_precision="year", uncertainty_m=5000, quote="another sentence")
    return f


class Spy:
    """The store, recording the views it was asked for."""

    def __init__(self, store):
        self.store = store
        self.views: list[View] = []

    def query(self, view: View, *, limit: int | None = None):
        self.views.append(view)
        return self.store.query(view, limit=limit)


def test_a_candidate_under_another_id_is_found_by_a_window_query(store):
    store.save(curated(), None, user="ann", why="curated")
    far = copy.deepcopy(curated())  # the same day and type 300 km away: not this attack
    far["id"] = "syr-2018-02-07-damascus-armed-clash"
    far["geometry"]["coordinates"] = [36.29, 33.51]
    store.save(far, None, user="ann", why="another")
    spy = Spy(store)
    key = key_of_feature(candidate())
    assert key is not None
    assert stored_match(key, spy) == CURATED  # type: ignore[arg-type]
    [view] = spy.views
    assert view.bbox is not None and view.start is not None and view.end is not None
    assert len(store.query(view)) == 1  # the window left the far event out


def test_the_candidates_own_id_counts_as_stored(store):
    store.save(curated(), None, user="ann", why="curated")
    key = key_of_feature(curated())
    assert key is not None and stored_match(key, store) == CURATED


def test_nothing_nearby_is_no_match(store):
    store.save(curated(), None, user="ann", why="curated")
    moved = candidate()
    moved["properties"]["date"] = "2019"  # another year: not this attack
    key = key_of_feature(moved)
    assert key is not None and stored_match(key, store) is None
