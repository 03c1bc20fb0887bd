"""Pure filtering of the events by a View, the filter choices a store offers, and its time extent."""

from __future__ import annotations

import weakref
from datetime import date
from itertools import chain

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from sitmap.view.fields import COLUMN_FILTERS
from sitmap.view.model import View
from sitmap.view.search import text_mask


def time_mask(events: pd.DataFrame, start: date | None, end: date | None) -> np.ndarray:
    """Events whose period [start, end] overlaps the window (both inclusive)."""
    mask = np.ones(len(events), dtype=bool)
    if start is not None:
        mask &= (events["end"] >= pd.Timestamp(start)).to_numpy()
    if end is not None:
        mask &= (events["start"] <= pd.Timestamp(end)).to_numpy()
    return mask


def _in_any(values: pd.Series, wanted: tuple[str, ...]) -> np.ndarray:
    wanted_lower = {w.lower() for w in wanted}
    return np.asarray(values.fillna("").astype(str).str.lower().isin(wanted_lower), dtype=bool)


def _actors_match(actors: pd.Series, wanted: tuple[str, ...]) -> np.ndarray:
    wanted_lower = {w.lower() for w in wanted}
    return np.fromiter(
        (bool(wanted_lower & {a.lower() for a in (row or [])}) for row in actors),
        dtype=bool,
        count=len(actors),
    )


def filter_mask(events: gpd.GeoDataFrame, view: View) -> np.ndarray:
    """Boolean mask of the events the view shows (everything but `selected`, which never hides)."""
    mask = time_mask(events, view.start, view.end)
    for attr, column in COLUMN_FILTERS.items():
        wanted = getattr(view, attr)
        if wanted:
            mask &= _in_any(events[column], wanted)
    if view.actors:
        mask &= _actors_match(events["actors"], view.actors)
    if view.text.strip():
        mask &= text_mask(events, view.text)
    if view.bbox is not None:
        box = shapely.box(*view.bbox)
        geoms = events.geometry.array
        mask &= np.asarray(~geoms.isna() & geoms.intersects(box), dtype=bool)
    return mask


def apply_view(events: gpd.GeoDataFrame, view: View) -> gpd.GeoDataFrame:
    """The events the view shows, in time order (start, then id). A store keeps its frame in that order
    (`sitmap.store.assemble`), and a subset of an ordered frame is ordered: then nothing is sorted, and a
    view that keeps every event copies nothing."""
    mask = filter_mask(events, view)
    shown = events.copy(deep=False) if mask.all() else events[mask]
    if _ORDERED.get(id(events)) is events or in_time_order(shown):
        return shown
    return shown.sort_values(["start", "id"], kind="stable")


# Frames known to be in time order (a large store's, `sitmap.store.assemble`): read-only by contract, so they
# stay ordered, and a subset of one is ordered too. By id, held weakly: a frame is forgotten when dropped.
_ORDERED: weakref.WeakValueDictionary[int, pd.DataFrame] = weakref.WeakValueDictionary()


def mark_in_time_order(events: pd.DataFrame) -> None:
    """Record that `events` is in `apply_view`'s order (its caller keeps it unchanged from now on)."""
    _ORDERED[id(events)] = events


def in_time_order(events: pd.DataFrame) -> bool:
    """Whether the rows are ordered by start, then id (checked in a few vectorised passes)."""
    if len(events) < 2:
        return True
    start = events["start"].to_numpy()
    if np.isnat(start).any() or (start[1:] < start[:-1]).any():
        return False
    ties = np.flatnonzero(start[1:] == start[:-1])
    if not len(ties):
        return True
    ids = events["id"].array
    return bool(np.asarray(ids.take(ties) < ids.take(ties + 1)).all())


def data_extent(events: pd.DataFrame) -> tuple[date, date] | None:
    """First and last day any event is on, or None for an empty store."""
    if events.empty:
        return None
    return events["start"].min().date(), events["end"].max().date()


def options(events: pd.DataFrame) -> dict[str, list[str]]:
    """The values each filter can take in this store, sorted, for the UI's choices."""
    # Each column's distinct values first (vectorised; no Python object per event), then only those sorted.
    out = {
        attr: sorted(v for v in events[col].dropna().unique() if v) for attr, col in COLUMN_FILTERS.items()
    }
    # Equal actor lists are mostly one shared object (sitmap.store.columnar decodes each text once).
    rows = events["actors"].to_numpy(dtype=object)
    distinct = {id(row): row for row in rows if row}.values()
    out["actors"] = sorted(set(chain.from_iterable(distinct)))
    return out
