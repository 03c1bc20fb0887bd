"""The sidebar's briefing section: briefing mode on, save the current view as a slide, list and present decks.

Decks are `sitmap.briefing` files under `<events>/briefings/` (plain JSON, one per deck, kept in git like
the events). A slide is the whole current view (window, filters, layers, the map's centre and zoom, the
selected event) with a title and a speaker note; presenting a deck opens briefing mode on its first slide.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import streamlit as st

from sitmap.auth.roles import Action
from sitmap.briefing import decks as briefings
from sitmap.briefing.decks import Deck, DeckError, DeckInfo, Slide, list_decks
from sitmap.footprints import period_label
from sitmap.settings import Settings
from sitmap.store.write import ConflictError, LockTimeoutError
from sitmap.ui import auth
from sitmap.ui.briefing import deck_editor
from sitmap.ui.briefing import mode as briefing
from sitmap.ui.keys import DECK_CHOICE as K_DECK
from sitmap.ui.keys import DECK_MESSAGE as S_MESSAGE
from sitmap.ui.keys import DECK_NEW_TITLE as K_NEW_TITLE
from sitmap.ui.keys import DECK_NOTE as K_NOTE
from sitmap.ui.keys import DECK_SLIDE_TITLE as K_SLIDE_TITLE
from sitmap.ui.keys import DECK_TOGGLE as K_TOGGLE
from sitmap.ui.text import md_escape
from sitmap.view import View

NEW = "__new__"


def default_slide_title(view: View, events: gpd.GeoDataFrame) -> str:
    """A slide title when the briefer gives none: the selected event's place and date, else the window."""
    hit = events[events["id"] == view.selected] if view.selected else events.iloc[:0]
    if len(hit):
        row = hit.iloc[0]
        place = row["location"] if isinstance(row["location"], str) and row["location"] else row["country"]
        return " · ".join(
            str(p) for p in (place, period_label(row["start"], row["end"], row["time_precision"])) if p
        )
    if view.start or view.end:
        return f"{view.start or 'start'} to {view.end or 'latest'}"
    return "All events"


def add_slide(directory: Path, deck_choice: str, new_title: str, slide: Slide) -> tuple[Deck, bool]:
    """Append `slide` to the chosen deck (or a new one titled `new_title`) and save it; returns the deck and
    whether it was created. A new title whose id exists adds to that deck rather than overwrite it; a save
    that races another is re-applied to the deck as it now is (`briefings.add_slide`)."""
    deck_id = None if deck_choice == NEW else deck_choice
    return briefings.add_slide(directory, deck_id, slide, new_title=new_title)


@auth.guard(Action.SAVE_DECK)
def _on_save(view: View, directory: Path, default_title: str) -> None:
    ss = st.session_state
    slide = Slide(
        title=(ss.get(K_SLIDE_TITLE) or "").strip() or default_title,
        view=view,
        note=(ss.get(K_NOTE) or "").strip(),
    )
    try:
        deck, created = add_slide(directory, ss.get(K_DECK) or NEW, ss.get(K_NEW_TITLE) or "", slide)
    except ConflictError as e:
        # Others kept saving this deck while we retried: their slides are kept, ours stays in the form.
        ss[S_MESSAGE] = (
            "error",
            f"Not saved: the deck changed on disk during every attempt to add this slide (others are saving "
            f"to it). Nothing was lost; the slide's title and note are kept here: save again. ({e})",
        )
        return
    except (DeckError, LockTimeoutError, OSError) as e:
        ss[S_MESSAGE] = ("error", f"Not saved: {e}")
        return
    where = "a new deck" if created else "the deck"
    ss[S_MESSAGE] = ("success", f"Slide {len(deck.slides)} “{slide.title}” saved to {where} “{deck.title}”.")
    ss[K_DECK] = deck.id  # the next slide goes to the same deck
    ss[K_SLIDE_TITLE] = ss[K_NOTE] = ss[K_NEW_TITLE] = ""


def _on_toggle() -> None:
    if st.session_state.get(K_TOGGLE):
        briefing.start()


def render(view: View, settings: Settings, events: gpd.GeoDataFrame) -> None:
    """The sidebar section (call inside `st.sidebar`)."""
    ss = st.session_state
    directory = briefing.decks_dir(settings)
    ss[K_TOGGLE] = briefing.active()
    st.toggle(
        "Briefing mode",
        key=K_TOGGLE,
        on_change=_on_toggle,
        help="Full-screen map with large captions for a shared screen; ← → step through the events. "
        "The link (…?briefing=1) opens it directly.",
    )
    with st.expander("Briefing decks", icon=":material/present_to_all:"):
        decks = list_decks(directory)
        good = [d for d in decks if d.error is None]
        if ss.get(K_DECK) not in [d.id for d in good] + [NEW]:
            ss[K_DECK] = good[0].id if good else NEW
        titles = {d.id: f"{d.title} ({d.n_slides} slide{'s' if d.n_slides != 1 else ''})" for d in good}
        titles[NEW] = "New deck…"
        default_title = default_slide_title(view, events)
        can_save = auth.allowed(Action.SAVE_DECK, settings)
        if can_save:
            _save_form(view, directory, default_title, good, titles)
        message = ss.pop(S_MESSAGE, None)
        if message:
            (st.success if message[0] == "success" else st.error)(md_escape(message[1]))
        if decks:
            st.markdown("**Decks**")
        for d in decks:
            if d.error:
                st.caption(f":red[{md_escape(d.path.name)}: {md_escape(d.error)}]")
                continue
            label = md_escape(titles[d.id])
            cols = st.columns([3, 2], vertical_alignment="center")
            cols[0].markdown(label)
            cols[1].button(
                "Present",
                key=f"present_{d.id}",
                icon=":material/slideshow:",
                on_click=briefing.start,
                args=(d.id, 1),
                disabled=d.n_slides == 0,
            )
        if can_save:
            deck_editor.render(directory, decks)


def _save_form(
    view: View, directory: Path, default_title: str, good: list[DeckInfo], titles: dict[str, str]
) -> None:
    """The "Save this view as a slide" form (roles that may save decks only)."""
    with st.form("deck_save", border=False):
        st.markdown("**Save this view as a slide**")
        st.selectbox("Deck", [*[d.id for d in good], NEW], format_func=titles.__getitem__, key=K_DECK)
        st.text_input("New deck title", key=K_NEW_TITLE, placeholder="for a new deck")
        st.text_input("Slide title", key=K_SLIDE_TITLE, placeholder=default_title)
        st.text_area("Speaker note", key=K_NOTE, height=80, placeholder="for the briefer, not shown")
        st.form_submit_button(
            "Save slide",
            icon=":material/add_photo_alternate:",
            on_click=_on_save,
            args=(view, directory, default_title),
        )
