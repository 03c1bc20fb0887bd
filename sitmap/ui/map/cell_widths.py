"""Column widths for the event list's and the feed's grids, from the page's own text.

Streamlit's grid sizes a column from the rows it samples, so a longer place or a "2023-11 → 2024-12" span
further down was cut (the browser review, at 1440 and 1920 px). Each short column is given the width of its
longest text (or header) on the page; the free text (the summary) is left to take what remains.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

# Per character at the grid's 14 px Source Sans, a little generous: "Region (province / district)" draws
# 160 px (5.7 a character), digits ~7; and the cell's padding on both sides.
CHAR_PX = 7.0
PAD_PX = 24
CAP_PX = 360  # no short column takes more, whatever a report calls a place


def fitted_widths(
    frame: pd.DataFrame, skip: Iterable[str], cap: int = CAP_PX, caps: Mapping[str, int] | None = None
) -> dict[str, int]:
    """Each column's width in px (not those in `skip`): its longest text or header, at most `cap` or the
    column's own cap in `caps` (caps that add up to the grid's width keep every column on screen)."""
    skipped = set(skip)
    out: dict[str, int] = {}
    for column in frame.columns:
        if column in skipped:
            continue
        longest = max([len(str(column))] + [len(str(v)) for v in frame[column] if pd.notna(v)])
        out[column] = min((caps or {}).get(column, cap), int(longest * CHAR_PX) + PAD_PX)
    return out


def column_config(
    frame: pd.DataFrame, skip: Iterable[str], cap: int = CAP_PX, caps: Mapping[str, int] | None = None
) -> dict[str, Any]:
    """`st.dataframe`'s column_config giving each short column its fitted width (at most `cap`/`caps`)."""
    widths = fitted_widths(frame, skip, cap, caps)
    return {c: st.column_config.TextColumn(width=w) for c, w in widths.items()}
