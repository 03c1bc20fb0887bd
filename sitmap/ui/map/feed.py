"""The side column's feed while nothing is selected: the shown events, newest first; a row selects one."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from sitmap.reference.layers import Reference
from sitmap.ui import keys, state
from sitmap.ui.map.cell_widths import column_config
from sitmap.ui.map.event_list import when_column
from sitmap.ui.map.selection import event_fly_target
from sitmap.ui.map.shown import Shown
from sitmap.view.order import newest
from sitmap.vocabulary import EVENT_TYPES

# The newest this many: a feed to scan (its 520 px grid shows 13 rows), the full list is under the map. Every
# time-bar release resends it: 60 rows were ~14 KiB a release at 10k events, 20 are ~5 KiB.
FEED_ROWS = 20
FEED_KEY = keys.FEED_BOX
FEED_EVENT_PX = 210  # the widest a feed column gets: the date and the event fit the side column
_IDS = keys.FEED_IDS


def rows(shown: pd.DataFrame, limit: int = FEED_ROWS) -> pd.DataFrame:
    """The newest `limit` events (latest start, then latest end, then id), as plain text. By start, so an
    event known only to its year does not sit above every event of that year."""
    return text_rows(newest(shown, limit))


def text_rows(newest: pd.DataFrame) -> pd.DataFrame:
    """The feed's rows (plain text) of events already newest first."""
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


def _on_pick(key: str, rows: pd.DataFrame, reference: Reference | None) -> None:
    picked = st.session_state[key].selection.rows
    ids = st.session_state.get(_IDS, [])
    if picked and picked[0] < len(ids):  # framed as the list frames it (`selection.event_fly_target`)
        state.select(ids[picked[0]], fly_to=event_fly_target(rows, ids[picked[0]], reference))


def render(shown: Shown, reference: Reference | None = None) -> None:
    """The feed; picking a row selects the event and flies the map to it (like the list under the map)."""
    with st.container(key=FEED_KEY):
        if not len(shown):
            st.caption("No events in this window.")
            return
        rows = shown.newest(FEED_ROWS)
        table = text_rows(rows)
        ids = table["id"].tolist()
        st.session_state[_IDS] = ids
        st.caption(f"Newest first: {len(ids)} of {len(shown)} shown events. Pick one to read its report.")
        key = "feed_" + hashlib.sha256("\n".join(ids).encode()).hexdigest()[:12]  # new rows, new selection
        shown_table = table.drop(columns=["id", "geometry"])
        st.dataframe(
            shown_table,
            hide_index=True,
            width="stretch",
            height=min(520, 38 + 35 * len(ids)),
            on_select=lambda: _on_pick(key, rows, reference),  # the rows' own: no lookup over the shown
            selection_mode="single-row",
            key=key,
            # The side column is ~340 px at 1440 wide: the event's text ends with an ellipsis there rather
            # than past the grid's edge; the summary, last, is read in the report panel after a pick.
            column_config=column_config(shown_table, skip=("Summary",), cap=FEED_EVENT_PX),
        )
