"""Extraction rules drawn from real reporting (issue 11), each checked on a sentence of our own.

Report date throughout: Tuesday 4 March 2025 unless a test says otherwise.
"""

import pytest

from sitmap.extract.pipeline import Candidate
from tests.extract.one_paragraph import candidates as _cands


def _rows(cands: list[Candidate]) -> list[tuple]:
    return [(c.location, c.date, c.date_end, c.event_type) for c in cands]


# --- dates ---------------------------------------------------------------------------------------------


def test_undated_event_gets_the_window_before_the_report(reference) -> None:
    cands = _cands(reference, "Soldiers raided Nawa and left.")
    assert _rows(cands) == [("Nawa", "2025-03-03", "2025-03-04", "raid")]
    assert cands[0].evidence["date"].confidence <= 0.5


def test_overnight_is_the_night_before_the_report(reference) -> None:
    cands = _cands(reference, "Soldiers raided Nawa overnight.")
    assert _rows(cands) == [("Nawa", "2025-03-03", "2025-03-04", "raid")]


def test_a_date_carries_over_a_reporting_only_sentence(reference) -> None:
    text = (
        "On 1 March soldiers raided Nawa. Witnesses said on Monday that the troops stayed for hours. "
        "They then raided Jasim."
    )
    rows = _rows(_cands(reference, text))
    assert ("Jasim", "2025-03-01", None, "raid") in rows


def test_a_new_date_ends_the_carry(reference) -> None:
    text = "On 1 March soldiers raided Nawa. On 3 March they raided Jasim. They also shelled Beit Jinn."
    rows = _rows(_cands(reference, text))
    assert ("Beit Jinn", "2025-03-03", None, "shelling") in rows


# --- not events ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Since January the air force has carried out 300 air strikes on Damascus, Homs and Hama.",
        "It was the fifth raid on Nawa this month.",
        "The army has made 48 raids on Nawa in 2024.",
        "Since December the army has operated mostly around Quneitra and Daraa.",
    ],
)
def test_aggregates_and_background_are_not_events(reference, text: str) -> None:
    assert _cands(reference, text) == []


def test_an_event_beside_an_aggregate_is_kept(reference) -> None:
    text = "On 2 March jets struck Douma; since January there have been 90 air strikes on the area."
    assert _rows(_cands(reference, text)) == [("Douma", "2025-03-02", None, "airstrike")]


def test_organisation_is_not_a_place(reference) -> None:
    text = "On 2 March soldiers raided Nawa and seized men they said belonged to Jabhat al-Nasr al-Watani."
    cands = _cands(reference, text)  # the men seized in the raid: an arrest there (operations.py)
    assert [(c.location, c.event_type) for c in cands] == [("Nawa", "raid"), ("Nawa", "arrest")]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("On 2 March a drone struck a car near Nawa; the driver came from Jasim.", "Nawa"),
        ("On 2 March a drone struck a tanker heading to Hasbaya.", None),
    ],
)
def test_home_towns_and_destinations_are_not_event_places(reference, text: str, place) -> None:
    assert {c.location for c in _cands(reference, text)} == {place}


def test_province_of_a_village_event_merges_into_the_village(reference) -> None:
    text = "On 2 March troops raided villages in Daraa province. They raided Nawa, in the Daraa countryside."
    assert _rows(_cands(reference, text)) == [("Nawa", "2025-03-02", None, "raid")]


def test_one_candidate_per_place_date_and_type(reference) -> None:
    text = "On 2 March jets struck Douma. Hours later jets struck Douma again."
    assert len(_cands(reference, text)) == 1


# --- types ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        (
            "On 2 March residents of Nawa protested against the soldiers who had entered the village.",
            "protest",
        ),
        ("On 2 March villagers demonstrated in Nawa against the new berm.", "protest"),
        ("On 2 March gunmen attacked an army patrol near Nawa.", "armed_clash"),
        ("On 2 March the navy test-fired a cruise missile off Hasbaya.", "weapons_test"),
    ],
)
def test_types(reference, text: str, etype: str) -> None:
    assert [c.event_type for c in _cands(reference, text)] == [etype]


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("On 2 March soldiers went into Nawa and searched homes.", "ground_incursion"),
        ("On 2 March jets carried out air raids on Nawa.", "airstrike"),
        ("On 2 March the militia sent drones against a base near Nawa.", "drone_attack"),
        ("On 2 March the group fired two anti-ship missiles at a tanker near Hasbaya.", "missile_strike"),
    ],
)
def test_more_types(reference, text: str, etype: str) -> None:
    assert [c.event_type for c in _cands(reference, text)] == [etype]


def test_background_in_recent_days_is_not_an_event(reference) -> None:
    assert _cands(reference, "Protests have spread in recent days around Nawa and Jasim.") == []


def test_a_place_inside_an_organisation_name_is_not_a_place(reference) -> None:
    text = "On 2 March soldiers raided Nawa and seized members of the Nawa Martyrs Brigade."
    assert [(c.location, c.event_type) for c in _cands(reference, text)] == [
        ("Nawa", "raid"),
        ("Nawa", "arrest"),
    ]


def test_a_word_of_an_organisation_name_is_not_matched_as_a_place(reference) -> None:
    text = "On 2 March soldiers raided Nawa and seized members of the Muslim Brotherhood."
    assert [(c.location, c.event_type) for c in _cands(reference, text)] == [
        ("Nawa", "raid"),
        ("Nawa", "arrest"),
    ]


def test_a_sentence_in_another_time_frame_stops_the_carried_date(reference) -> None:
    """'Throughout the war that began on <date>' opens another time frame: the previous sentence's year
    must not date it (the bundled report's Red Sea attacks were once dated 2018 this way)."""
    text = (
        "Gunmen raided Nawa in 2024. Throughout the war that began on 7 October 2023, the group "
        "shelled Tafas."
    )  # (a year within a year of the report: one over a year old is history, not an event: s19)
    dates = {row[3]: row[1] for row in _rows(_cands(reference, text))}  # event type -> date
    assert dates["raid"] == "2024"
    assert dates.get("shelling") != "2024"  # (and "throughout the war" is background: no event at all)
