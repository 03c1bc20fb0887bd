"""Deck slides edited, reordered and deleted in the sidebar (issue 13), through AppTest; and the domain's
`change_slide`, which finds a slide by its content so a concurrent save is never overwritten."""

from __future__ import annotations

import pytest

from sitmap.briefing.decks import Deck, DeckError, Slide, change_slide, load_deck, save_deck
from sitmap.ui.briefing.deck_editor import field_key
from sitmap.ui.keys import DECK_EDIT, DECK_EDIT_NOTE, DECK_EDIT_TITLE
from sitmap.view import View
from tests.ui.test_briefing_ui import again, events, run  # noqa: F401  (events is a fixture)

SLIDES = (
    Slide("Golan", View(zoom=10), "first"),
    Slide("Iran", View(countries=("Iran",)), ""),
    Slide("Red Sea", View(countries=("Yemen",)), ""),
)


@pytest.fixture
def deck(events):  # noqa: F811
    directory = events / "briefings"
    save_deck(directory, Deck(id="morning", title="Morning brief", slides=SLIDES))
    return directory


def test_change_slide_edits_moves_and_deletes_by_content(deck):
    change_slide(deck, "morning", SLIDES[2], move=-5)  # clamped to the front
    assert [s.title for s in load_deck(deck / "morning.json").slides] == ["Red Sea", "Golan", "Iran"]
    change_slide(deck, "morning", SLIDES[0], new=Slide("Golan, 3 March", SLIDES[0].view, "raid"))
    change_slide(deck, "morning", SLIDES[1], delete=True)
    saved = load_deck(deck / "morning.json")
    assert [(s.title, s.note) for s in saved.slides] == [("Red Sea", ""), ("Golan, 3 March", "raid")]
    assert saved.slides[1].view == SLIDES[0].view  # the view is kept
    with pytest.raises(DeckError, match="changed or deleted"):
        change_slide(deck, "morning", SLIDES[1], delete=True)  # gone already: nothing else is touched


def _click(at, action: str, number: int):
    at.button(key=f"deck_{action}:morning:{number}").click()
    return again(at)


def test_slides_are_edited_reordered_and_deleted_in_the_sidebar(deck):
    at = run()
    at.selectbox(key=DECK_EDIT).set_value("morning")
    at = again(at)
    assert at.text_input(key=field_key(DECK_EDIT_TITLE, "morning", 1, SLIDES[0])).value == "Golan"
    at.text_input(key=field_key(DECK_EDIT_TITLE, "morning", 1, SLIDES[0])).set_value("Golan at dawn")
    at.text_area(key=field_key(DECK_EDIT_NOTE, "morning", 1, SLIDES[0])).set_value("say: two raids")
    at = _click(at, "save", 1)
    saved = load_deck(deck / "morning.json").slides
    assert (saved[0].title, saved[0].note, saved[0].view) == (
        "Golan at dawn",
        "say: two raids",
        View(zoom=10),
    )
    at = _click(at, "down", 1)
    assert [s.title for s in load_deck(deck / "morning.json").slides] == ["Iran", "Golan at dawn", "Red Sea"]
    moved = load_deck(deck / "morning.json").slides[1]
    assert at.text_input(key=field_key(DECK_EDIT_TITLE, "morning", 2, moved)).value == "Golan at dawn"
    at = _click(at, "delete", 3)
    assert [s.title for s in load_deck(deck / "morning.json").slides] == ["Iran", "Golan at dawn"]
    assert any("deleted" in s.value for s in at.success)
    assert at.button(key="deck_up:morning:1").disabled and at.button(key="deck_down:morning:2").disabled
