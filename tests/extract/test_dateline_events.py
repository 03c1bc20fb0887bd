"""A dateline's city filed the report; it is not the event's place, but its lede is still news (issue 11).

The event of a dateline's first sentence stays a candidate: unplaced when the sentence names no other
place, placed by the places the text names, and at the dateline's city only when the text names that city
again as where it happened. Every sentence is written for the test. Report date Tuesday 4 March 2025.
"""

from sitmap.extract.dateline import dateline_end
from sitmap.extract.pipeline import Candidate, _gazetteer
from tests.extract.one_paragraph import candidates as _cands


def _events(cands: list[Candidate]) -> list[tuple[str | None, str]]:
    """(place, type) of each candidate proposed as an event (not kept as context)."""
    return [(c.location, c.event_type) for c in cands if not c.reason]


def _has_dateline(reference, text: str) -> bool:
    gaz = _gazetteer(reference)
    return dateline_end(text, lambda name: bool(gaz.lookup(name, exact_only=True)[0])) > 0


def test_a_capitals_dateline_lede_without_a_place_stays_unplaced(reference) -> None:
    text = "AMMAN -- Jordanian forces detained six smugglers near the frontier, a security official said."
    assert _has_dateline(reference, text)
    assert _events(_cands(reference, text)) == [(None, "arrest")]


def test_an_agency_dateline_lede_without_a_place_stays_unplaced(reference) -> None:
    text = "Damascus, June 8 (AFP) Three farmers were hurt when drones struck an orchard."
    assert _has_dateline(reference, text)
    events = _events(_cands(reference, text, day="2025-06-09"))
    assert [place for place, _ in events] == [None]


def test_a_dateline_lede_naming_another_place_is_placed_there(reference) -> None:
    text = "AMMAN -- Jordanian forces detained six smugglers near Ramtha, a security official said."
    assert _has_dateline(reference, text)
    assert [place for place, _ in _events(_cands(reference, text))] == ["Ar Ramtha"]


def test_a_dateline_lede_takes_the_only_place_its_paragraph_names(reference) -> None:
    text = (
        "AMMAN -- Jordanian forces detained six smugglers near the frontier, a security official said."
        " The crossing point lies near Ramtha."
    )
    assert _has_dateline(reference, text)
    assert _events(_cands(reference, text)) == [("Ar Ramtha", "arrest")]


def test_the_datelines_city_named_again_as_the_place_is_the_place(reference) -> None:
    text = "BEIRUT -- Gunmen attacked a checkpoint in Beirut overnight, residents said."
    assert _has_dateline(reference, text)
    assert [place for place, _ in _events(_cands(reference, text))] == ["Beirut"]


def test_a_dateline_lede_beside_another_event_keeps_its_own(reference) -> None:
    text = (
        "AMMAN -- Jordanian forces detained six smugglers near the frontier, a security official said."
        " A second group was arrested near Ramtha on Sunday."
    )
    cands = [c for c in _cands(reference, text) if not c.reason]
    # the lede's arrest (no date of its own: the day before the report) is its own event, placed by the
    # only place its paragraph names, beside Sunday's
    assert sorted((c.date, c.location) for c in cands) == [
        ("2025-03-02", "Ar Ramtha"),
        ("2025-03-03", "Ar Ramtha"),
    ]
