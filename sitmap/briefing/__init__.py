"""Briefing decks: named views in order, stored as JSON under `events/briefings/`."""

from sitmap.briefing.decks import Deck, DeckError, Slide, deck_path, list_decks, load_deck, save_deck, slugify

__all__ = ["Deck", "DeckError", "Slide", "deck_path", "list_decks", "load_deck", "save_deck", "slugify"]
