"""sitmap dashboard: `streamlit run app.py`.

Routing only (like the OpenMS streamlit-template's pages): the map page (default, with briefing mode) and
the review page. Page bodies live in sitmap/ui/, rules in sitmap/.
"""

from pathlib import Path

import streamlit as st

from sitmap.ui import cache
from sitmap.ui.map import page as map_page
from sitmap.ui.review import page as review_page

# The sidebar (filters, downloads) starts folded, so the map can have the screen (issue 13).
st.set_page_config(page_title="sitmap", page_icon="🗺️", layout="wide", initial_sidebar_state="collapsed")
cache.static_assets_ready(str(Path(__file__).parent))

st.navigation(
    [
        st.Page(map_page.page, title="Map", icon=":material/map:", default=True),
        st.Page(review_page.render, title="Review", icon=":material/fact_check:", url_path="review"),
    ],
    position="top",
).run()
