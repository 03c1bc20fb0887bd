"""The map page (the dashboard's default page): map, linked report, timeline, list; or briefing mode.

A page body for `st.navigation` (`app.py` routes, this module wires): read the widgets, call sitmap
functions, lay out the panels. Rules live in sitmap/, Streamlit code in sitmap/ui/.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from sitmap.reference.layers import Reference
from sitmap.settings import Settings, load_settings
from sitmap.store.reports import Report
from sitmap.ui import cache, dbview, keys, messages, state
from sitmap.ui.briefing import mode as briefing
from sitmap.ui.keys import FIRST_PAINT_NOTE
from sitmap.ui.map import (
    filter_actions,
    live,
    panels,
    sidebar,
    timebar,
    timebar_component,
)
from sitmap.ui.map import view as map_view
from sitmap.ui.map.shown import DatabaseShown, FrameShown, Shown
from sitmap.ui.state import DataFacts
from sitmap.view import View

MAP_ROW = keys.MAP_ROW  # the map and side columns (the page CSS in sitmap.ui.messages lays them out)


def page() -> None:
    """The page as `st.Page` calls it (no arguments)."""
    render(load_settings())


def render(settings: Settings) -> None:
    """Draw the map page for `settings` (a Streamlit page body; never calls set_page_config)."""
    state.restore_app_params()  # a briefing link whose first run was on another page
    if cache.database_url() is not None:
        database_page(settings)
        return
    store, facts = cache.get_store(settings.events_dir)
    reference = cache.get_reference(settings.geodata_dir)

    if facts is None:
        messages.problems(store.problems)
        st.warning(f"No events to show in {settings.events_dir}.")
        st.stop()

    live.render(settings)  # another analyst's save redraws this page within seconds
    opened_without_place = state.load_url_once(facts, store.events, reference)
    briefing.prepare(facts, lambda _id: store.events, settings, reference)  # a slide sets the widgets first
    timebar.prepare(facts)
    view = state.current_view(facts.extent)
    state.write_url(view)
    # The window's events, filtered when first asked for: a browser's first run asks only for their count,
    # after the map's element is sent (what comes before it is on the first map's critical path).
    shown = FrameShown(store.events, view)
    if opened_without_place:  # after a briefing slide's target, before the map; the map's own frame
        filter_actions.open_on_events(timebar_component.all_times(store.events, view), reference)

    if briefing.active():
        _briefing(shown, view, reference, settings, facts, store.reports)
        return

    filter_actions.follow(view, shown)  # before the map: a filter that empties its view moves it
    # A browser's first run draws only the header and the map; everything else follows in the rerun the
    # map's first report triggers (`state.secondary_ready`). Streamlit loads a widget's code the first time
    # one is shown and reveals the waiting elements together, so each widget kind the first run leaves out
    # (the time widgets and bar, search box, multiselects, download buttons, the report panel's HTML, the
    # timeline's chart library, the problems list's code highlighter) gets the map's iframe created sooner.
    everything = state.secondary_ready()
    # Map first: the map column fills the screen's height; the side column holds the time widgets (placed
    # there by the page CSS), the counts, and the feed or the selected event's report.
    with st.container(key=MAP_ROW):
        left, right = st.columns([3, 1], gap="small")
    with right:
        problems_slot = st.container()
    # --- time in the browser (sitmap.ui.map.timebar_component) -------------------------------------------
    # The map holds the events of the filters over all times, so a time step never changes its layer: the
    # time bar under the map applies the window in the map's frame; Python learns it when the analyst lets
    # go, and reruns only what depends on the window (`sitmap.ui.map.panels`), never the map.
    all_times = timebar_component.all_times(store.events, view)
    with left:  # the map (its own fragment), the time widgets (a fragment) and the time bar
        timebar.render(
            facts,
            # In a full run the map's view is the page's: reuse its events (filtered once per run). On a
            # database too: once its frame is read, a step costs no round trip (`first_map_from_database`).
            lambda v: map_view.render(
                timebar_component.all_times(store.events, v),
                v,
                reference,
                settings,
                facts.event_types,
            ),
            widgets=everything,
        )
        # The time bar comes with the rest of the page (see `timebar.render`)
        window_slot = timebar_component.render(all_times, facts.extent) if everything else None
    # --- end of time in the browser ---------------------------------------------------------------------
    if window_slot is None:
        _first_paint(len(shown), facts, view, right)
        return
    actions = sidebar.render(facts)  # after the map, so the map's update reaches the browser first
    with problems_slot:
        messages.problems(store.problems)
    # The counts, feed, report panel, filter actions, decks, downloads, timeline and list: what a time bar
    # release reruns (a fragment that writes into the side column and the sidebar, and draws the rest here).
    events = store.events
    data = panels.Data(
        lambda v: FrameShown(events, v),
        store.reports,
        timeline=lambda v: cache.get_timeline_data(settings.events_dir, v),
    )
    panels.render(data, facts, reference, settings, panels.Slots(right, actions, window_slot))


def _briefing(
    shown: Shown,
    view: View,
    reference: Reference | None,
    settings: Settings,
    facts: DataFacts,
    reports: dict[str, Report],
) -> None:
    """Briefing mode's page (`sitmap.ui.briefing.mode`) of the view's events, a frame's or a database's."""
    panels.hidden()
    briefing.render(shown, view, reference, settings, facts, reports)
    sidebar.render(facts)  # hidden by the briefing CSS, but drawn so the widgets keep their values
    with st.sidebar:
        timebar.controls(facts)


def _first_paint(n_shown: int, facts: DataFacts, view: View, right: DeltaGenerator) -> None:
    """A browser's first run: the header and the note; the time bar and the panels follow once the map has
    drawn."""
    panels.hidden()
    with right:
        messages.header(n_shown, facts.count, view, facts.extent)
    with st.sidebar:
        st.header("Filters")
    with right, st.container(key=FIRST_PAINT_NOTE):
        st.caption("The report, filters, timeline and event list follow as soon as the map is drawn…")
    state.wait_for_map()  # last: see its docstring


def database_page(settings: Settings) -> None:
    """The map page on a PostGIS store: every part asks the database for what it shows, in SQL
    (`sitmap.ui.dbview`: the facts, the map's view, the per-day counts, the header's count; then a page of
    the list, the feed's newest, the report panel's events, the filter actions' bounds), never the whole
    events table; data downloads read the view's events on their click. A browser's first run draws the
    header and the map; the rest follows once the map has drawn, as on the embedded store. Briefing mode asks
    the same questions (`DatabaseShown`), and draws at once: it has no panels."""
    everything = briefing.active() or state.secondary_ready()
    key = dbview.change_key(settings)
    facts = dbview.get_facts(settings, key, choices=everything)  # the sidebar's choices: after the map
    if facts is None:
        st.warning("No events to show in the database.")
        st.stop()
    reference = cache.get_reference(settings.geodata_dir)
    live.render(settings)
    state.load_url_once(facts, dbview.selected_frame(settings), reference)
    briefing.prepare(facts, lambda event_id: dbview.event_frame(settings, key, event_id), settings, reference)
    timebar.prepare(facts)
    view = state.current_view(facts.extent)
    state.write_url(view)
    if briefing.active():
        reports, _problems = cache.get_reports(settings.events_dir)
        _briefing(DatabaseShown(settings, key, view), view, reference, settings, facts, reports)
        return
    if everything:
        filter_actions.follow(view, DatabaseShown(settings, key, view))  # before the map, as above
    with st.container(key=MAP_ROW):  # the same element tree as the full page's, so the map stays
        left, right = st.columns([3, 1], gap="small")
    with right:
        problems_slot = st.container()
    with left:
        timebar.render(
            facts,
            lambda v: map_view.render(
                dbview.CachedSource(settings, key, v), v, reference, settings, facts.event_types
            ),
            widgets=everything,
        )
        if everything:  # a release asks the map's source whether its layer changes
            window_slot = timebar_component.render(
                lambda mode: dbview.bar_data(settings, key, view, facts.extent, mode),
                facts.extent,
                dbview.CachedSource(settings, key, view),
            )
    if not everything:
        _first_paint(dbview.count_shown(settings, key, view), facts, view, right)
        return
    actions = sidebar.render(facts)
    reports, problems = cache.get_reports(settings.events_dir)
    with problems_slot:
        messages.problems(problems)
    data = panels.Data(
        lambda v: DatabaseShown(settings, key, v),
        reports,
        timeline=lambda v: dbview.timeline_data(settings, key, v),
    )
    panels.render(data, facts, reference, settings, panels.Slots(right, actions, window_slot))
