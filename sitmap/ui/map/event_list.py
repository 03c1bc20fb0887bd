"""The event list under the timeline: the shown events in time order; picking a row selects the event."""

from __future__ import annotations

import hashlib

import geopandas as gpd
import numpy as np
import pandas as pd
import streamlit as st

from sitmap.ui import state
from sitmap.ui.keys import LIST_IDS as _IDS
from sitmap.ui.map.selection import fly_target
from sitmap.vocabulary import CLAIM_STATUSES, EVENT_TYPES, GEO_PRECISIONS

_FORMATS = {"day": "%Y-%m-%d", "week": "wk %Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def when_column(events: pd.DataFrame) -> pd.Series:
    """Each event's date at its precision ('2025-03-03', '2024-04', '2023-11 → 2024-12'), vectorised."""
    out = pd.Series("", index=events.index, dtype=object)
    for precision, fmt in _FORMATS.items():
        mask = events["time_precision"] == precision
        if mask.any():
            out[mask] = events.loc[mask, "start"].dt.strftime(fmt)
            has_end = mask & events["date_end"].notna() & (events["date_end"] != "")
            if has_end.any():
                until = events.loc[has_end, "end"].dt.strftime(fmt.replace("wk ", ""))
                out[has_end] = out[has_end] + " → " + until
    return out


def _labels(values: pd.Series, table: dict, attr: str | None = None) -> pd.Series:
    def label(k: object) -> object:
        entry = table.get(k)
        if entry is None:
            return k
        return getattr(entry, attr) if attr else entry["label"]

    return values.map(label)


def table(events: gpd.GeoDataFrame, selected: str | None) -> pd.DataFrame:
    """The rows the list shows (plain text: the grid draws cells as text, never HTML)."""
    geoms = events.geometry
    located = np.asarray(~geoms.isna() & ~geoms.is_empty, dtype=bool)
    return pd.DataFrame(
        {
            "": np.where(events["id"].to_numpy() == selected, "▶", ""),
            "When": when_column(events).to_numpy(),
            "Type": _labels(events["event_type"], EVENT_TYPES, "label").to_numpy(),
            "Place": events["location"].fillna("").to_numpy(),
            "Admin-1": events["admin1"].fillna("").to_numpy(),
            "Country": events["country"].fillna("").to_numpy(),
            "Claim": _labels(events["claim_status"], CLAIM_STATUSES).to_numpy(),
            "Precision": _labels(events["geo_precision"], GEO_PRECISIONS).to_numpy(),
            "On map": np.where(located, "yes", "no location"),
            "Summary": events["summary"].to_numpy(),
            "id": events["id"].to_numpy(),
        }
    )


def _on_pick(key: str, geoms: dict) -> None:
    rows = st.session_state[key].selection.rows
    ids = st.session_state.get(_IDS, [])
    if rows and rows[0] < len(ids):
        event_id = ids[rows[0]]
        state.select(event_id, fly_to=fly_target(geoms.get(event_id)))


def render(shown: gpd.GeoDataFrame, selected: str | None) -> None:
    """The list of `shown` events; selecting a row selects the event and flies the map to it."""
    ids = list(shown["id"])
    st.session_state[_IDS] = ids
    # A new key whenever the rows change, so a stale row selection never points at another event.
    key = "event_list_" + hashlib.sha256("\n".join(ids).encode()).hexdigest()[:12]
    geoms = dict(zip(shown["id"], shown.geometry, strict=True))
    st.dataframe(
        table(shown, selected),
        hide_index=True,
        width="stretch",
        height=min(420, 38 + 35 * max(len(ids), 1)),
        on_select=lambda: _on_pick(key, geoms),
        selection_mode="single-row",
        key=key,
    )
