"""The selected event's history under its card: who changed it, when, what and why (`EventStore.history`).

User names, reasons and field names come from the store, so they are escaped like any report text.
"""

from __future__ import annotations

import streamlit as st

from sitmap.store.history import describe
from sitmap.store.interface import EventStore
from sitmap.ui.text import md_escape

SHOWN = 20  # the newest entries; an event edited hundreds of times must not fill the column


def render(store: EventStore, event_id: str | None) -> None:
    """An expander listing the event's recorded writes, newest first (nothing when there are none)."""
    if not event_id:
        return
    entries = store.history(event_id)
    if not entries:
        return
    with st.expander(f"History ({len(entries)} change{'s' if len(entries) != 1 else ''})", expanded=False):
        lines = []
        for entry in reversed(entries[-SHOWN:]):
            at, user, op, why, fields = describe(entry)
            what = ", ".join(fields) if op == "update" and fields else op
            line = f"- **{md_escape(at)}** · {md_escape(user)} · {md_escape(what)}"
            lines.append(line + (f" — {md_escape(why)}" if why else ""))
        st.markdown("\n".join(lines))
        if len(entries) > SHOWN:
            st.caption(f"{len(entries) - SHOWN} older changes not shown.")
