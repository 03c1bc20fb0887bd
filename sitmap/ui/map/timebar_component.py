"""The time bar under the map: a Streamlit v2 component whose code is `sitmap/webmap/js/timebar.js`/`.css`.

It shows the events per day by type (events dated only to the year are counted, not drawn: they would
stretch the axis), takes a window by dragging, steps and plays, and applies every change in the map's frame
(`window.sitmapTime`, `js/timefilter.js`) with no server round trip. Python hears the window when the analyst
lets go, as the component's "window" state; its callback sets the window the page's view is read from.

Why a component and not a folium plugin: a plugin lives inside the map's iframe and could only reach Python
through streamlit-folium's fixed set of returned values; a v2 component is in the page (no iframe, drawn with
the page), full width under the map, reports its own state, and reaches the map's frame directly (same
origin). The map keeps the events of the filters over all times (`sitmap.ui.map.page`), so its layer does
not change when the window does.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from importlib.resources import files
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import streamlit as st
from streamlit.components.v2 import component
from streamlit.delta_generator import DeltaGenerator

from sitmap.ui import keys
from sitmap.ui.keys import TIME_PLAYING as K_PLAYING
from sitmap.ui.map import view as map_view
from sitmap.ui.map.timewindow import Window, axis_range, clamp
from sitmap.ui.state import K_MODE, K_WINDOW, current_view
from sitmap.view import View, apply_view
from sitmap.vocabulary import EVENT_TYPES, event_type
from sitmap.webmap.cells import EventSource
from sitmap.webmap.events import escape_text

KEY = keys.TIMEBAR
_EXTENT = keys.TIMEBAR_EXTENT  # the data's extent, for the callback
EPOCH = date(1970, 1, 1)


def _asset(name: str) -> str:
    return files("sitmap.webmap").joinpath("js", name).read_text(encoding="utf-8")


# The file defines window.sitmapTimebar (a plain script, so `node --check` reads it); the module's export
# is added here.
_JS = (
    _asset("timebar.js")
    + "\nexport default function (component) { return window.sitmapTimebar(component); }\n"
)
_COMPONENT = component("sitmap_timebar", js=_JS, css=_asset("timebar.css"))
# Python's window travels apart from the bar (its code, ~100 KB with the histogram, is then the same message
# on every window change, which Streamlit's message cache does not send again).
WINDOW_KEY = keys.TIMEBAR_WINDOW
_WINDOW_JS = """export default function (component) {
  const w = component.data.window;
  window.sitmapPythonWindow = w;
  if (window.sitmapTimebarWindow) { window.sitmapTimebarWindow(w); }
}
"""
_WINDOW_COMPONENT = component("sitmap_timewindow", js=_WINDOW_JS)


def _day(value: date) -> int:
    return (value - EPOCH).days


def timebar_data(events: pd.DataFrame, extent: Window, mode: str) -> dict[str, Any]:
    """What the browser draws: the axis, [day, type, count] rows, the event days to jump to (the window
    travels apart: `render`)."""
    axis = axis_range(events["start"], events["end"], events["time_precision"]) if len(events) else None
    precise = events["time_precision"].fillna("day").ne("year").to_numpy() if len(events) else np.array([])
    per_day = pd.DataFrame({"day": [], "type": [], "n": []})
    if precise.any():
        first = pd.to_datetime(events["start"][precise]).dt.normalize()
        per_day = (
            pd.DataFrame({"day": first.dt.date.to_numpy(), "type": events["event_type"].to_numpy()[precise]})
            .value_counts()
            .rename("n")
            .reset_index()
        )
    outliers = int(len(events) - int(precise.sum())) if len(events) else 0
    return timebar_payload(per_day, axis, outliers, extent, mode)


def timebar_payload(
    per_day: pd.DataFrame, axis: Window | None, outliers: int, extent: Window, mode: str
) -> dict[str, Any]:
    """`timebar_data` from the counts themselves: events per (day, type as stored) among those dated more
    precisely than a year (columns day, type, n), their axis and the number of year-precision events (what
    `sitmap.store.postgis_view.day_counts` counts in SQL)."""
    axis = axis or extent
    type_of = {t: event_type(t).key for t in set(per_day["type"].tolist())}
    present = sorted(set(type_of.values()), key=list(EVENT_TYPES).index)
    hist: list[list[int]] = []
    days: list[int] = []
    if len(per_day):
        day_no = (pd.to_datetime(per_day["day"]) - pd.Timestamp(EPOCH)).dt.days.to_numpy()
        codes = pd.Categorical(per_day["type"].map(type_of), categories=present).codes
        counts = pd.DataFrame({"d": day_no, "t": codes, "n": per_day["n"].to_numpy()})
        counts = counts.groupby(["d", "t"])["n"].sum().sort_index()
        hist = [[int(d), int(t), int(n)] for (d, t), n in counts.items()]
        days = sorted({int(d) for d in day_no})
    return {
        "axis": [_day(axis[0]), _day(axis[1])],
        "extent": [_day(extent[0]), _day(extent[1])],
        "mode": mode if mode in ("window", "cumulative") else "window",
        "types": [
            {"label": escape_text(event_type(k).label), "colour": event_type(k).colour} for k in present
        ],
        "hist": hist,
        "days": days,
        "outliers": outliers,
    }


_ALL_TIMES = keys.TIMEBAR_ALL_TIMES  # (store's events, view's filters, their events over all times)
_SOURCE = keys.TIMEBAR_SOURCE  # a database's `EventSource` of the filters' events, when it has no frame
_DATA = keys.TIMEBAR_DATA  # (events, extent, mode, what the browser draws)


def all_times(events: gpd.GeoDataFrame, view: View) -> gpd.GeoDataFrame:
    """The filters' events over all times (what the map and the time bar hold), as the same object while
    the store's events and the view's filters stay: a release rerun (a new window, nothing else) finds it
    again, and what is built from it (the events layer, the bar's histogram) is found by identity."""
    ss = st.session_state
    filters = view.with_(
        start=None, end=None, selected=None, base_layer=None, overlays=(), center=None, zoom=None
    )
    memo = ss.get(_ALL_TIMES)
    if memo is not None and memo[0] is events and memo[1] == filters:
        return memo[2]
    with _SHARED_LOCK:  # another session's (a new analyst's first run filters nothing before its map)
        shared = _SHARED.get(filters)
    if shared is not None and shared[0] is events:
        shown = shared[1]
    else:
        shown = apply_view(events, view.with_(start=None, end=None))
        with _SHARED_LOCK:
            _SHARED[filters] = (events, shown)
            _SHARED.move_to_end(filters)
            while len(_SHARED) > _SHARED_MAX:
                _SHARED.popitem(last=False)
    ss[_ALL_TIMES] = (events, filters, shown)
    return shown


# The filters' events over all times of the last few filters, shared by every session of the process (the
# frames are read-only by contract, like the store's): the same object for every session, so the events
# layer built from it is found by identity too (`sitmap.ui.map.view`). Keyed by the filters; the store's
# events object says whether an entry is still this store's.
_SHARED: OrderedDict[View, tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]] = OrderedDict()
_SHARED_LOCK = threading.Lock()
_SHARED_MAX = 3


def _data(events: pd.DataFrame, extent: Window, mode: str) -> dict[str, Any]:
    """`timebar_data`, built again only for other events, extent or mode."""
    ss = st.session_state
    memo = ss.get(_DATA)
    if memo is not None and memo[0] is events and memo[1:3] == (extent, mode):
        return dict(memo[3])
    data = timebar_data(events, extent, mode)
    ss[_DATA] = (events, extent, mode, data)
    return data


def _released() -> None:
    """The analyst let go: the window the bar reports becomes the page's. What follows is a rerun of what
    depends on the window alone (`sitmap.ui.map.panels`, and the time widgets, which must show it), never
    of the map, whose layer the browser has already filtered; a full rerun when the layer must change (more
    events than a layer holds: another span of days, or counts per cell) or the panels are not drawn; on a
    database's map the rule is asked of its source instead of a frame."""
    ss = st.session_state
    value = ss.get(KEY)
    got = value.get("window") if isinstance(value, dict) else getattr(value, "window", None)
    if not got:
        return
    window = (date.fromisoformat(got[0]), date.fromisoformat(got[1]))
    ss[K_WINDOW] = clamp(window, ss.get(_EXTENT, window))
    ss[K_PLAYING] = False  # the server-side playback stops: the bar has the window now
    memo, source = ss.get(_ALL_TIMES), ss.get(_SOURCE)
    if not ss.get(keys.PANELS_ON):
        return
    view = current_view(ss.get(_EXTENT, window))
    held = source if source is not None else memo[2] if memo is not None else None
    if held is None or map_view.layer_follows_window(held, view):
        return
    ss[keys.TIMEBAR_RELEASED] = True
    st.rerun([keys.PANELS_FRAGMENT, keys.TIME_FRAGMENT])


# Over the bottom of the map, like kepler.gl's: the map keeps the screen's height (the map-first layout)
# and the bar stays in view; opaque: at 0.86 and still at 0.95 the place names under it read through its
# bars and dates (three browser reviews). Its top is the map
# iframe's height (`sitmap.ui.messages`' page CSS: 100vh - 5.6rem, at least 420px) less its own; inside the
# map's frame, Leaflet's bottom controls move up by as much (`sitmap.ui.map.view.MAP_PAGE_CSS`).
BAR_HEIGHT_PX = 104
_PAGE_CSS = f"""<style>
.st-key-map_row [data-testid="stColumn"]:first-child .st-key-{KEY} {{
  position: absolute; left: 0; right: 0; top: calc(max(100vh - 5.6rem, 420px) + 1rem - {BAR_HEIGHT_PX}px);
  height: {BAR_HEIGHT_PX}px; overflow: hidden; z-index: 5; padding: 4px 8px 2px 8px; box-sizing: border-box;
  background: #ffffff; border-top: 1px solid #c9ccd3; }}
.st-key-{WINDOW_KEY} {{ display: none; }}
</style>"""


def render(
    events: pd.DataFrame | Callable[[str], dict[str, Any]],
    extent: Window,
    source: EventSource | None = None,
) -> DeltaGenerator:
    """The time bar for `events` (the filters' events over all times, or a function of the playback mode
    that gives their `timebar_data`: a database store's per-day counts, then with the `source` the map's
    layer asks, which a release asks too); call it inside the map's column.
    Returns the (hidden) slot for Python's window, which `show_window` fills in every full run, from the
    page or from the fragment a release reruns (`sitmap.ui.map.panels`), so the bar always hears it."""
    ss = st.session_state
    st.html(_PAGE_CSS)
    ss[_EXTENT] = extent
    ss[_SOURCE] = source
    mode = str(ss.get(K_MODE, "window"))
    data = _data(events, extent, mode) if isinstance(events, pd.DataFrame) else events(mode)
    _COMPONENT(key=KEY, data=data, on_window_change=_released)
    return st.container(key=WINDOW_KEY)


def show_window(window: Window) -> None:
    """Python's window, for the bar (call it inside the slot `render` returned)."""
    _WINDOW_COMPONENT(key=f"{WINDOW_KEY}_value", data={"window": [_day(window[0]), _day(window[1])]})
