"""The search box normalised like the gazetteer, with actor aliases (issue 13: "tell al-mal" and "IDF" found
nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitmap.store.load import load_store
from sitmap.view import View, apply_view
from sitmap.view.search import ALIAS_KEYS, query_terms, search_key
from sitmap.vocabulary import ACTOR_ALIASES

EVENTS = load_store(Path(__file__).resolve().parents[2] / "events").events
TELL = "syr-2025-03-03-tell-al-mal-raid"
RUWA = "syr-2025-03-04-ruwaihaniya-patrol"


def found(text: str) -> set[str]:
    return set(apply_view(EVENTS, View(text=text))["id"])


@pytest.mark.parametrize("query", ["tell al-mal", "Tal al Mal", "TELL EL-MAL", "Tall al-Māl"])
def test_place_spellings_find_the_place(query):
    assert TELL in found(query)


def test_idf_finds_the_israeli_events():
    israeli = set(EVENTS[EVENTS["actors"].map(lambda a: "Israel Defense Forces" in a or "Israel" in a)]["id"])
    assert len(israeli) == 4
    assert found("IDF") == israeli
    assert found("Israeli forces") == israeli


def test_aliases_of_the_same_group_find_the_same_events():
    assert found("Ansar Allah") == found("Houthis") != set()


def test_literal_and_partial_words_still_work_and_an_absent_name_finds_nothing():
    assert found("ruwaih") == {RUWA}
    assert found("syr-2025-03-04") == {RUWA}
    assert found("Vladivostok") == set()


def test_every_alias_group_is_reachable_from_each_of_its_names():
    for group in ACTOR_ALIASES:
        first = search_key(group[0])
        for name in group[1:]:
            key, aliases = query_terms(name)
            assert first == key or first in aliases, (name, group[0])
    assert "idf" in ALIAS_KEYS
