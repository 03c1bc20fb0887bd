"""Every Streamlit cache the app uses (map page and review page), in one place, each with its reason.

Keys are explicit: a folder's fingerprint is the (relative path, mtime, size) of every file in it, so
editing, adding or deleting an event file or report invalidates the cache on the next rerun, and two
folders never share an entry. Nothing mutable that a session changes (a folium map, a figure) is cached:
maps are built per run, because streamlit-folium mutates the map it is given.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import streamlit as st

from sitmap.extract.pipeline import Candidate, extract_candidates
from sitmap.model import Problem
from sitmap.reference.gazetteer import Gazetteer
from sitmap.reference.layers import Reference, load_reference
from sitmap.reference.own_places import OwnPlaceError, load_own_places, own_places_path
from sitmap.settings import PROJECT_ROOT, Settings, load_settings
from sitmap.store.backend import open_store
from sitmap.store.interface import EventStore
from sitmap.store.load import Store, load_store, read_event_file
from sitmap.store.reports import Report, read_reports, render_report
from sitmap.ui.map import folium_bridge, timeline
from sitmap.ui.map.timewindow import latest_precise_day
from sitmap.ui.state import DataFacts
from sitmap.view import (
    NON_TIME_FILTERS,
    View,
    apply_view,
    data_extent,
    from_query_params,
    options,
    to_query_params,
)
from sitmap.webmap.layers import StyleSheet
from sitmap.webmap.maps import build_base_map, build_event_layer, make_layer_control
from sitmap.webmap.offline import SERVED_BASE_URL

if TYPE_CHECKING:  # psycopg is imported only when a database is configured
    from sitmap.store.postgis_follow import FrameFollower

Fingerprint = tuple[tuple[str, int, int], ...]
_DATA_SUFFIXES = (".geojson", ".json", ".md", ".csv")
_DATABASE_KEY = "<database>"  # the store key's entry for the database's change key
BRIEFINGS_DIR = "briefings"  # events/briefings/: decks (sitmap.briefing.decks)


def fingerprint(folder: Path | str) -> Fingerprint:
    """(relative path, mtime_ns, size) of every data file under `folder`, sorted; empty if it is missing."""
    root = Path(folder)
    out: list[tuple[str, int, int]] = []
    if not root.is_dir():
        return ()
    for dirpath, dirs, files in os.walk(root):
        if Path(dirpath) == root:
            # Briefing decks are not events (the store skips them too): saving a slide must not reload
            # the store.
            dirs[:] = [d for d in dirs if d != BRIEFINGS_DIR]
        for name in files:
            if not name.lower().endswith(_DATA_SUFFIXES):
                continue
            path = Path(dirpath) / name
            try:
                st_ = path.stat()
            except OSError:  # deleted while we walked: the next rerun sees the new state
                continue
            out.append((str(path.relative_to(root)), st_.st_mtime_ns, st_.st_size))
    return tuple(sorted(out))


# Why cache_resource and not cache_data: cache_data pickles the value on every hit, which for a 10k-event
# GeoDataFrame (list columns, geometries) costs far more than the rest of a rerun. The Store is shared
# read-only: every consumer (apply_view, maps, timeline) builds new frames and never writes to it.
# The fingerprint argument is the key: a changed file means a new entry; max_entries bounds memory.
@st.cache_resource(max_entries=4, show_spinner="Loading events…")
def _cached_file_store(events_dir: str, fingerprint_key: Fingerprint) -> Store:
    return load_store(Path(events_dir))


# Why: one follower per process and database holds the events frame and refreshes it from the rows written
# since it was read (`sitmap.store.postgis_follow`), so one analyst's save costs every other process a few
# rows, not a re-read of the whole table; and only the current frame is held, not one per change key.
@st.cache_resource(max_entries=2, show_spinner=False)
def _cached_follower(events_dir: str, url: str, _settings: Settings) -> FrameFollower:
    from sitmap.store.postgis import PostgisStore
    from sitmap.store.postgis_follow import FrameFollower

    store = get_event_store(_settings)
    assert isinstance(store, PostgisStore)  # SITMAP_DATABASE_URL is set: open_store gave PostGIS
    return FrameFollower(store)


def database_url() -> str | None:
    """The configured database URL (SITMAP_DATABASE_URL), or None: the embedded store."""
    from sitmap.store.postgis import database_url as configured

    return configured()


# Why: the reports folder is read once per fingerprint of its files (the events are in the database).
@st.cache_resource(max_entries=2, show_spinner=False)
def _cached_reports(reports_dir: str, fingerprint_key: Fingerprint) -> tuple[dict, list[Problem]]:
    reports, errors = read_reports(Path(reports_dir))
    return reports, [Problem(e.file, "-", e.field, e.message) for e in errors]


def get_reports(events_dir: Path) -> tuple[dict, list[Problem]]:
    """The reports of `events_dir`/reports and their problems (a database store's: its events are not
    files), read again when a file there changes."""
    return _cached_reports(str(Path(events_dir) / "reports"), fingerprint(events_dir))


def cached_store(events_dir: str, fingerprint_key: Fingerprint) -> Store:
    """The event store of `events_dir`, reloaded when any file in it changes; with SITMAP_DATABASE_URL
    the events come from PostGIS, kept current by a `FrameFollower` (the reports stay in
    `events_dir`/reports)."""
    url = database_url()
    if url is None:
        return _cached_file_store(events_dir, fingerprint_key)
    files = tuple(f for f in fingerprint_key if f[0] != _DATABASE_KEY)
    key = next((str(f[1]) for f in fingerprint_key if f[0] == _DATABASE_KEY), None)
    reports, problems = _cached_reports(str(Path(events_dir) / "reports"), files)
    follower = _cached_follower(events_dir, url, load_settings())
    if follower.rows_read:
        events = follower.frame(key)
    else:
        with st.spinner("Loading events…"):
            events = follower.frame(key)
    return Store(events=events, problems=list(problems), reports=reports)


class StoreIds:
    """Whether an id is in the store, asked of its frame when a link names an event (a set of every id
    cost ~0.2 s at 1M events on every change, on the way from a save to the map showing it)."""

    def __init__(self, events_dir: str, fingerprint_key: Fingerprint) -> None:
        self.events_dir, self.fingerprint_key = events_dir, fingerprint_key  # small: cache_data pickles it

    def __contains__(self, event_id: object) -> bool:
        if not isinstance(event_id, str):
            return False
        events = cached_store(self.events_dir, self.fingerprint_key).events
        return bool((events["id"] == event_id).any())


# Why: the filter choices and the extent scan every event (the actors lists too); they change only with
# the files. Small and immutable, so cache_data's copy-on-read costs nothing.
@st.cache_data(max_entries=4, show_spinner=False)
def cached_facts(events_dir: str, fingerprint_key: Fingerprint) -> DataFacts | None:
    """Extent, ids and filter choices of the store; None when it holds no event."""
    events = cached_store(events_dir, fingerprint_key).events
    extent = data_extent(events)
    if extent is None:
        return None
    opts = options(events)
    return DataFacts(
        extent=extent,
        ids=StoreIds(events_dir, fingerprint_key),
        options=opts,
        event_types=tuple(opts["event_types"]),
        count=len(events),
        latest=latest_precise_day(events["start"], events["end"], events["time_precision"]),
    )


# Why: one store object per process and configuration (a PostGIS store holds a connection pool); it is
# safe to share between sessions (every call reads the current state).
@st.cache_resource(max_entries=4, show_spinner=False)
def cached_event_store(events_dir: str, url: str | None, _settings: Settings) -> EventStore:
    """The configured `EventStore` (its key: the events folder and the database URL)."""
    return open_store(_settings)


def get_event_store(settings: Settings) -> EventStore:
    return cached_event_store(str(settings.events_dir), database_url(), settings)


def store_key(events_dir: Path) -> Fingerprint:
    """The store's cache key: the folder's fingerprint, plus the database's change key when there is one."""
    fp = fingerprint(events_dir)
    if database_url() is None:
        return fp
    return (*fp, (_DATABASE_KEY, int(get_event_store(load_settings()).change_key()), 0))


def get_store(events_dir: Path) -> tuple[Store, DataFacts | None]:
    """The store of `events_dir` and the facts the UI needs about it (None for an empty store)."""
    fp = store_key(events_dir)
    return cached_store(str(events_dir), fp), cached_facts(str(events_dir), fp)


# Why: the reference layers (zone, lines, bands, admin areas, places) are read once per geodata
# fingerprint and shared read-only by every session (they may hold spatial indexes, hence a resource).
@st.cache_resource(max_entries=2, show_spinner="Loading reference layers…")
def cached_reference(geodata_dir: str, fingerprint_key: Fingerprint) -> Reference:
    """The reference layers of `geodata_dir` (`load_reference` raises GeodataError naming a bad file)."""
    return load_reference(Path(geodata_dir))


def get_reference(geodata_dir: Path) -> Reference:
    return cached_reference(str(geodata_dir), fingerprint(geodata_dir))


# Why: copying the Leaflet/plugin files into static/vendor is needed once per process, not per rerun.
@st.cache_resource(show_spinner=False)
def _copy_static_assets(app_dir: str) -> Path:
    from sitmap.webmap.offline import ensure_static_assets

    return ensure_static_assets(Path(app_dir))


def static_assets_ready(app_dir: str) -> Path:
    """Copy the local Leaflet assets where Streamlit serves them (`app_dir`/static/vendor); that folder.

    The base map's script is published there too (`_publish_target`): Streamlit serves the static folder
    beside the script it runs, wherever sitmap itself is installed. Set on every run (app.py), not only
    when the copy runs: a reloaded module must not forget it."""
    vendor = _copy_static_assets(app_dir)
    _SERVED_VENDOR[:] = [vendor]
    return vendor


_SERVED_VENDOR: list[Path] = []  # set by static_assets_ready


# Why: rendering the base map (offline basemap, zone, lines, bands, admin-1, place labels, legend) is the
# most expensive part of a rerun (~0.5 s) and depends only on these arguments. What is cached is the
# rendered text (frozen BaseParts of strings), not the folium Map: the map is built, rendered and dropped
# inside this function, so no session can ever mutate a shared map. cache_resource: immutable, shared
# read-only, and no pickling of megabytes on every hit.
@st.cache_resource(max_entries=8, show_spinner="Drawing the base map…")
def cached_base_parts(
    base_layer: str | None,
    overlays: tuple[str, ...],
    event_types: tuple[str, ...],
    geodata_key: tuple[str, Fingerprint],
    settings_key: tuple[str, str, str, str],
    map_key: str,
    _reference: Reference | None,
    _settings: Settings,
    _no_events: gpd.GeoDataFrame,
    extra_css: str = "",
) -> folium_bridge.BaseParts:
    """The base map for this configuration, rendered once for streamlit-folium's component.

    `extra_css` is fixed CSS of ours added inside the map (briefing mode's larger, high-contrast look)."""
    from sitmap.webmap.offline import localize_assets

    view = View(base_layer=base_layer, overlays=overlays)
    m = build_base_map(
        _reference, _settings, view, event_types=event_types, layer_control=False, assets="served"
    )
    if extra_css:
        StyleSheet(extra_css).add_to(m)
    # An empty events group stands in for the real one, so the layer control lists "Events".
    empty = localize_assets(build_event_layer(_no_events, view, _reference), "served")
    return folium_bridge.prepare(m, empty, make_layer_control(), map_key, publish=_publish_target())


def _publish_target() -> tuple[Path, str]:
    """Where the base map's script is published for the browser, and its URL: beside the Leaflet files
    that sitmap.webmap.offline serves (git-ignored). Without app.py's call (a test page) the project's
    folder."""
    vendor = _SERVED_VENDOR[0] if _SERVED_VENDOR else PROJECT_ROOT / "static" / "vendor"
    return vendor / "sitmap-base", SERVED_BASE_URL + "/sitmap-base"


def get_base_parts(
    view: View,
    events: gpd.GeoDataFrame,
    event_types: tuple[str, ...],
    reference: Reference | None,
    settings: Settings,
    map_key: str,
    extra_css: str = "",
) -> folium_bridge.BaseParts:
    """The cached base map for the view's base layer and overlays (`events` only lends its columns)."""
    geodata_key = (str(settings.geodata_dir), fingerprint(settings.geodata_dir))
    settings_key = (settings.tile_url, settings.tile_attribution, settings.basemap, settings.map_labels)
    if extra_css:  # the CSS sits in the map's header, which the component reads only when it mounts: a
        # key of its own makes another look a new component (a new map), not an ignored header change
        map_key = f"{map_key}-{hashlib.sha256(extra_css.encode()).hexdigest()[:10]}"
    return cached_base_parts(
        view.base_layer,
        view.overlays,
        event_types,
        geodata_key,
        settings_key,
        map_key,
        reference,
        settings,
        events.iloc[:0],
        extra_css,
    )


# Why: the timeline's per-day counts and spans depend on the store and the filters other than time, so a
# slider step or playback tick must not recompute them (~0.15 s at 10k events). The records are small;
# cache_data's copy on each hit is cheap. The key is the filters as URL parameters (a canonical form).
@st.cache_data(max_entries=32, show_spinner=False)
def cached_timeline_data(
    events_dir: str, fingerprint_key: Fingerprint, filters_key: tuple[tuple[str, str], ...]
) -> tuple[list[dict], list[dict]]:
    view, _ = from_query_params(dict(filters_key))
    return timeline.records(apply_view(cached_store(events_dir, fingerprint_key).events, view))


def get_timeline_data(events_dir: Path, view: View) -> tuple[list[dict], list[dict]]:
    """Timeline records for the view's filters over all times."""
    filters_only = View(**{f: getattr(view, f) for f in NON_TIME_FILTERS})
    key = tuple(sorted(to_query_params(filters_only).items()))
    return cached_timeline_data(str(events_dir), store_key(events_dir), key)


# --- the review page ------------------------------------------------------------------------------------


# Why cache_data: extraction reads every sentence against the gazetteer (~0.2 s for a short report) and
# would otherwise run on every click. Keyed on the report's full text and the geodata fingerprint; the
# copy cache_data returns on each hit is what lets the page mutate candidates without touching the cache.
@st.cache_data(max_entries=16, show_spinner="Reading the report…")
def _cached_candidates(
    digest: str, geodata_dir: str, geo_fp: Fingerprint, _report: Report, _own: OwnKey = ("", None)
) -> list[Candidate]:
    # `_own` (the analyst's places) is not part of the key: adding a place must not re-read, and so
    # re-number, the report under review; the next report read uses it.
    # with_context: background, aggregates, plans and denials are listed too, scored <= 0.3 with their reason
    gaz = _cached_gazetteer(geodata_dir, geo_fp, *_own)
    return extract_candidates(_report, None, gazetteer=gaz, with_context=True)


# Why cache_resource: the gazetteer's lookup tables (extraction and place search share them) are built
# from the reference layers once per geodata fingerprint and only read afterwards (shared by every session).
@st.cache_resource(max_entries=2, show_spinner=False)
def _cached_gazetteer(
    geodata_dir: str, geo_fp: Fingerprint, events_dir: str = "", own_fp: tuple[int, int] | None = None
) -> Gazetteer:
    gaz = Gazetteer.from_reference(cached_reference(geodata_dir, geo_fp))
    if own_fp is not None:
        try:
            gaz.add_own_places(load_own_places(events_dir))
        except OwnPlaceError as e:  # a hand-edited file gone bad: say so, keep the shared gazetteer
            st.warning(f"Your own places were not loaded: {e}")
    return gaz


OwnKey = tuple[str, tuple[int, int] | None]  # (events folder, (mtime_ns, size) of its own-places file)


def _own_key(settings: Settings) -> OwnKey:
    path = own_places_path(settings.events_dir)
    try:
        stat = path.stat()
    except OSError:
        return (str(settings.events_dir), None)
    return (str(settings.events_dir), (stat.st_mtime_ns, stat.st_size))


def candidates_for(report: Report, settings: Settings) -> list[Candidate]:
    """The report's candidate events (a fresh copy on every call)."""
    digest = hashlib.sha256((report.id + "\n" + render_report(report)).encode("utf-8")).hexdigest()
    geo = str(settings.geodata_dir)
    return _cached_candidates(digest, geo, fingerprint(geo), report, _own_key(settings))


def place_search_index(settings: Settings) -> Gazetteer:
    """The one gazetteer index with the analyst's own places (its `search` answers the place box)."""
    geo = str(settings.geodata_dir)
    return _cached_gazetteer(geo, fingerprint(geo), *_own_key(settings))


# Why cached: the review page shows a stored event's preview on every rerun (each radio click or field edit),
# and its file may hold thousands of events; the key holds the file's stat, so an edit on disk is read anew.
@st.cache_data(max_entries=64, show_spinner=False)
def _cached_stored_event(
    path: str, event_id: str, _settings: Settings, stat_key: tuple[int, int, int]
) -> dict[str, Any] | None:
    features, _, _ = read_event_file(Path(path), settings=_settings)
    return next((f for f in features or [] if isinstance(f, dict) and f.get("id") == event_id), None)


def stored_event_in_file(path: Path | str, event_id: str, settings: Settings) -> dict[str, Any] | None:
    """The event `event_id` as saved in the file at `path` (a copy), or None; read again when it changes."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    key = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return _cached_stored_event(str(path), event_id, settings, key)
