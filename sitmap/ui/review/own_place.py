"""The review page's "Add to my places" box: a place the gazetteer lacks, stored once with the events
(`reference.own_places`) and found by every later extraction and place search."""

from __future__ import annotations

from typing import Any

import streamlit as st

from sitmap.auth.roles import Action
from sitmap.reference.own_places import OwnPlaceError, add_own_place, new_own_place
from sitmap.settings import Settings
from sitmap.ui import auth
from sitmap.ui.text import md_escape


@auth.guard(Action.REVIEW)
def _add(settings: Settings, feat: dict[str, Any]) -> str:
    """Store one own place (reviewers only)."""
    return add_own_place(settings.events_dir, feat)


_MAX_UNC_KM = 500.0  # an own place is a settlement or a site, not a sea


def render(settings: Settings, rid: str, cand_id: str, values: dict[str, Any]) -> None:
    """A form under the place search; it needs the candidate's point (search or map click) first."""
    with st.expander("Add this place to my places"):
        if values.get("lat") is None or values.get("lon") is None:
            st.caption("Set the point first (search the gazetteer or click the map).")
            return
        k = f"rv:{rid}:{cand_id}:own"  # the page's widget-key scheme (review.state.wkey)
        with st.form(key=k, clear_on_submit=False, border=False):
            name = st.text_input("Name", value=str(values.get("location") or ""), key=f"{k}_name")
            spellings = st.text_input(
                "Other spellings", placeholder="comma-separated, any script", key=f"{k}_spellings"
            )
            # A sea's point is uncertain by up to ~1,200 km: the default stays inside the field's range.
            unc_default = min(_MAX_UNC_KM, max(0.05, float(values.get("uncertainty_m") or 1000.0) / 1000))
            unc_km = st.number_input(
                "Uncertainty (km)", min_value=0.05, max_value=_MAX_UNC_KM,
                value=unc_default, step=0.5, key=f"{k}_unc",
            )  # fmt: skip
            source = st.text_input(
                "Source", placeholder="where you found the place (map, URL, report)", key=f"{k}_source"
            )
            submitted = st.form_submit_button("Add to my places", key=f"{k}_add")
        if not submitted:
            return
        try:
            feat = new_own_place(
                name, float(values["lat"]), float(values["lon"]), unc_km * 1000, source,
                alt_names=[s for s in spellings.split(",") if s.strip()],
                country=values.get("country") or None, admin1=values.get("admin1") or None,
            )  # fmt: skip
            pid = _add(settings, feat)
        except (OwnPlaceError, OSError) as e:
            st.error(f"Not added: {md_escape(str(e))}")
            return
        if pid is None:  # refused (the page shows why)
            return
        st.success(f"Added {md_escape(name)} ({pid}); later extractions and searches will find it.")
