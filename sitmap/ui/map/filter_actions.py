"""Filters that move the map: "Zoom to results", "Reset all", a filter change that empties the map's view
moving the map to the results, and a zero-result state that says which filter to loosen."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import shapely
import streamlit as st

from sitmap.reference.layers import Reference
from sitmap.ui import state
from sitmap.ui.keys import FILTERS_LAST, FILTERS_RESET, FILTERS_RESET_EMPTY, FILTERS_ZOOM, S_MAP_BOUNDS
from sitmap.ui.map.selection import fly_target
from sitmap.ui.map.shown import Bounds, Shown
from sitmap.ui.map.timewindow import Window
from sitmap.ui.text import md_escape
from sitmap.view import NON_TIME_FILTERS, View
from sitmap.view.loosen import loosenings
from sitmap.view.order import core_bounds

RESULTS_WIDTH_PX = 900  # the map's width the results are fitted to (it is wider on a laptop: a margin)
Target = tuple[tuple[float, float], int]


def fit_target(bounds: Bounds | None) -> Target | None:
    """(centre, zoom) that shows `bounds` (W, S, E, N) whole; None for None."""
    if bounds is None:
        return None
    w, s, e, n = bounds
    shape = shapely.Point(w, s) if (w, s) == (e, n) else shapely.box(w, s, e, n)
    return fly_target(shape, RESULTS_WIDTH_PX)


def results_target(shown: Shown) -> Target | None:
    """(centre, zoom) that shows every located shown event, or None when none has a location."""
    return fit_target(shown.bounds())


def open_on_events(held: gpd.GeoDataFrame, reference: Reference | None) -> None:
    """A link with no place (`state.load_url_once` said so), before the map is drawn: open the map on the
    events it holds (the filters' events over all times) that lie on the basemap
    (`sitmap.view.order.core_bounds`), not on a fixed region that may leave them off-screen (a store
    reaching the Red Sea). A briefing slide that set a target keeps it. The frame is the map's own, shared
    by identity with other sessions, so a new session still filters nothing before its map."""
    ss = st.session_state
    if ss.get(state.S_TARGET) is not None:
        return
    basemap = reference.basemap_bounds() if reference is not None else None
    target = fit_target(core_bounds(held, basemap))
    if target is not None:
        ss[state.S_TARGET] = target


def _filters_of(view: View) -> tuple[Any, ...]:
    return tuple(getattr(view, name) for name in NON_TIME_FILTERS)


def follow(view: View, shown: Shown) -> None:
    """Before the map is drawn: when a filter (not the time window, whose steps must not jump the map)
    changed since the last run and the map's view holds none of the shown events, move the map to them."""
    ss = st.session_state
    now, before = _filters_of(view), ss.get(FILTERS_LAST)
    ss[FILTERS_LAST] = now
    bounds = ss.get(S_MAP_BOUNDS)
    if before is None or before == now or not len(shown) or bounds is None:
        return
    if shown.any_within(bounds):
        return
    target = results_target(shown)
    if target is not None:
        ss[state.S_TARGET] = target


def _zoom_to_results(shown: Shown) -> None:
    """The button's callback: the results' bounds are read now, not on every run that draws the button
    (on PostGIS an ST_Extent over the window's events, 0.2-0.4 s at 1M, that a slider step need not pay)."""
    target = results_target(shown)
    if target is None:
        st.toast("None of these events has a location to zoom to.")
        return
    st.session_state[state.S_TARGET] = target


def reset_filters(extent: Window) -> None:
    """Every filter back to its default (a widget callback: runs before the widgets are drawn)."""
    ss = st.session_state
    defaults = View()
    for name, key in state.LIST_KEYS.items():
        ss[key] = list(getattr(defaults, name))
    ss[state.K_TEXT] = defaults.text
    ss[state.S_BBOX] = defaults.bbox
    ss[state.K_WINDOW] = tuple(extent)


def buttons(shown: Shown, extent: Window) -> None:
    """The filter area's two actions, side by side."""
    zoom_col, reset_col = st.columns([5, 3], gap="small")
    zoom_col.button(
        "Zoom to results",
        key=FILTERS_ZOOM,
        on_click=_zoom_to_results,
        args=(shown,),
        disabled=not len(shown),  # the header's count, already read; the bounds only when pressed
        help="Move the map to show every event the filters keep",
        width="stretch",
    )
    reset_col.button(
        "Reset all",
        key=FILTERS_RESET,
        on_click=reset_filters,
        args=(extent,),
        help="Every filter back to its default, the whole time range",
        width="stretch",
    )


def empty_state(shown: Shown, view: View, n_shown: int, extent: Window) -> None:
    """When the filters keep nothing: which filter to loosen, and by how much (nothing when events show)."""
    if n_shown:
        return
    found = [loose for loose in loosenings(shown.count_of, view) if loose.count]
    if not found:
        st.info("No events match these filters, and clearing any one of them alone would not help.")
    else:
        lines = "  \n".join(
            f"- without **{md_escape(lo.title)}**: {lo.count} event{'' if lo.count == 1 else 's'}"
            for lo in found
        )
        st.warning(f"No events match these filters. Loosen one:  \n{lines}", icon=":material/search_off:")
    st.button("Reset all filters", key=FILTERS_RESET_EMPTY, on_click=reset_filters, args=(extent,))
