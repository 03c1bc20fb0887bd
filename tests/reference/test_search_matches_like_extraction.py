"""The Review page's place search finds every name extraction resolves: one matcher (review F3)."""

from __future__ import annotations

import pytest

from sitmap.reference.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz(reference):
    return Gazetteer.from_reference(reference)


@pytest.mark.parametrize("typed", ["Busra al-Harir", "Jubata al-Khashab"])
def test_search_lists_the_place_extraction_resolves_the_name_to(gaz, typed):
    ids, how = gaz.lookup(typed)
    assert how == "transliteration" and ids, (typed, ids, how)  # extraction resolves it by spelling
    found = [r["id"] for r in gaz.search(typed, prefer={"Daraa", "Quneitra", "Syria"})]
    assert set(ids) <= set(found), (typed, ids, found)
