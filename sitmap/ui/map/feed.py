"""The side column's feed while nothing is selected: the shown events, newest first; a row selects one."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from sitmap.reference.layers import Reference
from sitmap.ui import keys, state
from sitmap.ui.map.cell_widths import fitted_widths
from sitmap.ui.map.event_list import when_column
from sitmap.ui.map.selection import event_fly_target
from sitmap.ui.map.shown import Shown
from sitmap.view.order import newest
from sitmap.vocabulary import EVENT_TYPES

# The newest this many: a feed to scan (its 520 px grid shows 7 rows), the full list is under the map.
# Every time-bar release resends it: 60 rows were ~14 KiB a release at 10k events, 20 are ~5 KiB.
FEED_ROWS = 20
FEED_KEY = keys.FEED_BOX
# Three lines a row (type · place, actors, summary, cut where the row ends; the whole event is in the
# report panel a pick opens): the side column is ~340 px at 1440 wide, too narrow for a column each (the
# review saw When and a cut Event only). Streamlit's grid wraps a cell's text only in rows taller than 4rem
# (64 px): 66 px rows show 7 in the 520 px grid where 88 px rows (four lines) showed 5. The event's column
# is given the narrowest side column's room (less the selection box and "When"); the grid stretches it
# where there is more. "When" is as wide as a day ("2025-03-04"): a span wraps after its arrow.
FEED_ROW_PX = 66
WHEN_PX = fitted_widths(pd.DataFrame({"When": ["2025-03-04"]}), skip=())["When"]
SIDE_PX = 340  # the side column at 1440 px, the narrowest screen the layout is made for
SELECT_PX = 34  # the grid's selection box and borders
FEED_EVENT_MIN_PX = 160
_IDS = keys.FEED_IDS


def rows(shown: pd.DataFrame, limit: int = FEED_ROWS) -> pd.DataFrame:
    """The newest `limit` events (latest start, then latest end, then id), as plain text. By start, so an
    event known only to its year does not sit above every event of that year."""
    return text_rows(newest(shown, limit))


def _actors(values: object) -> str:
    """An event's actors as one line ("" for none)."""
    if values is None or isinstance(values, float):  # missing (NaN)
        return ""
    if isinstance(values, str):
        return values
    return "; ".join(str(v) for v in values)  # type: ignore[attr-defined]


def text_rows(newest: pd.DataFrame) -> pd.DataFrame:
    """The feed's rows (plain text) of events already newest first: when, and the event's lines (type ·
    place, actors, summary; the empty ones left out)."""
    types = newest["event_type"].map(lambda k: EVENT_TYPES[k].label if k in EVENT_TYPES else str(k))
    place = newest["location"].fillna("").astype(str)
    heads = types + place.where(place == "", " · " + place)
    actors = newest["actors"].map(_actors) if "actors" in newest else pd.Series("", index=newest.index)
    summaries = newest["summary"].fillna("").astype(str)
    # One text the grid wraps (it draws a newline as a space): the parts joined by dashes.
    parts = zip(heads, actors, summaries, strict=True)
    lines = [" — ".join(part for part in row if part) for row in parts]
    return pd.DataFrame(
        {
            "When": when_column(newest).to_numpy(),
            "Event": lines,
            "id": newest["id"].to_numpy(),
            "geometry": newest.geometry.to_numpy() if "geometry" in newest else None,
        }
    )


def _on_pick(key: str, rows: pd.DataFrame, reference: Reference | None) -> None:
    picked = st.session_state[key].selection.rows
    ids = st.session_state.get(_IDS, [])
    if picked and picked[0] < len(ids):  # framed as the list frames it (`selection.event_fly_target`)
        state.select(ids[picked[0]], fly_to=event_fly_target(rows, ids[picked[0]], reference))


def _columns(table: pd.DataFrame) -> dict:
    """ "When" as wide as its longest text up to a day's (a span wraps), the event's text the rest of the
    narrowest side column."""
    when = min(WHEN_PX, fitted_widths(table, skip=("Event",))["When"])
    event = st.column_config.TextColumn(width=max(FEED_EVENT_MIN_PX, SIDE_PX - SELECT_PX - when))
    return {"When": st.column_config.TextColumn(width=when), "Event": event}


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
            height=min(520, 38 + FEED_ROW_PX * len(ids)),
            row_height=FEED_ROW_PX,
            on_select=lambda: _on_pick(key, rows, reference),  # the rows' own: no lookup over the shown
            selection_mode="single-row",
            key=key,
            # "When" as wide as its longest text; the event's lines take the rest of the side column.
            column_config=_columns(shown_table),
        )
