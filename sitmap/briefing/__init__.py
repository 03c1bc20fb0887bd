"""Briefing decks: named views in order, stored as JSON under `events/briefings/`, saved like event files
(locked and version-checked)."""

from sitmap.briefing.decks import (
    Deck,
    DeckError,
    DeckInfo,
    Slide,
    add_slide,
    deck_path,
    delete_deck,
    list_decks,
    load_deck,
    read_deck,
    save_deck,
    slugify,
    update_deck,
)

__all__ = [
    "Deck",
    "DeckError",
    "DeckInfo",
    "Slide",
    "add_slide",
    "deck_path",
    "delete_deck",
    "list_decks",
    "load_deck",
    "read_deck",
    "save_deck",
    "slugify",
    "update_deck",
]
