"""The review page's session state: per report, each candidate's decision, saved file and form values.

Everything lives under `st.session_state[ROOT][report_id]`, so several reports can be reviewed in one
session and a rerun never loses an edit. Streamlit drops a widget's state when the widget is not drawn
(another candidate is selected), so the form's values are also kept in the report's `values` dict and
copied back into the widgets' keys when the candidate is shown again.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

import streamlit as st

from sitmap.extract.pipeline import Candidate
from sitmap.store.load import FileVersion
from sitmap.ui import keys
from sitmap.ui.review.logic import FIELDS, follow_id, initial_values
from sitmap.ui.review.queue import status_of

# The review page's keys (sitmap.ui.keys), under the names the review modules use.
ROOT = keys.REVIEW_ROOT
K_MODE = keys.REVIEW_MODE
K_REPORT = keys.REVIEW_REPORT
K_SELECTED = keys.REVIEW_SELECTED
K_SHOW_DECIDED = keys.REVIEW_SHOW_DECIDED
K_TABLE = keys.REVIEW_TABLE
K_PENDING = keys.REVIEW_PENDING  # widget values to apply on the next run, before the widgets are drawn
K_LAST_CLICK = keys.REVIEW_LAST_CLICK
K_MAP_FOR = keys.REVIEW_MAP_FOR  # the candidate the map was last centred on
K_BULK_REJECT = keys.REVIEW_BULK_REJECT
K_CLICK_RADIUS = keys.REVIEW_CLICK_RADIUS

MODES = ("Stored report", "New report")


class ReportReview(TypedDict):
    """The review record of one report; every table is keyed by candidate id except `seen`."""

    status: dict[str, str]  # "accepted" or "rejected"; absent while pending
    note: dict[str, str]  # why it was rejected
    saved: dict[str, dict[str, Any]]  # path, id and whether it replaced a stored event
    values: dict[str, dict[str, Any]]  # the form's values
    errors: dict[str, tuple[str, list[str]]]  # (title, lines) of the last refused save
    map_target: dict[str, tuple[tuple[float, float], int]]  # ((lat, lon), zoom) the map opens at
    seen: dict[str, FileVersion | None]  # file path -> the version the analyst was shown
    recorded: dict[str, str]  # rejections recorded with the report (any session), id -> reason
    in_store: dict[str, str]  # candidate id -> the stored event that is it (accepted in any session)
    flash: NotRequired[list[tuple[str, str]]]  # (kind, message) to show once on the next run


def report_state(report_id: str) -> ReportReview:
    """The review record of one report (created empty on first use)."""
    root = st.session_state.setdefault(ROOT, {})
    rs = root.setdefault(report_id, {})
    for name in ("status", "note", "saved", "values", "errors", "map_target", "seen", "recorded", "in_store"):
        rs.setdefault(name, {})
    return rs


def wkey(report_id: str, cand_id: str, name: str) -> str:
    """The widget key of one form field of one candidate."""
    return f"rv:{report_id}:{cand_id}:{name}"


def values(report_id: str, cand: Candidate) -> dict[str, Any]:
    """The candidate's current form values (the proposal until the analyst edits)."""
    rs = report_state(report_id)
    return rs["values"].setdefault(cand.id, initial_values(cand))


def sync(report_id: str, cand: Candidate) -> dict[str, Any]:
    """Before the form is drawn: restore widgets Streamlit dropped, then read every widget's value."""
    ss = st.session_state
    current = values(report_id, cand)
    for name in FIELDS:
        key = wkey(report_id, cand.id, name)
        if key in ss:
            current[name] = ss[key]
        else:
            ss[key] = current[name]
    return current


def update(report_id: str, cand_id: str, changes: dict[str, Any]) -> None:
    """Change form values from a callback (gazetteer pick, map click): stored and shown in the widgets."""
    rs = report_state(report_id)
    changes = follow_id(rs["values"].get(cand_id) or {}, changes)  # a derived id follows a new place
    rs["values"].setdefault(cand_id, {}).update(changes)
    for name, value in changes.items():
        st.session_state[wkey(report_id, cand_id, name)] = value


def reset(report_id: str, cand: Candidate) -> None:
    """Forget the analyst's edits of one candidate (back to the proposal)."""
    rs = report_state(report_id)
    rs["values"][cand.id] = initial_values(cand)
    rs["errors"].pop(cand.id, None)
    for name in FIELDS:
        st.session_state[wkey(report_id, cand.id, name)] = rs["values"][cand.id][name]


def status(report_id: str, cand_id: str) -> str:
    """ "accepted"/"rejected" (this session or recorded with the report), "in store", else "pending"."""
    rs = report_state(report_id)
    return status_of(cand_id, rs["status"], rs["recorded"], rs["in_store"])


def set_pending(**widget_values: Any) -> None:
    """Widget values to set at the start of the next run (a widget cannot change after it is drawn)."""
    st.session_state.setdefault(K_PENDING, {}).update(widget_values)


def apply_pending() -> None:
    """Apply `set_pending` values; call before any review widget is drawn."""
    pending = st.session_state.pop(K_PENDING, None) or {}
    for key, value in pending.items():
        st.session_state[key] = value
