"""Extraction, second round (issue 11): the first round's leftovers as general rules. Every sentence is
written for the test in the shape strike reporting takes, never copied from a report.

Report date Tuesday 4 March 2025 unless a test says otherwise.
"""

from sitmap.extract.pipeline import Candidate
from tests.extract.one_paragraph import candidates as _cands


def _events(cands: list[Candidate]) -> list[tuple[str | None, str | None, str]]:
    """(place, first day, type) of each candidate proposed as an event (not kept as context)."""
    return [(c.location, c.date, c.event_type) for c in cands if not c.reason]


# --- "the Iraqi capital": a country's capital named by its demonym ------------------------------------


def test_the_capital_table_answers_by_demonym() -> None:
    from sitmap.extract.capitals import capital_named  # new in this round: imported here so the
    # other tests run (and fail) on the base too

    assert capital_named("Lebanese") == "Beirut"
    assert capital_named("Yemeni") == "Sanaa"
    assert capital_named("Martian") is None


def test_the_demonyms_capital_is_the_event_place(reference) -> None:
    text = "Warplanes struck a militia headquarters in the Iraqi capital on Monday, officials said."
    assert _events(_cands(reference, text)) == [("Baghdad", "2025-03-03", "airstrike")]


def test_the_capitals_outskirts_are_the_area_around_it(reference) -> None:
    text = "A drone hit a car on the southern outskirts of the Syrian capital on Monday."
    cands = [c for c in _cands(reference, text) if not c.reason]
    assert [c.location for c in cands] == ["Damascus"]
    assert cands[0].uncertainty_m is not None and cands[0].uncertainty_m > 5_000


def test_the_capital_named_after_its_demonym_is_one_place(reference) -> None:
    text = "Clashes broke out on Monday in the Yemeni capital Sanaa between rival units."
    assert _events(_cands(reference, text)) == [("Sanaa", "2025-03-03", "armed_clash")]


# --- goods and substances are not places --------------------------------------------------------------


def test_seized_pills_and_drugs_are_no_place(reference) -> None:
    text = "Border guards on Monday clashed with smugglers near Jaber and seized Captagon pills and Hashish."
    assert [e[0] for e in _events(_cands(reference, text))] == ["Jaber"]


# --- the place and date told in the next sentence of the story ----------------------------------------


def test_a_salvo_placed_and_dated_by_the_next_sentence(reference) -> None:
    text = (
        "The faction said it launched ballistic missiles at a base housing US troops. "
        "Its statement on Monday evening said the base lies in Erbil."
    )
    assert _events(_cands(reference, text)) == [("Erbil", "2025-03-03", "missile_strike")]


def test_a_next_sentence_with_its_own_event_is_not_joined(reference) -> None:
    text = (
        "The faction said it launched ballistic missiles at a base housing US troops. "
        "On Monday warplanes struck a depot in Erbil."
    )
    assert [e[0] for e in _events(_cands(reference, text))] == ["Erbil"]


# --- triggers: a position targeted with rockets, a swarm of drones, a list of provinces ---------------


def test_targeted_a_position_with_rockets_is_a_missile_strike(reference) -> None:
    text = "Rebels on Monday targeted an army position near Nawa with rockets, locals said."
    assert _events(_cands(reference, text)) == [("Nawa", "2025-03-03", "missile_strike")]


def test_a_swarm_of_drones_is_a_drone_attack(reference) -> None:
    text = "The group attacked a base near Erbil with a swarm of drones on Monday."
    assert _events(_cands(reference, text)) == [("Erbil", "2025-03-03", "drone_attack")]


def test_strikes_on_listed_provinces_give_one_event_per_province(reference) -> None:
    text = "On Monday Israeli airstrikes on Daraa, Quneitra and Homs provinces killed three people."
    assert sorted(e[0] or "" for e in _events(_cands(reference, text))) == ["Daraa", "Homs", "Quneitra"]


def test_a_weekday_after_the_capital_is_no_name_of_it(reference) -> None:
    text = "Officials said a drone struck a van parked in the Iraqi capital Friday evening."
    assert [e[0] for e in _events(_cands(reference, text))] == ["Baghdad"]


# --- an armed UAV's strike on a vehicle is an airstrike; a one-way attack drone at a base is not ------


def test_a_drone_that_hits_a_vehicle_is_an_airstrike(reference) -> None:
    text = "On Monday a drone strike hit a motorbike on the road near Kafra, killing its rider."
    assert _events(_cands(reference, text)) == [("Kafra", "2025-03-03", "airstrike")]


def test_drones_launched_at_a_base_stay_a_drone_attack(reference) -> None:
    text = "The faction said it launched two drones at a base near Erbil on Monday."
    assert _events(_cands(reference, text)) == [("Erbil", "2025-03-03", "drone_attack")]
