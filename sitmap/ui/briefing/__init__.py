"""Briefing mode: the full-screen high-contrast map, its caption bar, and decks of slides."""
