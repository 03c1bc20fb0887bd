"""Named regions in extraction (issue 11, s20-regions): an event told in "the Golan Heights", "the Jezreel
Valley" or "the Qalamoun region" stands in that region at region precision; a finer place of the same act
wins (one_per_event's coarse-duplicate merge); a region's one-word name is read only where the words around
it say region, so a person named Golan is no place. Every sentence is our own."""

from __future__ import annotations

import pytest

from tests.extract.one_paragraph import candidates, mentions


def _placed(reference, text: str) -> list[tuple[str | None, str | None]]:
    return [(c.place_id, c.geo_precision) for c in candidates(reference, text) if c.place_id]


@pytest.mark.parametrize(
    ("text", "region"),
    [
        (
            "A rocket fired from southern Syria struck open ground in the occupied Golan Heights on Monday.",
            "golan-heights",
        ),
        ("Hezbollah said it fired a salvo of rockets at the Jezreel Valley on Monday.", "jezreel-valley"),
        (
            "Israeli jets struck missile depots in the Qalamoun region north of Damascus on Monday.",
            "qalamoun-mountains",
        ),
        ("Sirens sounded as drones launched from Lebanon hit the Upper Galilee on Monday.", "upper-galilee"),
    ],
)
def test_an_event_in_a_named_region_stands_in_it_at_region_precision(reference, text, region):
    assert _placed(reference, text) == [(region, "region")]


def test_a_finer_place_in_the_same_sentence_wins_over_the_region(reference):
    """The region restates where the village lies: one event, at the village."""
    text = "Israeli troops raided the village of Jubata al-Khashab in the Golan Heights on Monday."
    assert [p for p, _ in _placed(reference, text)] == ["jbata-elkhashab-sy"]


def test_the_golan_front_is_the_region(gaz):
    found = mentions(gaz, "Hezbollah fired rockets at Israeli positions on the Golan front on Sunday.")
    assert found["Golan"].place_id == "golan-heights"


def test_a_person_named_golan_is_no_place(gaz):
    found = mentions(gaz, "Opposition leader Yair Golan criticised the government on Sunday.")
    assert "Golan" not in found or found["Golan"].place_id is None


def test_qalamoun_without_a_region_word_stays_the_lebanese_town(gaz):
    """El Qalamoun is a coastal town south of Tripoli: 'in Qalamoun' alone is not the Syrian mountains."""
    found = mentions(gaz, "A fire broke out at a fuel station in Qalamoun, north Lebanon, on Sunday.")
    assert found["Qalamoun"].place_id != "qalamoun-mountains"


def test_a_regional_councils_statement_is_no_event_in_the_golan(reference):
    """guard: the Golan Regional Council speaking is no act placed in the region."""
    text = "The head of the Golan Regional Council said on Monday that farmers had returned to their fields."
    assert _placed(reference, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "UN peacekeepers said Israeli troops built a new base along the Alpha Line between the occupied Golan"
        " Heights and Syria on Sunday.",
        "UN peacekeepers said Israeli troops built a new base by the Alpha Line, which divides the"
        " Israeli-held Golan Heights from Syria, on Sunday.",
    ],
)
def test_a_region_named_as_a_side_of_a_line_describes_the_line(reference, text):
    """The region is where the line runs, not a second place of the act."""
    assert [p for p, _ in _placed(reference, text)] == ["line-a"]


def test_mount_sheikh_is_mount_hermon(gaz):
    """Jabal al-Sheikh, "Mount Sheikh" in English copy, is Mount Hermon's Arabic name."""
    found = mentions(gaz, "Israeli troops moved onto the Syrian side of Mount Sheikh on Monday.")
    assert found["Mount Sheikh"].place_id == "mount-hermon"
