"""What depends on the time window, around the map, in one named fragment (issue 13).

The browser time bar filters the map itself; when the analyst lets go, Python needs the window only for the
panels: the counts, the feed and the report panel beside the map, "Zoom to results", the briefing decks and
downloads in the sidebar, the timeline and the event list under the map, and the URL. They are drawn by one
fragment (`PANELS_FRAGMENT`) that a release reruns by name (`timebar_component._released`), so a release
never reruns the page, and never sends the map again. The fragment writes into containers the page made
(Streamlit >= 1.67: a fragment's writes to an outside container are redrawn in place on its reruns).

Everything else keeps rerunning the whole page: a widget of the panels (a pick in the list, a passage's
"Show on map", a deck slide, the editor) moves the map or the selection, so a rerun of the fragment that no
release asked for turns straight into a full rerun (after the widget's callback has run).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from sitmap.reference.layers import Reference
from sitmap.settings import Settings
from sitmap.store.reports import Report
from sitmap.ui import cache, messages, state
from sitmap.ui.briefing import decks as briefing_decks
from sitmap.ui.keys import PANELS_FRAGMENT as FRAGMENT
from sitmap.ui.keys import PANELS_FULL_RUN as _FULL_RUN
from sitmap.ui.keys import PANELS_ON as _ON
from sitmap.ui.keys import TIMEBAR_RELEASED as _RELEASED
from sitmap.ui.map import (
    downloads,
    event_edit,
    event_list,
    feed,
    filter_actions,
    history_panel,
    report_panel,
    timebar_component,
    timeline,
)
from sitmap.ui.map.shown import Shown
from sitmap.ui.state import DataFacts
from sitmap.view import View


class Data(NamedTuple):
    """What the panels read: the view's events (`sitmap.ui.map.shown`: a frame's, or a database's in SQL),
    the reports, and the detailed timeline's records of a view's filters over all times (the frame's
    `cache.get_timeline_data`, or a database's `dbview.timeline_data`)."""

    shown: Callable[[View], Shown]
    reports: dict[str, Report]
    timeline: Callable[[View], tuple[list[dict], list[dict]]]


class Slots(NamedTuple):
    """Where the panels go besides the fragment's own place (under the map: the timeline and the list)."""

    side: DeltaGenerator  # the column beside the map
    actions: DeltaGenerator  # the sidebar's slot for "Zoom to results" and "Reset all"
    window: DeltaGenerator  # the time bar's slot for Python's window (`timebar_component.show_window`)


def render(
    data: Data, facts: DataFacts, reference: Reference | None, settings: Settings, slots: Slots
) -> None:
    """Draw the panels into `slots`, the sidebar, and here (the timeline and the list)."""
    ss = st.session_state
    ss[_FULL_RUN] = True
    st.fragment(_panels, key=FRAGMENT)(data, facts, reference, settings, slots)
    ss[_FULL_RUN] = False
    ss[_ON] = True  # a release may now rerun the fragment by name


def hidden() -> None:
    """This full run draws no panels (first paint, briefing mode): a release reruns the page."""
    st.session_state[_ON] = False


def _panels(
    data: Data,
    facts: DataFacts,
    reference: Reference | None,
    settings: Settings,
    slots: Slots,
) -> None:
    ss = st.session_state
    released = ss.pop(_RELEASED, False)
    if not ss.get(_FULL_RUN) and not released:
        st.rerun(scope="app")  # one of the panels' widgets: the map and the rest of the page follow
    view = state.current_view(facts.extent)
    state.write_url(view)  # the released window goes into the link
    shown = data.shown(view)
    with slots.window:  # the bar hears Python's window (the same as its own after a release)
        timebar_component.show_window(state.window_of(view, facts.extent))
    with slots.side:
        messages.header(len(shown), facts.count, view, facts.extent)
        filter_actions.empty_state(shown, view, len(shown), facts.extent)
        if not view.selected:  # nothing selected: the newest events first, not a blank column
            feed.render(shown, reference)
        # The report panel reads the selected event, its report's events (or the only report's) and
        # whether the selected event is shown: nothing else of the shown events
        only = next(iter(data.reports)) if len(data.reports) == 1 and not view.selected else None
        panel_events = shown.report_events(only, view.selected)
        in_view = {view.selected} if view.selected and shown.holds(view.selected) else set()
        report_panel.render(panel_events, data.reports, view, in_view, reference)
        history_panel.render(cache.get_event_store(settings), view.selected)  # who changed it, when, what
        event_edit.render(settings, view.selected)  # editors only
    with slots.actions:
        filter_actions.buttons(shown, facts.extent)
    with st.sidebar:
        briefing_decks.render(view, settings, panel_events)  # a slide's title: the selected event's
        downloads.render(shown, view, reference, settings)
    if timeline.wanted():
        timeline.render(
            data.timeline(view),
            state.window_of(view, facts.extent),
            facts.extent,
        )
    event_list.render(shown, view.selected, reference)
