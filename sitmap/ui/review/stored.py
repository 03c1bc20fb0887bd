"""A candidate whose id is already stored: the analyst chooses Merge (the default: the stored event's
curated fields are kept, this evidence added) or Overwrite (the candidate wholesale), with a field-by-field
preview of what each would change and which stored values Overwrite would discard.

The comparison is `sitmap.extract.merge.stored_changes`; this module only reads the stored event and shows
it. Values from files and reports are untrusted: they reach the page in a dataframe or through `md_escape`.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st

from sitmap.extract.merge import FieldChange, StoredChanges, stored_changes
from sitmap.extract.pipeline import Candidate
from sitmap.settings import Settings
from sitmap.store.load import EventNotFoundError, StoreError
from sitmap.ui import cache
from sitmap.ui.review import state as rstate
from sitmap.ui.review.logic import edited_fields, review_feature
from sitmap.ui.text import md_escape

MERGE, OVERWRITE = "merge", "overwrite"
CHOICES = {
    MERGE: "Merge: keep the stored event's fields, fill its empty ones, add this source",
    OVERWRITE: "Overwrite: replace the stored event with this candidate",
}


def choice(rid: str, cand_id: str) -> str | None:
    """The analyst's choice for a stored id (None when the page offered none: the id was not stored)."""
    value = st.session_state.get(rstate.wkey(rid, cand_id, "replace"))
    return value if value in CHOICES else None


def stored_feature(settings: Settings, event_id: str, source_file: str) -> dict[str, Any] | None:
    """The stored event as saved (from its file, or from the database)."""
    if cache.database_url() is not None:
        try:
            return cache.get_event_store(settings).get(event_id)[0]
        except (EventNotFoundError, StoreError):
            return None
    return cache.stored_event_in_file(source_file, event_id, settings)


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def preview_table(changes: StoredChanges) -> pd.DataFrame:
    """One row per field either way of accepting changes: stored value, after merge, after overwrite."""
    merge = {c.field: c for c in changes.merge}
    overwrite = {c.field: c for c in changes.overwrite}
    names = [c.field for c in changes.overwrite] + [n for n in merge if n not in overwrite]

    def after(found: dict[str, FieldChange], name: str, stored: Any) -> str:
        return _shown(found[name].new) if name in found else _shown(stored)

    rows = []
    for name in names:
        stored = (overwrite.get(name) or merge[name]).stored
        rows.append(
            {
                "field": name,
                "stored": _shown(stored),
                "after merge": after(merge, name, stored),
                "after overwrite": after(overwrite, name, stored),
            }
        )
    return pd.DataFrame(rows, columns=["field", "stored", "after merge", "after overwrite"])


def render(settings: Settings, rid: str, cand: Candidate, values: dict[str, Any], source_file: str) -> None:
    """The warning, the Merge/Overwrite choice and the preview, for a candidate whose id is stored."""
    event_id = values.get("id") or cand.id
    st.warning(
        f"An event with this id is already stored ({md_escape(source_file)}). Choose how accepting "
        "treats it, or give this candidate a new id.",
        icon=":material/warning:",
    )
    key = rstate.wkey(rid, cand.id, "replace")
    if st.session_state.get(key) not in CHOICES:
        st.session_state[key] = MERGE
    mode = st.radio("Stored event", list(CHOICES), key=key, format_func=CHOICES.__getitem__)
    stored = stored_feature(settings, event_id, source_file)
    if stored is None:
        return
    changes = stored_changes(stored, review_feature(cand, values), edited_fields(cand, values))
    if not changes.overwrite and not changes.merge:
        st.caption("The stored event already has this candidate's values.")
        return
    st.dataframe(preview_table(changes), hide_index=True, key=rstate.wkey(rid, cand.id, "preview"))
    lost = ", ".join(c.field for c in changes.discarded)
    merged = ", ".join(c.field for c in changes.merge) or "nothing"
    if lost:
        text = f"Overwrite discards the stored {lost}, which Merge keeps."
        (st.warning if mode == OVERWRITE else st.caption)(md_escape(text))
    st.caption(md_escape(f"Merge changes: {merged}."))


def saved_message(result_changed: tuple[str, ...], kept: tuple[str, ...], mode: str | None) -> str:
    """What a save over a stored event did, for the page's message."""
    changed = ", ".join(result_changed) or "nothing"
    if mode == OVERWRITE:
        return f"changed {changed}"
    return f"changed {changed}" + (f"; kept the stored {', '.join(kept)}" if kept else "")
