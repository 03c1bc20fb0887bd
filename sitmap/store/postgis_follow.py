"""One process's copy of a PostGIS store's whole events frame, kept current from the rows written since.

The map page needs every event (filter choices, extent, timeline), and every open app process holds that
frame. Re-reading the whole table whenever any analyst saves would make every process read every row again
(tens of seconds at 1M events). Instead a `FrameFollower` remembers the frame and the cursor it was read at;
when the change key moves it fetches only the rows written since and the ids deleted since
(`PostgisStore.changed_rows`) and merges them in:

- in place when every written row is already in the frame with the same start (an edit that does not move
  the event in time order, the usual case): only those rows' cells are replaced;
- otherwise the old rows are dropped and the written ones inserted at their places in (start, id) order.

The frame stays in `apply_view`'s order (start, then id: what the full query and the embedded store give) and
is marked so. A frame handed out is never changed afterwards (a refresh makes a new one), so a session still
drawing from the previous frame is not disturbed.
"""

from __future__ import annotations

import bisect
import threading
from typing import Any

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd

from sitmap.store.patch import replaced_at
from sitmap.store.postgis import PostgisStore, rows_frame
from sitmap.view import View
from sitmap.view.filtering import mark_in_time_order

_ORDER_COLUMNS = ("id", "start")  # never replaced in place: equal by construction of the in-place case
_SORT_OVER = 5_000  # more written rows than this: one sort instead of a binary search per row


class FrameFollower:
    """The current events frame of `store`, refreshed incrementally; safe to share between threads."""

    def __init__(self, store: PostgisStore) -> None:
        self.store = store
        self.rows_read = 0  # rows fetched from the database in all (what a refresh costs, in rows)
        self._lock = threading.Lock()
        self._frame: gpd.GeoDataFrame | None = None
        self._index: pd.Index | None = None  # the frame's ids, for finding written rows
        self._cursor: str | None = None

    def frame(self, key: str | None = None) -> gpd.GeoDataFrame:
        """Every event, in time order, as of change key `key` or later (None: ask the store)."""
        with self._lock:
            key = self.store.change_key() if key is None else key
            if self._frame is not None and self._index is not None:
                if key == self._cursor:
                    return self._frame
                rows, gone, cursor = self.store.changed_rows(self._cursor)
                self.rows_read += len(rows)
                frame, index = merge_changes(self._frame, self._index, rows_frame(rows), gone)
            else:
                # The cursor is taken before the read: a write committed in between is in the frame and
                # is fetched again by the next refresh, which replaces it with itself.
                cursor = self.store.change_key()
                frame = self.store.query(View())
                self.rows_read += len(frame)
                index = pd.Index(frame["id"])
            mark_in_time_order(frame)
            self._frame, self._index, self._cursor = frame, index, cursor
            return frame


def merge_changes(
    frame: gpd.GeoDataFrame, index: pd.Index, written: gpd.GeoDataFrame, gone: list[str]
) -> tuple[gpd.GeoDataFrame, pd.Index]:
    """`frame` (whose ids are `index`) with the `written` rows replacing or joining its own and the `gone`
    ids dropped, in time order; and the new frame's ids. See the module docstring."""
    if not len(written) and not gone:
        return frame, index
    written = _like(written.sort_values(["start", "id"], kind="stable"), frame)
    at = index.get_indexer(written["id"])
    starts = frame["start"].to_numpy()
    if not gone and (at >= 0).all() and (starts[at] == written["start"].to_numpy()).all():
        out = frame.copy(deep=False)
        for name in frame.columns:
            if name not in _ORDER_COLUMNS:
                out[name] = replaced_at(out[name], at, written[name].reset_index(drop=True))
        return out.set_geometry("geometry"), index
    dropped = np.concatenate([at[at >= 0], (found := index.get_indexer(gone))[found >= 0]])
    keep = np.delete(np.arange(len(frame)), dropped)
    both = pd.concat([frame, written], ignore_index=True)
    if len(written) > _SORT_OVER:
        out = both.take(keep.tolist() + list(range(len(frame), len(both))))
        out = out.sort_values(["start", "id"], kind="stable")
    else:
        out = both.take(np.insert(keep, _places(frame, keep, written), len(frame) + np.arange(len(written))))
    out = gpd.GeoDataFrame(out.reset_index(drop=True), geometry="geometry", crs=frame.crs)
    return out, pd.Index(out["id"])


def _places(frame: gpd.GeoDataFrame, keep: npt.NDArray[np.int64], written: pd.DataFrame) -> list[int]:
    """Where each written row goes among the kept rows of `frame` (all in (start, id) order)."""
    starts = frame["start"].to_numpy()[keep]
    new_starts = written["start"].to_numpy()
    lo = np.searchsorted(starts, new_starts, side="left")
    hi = np.searchsorted(starts, new_starts, side="right")
    ids = frame["id"]
    out = []
    for fid, a, b in zip(written["id"].tolist(), lo.tolist(), hi.tolist(), strict=True):
        same_day = ids.iloc[keep[a:b]].tolist() if b > a else []
        out.append(a + bisect.bisect_left(same_day, fid))
    return out


def _like(written: gpd.GeoDataFrame, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """`written` with `frame`'s column dtypes (a few rows infer other ones: all-missing is object)."""
    out = written.copy()
    for name, dtype in frame.dtypes.items():
        if name != "geometry" and out[name].dtype != dtype:
            out[name] = _cast(out[name], dtype)
    return out


def _cast(column: pd.Series, dtype: Any) -> pd.Series:
    try:
        return column.astype(dtype)
    except (TypeError, ValueError):  # a value the frame's dtype cannot hold: widen to objects
        return column.astype(object)
