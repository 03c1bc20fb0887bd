"""A one-page app around the review page, for AppTest and browser checks (SITMAP_EVENTS picks the store)."""

import streamlit as st

from sitmap.settings import load_settings
from sitmap.ui.review import page as review_page

st.set_page_config(page_title="sitmap review", layout="wide")
review_page.render(load_settings())
