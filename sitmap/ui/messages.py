"""Page header, warnings about the link, and the store's problems (file:feature:field lines)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from sitmap.model import Problem
from sitmap.ui import state
from sitmap.ui.map.timewindow import Window
from sitmap.ui.text import md_escape
from sitmap.view import View

# Fixed CSS of ours (no data in it). Map first: narrow page margins; the map's iframe as tall as the screen
# allows (the map inside follows it: `sitmap.ui.map.view.MAP_PAGE_CSS`); the time widgets, drawn in the
# map's column (`sitmap.ui.map.timebar`), moved to the top of the side column (the map column is their
# containing block; the side column is a third of the map column's width, and leaves the time widgets room
# at its top: more room when the row is narrow, e.g. with the sidebar open at 1440 px, where the widgets wrap
# onto another line and covered the header; the row is a CSS container so the rule follows its width).
# The time widgets' row is compact, and below a 1700 px row (the side column ~420 px) it leaves out its "back
# to the start" button and its day count, both on the time bar under the map: one row at 1440×900 (the review
# saw it on three); below a 1300 px row (1280 px wide, or the filter sidebar open at 1440) its day-step
# buttons too (also on the time bar), so it stays one row there; below a 1000 px row (1280 px with the
# sidebar open: a ~230 px side column) its playback options too (the time bar has a mode and a speed).
_PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding: 4rem 1rem 2rem 1rem; }
[data-testid="stSidebarUserContent"] { padding-top: 0.5rem; }
.st-key-map_row [data-testid="stColumn"]:first-child { position: relative; }
.st-key-map_row .st-key-w_window, .st-key-map_row .st-key-time_row {
  position: absolute; left: calc(100% + 1rem); width: calc(100% / 3); }
.st-key-map_row .st-key-w_window { top: 0; }
.st-key-map_row .st-key-time_row { top: 4.4rem; }
.st-key-map_row [data-testid="stColumn"]:last-child { padding-top: 11.4rem; }
.st-key-map_row { container-type: inline-size; }
@container (max-width: 1200px) {
  .st-key-map_row [data-testid="stColumn"]:last-child { padding-top: 14.4rem; } }
@container (max-width: 800px) {
  .st-key-map_row [data-testid="stColumn"]:last-child { padding-top: 17.4rem; } }
.st-key-map_row iframe[title="streamlit_folium.st_folium"] { height: calc(100vh - 5.6rem) !important;
  min-height: 420px; }
.st-key-event_feed [data-testid="stCaptionContainer"] { margin-bottom: -0.4rem; }
.st-key-map_row .st-key-time_row { gap: 0.35rem; }
.st-key-map_row .st-key-time_row button { padding-left: 0.45rem; padding-right: 0.45rem; min-width: 0; }
@container (max-width: 1700px) {
  .st-key-map_row .st-key-time_row .st-key-pb_rewind,
  .st-key-map_row .st-key-time_row > :has([data-testid="stCaptionContainer"]) { display: none; } }
@container (max-width: 1300px) {
  .st-key-map_row .st-key-time_row .st-key-pb_back,
  .st-key-map_row .st-key-time_row .st-key-pb_fwd { display: none; } }
@container (max-width: 1000px) {
  .st-key-map_row .st-key-time_row .st-key-pb_options { display: none; } }
</style>"""


def header(n_shown: int, n_total: int, view: View, extent: Window) -> None:
    """Title, how many events the view shows, and any link values that were ignored."""
    st.html(_PAGE_CSS)
    start, end = state.window_of(view, extent)
    st.markdown(
        f"**sitmap** · {n_shown} of {n_total} events · {start:%d %b %Y} – {end:%d %b %Y}"
        + (" (cumulative)" if view.mode == "cumulative" else "")
    )
    notes = st.session_state.get(state.S_NOTES) or []
    if notes:
        st.warning(
            "Some values in the link were not usable and were ignored:  \n"
            + "  \n".join(f"- {md_escape(n)}" for n in notes),
            icon="⚠️",
        )


def problems(found: Sequence[Problem]) -> None:
    """An expander listing every problem as `file:feature:field: message` (shown as literal text)."""
    if not found:
        return
    errors = sum(p.is_error for p in found)
    label = (
        f"{errors} error(s), {len(found) - errors} warning(s) in the event files — the valid events are shown"
    )
    with st.expander(label, icon="⚠️" if errors else "ℹ️"):
        st.code("\n".join(f"[{p.severity}] {p}" for p in found), language=None, wrap_lines=True)
