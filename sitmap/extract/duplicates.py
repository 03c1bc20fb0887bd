"""Whether a candidate is an event the store already holds, under another id: the one matching rule.

Two records are the same event when they are at the same place (the same gazetteer place, or points within
a distance suited to their precision), their periods overlap, and their types are compatible or they quote
the same report passage. The review page uses this to show a candidate as "already stored as <id>" and to
keep it out of "Accept complete"; a store is asked only for the events in the candidate's place and time
window (`stored_match`), never read whole.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import shapely

from sitmap.geometry import GEOD
from sitmap.periods import DateError, event_period
from sitmap.store.interface import EventStore
from sitmap.view import View, time_mask
from sitmap.vocabulary import EVENT_TYPES, GEO_PRECISIONS

MIN_TOLERANCE_M = 1_000.0  # two reports of one strike rarely give the same coordinates to the metre
MAX_TOLERANCE_M = 25_000.0  # beyond this "the same place" would join neighbouring towns' events
# Broad ACLED groups whose members are different kinds of event (a patrol is not an agreement).
_TOO_BROAD = frozenset({"Strategic developments"})
_FRAME_COLUMNS = frozenset({"id", "start", "end", "event_type", "geometry", "uncertainty_m", "geo_precision"})
_M_PER_DEGREE_LAT = 110_574.0  # the shortest degree of latitude (equator): a window never too small


@dataclass(frozen=True)
class EventKey:
    """What the matching rule reads of a candidate or a stored event."""

    id: str
    start: date
    end: date
    event_type: str
    lon: float | None = None
    lat: float | None = None
    place_id: str | None = None
    uncertainty_m: float | None = None
    geo_precision: str | None = None
    passage: tuple[str, str, str] | None = None  # (report id, paragraph id, quote)

    @property
    def tolerance_m(self) -> float:
        """How far this record's point may be from the place it names, in metres."""
        default = (GEO_PRECISIONS.get(self.geo_precision or "") or {}).get("default_uncertainty_m")
        stated = self.uncertainty_m if self.uncertainty_m is not None else default
        return min(max(float(stated or 0.0), MIN_TOLERANCE_M), MAX_TOLERANCE_M)


def types_compatible(a: str, b: str) -> bool:
    """Same type, "other" against anything, or the same ACLED event type (but not a catch-all group)."""
    if a == b or "other" in (a, b):
        return True
    ta, tb = EVENT_TYPES.get(a), EVENT_TYPES.get(b)
    if ta is None or tb is None:
        return False
    return ta.acled_event_type == tb.acled_event_type and ta.acled_event_type not in _TOO_BROAD


def distance_m(a: EventKey, b: EventKey) -> float | None:
    """Geodesic distance between the two points in metres (None when either has no point)."""
    if a.lon is None or a.lat is None or b.lon is None or b.lat is None:
        return None
    return float(GEOD.inv(a.lon, a.lat, b.lon, b.lat)[2])


def same_place(a: EventKey, b: EventKey) -> bool:
    """The same gazetteer place, or points within the larger of the two records' tolerances."""
    if a.place_id and b.place_id:
        return a.place_id == b.place_id
    d = distance_m(a, b)
    return d is not None and d <= max(a.tolerance_m, b.tolerance_m)


def same_event(a: EventKey, b: EventKey) -> bool:
    """The matching rule: same place, overlapping periods, and compatible types or the same passage."""
    if not same_place(a, b) or a.start > b.end or b.start > a.end:
        return False
    return types_compatible(a.event_type, b.event_type) or (a.passage is not None and a.passage == b.passage)


def key_of_feature(feature: dict[str, Any], place_id: str | None = None) -> EventKey | None:
    """The key of a GeoJSON event (None when it has no readable date: nothing to match it on)."""
    props = feature.get("properties") or {}
    try:
        start, end = event_period(props) if props.get("date") else (None, None)
    except DateError:
        return None
    if start is None or end is None:
        return None
    geom = feature.get("geometry") or {}
    lon = lat = None
    if geom.get("type") == "Point":
        lon, lat = (float(v) for v in geom["coordinates"][:2])
    report = props.get("report") or {}
    quote = str(props.get("quote") or "").strip()
    passage = (str(report["id"]), str(report.get("paragraph")), quote) if report.get("id") and quote else None
    return EventKey(
        str(feature.get("id")), start, end, str(props.get("event_type") or "other"), lon, lat, place_id,
        props.get("uncertainty_m"), props.get("geo_precision"), passage,
    )  # fmt: skip


def keys_of_frame(events: pd.DataFrame) -> list[EventKey]:
    """Keys of a store frame's events (columns as `sitmap.store.assemble` builds them)."""
    out: list[EventKey] = []
    if not set(events.columns) >= _FRAME_COLUMNS:  # a frame of ids and passages only: nothing to place
        return out
    has_passage = {"report_id", "report_paragraph", "quote"} <= set(events.columns)
    for row in events.itertuples(index=False):
        geom = row.geometry
        point = geom is not None and not geom.is_empty and geom.geom_type == "Point"
        rid, para, quote = (row.report_id, row.report_paragraph, row.quote) if has_passage else (None,) * 3
        passage = (str(rid), str(para), str(quote).strip()) if isinstance(rid, str) and quote else None
        unc = row.uncertainty_m
        out.append(
            EventKey(
                str(row.id),
                pd.Timestamp(row.start).date(),
                pd.Timestamp(row.end).date(),
                str(row.event_type or "other"),
                geom.x if point else None,
                geom.y if point else None,
                None,
                None if unc is None or pd.isna(unc) else float(unc),
                row.geo_precision,
                passage,
            )  # fmt: skip
        )
    return out


def first_match(key: EventKey, stored: Iterable[EventKey]) -> str | None:
    """The id of the stored event that `key` is (the nearest, then the first by id), else None."""
    hits = [s for s in stored if s.id != key.id and same_event(key, s)]
    if not hits:
        return None
    return min(hits, key=lambda s: (distance_m(key, s) or 0.0, s.id)).id


def search_view(key: EventKey) -> View | None:
    """The store query for `key`'s possible matches: its period, and a box at least the largest tolerance
    wide round its point (None when it has no point: then no event is at its place)."""
    if key.lon is None or key.lat is None:
        return None
    dlat = MAX_TOLERANCE_M / _M_PER_DEGREE_LAT
    south, north = max(key.lat - dlat, -90.0), min(key.lat + dlat, 90.0)
    # A degree of longitude shrinks with the cosine of latitude: widen by the box's most poleward edge.
    shrink = math.cos(math.radians(max(abs(south), abs(north))))
    dlon = dlat / shrink if shrink > dlat / 180.0 else 360.0
    west, east = max(key.lon - dlon, -180.0), min(key.lon + dlon, 180.0)
    return View(start=key.start, end=key.end, bbox=(west, south, east, north))


def frame_match(key: EventKey, events: pd.DataFrame) -> str | None:
    """`first_match` against a store frame, reading only the rows in `key`'s time window and box (a
    whole-frame pass per rerun would cost seconds at a million events)."""
    view = search_view(key)
    if view is None or events.empty or not set(events.columns) >= _FRAME_COLUMNS:
        return None
    near = events[time_mask(events, view.start, view.end)]
    near = near[np.asarray(near.geometry.intersects(shapely.box(*(view.bbox or ()))), dtype=bool)]
    return first_match(key, keys_of_frame(near))


def stored_match(key: EventKey, store: EventStore) -> str | None:
    """The stored event that `key` is, asking `store` only for the events of its place and time window: an
    event with its own id there, else `first_match`."""
    view = search_view(key)
    if view is None:
        return None
    near = keys_of_frame(store.query(view))
    return key.id if any(s.id == key.id for s in near) else first_match(key, near)


__all__ = [
    "EventKey",
    "distance_m",
    "first_match",
    "frame_match",
    "key_of_feature",
    "keys_of_frame",
    "same_event",
    "same_place",
    "search_view",
    "stored_match",
    "types_compatible",
]
