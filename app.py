"""sitmap dashboard: `streamlit run app.py`.

Routing only (like the OpenMS streamlit-template's pages): the sign-in gate (`SITMAP_AUTH`), then the map
page (default, with briefing mode), the review page for roles that review, and the users page for admins
when sign-in is on. Page bodies live in sitmap/ui/, rules in sitmap/.
"""

from pathlib import Path

import streamlit as st

from sitmap.auth.roles import Action, can
from sitmap.settings import load_settings
from sitmap.ui import auth, cache, state
from sitmap.ui.map import page as map_page
from sitmap.ui.review import page as review_page
from sitmap.ui.users import page as users_page

# The sidebar (filters, downloads) starts folded, so the map can have the screen (issue 13).
st.set_page_config(page_title="sitmap", page_icon="🗺️", layout="wide", initial_sidebar_state="collapsed")
state.keep_url_params()  # before anything can stop the run: the link's view, whichever page comes first
cache.static_assets_ready(str(Path(__file__).parent))
settings = load_settings()
user = auth.gate(settings)  # the sign-in form, or who this is; the run stops without a user

pages = [st.Page(map_page.page, title="Map", icon=":material/map:", default=True)]
if can(user, Action.REVIEW):  # a viewer's session has no Review page, even at its URL
    pages.append(st.Page(review_page.render, title="Review", icon=":material/fact_check:", url_path="review"))
if settings.auth != "none" and can(user, Action.MANAGE_USERS):  # without sign-in there is nobody to manage
    pages.append(st.Page(users_page.render, title="Users", icon=":material/group:", url_path="users"))
st.navigation(pages, position="top").run()
