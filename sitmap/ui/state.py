"""The view's state: widgets ↔ `View` ↔ URL query parameters.

The URL is read once per session (a pasted link), reconciled with the data (unknown values are dropped with
a warning, the window is clamped) and copied into the widgets' session keys. After that the widgets are the
truth: every run builds the `View` from them and writes it back to the URL, so the address bar always holds a
link that reproduces the view exactly.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Container, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

import geopandas as gpd
import streamlit as st

from sitmap.reference.layers import Reference
from sitmap.settings import load_settings
from sitmap.ui.keys import (
    K_BASE,
    K_MODE,
    K_OVERLAYS,
    K_TEXT,
    K_WINDOW,
    S_BBOX,
    S_BUILT,
    S_CENTER,
    S_MAP_EPOCH,
    S_NOTES,
    S_READY,
    S_SELECTED,
    S_TARGET,
    S_ZOOM,
)
from sitmap.ui.keys import S_FIRST_RUN_AT as _T_FIRST
from sitmap.ui.keys import S_URL_APP_PARAMS as _URL_APP_PARAMS
from sitmap.ui.keys import S_URL_LOADED as _LOADED
from sitmap.ui.keys import S_URL_PARAMS as _URL_PARAMS
from sitmap.ui.map.selection import event_fly_target
from sitmap.ui.map.timewindow import Window, clamp, preset
from sitmap.view import (
    DEFAULT_OVERLAYS,
    KNOWN_BASE_LAYERS,
    KNOWN_OVERLAYS,
    LIST_FILTERS,
    View,
    from_query_params,
    to_query_params,
)
from sitmap.vocabulary import CLAIM_STATUSES, EVENT_TYPES, GEO_PRECISIONS

# Widget keys: one per View field the sidebar edits.
LIST_KEYS = {name: f"w_{name}" for name in LIST_FILTERS}  # View field -> widget key
# The view's widgets keep their values across pages (Map -> Review -> Map keeps the filters).
KEEP: Final = "session"
# Non-widget state.
# Query parameters that are not part of the View, kept as they are: Streamlit's own, and briefing mode's
# (sitmap.ui.briefing.mode: `briefing=1`, the deck presented and its slide).
APP_PARAMS = ("briefing", "deck", "slide")
_RESERVED = ("embed", "embed_options", *APP_PARAMS)

_VOCAB: dict[str, Collection[str]] = {
    "event_types": EVENT_TYPES,
    "claim_status": CLAIM_STATUSES,
    "geo_precision": GEO_PRECISIONS,
}


@dataclass(frozen=True)
class DataFacts:
    """What the URL is checked against: the data's extent, ids and filter choices."""

    extent: Window
    ids: Container[str]  # a set, or a database's membership test (`sitmap.ui.dbview`)
    options: Mapping[str, list[str]]
    event_types: tuple[str, ...] = ()  # every type in the store (the map legend lists these)
    count: int = 0  # how many events the store holds
    latest: date | None = None  # the last day of the events dated more precisely than a year


def reconcile(view: View, facts: DataFacts) -> tuple[View, list[str]]:
    """The view adjusted to the data, with a note per change (pure; used on a pasted link). The values'
    own limits (zoom, coordinates) were checked by the codec that decoded the link."""
    notes: list[str] = []
    changes: dict[str, object] = {}
    for name, vocab in _VOCAB.items():
        values = getattr(view, name)
        bad = [v for v in values if v not in vocab]
        if bad:
            notes.append(f"{name}: unknown value(s) {', '.join(bad)} ignored")
            changes[name] = tuple(v for v in values if v in vocab)
    lo, hi = facts.extent
    start, end = view.start, view.end
    if start is not None and end is not None and start > end:
        notes.append(f"start {start} is after end {end}: showing the whole period")
        start = end = None
    for name, day in (("start", start), ("end", end)):
        if day is not None and not lo <= day <= hi:
            notes.append(f"{name} {day} is outside the data ({lo} to {hi}): moved inside")
    if start is not None or end is not None:
        start, end = clamp((start or lo, end or hi), facts.extent)
    changes.update(start=start, end=end)
    if view.selected is not None and view.selected not in facts.ids:
        notes.append(f"selected event {view.selected!r} is not in the data")
        changes["selected"] = None
    return view.with_(**changes), notes


# A link without dates opens on everything, unless the store is big: then on its latest month, which is
# what a situation map is opened for, and which keeps the first map quick (All is one click away).
ALL_BY_DEFAULT_MAX_EVENTS = 5_000


def default_window(
    facts: DataFacts, n_events: int, latest: date | None = None
) -> tuple[date | None, date | None]:
    """The window a link without dates opens on: (None, None) = everything. The month ends on `latest`
    (the last day of the events dated more precisely than a year, `timewindow.latest_precise_day`) when
    given: year-precision events stretch the extent to 31 December, past the latest news
    (`timewindow.last_news_day`, the rule the Month preset follows too)."""
    if n_events <= ALL_BY_DEFAULT_MAX_EVENTS:
        return None, None
    end = facts.extent[1]
    return preset("Month", (end, end), facts.extent, latest)


def window_of(view: View, extent: Window) -> Window:
    """The slider's value for a view (no dates = the whole extent)."""
    return clamp((view.start or extent[0], view.end or extent[1]), extent)


def keep_url_params() -> None:
    """On a session's first run, whatever its page, keep the view part of the URL it was opened with. The
    map page reads it from here: a page switch clears the address bar, and one made before the map page's
    first run got to the URL (Review clicked while a big store loads) would otherwise lose the link's view."""
    ss = st.session_state
    if _URL_PARAMS not in ss:
        opened = st.query_params.to_dict()
        ss[_URL_PARAMS] = {k: v for k, v in opened.items() if k not in _RESERVED}
        ss[_URL_APP_PARAMS] = {k: v for k, v in opened.items() if k in APP_PARAMS}


def restore_app_params() -> None:
    """On the map page's first run, put briefing's params of the opening URL (`keep_url_params`) back in the
    address bar if a page switch cleared them, where briefing mode reads them; once, so leaving briefing
    mode later stays left."""
    kept = st.session_state.pop(_URL_APP_PARAMS, None) or {}
    for name, value in kept.items():
        if name not in st.query_params:
            st.query_params[name] = value


def url_params() -> dict[str, str | list[str]]:
    """The view part of the URL the session was opened with (`keep_url_params`; else the URL now)."""
    kept = st.session_state.get(_URL_PARAMS)
    if kept is None:
        return {k: v for k, v in st.query_params.to_dict().items() if k not in _RESERVED}
    return dict(kept)


def load_url_once(facts: DataFacts, events: gpd.GeoDataFrame, reference: Reference | None = None) -> bool:
    """On a session's first run, copy the URL's view into the widget state (later runs keep the widgets).
    A link's selected event is framed by its footprint (`selection.event_fly_target`, areas from
    `reference`). True on that first run when the link gave the map nowhere to go (no centre, no selected
    event): the page then opens the map on the window's events (`filter_actions.open_on_events`)."""
    ss = st.session_state
    if ss.get(_LOADED):
        return False
    params = url_params()
    view, notes = from_query_params(params)
    if "start" not in params and "end" not in params:
        window = default_window(facts, facts.count, facts.latest)
        view = view.with_(**dict(zip(("start", "end"), window, strict=True)))
    ss[S_NOTES] = notes + apply_view(view, facts, events, reference=reference)
    ss[S_CENTER], ss[S_ZOOM] = view.center, view.zoom  # until the map reports where it is
    ss[_LOADED] = True
    return ss.get(S_TARGET) is None


def apply_view(
    view: View,
    facts: DataFacts,
    events: gpd.GeoDataFrame,
    *,
    fly_size_px: tuple[int, int] = (700, 540),
    default_zoom: int | None = None,
    reference: Reference | None = None,
) -> list[str]:
    """Put `view` into the session (call before the widgets are drawn): the widgets, the selection, the area
    filter, and where the map goes (the view's centre, else its selected event). The one way a whole View
    enters the session, for a pasted link and a briefing slide alike; returns notes on what did not fit the
    data. A selected event is framed by its footprint (`selection.event_fly_target`: its country or
    admin-1 area from `reference`, its uncertainty circle) on a map of `fly_size_px`."""
    ss = st.session_state
    view, notes = reconcile(view, facts)
    set_widgets(view, facts.extent)
    ss[S_SELECTED] = view.selected
    ss[S_BBOX] = view.bbox
    target: tuple[Any, Any] | None = None
    if view.center:  # a centre without a zoom keeps the map's zoom, unless the caller has a default
        target = (view.center, view.zoom if view.zoom is not None else default_zoom)
    if target is None and view.selected:  # a link to an event opens the map on it
        target = event_fly_target(events, view.selected, reference, *fly_size_px)
    ss[S_TARGET] = target
    return notes


def set_widgets(view: View, extent: Window) -> None:
    """Put a view's values into the widgets' session keys (call before the widgets are drawn)."""
    ss = st.session_state
    ss[K_WINDOW] = window_of(view, extent)
    ss[K_MODE] = view.mode
    ss[K_TEXT] = view.text
    # The widget shows what the map shows: the view's choice, else the site default.
    default = load_settings().basemap
    ss[K_BASE] = view.base_layer or (default if default in KNOWN_BASE_LAYERS else "offline")
    ss[K_OVERLAYS] = list(view.overlays)
    for name, key in LIST_KEYS.items():
        ss[key] = list(getattr(view, name))
    rebuild_map_from_widgets()


def rebuild_map_from_widgets() -> None:
    """The layer widgets were set on purpose (the sidebar, a deck slide): if the map's own control had
    moved away from how the map was built, draw a new map from the widgets. A new component, not just a
    new script: the old one would keep reporting the control's choice and undo the widgets."""
    ss = st.session_state
    if ss.get(S_BUILT):
        ss[S_BUILT] = None
        ss[S_MAP_EPOCH] = ss.get(S_MAP_EPOCH, 0) + 1


def current_view(extent: Window) -> View:
    """The view the widgets describe now."""
    ss = st.session_state
    start, end = ss.get(K_WINDOW, extent)
    if (start, end) == tuple(extent):
        start = end = None  # the whole extent: keep the link short and following new data
    overlays = set(ss.get(K_OVERLAYS, DEFAULT_OVERLAYS))
    return View(
        start=start,
        end=end,
        text=ss.get(K_TEXT, ""),
        bbox=ss.get(S_BBOX),
        selected=ss.get(S_SELECTED),
        base_layer=ss.get(K_BASE),
        overlays=tuple(o for o in KNOWN_OVERLAYS if o in overlays),  # canonical order
        center=ss.get(S_CENTER),
        zoom=ss.get(S_ZOOM),
        mode=ss.get(K_MODE, "window"),
        **{name: tuple(ss.get(key, ())) for name, key in LIST_KEYS.items()},
    )


def write_url(view: View) -> None:
    """Make the address bar hold `view` (only when it differs, so no needless browser history)."""
    wanted = to_query_params(view)
    current = st.query_params.to_dict()
    kept = {k: v for k, v in current.items() if k in _RESERVED}
    if {k: v for k, v in current.items() if k not in _RESERVED} != wanted:
        st.query_params.from_dict({**kept, **wanted})


def select(event_id: str | None, *, fly_to: tuple[tuple[float, float], int] | None = None) -> None:
    """Select an event (from the map, the list or a passage); optionally move the map to it."""
    st.session_state[S_SELECTED] = event_id
    if fly_to is not None:
        st.session_state[S_TARGET] = fly_to


# --- first paint ---------------------------------------------------------------------------------------
# On a browser's first visit only the header and the map are drawn; the time widgets and bar, the report
# panel, the sidebar's widgets, the downloads, the timeline and the list wait until the map has drawn
# (their code is fetched and run by the browser exactly when the map's iframe should start; see
# map_page). The map's first report (its centre) releases them; a timer does if the map never reports.
# Without a browser (AppTest, scripts) nothing waits.
READY_FALLBACK_S = 2.0


def secondary_ready() -> bool:
    """Whether this run draws everything, not just the map and its time bar (see above)."""
    ss = st.session_state
    if not ss.get(S_READY) and not st.context.headers:
        ss[S_READY] = True
    return bool(ss.get(S_READY))


def wait_for_map() -> None:
    """In a first run, release the rest of the page after a while even if the map never reports. Call it
    last on the page: its fragment takes a place in the page's element tree, and anything added before the
    map would shift the map's place and remount it (a full reload) when the fragment is gone."""
    if secondary_ready():
        return
    st.session_state.setdefault(_T_FIRST, time.monotonic())
    st.fragment(_ready_fallback, run_every=READY_FALLBACK_S)()


def _ready_fallback() -> None:
    ss = st.session_state
    if not ss.get(S_READY) and time.monotonic() - ss.get(_T_FIRST, 0.0) >= READY_FALLBACK_S:
        release_secondary()


def release_secondary() -> None:
    """The map has drawn (or will not): rerun the page with everything (no-op once released)."""
    ss = st.session_state
    if not ss.get(S_READY):
        ss[S_READY] = True
        st.rerun(scope="app")
