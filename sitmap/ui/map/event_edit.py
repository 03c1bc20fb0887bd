"""Editing or deleting the selected event, under its history (editors and admins only; `sitmap.auth`).

The form is drawn from the event as the store holds it now (`EventStore.get`) and its save names that
version, so an edit made meanwhile by someone else is a conflict, never overwritten. Each save or delete
records the signed-in user and the reason in the event's history, on either backend.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from sitmap.auth.roles import Action
from sitmap.settings import Settings
from sitmap.store.interface import EventStore
from sitmap.store.write import StoreError, ValidationError
from sitmap.ui import auth, cache
from sitmap.ui.keys import EDIT_FIELD, EDIT_MESSAGE, EDIT_OPEN
from sitmap.ui.text import md_escape
from sitmap.vocabulary import CLAIM_STATUSES, EVENT_TYPES, TIME_PRECISIONS

TEXT_FIELDS = ("date", "location", "summary")
CHOICE_FIELDS: dict[str, Mapping[str, Any]] = {
    "event_type": EVENT_TYPES,
    "time_precision": TIME_PRECISIONS,
    "claim_status": CLAIM_STATUSES,
}
LIST_FIELDS = ("actors", "tags")


def field_key(event_id: str, version: str, name: str) -> str:
    """A field's widget key: the event and the version it shows, so a new version gets fresh fields."""
    return f"{EDIT_FIELD}{event_id}:{version[:16]}:{name}"


def edited_feature(feature: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """`feature` with the form's values (lists typed comma-separated); every other field kept."""
    props = dict(feature.get("properties") or {})
    for name in (*TEXT_FIELDS, *CHOICE_FIELDS):
        if name in values:
            props[name] = str(values[name]).strip()
    for name in LIST_FIELDS:
        if name in values:
            props[name] = [part.strip() for part in str(values[name]).split(",") if part.strip()]
    return {**feature, "properties": props}


def _message(kind: str, text: str) -> None:
    st.session_state[EDIT_MESSAGE] = (kind, text)


def _why(event_id: str, version: str, name: str) -> str:
    return str(st.session_state.get(field_key(event_id, version, name)) or "").strip()


@auth.guard(Action.EDIT_EVENT)
def save(store: EventStore, event_id: str, version: str) -> None:
    """Save the form's values over the event as read at `version` (a conflict if it changed since)."""
    ss = st.session_state
    try:
        feature, _current = store.get(event_id)
        names = (*TEXT_FIELDS, *CHOICE_FIELDS, *LIST_FIELDS)
        values = {
            n: ss[field_key(event_id, version, n)] for n in names if field_key(event_id, version, n) in ss
        }
        store.save(
            edited_feature(feature, values),
            version,
            user=auth.user_name(),
            why=_why(event_id, version, "why"),
        )
    except ValidationError as e:
        _message("error", "Not saved: " + "; ".join(str(p) for p in e.problems[:5]))
    except (StoreError, OSError) as e:  # a conflict (EventConflictError) says to reload and edit again
        _message("error", f"Not saved: {e}")
    else:
        _message("success", f"Saved {event_id}.")


@auth.guard(Action.DELETE_EVENT)
def delete(store: EventStore, event_id: str, version: str) -> None:
    """Delete the event if it is still at `version`."""
    try:
        store.delete(event_id, version, user=auth.user_name(), why=_why(event_id, version, "why_delete"))
    except (StoreError, OSError) as e:
        _message("error", f"Not deleted: {e}")
    else:
        _message("success", f"Deleted {event_id}.")


def render(settings: Settings, event_id: str | None) -> None:
    """The "Edit this event" switch and form for the selected event; nothing for roles that may not edit."""
    message = st.session_state.pop(EDIT_MESSAGE, None)
    if message:
        (st.success if message[0] == "success" else st.error)(md_escape(message[1]))
    can_edit, can_delete = (
        auth.allowed(Action.EDIT_EVENT, settings),
        auth.allowed(Action.DELETE_EVENT, settings),
    )
    if not event_id or not (can_edit or can_delete):
        return
    # The event is read from the store (a file scan on the embedded store) only once the editor asks.
    if not st.toggle("Edit this event", key=EDIT_OPEN):
        return
    store = cache.get_event_store(settings)
    try:
        feature, version = store.get(event_id)
    except (StoreError, KeyError):
        return  # not stored (or just deleted): nothing to edit
    props = feature.get("properties") or {}
    key = lambda name: field_key(event_id, version, name)  # noqa: E731
    with st.container(border=True):
        if can_edit:
            with st.form(key("form"), border=False):
                for name in TEXT_FIELDS:
                    widget = st.text_area if name == "summary" else st.text_input
                    widget(name.capitalize(), value=str(props.get(name) or ""), key=key(name))
                for name, choices in CHOICE_FIELDS.items():
                    options = list(choices)
                    now = props.get(name)
                    st.selectbox(
                        name.replace("_", " ").capitalize(),
                        options,
                        index=options.index(now) if now in options else 0,
                        key=key(name),
                    )
                for name in LIST_FIELDS:
                    value = ", ".join(str(v) for v in props.get(name) or [])
                    st.text_input(f"{name.capitalize()} (comma-separated)", value=value, key=key(name))
                st.text_input("Why (kept in the history)", key=key("why"))
                st.form_submit_button(
                    "Save changes", type="primary", on_click=save, args=(store, event_id, version)
                )
        if can_delete:
            confirm = st.checkbox("Delete this event", key=key("confirm"))
            st.text_input("Why delete it (kept in the history)", key=key("why_delete"), disabled=not confirm)
            st.button(
                "Delete",
                key=key("delete"),
                icon=":material/delete:",
                disabled=not confirm,
                on_click=delete,
                args=(store, event_id, version),
            )
