"""The side column's feed while nothing is selected: the shown events, newest first; a row selects one."""

from __future__ import annotations

import hashlib

import geopandas as gpd
import numpy as np
import pandas as pd
import streamlit as st

from sitmap.ui import keys, state
from sitmap.ui.map.event_list import when_column
from sitmap.ui.map.selection import fly_target
from sitmap.vocabulary import EVENT_TYPES

# The newest this many: a feed to scan (its 520 px grid shows 13 rows), the full list is under the map. Every
# time-bar release resends it: 60 rows were ~14 KiB a release at 10k events, 20 are ~5 KiB.
FEED_ROWS = 20
FEED_KEY = keys.FEED_BOX
_IDS = keys.FEED_IDS


def _candidates(shown: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The events starting on or after the `limit`-th latest start (the only ones the feed can show), found
    with a numpy partition over the start column and taken by position: filtering the whole frame by a mask
    copied every column of every shown event (~5 ms a rerun at 10k)."""
    if len(shown) <= limit:
        return shown
    starts = shown["start"].to_numpy(dtype="datetime64[ns]")
    if np.isnat(starts).any():  # not in a valid store; keep pandas' rule (nlargest skips missing starts)
        return shown[shown["start"] >= shown["start"].nlargest(limit).iloc[-1]]
    ticks = starts.view("int64")
    threshold = np.partition(ticks, len(ticks) - limit)[len(ticks) - limit]
    return shown.iloc[np.flatnonzero(ticks >= threshold)]


def rows(shown: pd.DataFrame, limit: int = FEED_ROWS) -> pd.DataFrame:
    """The newest `limit` events (latest start, then latest end, then id), as plain text. By start, so an
    event known only to its year does not sit above every event of that year."""
    newest = _candidates(shown, limit).sort_values(["start", "end", "id"], ascending=False, kind="stable")
    newest = newest.head(limit)
    types = newest["event_type"].map(lambda k: EVENT_TYPES[k].label if k in EVENT_TYPES else str(k))
    place = newest["location"].fillna("").astype(str)
    return pd.DataFrame(
        {
            "When": when_column(newest).to_numpy(),
            "Event": (types + place.where(place == "", " · " + place)).to_numpy(),
            "Summary": newest["summary"].fillna("").astype(str).to_numpy(),
            "id": newest["id"].to_numpy(),
            "geometry": newest.geometry.to_numpy() if "geometry" in newest else None,
        }
    )


def _on_pick(key: str, geoms: dict) -> None:
    picked = st.session_state[key].selection.rows
    ids = st.session_state.get(_IDS, [])
    if picked and picked[0] < len(ids):
        state.select(ids[picked[0]], fly_to=fly_target(geoms.get(ids[picked[0]])))


def render(shown: gpd.GeoDataFrame) -> None:
    """The feed; picking a row selects the event and flies the map to it (like the list under the map)."""
    with st.container(key=FEED_KEY):
        if shown.empty:
            st.caption("No events in this window.")
            return
        table = rows(shown)
        ids = table["id"].tolist()
        st.session_state[_IDS] = ids
        st.caption(f"Newest first: {len(ids)} of {len(shown)} shown events. Pick one to read its report.")
        key = "feed_" + hashlib.sha256("\n".join(ids).encode()).hexdigest()[:12]  # new rows, new selection
        geoms = dict(
            zip(ids, table["geometry"], strict=True)
        )  # the rows' own: no lookup over the shown events
        st.dataframe(
            table.drop(columns=["id", "geometry"]),
            hide_index=True,
            width="stretch",
            height=min(520, 38 + 35 * len(ids)),
            on_select=lambda: _on_pick(key, geoms),
            selection_mode="single-row",
            key=key,
            column_config={"When": st.column_config.TextColumn(width="small")},
        )
