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
import pyarrow as pa

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
    if len(written) > _SORT_OVER:
        both = pd.concat([frame.take(keep), written], ignore_index=True)
        out = both.sort_values(["start", "id"], kind="stable").reset_index(drop=True)
    else:
        places = _places(frame, keep, written)
        at_old = [int(keep[k]) if k < len(keep) else len(frame) for k in places]
        segments = _segments(len(frame), sorted(dropped.tolist()), at_old)
        out = pd.DataFrame(
            {name: _spliced(frame[name], written[name], segments) for name in frame.columns},
            columns=frame.columns,
        )
    out = gpd.GeoDataFrame(out, geometry="geometry", crs=frame.crs)
    return out, pd.Index(out["id"])


Segment = tuple[bool, int, int]  # (from the written rows?, first, past the last)


def _segments(n: int, dropped: list[int], inserts: list[int]) -> list[Segment]:
    """The new frame as runs of old rows and of written rows: the old rows 0..n without `dropped`, the
    i-th written row placed before old row `inserts[i]` (non-decreasing; never a dropped row)."""
    out: list[Segment] = []
    cut = 0
    marks = sorted([(pos, 0, i) for i, pos in enumerate(inserts)] + [(pos, 1, -1) for pos in dropped])
    for pos, is_drop, i in marks:
        if pos > cut:
            out.append((False, cut, pos))
        cut = max(cut, pos)
        if is_drop:
            cut = pos + 1
        elif out and out[-1][0] and out[-1][2] == i:
            out[-1] = (True, out[-1][1], i + 1)
        else:
            out.append((True, i, i + 1))
    if cut < n:
        out.append((False, cut, n))
    return out


def _spliced(old: pd.Series, new: pd.Series, segments: list[Segment]) -> Any:
    """One column of the new frame, cut from `old` and `new` without taking every row again: an Arrow
    string column joins zero-copy slices; the rest are arrays of 8-byte values or pointers."""
    if isinstance(old.array, pd.arrays.ArrowStringArray):
        chunked: pa.ChunkedArray = old.array._pa_array  # noqa: SLF001 - pandas' own Arrow data, not copied
        added = pa.array(new.to_numpy(dtype=object), type=chunked.type, from_pandas=True)
        parts = [
            c
            for fresh, a, b in segments
            for c in ((added.slice(a, b - a),) if fresh else chunked.slice(a, b - a).chunks)
        ]
        joined = pa.chunked_array([c for c in parts if len(c)], type=chunked.type)
        return pd.Series(pd.arrays.ArrowStringArray(joined, dtype=old.array.dtype), name=old.name, copy=False)
    if isinstance(old.dtype, gpd.array.GeometryDtype):
        olds, news = np.asarray(old.array, dtype=object), np.asarray(new.array, dtype=object)
        return gpd.array.GeometryArray(np.concatenate([(news if f else olds)[a:b] for f, a, b in segments]))
    olds, news = old.to_numpy(), new.to_numpy(dtype=old.dtype if old.dtype != object else None)
    return pd.Series(np.concatenate([(news if f else olds)[a:b] for f, a, b in segments]), dtype=old.dtype)


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
