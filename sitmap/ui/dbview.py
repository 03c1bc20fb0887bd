"""The map page's questions to a PostGIS store (`SITMAP_DATABASE_URL`), answered in SQL and cached by the
store's change key, so the first map never waits for the whole events table (`sitmap.store.postgis_view`).

Every cache is keyed by the change key (`cache.store_key`'s database entry): another analyst's save moves it,
the live check (`sitmap.ui.map.live`) reruns the page, and the next question reads the new state. The
results are frames and small values shared read-only by every session (`cache_resource`: no pickling).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd
import streamlit as st

from sitmap.settings import Settings
from sitmap.store.write import EventNotFoundError
from sitmap.ui import cache
from sitmap.ui.map.timebar_component import timebar_data, timebar_payload
from sitmap.ui.map.timewindow import Window
from sitmap.ui.state import DataFacts
from sitmap.view import View
from sitmap.webmap.cells import Box, GridCounts

if TYPE_CHECKING:  # psycopg is imported only when a database is configured
    from sitmap.store.postgis import PostgisStore


def _store(settings: Settings) -> PostgisStore:
    from sitmap.store.postgis import PostgisStore

    store = cache.get_event_store(settings)
    assert isinstance(store, PostgisStore)  # SITMAP_DATABASE_URL is set: open_store gave PostGIS
    return store


def change_key(settings: Settings) -> str:
    return _store(settings).change_key()


class StoredIds:
    """Whether an id is stored, asked of the database (a link's selected event; no set of every id)."""

    def __init__(self, store: PostgisStore) -> None:
        self.store = store

    def __contains__(self, event_id: object) -> bool:
        if not isinstance(event_id, str):
            return False
        try:
            self.store.get(event_id)
        except EventNotFoundError:
            return False
        return True


# Why: the extent and choices scan the table (two aggregates, ~1 s at 1M); they change only with the key.
@st.cache_resource(max_entries=4, show_spinner=False)
def _facts(url: str, key: str, choices: bool, _settings: Settings) -> DataFacts | None:
    from sitmap.store.postgis_view import facts

    store = _store(_settings)
    got = facts(store, choices=choices)
    if got.extent is None:
        return None
    return DataFacts(
        extent=got.extent,
        ids=StoredIds(store),
        options=got.options,
        event_types=tuple(got.options["event_types"]),
        count=got.count,
        latest=got.latest,
    )


def get_facts(settings: Settings, key: str, *, choices: bool = True) -> DataFacts | None:
    """`DataFacts` from SQL (None for an empty store); without `choices`, of the filter choices only the
    event types (the first map's legend: a few index probes instead of a scan of the table's JSON)."""
    return _facts(str(cache.database_url()), key, choices, settings)


def filters_of(view: View) -> View:
    """The parts of `view` that select events, the window left out (a cache key)."""
    return view.with_(
        start=None, end=None, selected=None, base_layer=None, overlays=(), center=None, zoom=None
    )


# Why: the events begun before a window and lasting into it depend on its first day, not its last: a step of
# the end thumb (or a cumulative playback) asks the header, the list and the map the same questions of them
# again (~10,000 events at 1M, 0.05-0.4 s each through the period index). Small answers (a count, a page of
# ids, counts per cell), shared read-only; `_conn`: the asker's connection, for a miss.
@st.cache_resource(max_entries=16, show_spinner=False)
def _earlier_count(url: str, key: str, filters: View, start: date, box: Box | None, _conn: Any) -> int:
    from sitmap.store.postgis_earlier import earlier_count

    return earlier_count(_conn, filters, start, box)


@st.cache_resource(max_entries=16, show_spinner=False)
def _earlier_ids(
    url: str, key: str, filters: View, start: date, offset: int, limit: int, _conn: Any
) -> list[str]:
    from sitmap.store.postgis_earlier import earlier_ids

    return earlier_ids(_conn, filters, start, offset, limit)


@st.cache_resource(max_entries=8, show_spinner=False)
def _earlier_cells(
    url: str, key: str, filters: View, start: date, box: Box | None, cell_deg: float, _conn: Any
) -> pd.DataFrame:
    from sitmap.store.postgis_earlier import earlier_cells

    return earlier_cells(_conn, filters, start, box, cell_deg)


class CachedEarlier:
    """`sitmap.store.postgis_earlier.Earlier` with every answer cached by the change key, the filters and
    the window's first day."""

    def __init__(self, url: str, key: str) -> None:
        self.url, self.key = url, key

    def count(self, conn: Any, filters: View, start: date, box: Box | None) -> int:
        return _earlier_count(self.url, self.key, filters_of(filters), start, box, conn)

    def ids(self, conn: Any, filters: View, start: date, offset: int, limit: int) -> list[str]:
        return list(_earlier_ids(self.url, self.key, filters_of(filters), start, offset, limit, conn))

    def cells(self, conn: Any, filters: View, start: date, box: Box | None, cell_deg: float) -> pd.DataFrame:
        return _earlier_cells(self.url, self.key, filters_of(filters), start, box, cell_deg, conn)


# Why: a day step inside the layer's span asks the same questions again (`sitmap.webmap.cells.scope_of`);
# the answers are at most a layer's worth of events each, or counts per cell.
@st.cache_resource(max_entries=24, show_spinner=False)
def _events(
    url: str, key: str, filters: View, start: date | None, end: date | None, box: Box | None, limit: int,
    _settings: Settings,
) -> gpd.GeoDataFrame | None:  # fmt: skip
    from sitmap.store.postgis_view import PostgisSource

    return PostgisSource(_store(_settings), filters, CachedEarlier(url, key)).events(start, end, box, limit)


@st.cache_resource(max_entries=8, show_spinner=False)
def _cells(
    url: str, key: str, filters: View, start: date | None, end: date | None, box: Box | None, cell_deg: float,
    _settings: Settings,
) -> tuple[gpd.GeoDataFrame, GridCounts | None]:  # fmt: skip
    from sitmap.store.postgis_view import PostgisSource

    return PostgisSource(_store(_settings), filters, CachedEarlier(url, key)).cells(start, end, box, cell_deg)


class CachedSource:
    """`sitmap.webmap.cells.EventSource` of a PostGIS store, every answer cached by the change key."""

    def __init__(self, settings: Settings, key: str, view: View) -> None:
        self.settings, self.key, self.filters = settings, key, filters_of(view)
        self.url = str(cache.database_url())

    def events(
        self, start: date | None, end: date | None, box: Box | None, limit: int
    ) -> gpd.GeoDataFrame | None:
        return _events(self.url, self.key, self.filters, start, end, box, limit, self.settings)

    def cells(
        self, start: date | None, end: date | None, box: Box | None, cell_deg: float
    ) -> tuple[gpd.GeoDataFrame, GridCounts | None]:
        return _cells(self.url, self.key, self.filters, start, end, box, cell_deg, self.settings)


@st.cache_resource(max_entries=8, show_spinner=False)
def _bar(url: str, key: str, filters: View, extent: Window, mode: str, _settings: Settings) -> dict[str, Any]:
    from sitmap.store.postgis_view import day_counts

    store = _store(_settings)
    counts = day_counts(store, filters)
    if counts is None:  # filters SQL cannot decide: count the events themselves
        return timebar_data(store.query(filters), extent, mode)
    return timebar_payload(counts.per_day, counts.axis, counts.outliers, extent, mode)


def bar_data(settings: Settings, key: str, view: View, extent: Window, mode: str) -> dict[str, Any]:
    """The time bar's data (`timebar_component.timebar_data`) for the view's filters, by GROUP BY."""
    return dict(_bar(str(cache.database_url()), key, filters_of(view), extent, mode, settings))


@st.cache_resource(max_entries=16, show_spinner=False)
def _count(url: str, key: str, view: View, limit: int | None, _settings: Settings) -> int:
    from sitmap.store.postgis_view import count

    return count(_store(_settings), view, limit=limit, earlier=CachedEarlier(url, key))


def _plain(view: View) -> View:
    """`view` without what selects no event (a cache key)."""
    return view.with_(selected=None, center=None, zoom=None, base_layer=None, overlays=())


def count_shown(settings: Settings, key: str, view: View, limit: int | None = None) -> int:
    """How many events `view` shows (its window and filters), at most `limit`."""
    return _count(str(cache.database_url()), key, _plain(view), limit, settings)


# Why: a page of the list or the feed's newest, read again only when the view, page or change key moves
# (a pick in the list reruns the page with the same rows); small frames (a page), shared read-only.
@st.cache_resource(max_entries=16, show_spinner=False)
def _rows(
    url: str, key: str, view: View, newest: bool, offset: int, limit: int, _settings: Settings
) -> gpd.GeoDataFrame:
    from sitmap.store.postgis_view import rows as sql_rows

    store = _store(_settings)
    return sql_rows(store, view, newest=newest, offset=offset, limit=limit, earlier=CachedEarlier(url, key))


def rows(settings: Settings, key: str, view: View, newest: bool, offset: int, limit: int) -> gpd.GeoDataFrame:
    """The view's events `offset`.. in the list's order, or the newest first (`postgis_view.rows`)."""
    return _rows(str(cache.database_url()), key, _plain(view), newest, offset, limit, settings)


@st.cache_resource(max_entries=8, show_spinner=False)
def _bounds(url: str, key: str, view: View, _settings: Settings) -> tuple[float, float, float, float] | None:
    from sitmap.store.postgis_view import bounds as sql_bounds

    return sql_bounds(_store(_settings), view)


def bounds(settings: Settings, key: str, view: View) -> tuple[float, float, float, float] | None:
    """(W, S, E, N) of the view's located events (None: none)."""
    return _bounds(str(cache.database_url()), key, _plain(view), settings)


@st.cache_resource(max_entries=8, show_spinner=False)
def _any_within(url: str, key: str, view: View, box: Box, _settings: Settings) -> bool:
    from sitmap.store.postgis_view import any_within as sql_any_within

    return sql_any_within(_store(_settings), view, box)


def any_within(settings: Settings, key: str, view: View, box: Box) -> bool:
    """Whether any of the view's events lies in `box`."""
    return _any_within(str(cache.database_url()), key, _plain(view), box, settings)


@st.cache_resource(max_entries=8, show_spinner=False)
def _report_events(
    url: str, key: str, report_id: str | None, selected: str | None, _settings: Settings
) -> gpd.GeoDataFrame:
    from sitmap.store.postgis_view import report_events as sql_report_events

    return sql_report_events(_store(_settings), report_id, selected)


def report_events(
    settings: Settings, key: str, report_id: str | None, selected: str | None
) -> gpd.GeoDataFrame:
    """The events of report `report_id` (None: the selected event's) and the selected event."""
    return _report_events(str(cache.database_url()), key, report_id, selected, settings)


def query(settings: Settings, view: View) -> gpd.GeoDataFrame:
    """Every event `view` shows, read now (a download's click: never on a run)."""
    return _store(settings).query(_plain(view))


def selected_frame(settings: Settings) -> gpd.GeoDataFrame:
    """The frame of the event the URL selects (none, or not stored: no row): where a link opens the map."""
    from sitmap.store.frame import build_frame
    from sitmap.ui.state import url_params
    from sitmap.view import from_query_params

    view, _ = from_query_params(url_params())
    rows = []
    if view.selected is not None:
        try:
            feature, _version = _store(settings).get(view.selected)
            rows.append((feature, "", ""))
        except EventNotFoundError:
            pass
    return build_frame(rows)


@st.cache_resource(max_entries=16, show_spinner=False)
def _position(url: str, key: str, view: View, event_id: str, _settings: Settings) -> int | None:
    from sitmap.store.postgis_view import position as sql_position

    return sql_position(_store(_settings), view, event_id)


def position(settings: Settings, key: str, view: View, event_id: str) -> int | None:
    """Where the event stands in the view's list order (from 0); None: not shown (a briefing step's)."""
    return _position(str(cache.database_url()), key, _plain(view), event_id, settings)


@st.cache_resource(max_entries=8, show_spinner=False)
def _type_counts(url: str, key: str, view: View, _settings: Settings) -> pd.Series:
    from sitmap.store.postgis_view import type_counts as sql_type_counts

    return sql_type_counts(_store(_settings), view)


def type_counts(settings: Settings, key: str, view: View) -> pd.Series:
    """The view's events per type as stored (the briefing caption's line)."""
    return _type_counts(str(cache.database_url()), key, _plain(view), settings)


def event_frame(settings: Settings, key: str, event_id: str | None) -> gpd.GeoDataFrame:
    """The stored event `event_id` as a one-row frame (none: no row), whatever the view: from the report
    panel's cached question (its report's events and itself)."""
    found = report_events(settings, key, None, event_id)
    return found[found["id"] == event_id] if event_id is not None else found.iloc[:0]


# Why: the detailed timeline counts every event of the filters over all times (a GROUP BY of the table:
# ~1-2 s at 1M); it changes only with the filters and the key, never with the window. Records read only
# (`timeline.render` builds new lists from them), shared by every session.
@st.cache_resource(max_entries=8, show_spinner=False)
def _timeline(url: str, key: str, filters: View, _settings: Settings) -> tuple[list[dict], list[dict]]:
    from sitmap.store.postgis_view import timeline_counts
    from sitmap.ui.map import timeline

    store = _store(_settings)
    counted = timeline_counts(store, filters, timeline.MAX_SPAN_GROUPS)
    if counted is None:  # filters SQL cannot decide: the events themselves
        return timeline.records(store.query(filters))
    return timeline.counted_records(*counted)


def timeline_data(settings: Settings, key: str, view: View) -> tuple[list[dict], list[dict]]:
    """The detailed timeline's records (`timeline.records`) for the view's filters, from SQL."""
    return _timeline(str(cache.database_url()), key, filters_of(view), settings)
