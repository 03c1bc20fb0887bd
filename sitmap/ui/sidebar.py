"""The sidebar: time window (slider, presets, playback) and filters. Widgets only write session state;
`state.current_view` turns that state into the `View`.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from sitmap.filters import KNOWN_BASE_LAYERS, KNOWN_OVERLAYS
from sitmap.ui import state
from sitmap.ui.state import K_BASE, K_MODE, K_OVERLAYS, K_TEXT, K_WINDOW, LIST_KEYS, DataFacts
from sitmap.ui.timewindow import PRESETS, Window, at_end, clamp, preset, rewind, step
from sitmap.vocabulary import CLAIM_STATUSES, EVENT_TYPES, GEO_PRECISIONS

K_PLAYING = "playing"
K_SPEED = "w_speed"
K_PRESET = "w_preset"
_FULL_RUN = "_in_full_run"
SPEEDS = {"0.5 s": 0.5, "1 s": 1.0, "2 s": 2.0}

BASE_LABELS = {
    "offline": "Offline (vector, no internet)",
    "osm": "OpenStreetMap (online)",
    "light": "Light (online)",
    "dark": "Dark (online)",
    "satellite": "Satellite (online)",
    "custom": "Custom tile server",
}
OVERLAY_LABELS = {
    "zone": "1974 zone",
    "lines": "Lines A / B",
    "bands": "Limitation bands",
    "admin1": "Admin-1 areas",
    "places": "Places",
    "uncertainty": "Location uncertainty",
}
_LABELS = {
    "event_types": lambda v: EVENT_TYPES[v].label if v in EVENT_TYPES else v,
    "claim_status": lambda v: CLAIM_STATUSES[v]["label"] if v in CLAIM_STATUSES else v,
    "geo_precision": lambda v: GEO_PRECISIONS[v]["label"] if v in GEO_PRECISIONS else v,
}
_TITLES = {
    "event_types": "Event type",
    "actors": "Actor",
    "countries": "Country",
    "admin1": "Admin-1 (province)",
    "claim_status": "Claim status",
    "geo_precision": "Location precision",
}


def prepare(facts: DataFacts) -> None:
    """Settle the widgets' state before the view is read from it: a pending playback step, a window inside
    the data. (The app draws the map before the sidebar, so the map's update reaches the browser first.)"""
    ss = st.session_state
    if state.S_PENDING in ss:  # a playback tick
        ss[K_WINDOW] = ss.pop(state.S_PENDING)
    ss[K_WINDOW] = clamp(tuple(ss.get(K_WINDOW, facts.extent)), facts.extent)


def render(facts: DataFacts) -> None:
    """Draw the sidebar for data described by `facts` (after `prepare`)."""
    with st.sidebar:
        st.header("Time")
        _time_controls(facts.extent)
        st.header("Filters")
        _filters(facts)
        with st.expander("Map layers"):
            _layers()


# --- time --------------------------------------------------------------------------------------------


def _stop() -> None:
    st.session_state[K_PLAYING] = False


def _on_preset(extent: Window) -> None:
    ss = st.session_state
    name = ss.get(K_PRESET)
    if name:
        ss[K_WINDOW] = preset(name, tuple(ss[K_WINDOW]), extent)
    ss[K_PRESET] = None  # a preset is an action, not a state: the slider shows the result
    _stop()


def _on_step(days: int, extent: Window) -> None:
    ss = st.session_state
    ss[K_WINDOW] = step(tuple(ss[K_WINDOW]), extent, ss[K_MODE], days)
    _stop()


def _on_rewind(extent: Window) -> None:
    ss = st.session_state
    ss[K_WINDOW] = rewind(tuple(ss[K_WINDOW]), extent, ss[K_MODE])
    _stop()


def _on_play(extent: Window) -> None:
    ss = st.session_state
    if ss.get(K_PLAYING):
        _stop()
        return
    if at_end(tuple(ss[K_WINDOW]), extent):
        ss[K_WINDOW] = rewind(tuple(ss[K_WINDOW]), extent, ss[K_MODE])
    ss[K_PLAYING] = True


def _time_controls(extent: Window) -> None:
    ss = st.session_state
    if extent[0] < extent[1]:
        st.slider(
            "Window",
            min_value=extent[0],
            max_value=extent[1],
            step=timedelta(days=1),
            format="YYYY-MM-DD",
            key=K_WINDOW,
            on_change=_stop,
            help="Events whose period overlaps the window are shown. A month-precision event is on for "
            "its whole month.",
        )
    else:
        st.caption(f"All events are on {extent[0]:%d %b %Y}.")
    st.pills(
        "Presets",
        options=list(PRESETS),
        key=K_PRESET,
        on_change=_on_preset,
        args=(extent,),
        label_visibility="collapsed",
        help="Day, week or month ending on the window's last day; All is the whole period.",
    )
    st.radio(
        "Playback",
        options=["window", "cumulative"],
        format_func={"window": "Moving window", "cumulative": "Cumulative"}.get,
        key=K_MODE,
        horizontal=True,
        help="Moving window: the window slides a day per step. "
        "Cumulative: its first day stays, events pile up.",
    )
    playing = bool(ss.get(K_PLAYING))
    c1, c2, c3, c4 = st.columns(4, gap="small")
    c1.button(
        "",
        icon=":material/first_page:",
        key="pb_rewind",
        help="Back to the start",
        on_click=_on_rewind,
        args=(extent,),
        width="stretch",
    )
    c2.button(
        "",
        icon=":material/chevron_left:",
        key="pb_back",
        help="One day back",
        on_click=_on_step,
        args=(-1, extent),
        width="stretch",
    )
    c3.button(
        "",
        icon=":material/pause:" if playing else ":material/play_arrow:",
        key="pb_play",
        help="Pause" if playing else "Play day by day",
        on_click=_on_play,
        args=(extent,),
        type="primary" if playing else "secondary",
        width="stretch",
    )
    c4.button(
        "",
        icon=":material/chevron_right:",
        key="pb_fwd",
        help="One day forward",
        on_click=_on_step,
        args=(1, extent),
        width="stretch",
    )
    st.select_slider("Seconds per day", options=list(SPEEDS), value="1 s", key=K_SPEED)
    start, end = ss[K_WINDOW]
    days = (end - start).days + 1
    st.caption(f"{start:%d %b %Y} – {end:%d %b %Y} · {days} day{'s' if days != 1 else ''}")
    # The ticker is a fragment that reruns on a timer only while playing.
    ss[_FULL_RUN] = True
    st.fragment(_tick, run_every=SPEEDS[ss[K_SPEED]] if playing else None)(extent)
    ss[_FULL_RUN] = False


def _tick(extent: Window) -> None:
    """One playback step, on the fragment's timer; the whole page reruns to show it."""
    ss = st.session_state
    if ss.get(_FULL_RUN) or not ss.get(K_PLAYING):
        return  # called inline by a full run, or playback was stopped: nothing to do
    new = step(tuple(ss[K_WINDOW]), extent, ss[K_MODE])
    ss[state.S_PENDING] = new
    if at_end(new, extent):
        ss[K_PLAYING] = False
    st.rerun(scope="app")


# --- filters -----------------------------------------------------------------------------------------


def _filters(facts: DataFacts) -> None:
    ss = st.session_state
    st.text_input("Search", key=K_TEXT, placeholder="summary, place, actor, quote, id")
    for name, key in LIST_KEYS.items():
        choices = list(facts.options.get(name, []))
        # Keep values from a pasted link even if the data no longer has them, so the link still reproduces.
        choices += [v for v in ss.get(key, []) if v not in choices]
        fmt = _LABELS.get(name, str)
        st.multiselect(_TITLES[name], options=choices, key=key, format_func=fmt, placeholder="All")
    if ss.get(state.S_BBOX):
        w, s, e, n = ss[state.S_BBOX]
        st.caption(f"Area filter: {w:.3f}, {s:.3f} to {e:.3f}, {n:.3f}")
        st.button("Clear area filter", key="clear_bbox", on_click=_clear_bbox)
    elif ss.get("map_bounds"):
        st.button("Only events in the map's view", key="set_bbox", on_click=_set_bbox)


def _clear_bbox() -> None:
    st.session_state[state.S_BBOX] = None


def _set_bbox() -> None:
    st.session_state[state.S_BBOX] = st.session_state.get("map_bounds")


def _remember_map_position() -> None:
    # A new base layer remounts the map: ask it to come back to where the analyst was.
    ss = st.session_state
    if ss.get(state.S_CENTER) is not None:
        ss[state.S_TARGET] = (ss[state.S_CENTER], ss.get(state.S_ZOOM))


def _layers() -> None:
    st.selectbox(
        "Base map",
        options=list(KNOWN_BASE_LAYERS),
        format_func=BASE_LABELS.get,
        key=K_BASE,
        on_change=_remember_map_position,
    )
    st.multiselect(
        "Overlays",
        options=list(KNOWN_OVERLAYS),
        format_func=OVERLAY_LABELS.get,
        key=K_OVERLAYS,
        on_change=_remember_map_position,
    )
