"""Streamlit's floor with a streamlit-folium map: a slider, a caption and an empty Leaflet map (no tiles)
whose one-marker layer is sent like the naive app's (`feature_group_to_add`), so `app_e2e.py`'s wait for
the events layer times it the same way as the other apps (`--trivial-map`). Leaflet comes from the app's
own static files, as sitmap's (no CDN: no request routing, so a returning analyst's HTTP cache works)."""

from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

from sitmap.webmap.offline import ensure_static_assets, localize_assets

ensure_static_assets(Path(__file__).resolve().parent)  # /app/static/ is beside the main script

st.set_page_config(layout="wide")
days = st.slider("Days", 1, 30, 7)
st.caption(f"{days} days")
m = folium.Map(location=[33.5, 41.0], zoom_start=6, tiles=None)
fg = folium.FeatureGroup(name="events")
folium.CircleMarker([33.5, 41.0], radius=4).add_to(fg)
localize_assets(m, "served")
localize_assets(fg, "served")
st_folium(
    m, key="events_map", feature_group_to_add=fg, height=600, use_container_width=True, returned_objects=[]
)
