"""Live updates: an open map checks the store's cheap change key every few seconds and redraws the page
when another analyst's save changed it, without a reload (a fragment that reruns on a timer)."""

from __future__ import annotations

import streamlit as st

from sitmap.settings import Settings
from sitmap.ui import cache
from sitmap.ui.keys import S_LIVE_KEY

TEAM_SECONDS = 3.0  # with a database: another analyst's save shows within this (plus a rerun)


def interval(settings: Settings) -> float:
    """Seconds between checks; 0 for none (`SITMAP_LIVE_SECONDS`, see sitmap.settings)."""
    from sitmap.store.postgis import database_url

    if settings.live_seconds >= 0:
        return settings.live_seconds
    return TEAM_SECONDS if database_url() else 0.0


def render(settings: Settings) -> None:
    """Start watching (once per run of the page; the fragment then reruns alone on its timer)."""
    seconds = interval(settings)
    if seconds <= 0:
        return

    @st.fragment(run_every=seconds)
    def watch() -> None:
        key = cache.store_key(settings.events_dir)
        last = st.session_state.get(S_LIVE_KEY)
        st.session_state[S_LIVE_KEY] = key
        if last is not None and last != key:
            st.rerun(scope="app")

    watch()
