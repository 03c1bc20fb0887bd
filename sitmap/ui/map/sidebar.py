"""The sidebar: filters and map layers. Widgets only write session state; `state.current_view` turns that
state into the `View`. (The time window lives above the map: `sitmap.ui.map.timebar`.)
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from sitmap.ui import state
from sitmap.ui.keys import S_MAP_BOUNDS
from sitmap.ui.state import K_BASE, K_OVERLAYS, K_TEXT, KEEP, LIST_KEYS, DataFacts
from sitmap.view import KNOWN_BASE_LAYERS, KNOWN_OVERLAYS, SPEC
from sitmap.vocabulary import CLAIM_STATUSES, EVENT_TYPES, GEO_PRECISIONS

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
    "symbols": "Military symbols (APP-6D)",
}
_LABELS = {
    "event_types": lambda v: EVENT_TYPES[v].label if v in EVENT_TYPES else v,
    "claim_status": lambda v: CLAIM_STATUSES[v]["label"] if v in CLAIM_STATUSES else v,
    "geo_precision": lambda v: GEO_PRECISIONS[v]["label"] if v in GEO_PRECISIONS else v,
}


def render(facts: DataFacts) -> DeltaGenerator:
    """Draw the sidebar for data described by `facts`; returns the slot under its header for "Zoom to
    results" and "Reset all" (`filter_actions.buttons`, drawn with the window's events by
    `sitmap.ui.map.panels`)."""
    with st.sidebar:
        st.header("Filters")
        actions = st.container()
        _filters(facts)
        with st.expander("Map layers"):
            _layers()
    return actions


# --- filters -----------------------------------------------------------------------------------------


def _filters(facts: DataFacts) -> None:
    ss = st.session_state
    st.text_input("Search", key=K_TEXT, placeholder="summary, place, actor, quote, id", persist_state=KEEP)
    for name, key in LIST_KEYS.items():
        choices = list(facts.options.get(name, []))
        # Keep values from a pasted link even if the data no longer has them, so the link still reproduces.
        choices += [v for v in ss.get(key, []) if v not in choices]
        fmt = _LABELS.get(name, str)
        st.multiselect(
            SPEC[name].title, options=choices, key=key, format_func=fmt, placeholder="All", persist_state=KEEP
        )
    if ss.get(state.S_BBOX):
        w, s, e, n = ss[state.S_BBOX]
        st.caption(f"Area filter: {w:.3f}, {s:.3f} to {e:.3f}, {n:.3f}")
        st.button("Clear area filter", key="clear_bbox", on_click=_clear_bbox)
    elif ss.get(S_MAP_BOUNDS):
        st.button("Only events in the map's view", key="set_bbox", on_click=_set_bbox)


def _clear_bbox() -> None:
    st.session_state[state.S_BBOX] = None


def _set_bbox() -> None:
    st.session_state[state.S_BBOX] = st.session_state.get(S_MAP_BOUNDS)


def _remember_map_position() -> None:
    # A new base layer remounts the map: ask it to come back to where the analyst was. The map is rebuilt
    # from these widgets, whatever its own layer control did since.
    ss = st.session_state
    state.rebuild_map_from_widgets()
    if ss.get(state.S_CENTER) is not None:
        ss[state.S_TARGET] = (ss[state.S_CENTER], ss.get(state.S_ZOOM))


def _layers() -> None:
    st.selectbox(
        "Base map",
        options=list(KNOWN_BASE_LAYERS),
        format_func=lambda key: BASE_LABELS.get(key, key),
        key=K_BASE,
        persist_state=KEEP,
        on_change=_remember_map_position,
    )
    st.multiselect(
        "Overlays",
        options=list(KNOWN_OVERLAYS),
        format_func=lambda key: OVERLAY_LABELS.get(key, key),
        key=K_OVERLAYS,
        persist_state=KEEP,
        on_change=_remember_map_position,
    )
