"""Editing a saved deck in the sidebar: each slide's title and speaker note, its place in the deck, or the
slide itself deleted. Every change is one `sitmap.briefing.decks.change_slide` save, which finds the slide
by its content, so a colleague's concurrent save is never overwritten or mistaken for this slide."""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from sitmap.auth.roles import Action
from sitmap.briefing.decks import DeckError, DeckInfo, Slide, change_slide, deck_path, load_deck
from sitmap.store.write import ConflictError, LockTimeoutError
from sitmap.ui import auth
from sitmap.ui.keys import DECK_EDIT, DECK_EDIT_MESSAGE, DECK_EDIT_NOTE, DECK_EDIT_TITLE
from sitmap.ui.text import md_escape


def field_key(prefix: str, deck_id: str, number: int, slide: Slide) -> str:
    """A slide's widget key: its number and content in it, so a moved or edited slide gets fresh fields."""
    digest = hashlib.sha256(repr(slide).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}{deck_id}:{number}:{digest}"


@auth.guard(Action.SAVE_DECK)
def _change(directory: Path, deck_id: str, slide: Slide, number: int, action: str) -> None:
    ss = st.session_state
    try:
        if action == "save":
            new = Slide(
                title=str(ss.get(field_key(DECK_EDIT_TITLE, deck_id, number, slide), slide.title)).strip()
                or slide.title,
                view=slide.view,
                note=str(ss.get(field_key(DECK_EDIT_NOTE, deck_id, number, slide), slide.note)).strip(),
            )
            change_slide(directory, deck_id, slide, new=new)
            done = f"Slide {number} saved."
        elif action == "delete":
            change_slide(directory, deck_id, slide, delete=True)
            done = f"Slide {number} “{slide.title}” deleted."
        else:
            change_slide(directory, deck_id, slide, move=-1 if action == "up" else 1)
            done = f"Slide {number} moved {action}."
    except (ConflictError, DeckError, LockTimeoutError, OSError) as e:
        ss[DECK_EDIT_MESSAGE] = ("error", f"Not changed: {e}")
        return
    ss[DECK_EDIT_MESSAGE] = ("success", done)


def render(directory: Path, decks: list[DeckInfo]) -> None:
    """The editor (call inside the sidebar's deck section): pick a deck, then edit its slides."""
    ss = st.session_state
    ids = [d.id for d in decks if d.error is None]
    if not ids:
        return
    titles = {d.id: d.title for d in decks}
    if ss.get(DECK_EDIT) not in [None, *ids]:
        ss[DECK_EDIT] = None
    chosen = st.selectbox(
        "Edit a deck's slides",
        [None, *ids],
        format_func=lambda i: "—" if i is None else titles.get(i, i),
        key=DECK_EDIT,
    )
    message = ss.pop(DECK_EDIT_MESSAGE, None)
    if message:
        (st.success if message[0] == "success" else st.error)(md_escape(message[1]))
    if chosen is None:
        return
    try:
        deck = load_deck(deck_path(directory, chosen))
    except (DeckError, OSError) as e:
        st.error(md_escape(str(e)))
        return
    if not deck.slides:
        st.caption("This deck has no slides yet.")
    last = len(deck.slides)
    for number, slide in enumerate(deck.slides, start=1):
        with st.container(border=True):
            st.text_input(
                f"Slide {number} title",
                value=slide.title,
                key=field_key(DECK_EDIT_TITLE, deck.id, number, slide),
            )
            st.text_area(
                f"Slide {number} speaker note",
                value=slide.note,
                height=68,
                key=field_key(DECK_EDIT_NOTE, deck.id, number, slide),
            )
            cols = st.columns(4)
            for col, (action, icon, label, disabled) in zip(
                cols,
                (
                    ("save", ":material/save:", "Save", False),
                    ("up", ":material/arrow_upward:", "Move up", number == 1),
                    ("down", ":material/arrow_downward:", "Move down", number == last),
                    ("delete", ":material/delete:", "Delete", False),
                ),
                strict=True,
            ):
                col.button(
                    "",
                    icon=icon,
                    help=f"{label} slide {number}",
                    key=f"deck_{action}:{deck.id}:{number}",
                    on_click=_change,
                    args=(directory, deck.id, slide, number, action),
                    disabled=disabled,
                )
