"""What the map's events layer carries when the filters select more events than a browser layer should hold.

Each event costs the layer's payload about 300 bytes (its id, times, place, date label and summary), so a
million events would be a 300 MB page element (Streamlit refuses any over 200 MB). The map therefore asks
only for its view (`map_scope`):

1. up to `MAP_MAX_EVENTS` events over all times: all of them (the browser applies the time window itself,
   `js/timefilter.js`, so a time step sends nothing);
2. more: only the events of the time window inside the map's bounds (padded by half a screen each side),
   taken over an aligned span of days around the window (`window_span`): the browser applies the window
   itself, so a day step inside the span finds the very same events, the same layer, and Streamlit sends a
   reference to the message the browser already holds instead of the layer's ~280 KB (10k events, 30 days);
   a span over the cap falls back to the exact window;
3. still more: counts per grid cell (`cell_payload`), a cell about as large on screen as the browser's own
   clusters (`CELL_PX` at the map's zoom), made coarser until there are at most `MAX_CELLS` cells. The
   counts are the events' own (nothing sampled or dropped); zooming in or narrowing the filters brings the
   events back one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal, Protocol

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from sitmap.view import View
from sitmap.view.filtering import time_mask
from sitmap.vocabulary import EVENT_TYPES, event_type

MAP_MAX_EVENTS = 8_000  # ~1.3 MB of payload with ordinary summaries, <4 MB with the longest (SUMMARY_CHARS)
MAX_CELLS = 4_000  # ~50 bytes each in the payload
CELL_PX = 56  # as js/events.js's screen grid
SPAN_BLOCKS = 4  # a window of L days is held in blocks of about L/4 days: a new layer every L/4 day steps
BOUNDS_PAD = 0.5  # the map's bounds grown by half their size on each side: a short pan stays drawn
DEFAULT_ZOOM = 6  # before the map has reported its zoom


Box = tuple[float, float, float, float]  # W, S, E, N in degrees


@dataclass(frozen=True)
class GridCounts:
    """Events counted per (cell, type) (`grid_counts`' frame: cx, cy, type, n, x, y) at cell size `size`."""

    counts: pd.DataFrame
    size: float

    @property
    def total(self) -> int:
        return int(self.counts["n"].sum()) if len(self.counts) else 0


@dataclass(frozen=True)
class Scope:
    """The events the layer is built from, the cell size (degrees) when they are counted per cell, and the
    first and last day the layer holds when it holds a time span ("window"). `counts`: the cells already
    counted (by the database), when `events` is not what they are counted from."""

    events: gpd.GeoDataFrame
    kind: Literal["all", "window", "cells"]
    cell_deg: float | None = None
    span: tuple[date | None, date | None] | None = None  # "window": the days held (None: open-ended)
    counts: GridCounts | None = None

    @property
    def cells(self) -> float | GridCounts | None:
        """What the layer counts per cell with (`cell_payload`'s `cell`): the counts, else the cell size."""
        return self.counts if self.counts is not None else self.cell_deg

    @property
    def note(self) -> str:
        """What the analyst should know about the map's content (empty when it holds every event)."""
        if self.kind == "window":
            # no count: the layer may hold a few days around the window (the time bar counts the window's)
            return (
                f"More than {MAP_MAX_EVENTS:,} events over all times: the map holds the window's events "
                "in this view, and redraws when the time bar is let go"
            )
        if self.kind == "cells":
            if self.counts is not None:
                total = self.counts.total
            else:  # the events the cells count: those with a place
                geoms = self.events.geometry.array
                total = int(np.asarray(~geoms.isna() & ~geoms.is_empty, dtype=bool).sum())
            return (
                f"{total:,} events counted per cell (over {MAP_MAX_EVENTS:,} cannot be drawn "
                "one by one): zoom in or narrow the window or filters to see them"
            )
        return ""


@dataclass(frozen=True)
class BuiltLayer:
    """What an events layer holds: the frame it was built from (by identity: the filters' events over all
    times, or a database's cached answer to the layer's question), its scope's kind, cell size and span of
    days, and the map's bounds a windowed layer was cut to. Equal values (the frame aside) hold the same."""

    events: object = field(compare=False)
    kind: str
    cell_deg: float | None
    span: tuple[date | None, date | None] | None
    bounds: Box | None

    @classmethod
    def of(cls, events: object, scope: Scope, bounds: Box | None) -> BuiltLayer:
        """The layer built from `events` for `scope` at the map's `bounds` (kept only when they cut it)."""
        kept = bounds if scope.kind == "window" else None
        return cls(events, scope.kind, scope.cell_deg, scope.span, kept)


def layer_must_change(built: BuiltLayer | None, wanted: BuiltLayer) -> bool:
    """Whether the events layer on the map (`built`; None: none yet) must be built again for a view that
    wants `wanted`, rather than the browser applying the new time window to it: yes for counts per cell
    (they count the window), another frame, another kind, span of days or bounds."""
    if built is None or wanted.kind == "cells":
        return True
    return built.events is not wanted.events or built != wanted


def cell_degrees(zoom: int | None) -> float:
    """A cell of `CELL_PX` screen pixels at `zoom`, in degrees of longitude (Web Mercator)."""
    return CELL_PX * 360.0 / (256.0 * 2.0 ** (DEFAULT_ZOOM if zoom is None else zoom))


def padded(bounds: Box) -> Box:
    """The map's bounds grown by `BOUNDS_PAD` of their size on each side (what a layer holds)."""
    w, s, e, n = bounds
    dx, dy = (e - w) * BOUNDS_PAD, (n - s) * BOUNDS_PAD
    return w - dx, max(-90.0, s - dy), e + dx, min(90.0, n + dy)


def _in_bounds(events: gpd.GeoDataFrame, bounds: tuple[float, float, float, float]) -> np.ndarray:
    w, s, e, n = bounds
    geoms = events.geometry.array
    x0, y0, x1, y1 = shapely.bounds(geoms).T  # NaN for a missing geometry: never inside
    with np.errstate(invalid="ignore"):
        return np.asarray((x1 >= w) & (x0 <= e) & (y1 >= s) & (y0 <= n), dtype=bool)


def window_span(start: date, end: date) -> tuple[date, date]:
    """The days a windowed layer holds for the window [start, end]: blocks of B days (B a power of two about
    a quarter of the window's length) aligned on 1970-01-01, from the start's block to enough blocks past
    it that any window of this length starting in that block lies inside. A window stepped a day at a time
    keeps the same span for B steps; the span is at most the window's length plus 2 B - 1 days."""
    length = (end - start).days + 1
    block = 1 << max(0, -(-length // SPAN_BLOCKS) - 1).bit_length()  # the power of two >= length / 4
    epoch = date(1970, 1, 1)
    first = epoch + timedelta(days=(start - epoch).days // block * block)
    return first, first + timedelta(days=(-(-length // block) + 1) * block - 1)


class EventSource(Protocol):
    """Where `scope_of` takes the layer's events from: a frame in memory (`FrameSource`) or a database that
    answers each question in SQL (`sitmap.store.postgis_view`). `box` is a W, S, E, N envelope the events'
    own envelopes must overlap (None: anywhere)."""

    def events(
        self, start: date | None, end: date | None, box: Box | None, limit: int
    ) -> gpd.GeoDataFrame | None:
        """The filters' events on [start, end] in `box`, in time order, or None when there are more than
        `limit`."""
        ...

    def cells(
        self, start: date | None, end: date | None, box: Box | None, cell_deg: float
    ) -> tuple[gpd.GeoDataFrame, GridCounts | None]:
        """What the cells of those events are counted from: their frame (the layer counts them), or the
        counts themselves (with an empty frame)."""
        ...


class FrameSource:
    """The filters' events over all times, in memory (`all_times`)."""

    def __init__(self, all_times: gpd.GeoDataFrame) -> None:
        self.all_times = all_times

    def _selected(self, start: date | None, end: date | None, box: Box | None) -> gpd.GeoDataFrame:
        events = self.all_times
        if start is not None or end is not None:
            events = events[time_mask(events, start, end)]  # times first: the cheaper test
        return events if box is None else events[_in_bounds(events, box)]

    def events(
        self, start: date | None, end: date | None, box: Box | None, limit: int
    ) -> gpd.GeoDataFrame | None:
        if start is None and end is None and box is None and len(self.all_times) <= limit:
            return self.all_times  # the same object: what is built from it is found by identity
        got = self._selected(start, end, box)
        return got if len(got) <= limit else None

    def cells(
        self, start: date | None, end: date | None, box: Box | None, cell_deg: float
    ) -> tuple[gpd.GeoDataFrame, GridCounts | None]:
        return self._selected(start, end, box), None


class WindowSource:
    """Another `EventSource`'s events of the days [start, end] only (None: open-ended): what a map with no
    time bar in the browser holds (briefing mode), asked with the same questions, so cached alike."""

    def __init__(self, source: EventSource, start: date | None, end: date | None) -> None:
        self.source, self.start, self.end = source, start, end

    def _days(self, start: date | None, end: date | None) -> tuple[date | None, date | None]:
        first = self.start if start is None else start if self.start is None else max(start, self.start)
        last = self.end if end is None else end if self.end is None else min(end, self.end)
        return first, last

    def events(
        self, start: date | None, end: date | None, box: Box | None, limit: int
    ) -> gpd.GeoDataFrame | None:
        return self.source.events(*self._days(start, end), box, limit)

    def cells(
        self, start: date | None, end: date | None, box: Box | None, cell_deg: float
    ) -> tuple[gpd.GeoDataFrame, GridCounts | None]:
        return self.source.cells(*self._days(start, end), box, cell_deg)


def map_scope(
    all_times: gpd.GeoDataFrame,
    view: View,
    zoom: int | None,
    bounds: Box | None,
    cap: int | None = None,
) -> Scope:
    """What the layer holds for the filters' events over all times (`all_times`), see the module docstring;
    `cap` (default `MAP_MAX_EVENTS`) is the most events it holds one by one."""
    return scope_of(FrameSource(all_times), view, zoom, bounds, cap)


def scope_of(
    source: EventSource, view: View, zoom: int | None, bounds: Box | None, cap: int | None = None
) -> Scope:
    """What the layer holds, from whichever `source` holds the filters' events (the rule of the module
    docstring, in one place for both backends)."""
    cap = MAP_MAX_EVENTS if cap is None else cap
    every = source.events(None, None, None, cap)
    if every is not None:
        return Scope(every, "all")
    box = None if bounds is None else padded(bounds)
    if view.start is not None and view.end is not None:
        span = window_span(view.start, view.end)
        held = source.events(*span, box, cap)
        if held is not None:
            return Scope(held, "window", span=span)
    shown = source.events(view.start, view.end, box, cap)
    if shown is not None:
        return Scope(shown, "window", span=(view.start, view.end))
    events, counts = source.cells(view.start, view.end, box, cell_degrees(zoom))
    return Scope(events, "cells", cell_degrees(zoom), counts=counts)


def grid_counts(events: gpd.GeoDataFrame, cell_deg: float) -> tuple[pd.DataFrame, float]:
    """Events counted per (cell, type) at `cell_deg` or coarser (at most `MAX_CELLS` cells): columns
    cx, cy (cell numbers), x, y (the mean position of the cell's events), type, n, sorted by cell; and the
    cell size used. An event is counted where its geometry's representative point lies (a point's own
    position); events without a geometry are left out."""
    geoms = events.geometry.array
    located = np.asarray(~geoms.isna() & ~geoms.is_empty, dtype=bool)
    geoms = np.asarray(geoms[located])
    areas = shapely.get_type_id(geoms) != 0
    if areas.any():
        geoms = geoms.copy()
        geoms[areas] = shapely.point_on_surface(geoms[areas])
    xs, ys = shapely.get_x(geoms), shapely.get_y(geoms)
    codes, uniques = pd.factorize(events["event_type"].to_numpy()[located])
    keys = np.asarray([event_type(k).key for k in uniques], dtype=object)  # per distinct value, not event
    fine = pd.DataFrame(
        {
            "cx": np.floor(xs / cell_deg).astype(np.int64),
            "cy": np.floor(ys / cell_deg).astype(np.int64),
            "type": keys[codes] if len(codes) else [],
            "n": np.ones(len(xs), dtype=np.int64),
            "sx": xs,
            "sy": ys,
        }
    )
    got = coarsened(fine, cell_deg)
    return got.counts, got.size


def coarsened(fine: pd.DataFrame, cell_deg: float) -> GridCounts:
    """Counts per (cell, type) from `fine` rows (cx, cy: cell numbers at `cell_deg`; type: a vocabulary
    key; n: events; sx, sy: the sum of their x and y), cells doubled in size until there are at most
    `MAX_CELLS`. Exact: the cell of x at 2s is floor(floor(x / s) / 2). The one owner of the rule for the
    frame (`grid_counts`) and the database (`sitmap.store.postgis_view`), which sends its fine rows."""
    cx, cy = fine["cx"].to_numpy(dtype=np.int64), fine["cy"].to_numpy(dtype=np.int64)
    size = cell_deg
    while len(np.unique(cx * 4_000_003 + cy)) > MAX_CELLS:  # |cy| < 2M: one number per cell
        cx, cy, size = cx // 2, cy // 2, size * 2
    frame = pd.DataFrame({"cx": cx, "cy": cy, "type": fine["type"].to_numpy(dtype=object)})
    for name in ("n", "sx", "sy"):
        frame[name] = fine[name].to_numpy()
    counts = frame.groupby(["cx", "cy", "type"])["n"].sum().reset_index()
    per_cell = frame.groupby(["cx", "cy"])[["n", "sx", "sy"]].sum()
    per_cell["x"], per_cell["y"] = per_cell["sx"] / per_cell["n"], per_cell["sy"] / per_cell["n"]
    counts = counts.join(per_cell[["x", "y"]], on=["cx", "cy"])
    return GridCounts(counts[["cx", "cy", "type", "n", "x", "y"]].astype({"n": np.int64}), size)


def cell_payload(events: gpd.GeoDataFrame, grid: float | GridCounts) -> dict:
    """The part of the events layer's payload that replaces its events by counts per cell: `type_keys`,
    `counts` (per type, as the event payload's) and `cells`: x, y (positions), s (the cell size in degrees)
    and, per cell, [type number, count, ...]. `grid`: the cell size to count `events` at, or the counts
    already made (`GridCounts`; `events` is then not read)."""
    got = grid if isinstance(grid, GridCounts) else GridCounts(*grid_counts(events, grid))
    counts, size = got.counts, got.size
    present = sorted(set(counts["type"]), key=list(EVENT_TYPES).index)
    code = pd.Series(range(len(present)), index=present, dtype=int)
    cell = counts["cx"].to_numpy() * 4_000_003 + counts["cy"].to_numpy()
    starts = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]]) if len(cell) else np.zeros(0, dtype=int)
    pairs = np.column_stack([code[counts["type"]].to_numpy(), counts["n"].to_numpy()]).ravel().tolist()
    bounds = [*(2 * starts).tolist(), 2 * len(cell)]
    totals = counts.groupby("type")["n"].sum()
    return {
        "type_keys": present,
        "counts": [int(totals[k]) for k in present],
        "cells": {
            "x": counts["x"].to_numpy()[starts].round(4).tolist(),
            "y": counts["y"].to_numpy()[starts].round(4).tolist(),
            "s": size,
            "n": [pairs[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)],
        },
    }
