"""A candidate's `unresolved` names are names we lack where its sentence puts an event, not any name the
sentence holds; a region the gazetteer knows is no name we lack."""

from tests.extract.one_paragraph import candidates

LACKED = "Zurqabiya"  # no such village


def test_where_they_came_from_or_whom_they_are_linked_to_is_not_the_events_place(reference):
    (c,) = candidates(
        reference,
        f"Media linked to Ansar Allah said Israeli forces raided the village of {LACKED} on Sunday.",
    )
    assert c.unresolved == [LACKED]
    (c,) = candidates(
        reference,
        f"Four Israeli vehicles moved from Abu Qarnayn hill and raided the village of {LACKED} on Sunday.",
    )
    assert c.location == LACKED and c.unresolved == [LACKED]  # not the hill they came from


def test_a_named_regions_name_with_the_article_is_the_region(reference):
    (c,) = candidates(reference, "Hezbollah fired rockets at the Golan on Sunday.")
    assert c.place_id == "golan-heights" and c.unresolved == []
    assert c.geo_precision == "region"


def test_a_regions_name_that_starts_an_outlets_name_is_no_place(reference):
    """'the Hauran Free League' is who reported, not a raid in the Hauran: Nawa is the only place."""
    found = candidates(reference, "Israeli forces raided Nawa on Sunday, the Hauran Free League reported.")
    assert [c.location for c in found] == ["Nawa"]
