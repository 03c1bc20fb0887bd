"""sitmap dashboard: `streamlit run app.py`.

Wiring only (like the OpenMS streamlit-template's pages): read the widgets, call sitmap functions, lay out
the panels. Rules live in sitmap/, Streamlit code in sitmap/ui/.
"""

from pathlib import Path

import streamlit as st

from sitmap.filters import apply_view
from sitmap.settings import load_settings
from sitmap.ui import cache, event_list, map_view, messages, report_panel, sidebar, state, timeline

st.set_page_config(page_title="sitmap", page_icon="🗺️", layout="wide")

settings = load_settings()
cache.static_assets_ready(str(Path(__file__).parent))
store, facts = cache.get_store(settings.events_dir)
reference = cache.get_reference(settings.geodata_dir)

messages.problems(store.problems)
if facts is None:
    st.warning(f"No events to show in {settings.events_dir}.")
    st.stop()

state.load_url_once(facts, store.events)
sidebar.prepare(facts)
view = state.current_view(facts.extent)
state.write_url(view)
shown = apply_view(store.events, view)

messages.header(len(shown), len(store.events), view, facts.extent)
left, right = st.columns([3, 2], gap="medium")
with left:
    map_view.render(shown, view, reference, settings, facts.event_types)
with right:
    report_panel.render(store.events, store.reports, view, set(shown["id"]), reference)
sidebar.render(facts)  # after the map: the widgets' values are already in the view
if state.secondary_ready():
    timeline.render(
        cache.get_timeline_data(settings.events_dir, view), state.window_of(view, facts.extent), facts.extent
    )
    event_list.render(shown, view.selected)
else:
    st.caption("The timeline and the event list follow as soon as the map is drawn…")
