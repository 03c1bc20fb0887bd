"""Streamlit's own floor for `app_e2e.py --trivial`: a slider and a caption, nothing else (issue 13's
"trivial" column). Its first paint is timed to the caption being drawn."""

import streamlit as st

days = st.slider("Days", 1, 30, 7)
st.caption(f"{days} days")
