"""Two ways real reports name a place that is not where the event is: a headline's "Southwestern Syria" and
"a village in Quneitra" (seen in a news agency's raid report of February 2026; the sentences here are our
own)."""

from __future__ import annotations

import pytest

from sitmap.extract.pipeline import extract_candidates
from sitmap.store.reports import Paragraph, Report


def _report(*texts: str, day: str = "2026-02-14") -> Report:
    paragraphs = tuple(Paragraph(f"p{i}", t) for i, t in enumerate(texts, start=1))
    return Report(
        id="r", title="t", publisher="p", date=day, url="https://example.org/r", paragraphs=paragraphs
    )


@pytest.mark.parametrize("word", ["Southwestern", "South-western", "Northeastern"])
def test_a_compound_direction_is_no_place_name(reference, word):
    """ "Raid in Southwestern Syria" is Syria's south-west, not a place called "Southwestern Syria" left
    unresolved for the analyst (a part of a country with no place in it is a vague event: not proposed)."""
    found = extract_candidates(
        _report(f"Israeli troops raided a village in {word} Syria on Friday."), reference
    )
    assert not any(word.lower() in (c.location or "").lower() or c.unresolved for c in found), found


def test_the_place_a_village_lies_in_is_an_area_not_the_events_point(reference):
    """ "Raided a village in Quneitra": the event is somewhere in Quneitra, not at the city's point."""
    found = extract_candidates(_report("Israeli troops raided a village in Quneitra on Friday."), reference)
    assert [(c.location, c.date) for c in found] == [("Quneitra", "2026-02-13")]
    assert found[0].geo_precision == "region" and found[0].uncertainty_m >= 10_000


def test_a_village_named_later_takes_the_raid_from_the_area_it_lies_in(reference):
    found = extract_candidates(
        _report(
            "Israeli Troops Raid Village in Southwestern Syria",
            "Israeli troops raided a village in Quneitra on Friday, local media said.",
            "The force, six vehicles, raided a house in Ain al-Zouan before pulling back.",
        ),
        reference,
    )
    raids = [(c.location, c.date, c.geo_precision) for c in found if c.event_type == "raid"]
    assert raids == [("Ein Zywan", "2026-02-13", "exact")], raids


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("A drone struck the Peshkabir field in Zakho on Tuesday.", "Peshkabir oil field"),
        ("Israeli troops raided Tell al-Mal hill near Quneitra on Friday.", "Tell al-Mal"),
        ("Israeli troops raided the village of Jamleh, near Tafas, on Friday.", "Jomleh"),
    ],
)
def test_a_town_named_to_locate_a_place_beside_it_is_no_second_event(reference, sentence, place):
    """ "the Peshkabir field in Zakho", "Tell al-Mal hill near Quneitra": the town says where the site is (the
    energy engineer found the field and Zakho proposed as two events); a town far from the site is another
    place and stays (below)."""
    found = extract_candidates(_report(sentence, day="2025-03-08"), reference)
    assert [c.location for c in found] == [place]


def test_a_far_town_after_near_is_not_taken_as_a_locator(reference):
    found = extract_candidates(
        _report("Jets struck Tell al-Mal near Aleppo on Friday.", day="2025-03-08"), reference
    )
    assert "Aleppo" in [c.location for c in found]
