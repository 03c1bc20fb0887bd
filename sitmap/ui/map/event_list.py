"""The event list under the timeline: the shown events in time order; picking a row selects the event.

A page holds at most `PAGE_ROWS` rows, and a longer list gets a page number to step through. The product
call (issue 13): the list is a page an analyst scans, and its grid shows ~11 rows at its 420 px height, so a
page is 50 rows, a few screens of them. Every time-bar release resends the page (it is redrawn by the panels'
fragment), and the 500 rows a page held before were ~109 KiB of the ~139 KiB a release sent at 10k events,
paying for rows nobody reached; 50 rows are ~11 KiB (`benchmarks/release_messages.py --detail`). A page whose
rows and selection did not change is the same message, which Streamlit sends as a reference to the one the
browser holds when it is 10 KB or more (its ForwardMsg cache)."""

from __future__ import annotations

import hashlib

import geopandas as gpd
import numpy as np
import pandas as pd
import streamlit as st

from sitmap.reference.layers import Reference
from sitmap.ui import state
from sitmap.ui.keys import LIST_IDS as _IDS
from sitmap.ui.keys import LIST_PAGE as K_PAGE
from sitmap.ui.map.cell_widths import column_config
from sitmap.ui.map.selection import event_fly_target
from sitmap.ui.map.shown import Shown
from sitmap.vocabulary import CLAIM_STATUSES, EVENT_TYPES, GEO_PRECISIONS

PAGE_ROWS = 50  # a few screens of the grid's ~11 rows: ~11 KiB a release at 10k events
_FORMATS = {"day": "%Y-%m-%d", "week": "wk %Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def _day_text(days: pd.Series) -> np.ndarray:
    """'YYYY-MM-DD' of each day in one vectorised pass (no per-value strftime); NaT as NaN, as strftime."""
    values = days.to_numpy(dtype="datetime64[D]")
    text = np.datetime_as_string(values, unit="D").astype(object)
    text[np.isnat(values)] = np.nan
    return text


def _at_precision(text: np.ndarray, precision: np.ndarray, week_prefix: bool) -> np.ndarray:
    out = text.copy()
    ok = pd.notna(text)
    month, year, week = ok & (precision == "month"), ok & (precision == "year"), ok & (precision == "week")
    out[month] = np.array([t[:7] for t in text[month]], dtype=object)
    out[year] = np.array([t[:4] for t in text[year]], dtype=object)
    if week_prefix:
        out[week] = np.array(["wk " + t for t in text[week]], dtype=object)
    return out


def when_column(events: pd.DataFrame) -> pd.Series:
    """Each event's date at its precision ('2025-03-03', '2024-04', '2023-11 → 2024-12'), vectorised: the
    days as text in one numpy pass, then cut to the precision (strftime per value was ~10 µs an event)."""
    out = pd.Series("", index=events.index, dtype=object)
    if events.empty:
        return out
    precision = events["time_precision"].to_numpy(dtype=object)
    known = np.isin(precision, list(_FORMATS))
    start = _at_precision(_day_text(events["start"]), precision, week_prefix=True)
    date_end = events["date_end"]
    has_end = known & (date_end.notna() & (date_end != "")).to_numpy(dtype=bool)
    if has_end.any():
        until = _at_precision(_day_text(events["end"]), precision, week_prefix=False)
        joined = pd.Series(start[has_end], dtype=object) + " → " + pd.Series(until[has_end], dtype=object)
        start[has_end] = joined.to_numpy()  # pandas' + keeps a missing day missing, as strftime's text did
    out[known] = start[known]
    return out


def _labels(values: pd.Series, table: dict, attr: str | None = None) -> pd.Series:
    def label(k: object) -> object:
        entry = table.get(k)
        if entry is None:
            return k
        return getattr(entry, attr) if attr else entry["label"]

    return values.map(label)


FREE_TEXT = ("Summary", "id")  # one of a kind per event; every other column repeats a few texts


def table(events: gpd.GeoDataFrame, selected: str | None) -> pd.DataFrame:
    """The rows the list shows (plain text: the grid draws cells as text, never HTML).

    A time step at 10k events resends the whole page, so the columns that repeat a few texts are categorical
    (Arrow sends each distinct text once, then a small integer per row) and the free texts plain strings
    (32-bit offsets, not pandas' default large strings): a 500-row page 169 → 111 KB, a 50-row one
    (`PAGE_ROWS`) 19 → 17 KB, the same to read."""
    geoms = events.geometry
    located = np.asarray(~geoms.isna() & ~geoms.is_empty, dtype=bool)
    frame = pd.DataFrame(
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
    # A column with an empty cell (the marker column, a missing admin-1) stays plain text: Streamlit's grid
    # draws an empty category as "None", which read as a value on every row.
    shared = [c for c in frame.columns if c not in FREE_TEXT and not (frame[c] == "").any()]
    return frame.astype({c: "category" if c in shared else object for c in frame.columns})


def _on_pick(key: str, rows: gpd.GeoDataFrame, reference: Reference | None) -> None:
    picked = st.session_state[key].selection.rows
    ids = st.session_state.get(_IDS, [])
    if picked and picked[0] < len(ids):
        event_id = ids[picked[0]]
        # A vague event is framed by its footprint (its province or country), as briefing steps and links
        # are; a precise one gets the close zoom on its point.
        state.select(event_id, fly_to=event_fly_target(rows, event_id, reference))


def page_of(shown: Shown, page: int) -> tuple[gpd.GeoDataFrame, int]:
    """The rows of page `page` (1-based, clamped to the pages there are) and that page's number: only
    those rows are asked for (a database reads a page, `sitmap.ui.map.shown`)."""
    pages = max(1, -(-len(shown) // PAGE_ROWS))
    page = min(max(1, page), pages)
    return shown.rows((page - 1) * PAGE_ROWS, PAGE_ROWS), page


def render(shown: Shown, selected: str | None, reference: Reference | None = None) -> None:
    """The list of `shown` events, a page at a time; selecting a row selects the event and flies the map to
    it."""
    ss = st.session_state
    rows, page = page_of(shown, int(ss.get(K_PAGE) or 1))
    if len(shown) > PAGE_ROWS:
        pages = -(-len(shown) // PAGE_ROWS)
        ss[K_PAGE] = page  # clamped: the filters may have left fewer pages than the number it had
        with st.container(horizontal=True, vertical_alignment="bottom"):
            st.number_input(f"Page (of {pages:,})", 1, pages, key=K_PAGE, width=160)
            first = (page - 1) * PAGE_ROWS
            st.caption(f"Events {first + 1:,}–{first + len(rows):,} of {len(shown):,}, in time order")
    ids = list(rows["id"])
    ss[_IDS] = ids
    # A new key whenever the rows change, so a stale row selection never points at another event.
    key = "event_list_" + hashlib.sha256("\n".join(ids).encode()).hexdigest()[:12]
    frame = table(rows, selected)
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        height=min(420, 38 + 35 * max(len(ids), 1)),
        on_select=lambda: _on_pick(key, rows, reference),
        selection_mode="single-row",
        key=key,
        column_config=column_config(frame, skip=FREE_TEXT),
    )
