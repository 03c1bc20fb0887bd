"""What the panels around the map ask of the view's events, from the store's frame or from the database.

The counts, feed, list, report panel, filter actions, downloads and briefing mode never need every shown
event at once: a page of the list, the newest few, the located events' bounds, whether any lies in the
map's view, the events of the selected report, an event's place in time order (a briefing step), the
counts per type, the window's events for a map without a time bar. `Shown` answers exactly those;
`FrameShown` from the embedded store's frame (the rules as they were: `apply_view`, the feed's order),
`DatabaseShown` from PostGIS in SQL (`sitmap.store.postgis_view`, cached by the change key in
`sitmap.ui.dbview`), so no run of the map page or briefing mode reads the whole table. The data files of
a download read the view's events when the button is clicked.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Protocol

import geopandas as gpd
import pandas as pd

from sitmap.view import View, apply_view
from sitmap.view.order import any_within, frame_bounds, newest

if TYPE_CHECKING:
    from sitmap.settings import Settings
    from sitmap.webmap.cells import EventSource

Bounds = tuple[float, float, float, float]


class Shown(Protocol):
    """The events a view shows, asked only what a panel draws."""

    def __len__(self) -> int: ...

    def rows(self, offset: int, limit: int) -> gpd.GeoDataFrame:
        """The events `offset` to `offset + limit` in the list's order (time, then id)."""
        ...

    def newest(self, limit: int) -> gpd.GeoDataFrame:
        """The newest `limit` events (latest start, then latest end, then id)."""
        ...

    def bounds(self) -> Bounds | None:
        """(W, S, E, N) of the located events; None when none has a location."""
        ...

    def any_within(self, box: Bounds) -> bool:
        """Whether any event lies in `box`."""
        ...

    def holds(self, event_id: str | None) -> bool:
        """Whether the event `event_id` is shown."""
        ...

    def count_of(self, view: View) -> int:
        """How many events another view (the same store) shows: what loosening a filter would give."""
        ...

    def report_events(self, report_id: str | None, selected: str | None) -> gpd.GeoDataFrame:
        """The stored events of a report (all times, all filters) and the selected one: the report panel's."""
        ...

    def every(self) -> gpd.GeoDataFrame:
        """Every shown event (the data downloads, on a click)."""
        ...

    def store_view(self, view: View) -> gpd.GeoDataFrame:
        """The stored events another view shows (a snapshot's, on a click)."""
        ...

    def position(self, event_id: str) -> int | None:
        """Where the event stands in the list's order (from 0); None when it is not shown."""
        ...

    def type_counts(self) -> pd.Series:
        """How many events are shown per event type (as stored)."""
        ...

    def event(self, event_id: str | None) -> gpd.GeoDataFrame:
        """The stored event `event_id` as a frame of one row (none: not stored), shown or not."""
        ...

    def window_map(self) -> gpd.GeoDataFrame | EventSource:
        """What a map with no time bar draws (briefing mode): the window's events, or a source of them."""
        ...


class FrameShown:
    """`Shown` of a frame: the events `view` shows of the whole store's `events`."""

    def __init__(self, events: gpd.GeoDataFrame, view: View, shown: gpd.GeoDataFrame | None = None) -> None:
        self.events, self.view = events, view
        if shown is not None:
            self.shown = shown

    @cached_property
    def shown(self) -> gpd.GeoDataFrame:
        """The view's events, filtered when first asked for (a first run asks after the map is sent)."""
        return apply_view(self.events, self.view)

    def __len__(self) -> int:
        return len(self.shown)

    def rows(self, offset: int, limit: int) -> gpd.GeoDataFrame:
        return self.shown.iloc[offset : offset + limit]

    def newest(self, limit: int) -> gpd.GeoDataFrame:
        return newest(self.shown, limit)

    def bounds(self) -> Bounds | None:
        return frame_bounds(self.shown)

    def any_within(self, box: Bounds) -> bool:
        return any_within(self.shown, box)

    def holds(self, event_id: str | None) -> bool:
        return event_id is not None and bool((self.shown["id"] == event_id).any())

    def count_of(self, view: View) -> int:
        from sitmap.view.filtering import filter_mask

        return int(filter_mask(self.events, view).sum())

    def report_events(self, report_id: str | None, selected: str | None) -> gpd.GeoDataFrame:
        return self.events

    def every(self) -> gpd.GeoDataFrame:
        return self.shown

    def store_view(self, view: View) -> gpd.GeoDataFrame:
        return self.events

    def position(self, event_id: str) -> int | None:
        found = (self.shown["id"] == event_id).to_numpy().nonzero()[0]
        return int(found[0]) if len(found) else None

    def type_counts(self) -> pd.Series:
        return self.shown["event_type"].value_counts()

    def event(self, event_id: str | None) -> gpd.GeoDataFrame:
        return self.events[self.events["id"] == event_id] if event_id else self.events.iloc[:0]

    def window_map(self) -> gpd.GeoDataFrame | EventSource:
        return self.shown


class DatabaseShown:
    """`Shown` of a PostGIS store in SQL (`sitmap.store.postgis_view`), each answer cached by change key."""

    def __init__(self, settings: Settings, key: str, view: View) -> None:
        self.settings, self.key = settings, key
        self.view = view.with_(center=None, zoom=None)
        self._count: int | None = None

    def __len__(self) -> int:
        from sitmap.ui import dbview

        if self._count is None:
            self._count = dbview.count_shown(self.settings, self.key, self.view)
        return self._count

    def rows(self, offset: int, limit: int) -> gpd.GeoDataFrame:
        from sitmap.ui import dbview

        return dbview.rows(self.settings, self.key, self.view, False, offset, limit)

    def newest(self, limit: int) -> gpd.GeoDataFrame:
        from sitmap.ui import dbview

        return dbview.rows(self.settings, self.key, self.view, True, 0, limit)

    def bounds(self) -> Bounds | None:
        from sitmap.ui import dbview

        return dbview.bounds(self.settings, self.key, self.view)

    def any_within(self, box: Bounds) -> bool:
        from sitmap.ui import dbview

        return dbview.any_within(self.settings, self.key, self.view, box)

    def holds(self, event_id: str | None) -> bool:
        from sitmap.ui import dbview

        if event_id is None:
            return False
        found = dbview.report_events(self.settings, self.key, None, event_id)  # the report panel's own
        found = found[found["id"] == event_id]
        return bool(len(apply_view(found, self.view.with_(selected=None))))

    def count_of(self, view: View) -> int:
        from sitmap.ui import dbview

        return dbview.count_shown(self.settings, self.key, view)

    def report_events(self, report_id: str | None, selected: str | None) -> gpd.GeoDataFrame:
        from sitmap.ui import dbview

        return dbview.report_events(self.settings, self.key, report_id, selected)

    def every(self) -> gpd.GeoDataFrame:
        from sitmap.ui import dbview

        return dbview.query(self.settings, self.view)

    def store_view(self, view: View) -> gpd.GeoDataFrame:
        from sitmap.ui import dbview

        return dbview.query(self.settings, view)

    def position(self, event_id: str) -> int | None:
        from sitmap.ui import dbview

        return dbview.position(self.settings, self.key, self.view, event_id)

    def type_counts(self) -> pd.Series:
        from sitmap.ui import dbview

        return dbview.type_counts(self.settings, self.key, self.view)

    def event(self, event_id: str | None) -> gpd.GeoDataFrame:
        from sitmap.ui import dbview

        return dbview.event_frame(self.settings, self.key, event_id)

    def window_map(self) -> gpd.GeoDataFrame | EventSource:
        from sitmap.ui import dbview
        from sitmap.webmap.cells import WindowSource

        source = dbview.CachedSource(self.settings, self.key, self.view)
        return WindowSource(source, self.view.start, self.view.end)
