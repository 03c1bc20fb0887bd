"""A candidate the store already holds under another id (`extract.duplicates`): the page says "already
stored as <id>" with a link to that event on the map, and accepting it asks for an explicit choice: it is
that event (this evidence is merged into it) or it is a new event (stored beside it).

Ids come from files and reports: they reach the page through `md_escape` and a percent-encoded URL.
"""

from __future__ import annotations

from urllib.parse import quote

import streamlit as st

from sitmap.extract.pipeline import Candidate
from sitmap.ui.review import state as rstate
from sitmap.ui.text import md_escape

SAME, NEW = "same", "new"


def match_of(rid: str, cand_id: str, event_id: str) -> str | None:
    """The stored event this candidate matches under another id than `event_id`, else None."""
    match = rstate.report_state(rid)["in_store"].get(cand_id)
    return match if match is not None and match != event_id else None


def choice(rid: str, cand_id: str) -> str | None:
    """SAME, NEW, or None while the analyst has not chosen."""
    value = st.session_state.get(rstate.wkey(rid, cand_id, "matched"))
    return value if value in (SAME, NEW) else None


def refusal(match: str) -> tuple[str, list[str]]:
    """Why Accept saved nothing for a matched candidate with no choice made."""
    return (
        "Nothing saved: this candidate is already stored as another event. Choose whether it is that "
        "event or a new one, then accept again.",
        [f"matches stored event {match!r} (same place, overlapping dates, compatible type or passage)"],
    )


def render(rid: str, cand: Candidate, match: str) -> None:
    """The notice, the link to the stored event and the explicit choice."""
    st.warning(
        f"Already stored as **{md_escape(match)}** (same place, overlapping dates, compatible type or the "
        "same passage). It is not counted as pending, nor accepted in bulk.",
        icon=":material/content_copy:",
    )
    st.markdown(f"[Show {md_escape(match)} on the map](./?selected={quote(match, safe='')})")
    labels = {SAME: f"It is {match}: merge this evidence into it", NEW: "Store as a new event beside it"}
    st.radio(
        "If you accept it anyway",
        list(labels),
        index=None,
        key=rstate.wkey(rid, cand.id, "matched"),
        format_func=labels.__getitem__,
    )
