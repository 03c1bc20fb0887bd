"""The event list's page as it goes over the wire: a time step at 10k events resends the whole page (50 rows,
issue 13), so its repeated texts (type, claim, precision, place, dates, ...) travel dictionary-encoded: each
distinct text once, then small integers per row. What the analyst reads is unchanged."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit import dataframe_util

from sitmap.ui.map.event_list import PAGE_ROWS, table
from sitmap.view import View, apply_view

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic import synthetic_events  # noqa: E402

FREE_TEXT = ("Summary", "id")  # one of a kind per event: nothing to share


@pytest.fixture(scope="module")
def page():
    events = apply_view(synthetic_events(2_000), View())
    rows = events.iloc[700 : 700 + PAGE_ROWS]
    return rows, table(rows, selected=str(rows["id"].iloc[3]))


def _wire(frame: pd.DataFrame) -> bytes:
    """The bytes st.dataframe sends for `frame` (Arrow IPC, Streamlit's own conversion)."""
    return dataframe_util.convert_pandas_df_to_arrow_bytes(frame)


def test_repeated_texts_travel_dictionary_encoded(page) -> None:
    _, shown = page
    schema = pa.ipc.open_stream(_wire(shown)).schema
    encoded = {f.name for f in schema if pa.types.is_dictionary(f.type)}
    with_blanks = {c for c in shown.columns if (shown[c].astype(object) == "").any()}
    assert encoded == set(shown.columns) - set(FREE_TEXT) - with_blanks
    assert {"Type", "Claim", "Precision", "When"} <= encoded
    assert all(pa.types.is_string(schema.field(c).type) for c in FREE_TEXT)  # 32-bit offsets


def test_no_empty_cell_travels_as_a_category(page) -> None:
    """Streamlit's grid draws an empty category as "None": the selection marker's column read "None" on
    every row but the selected one, and a missing admin-1 read "None" (found in a browser review)."""
    _, shown = page
    assert (shown[""].astype(object) == "").any()  # the page has unselected rows
    for column in shown.columns:
        if isinstance(shown[column].dtype, pd.CategoricalDtype):
            assert "" not in set(shown[column].cat.categories), column


def test_the_rows_read_the_same_as_plain_text(page) -> None:
    rows, shown = page
    plain = shown.astype(object)
    back = pa.ipc.open_stream(_wire(shown)).read_pandas().astype(object)
    pd.testing.assert_frame_equal(back, plain)
    assert plain["id"].tolist() == rows["id"].tolist()
    assert plain.loc[3, ""] == "▶" and set(plain[""].drop(index=3)) == {""}
    assert set(plain["On map"]) <= {"yes", "no location"}


def test_a_page_costs_less_than_as_pandas_default_strings(page) -> None:
    """15 % less at 50 rows (a quarter less at 500: each distinct text's one copy weighs more on a short
    page)."""
    _, shown = page
    as_strings = _wire(shown.astype(str))  # pandas' default strings: Arrow large_string
    assert len(_wire(shown)) < 0.9 * len(as_strings)
