"""Streamlit's floor with a minimal Leaflet map drawn by a static custom component (`app_e2e.py
--trivial-component-map`): how much of a map's first paint any iframe component pays, beside what
streamlit-folium adds (`trivial_map_app.py`). Leaflet comes from the app's own static files; one marker.
Benchmark-only: the app's map stays a streamlit-folium component."""

from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from sitmap.webmap.offline import ensure_static_assets

ensure_static_assets(Path(__file__).resolve().parent)  # /app/static/ is beside the main script
leaflet_map = components.declare_component(
    "floor_leaflet_map", path=str(Path(__file__).resolve().parent / "component_map")
)

st.set_page_config(layout="wide")
days = st.slider("Days", 1, 30, 7)
st.caption(f"{days} days")
leaflet_map(lat=33.5, lon=41.0, zoom=6, key="events_map", default=None)
