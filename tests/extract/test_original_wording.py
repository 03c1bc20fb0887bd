"""Extraction on the reporters' own wording (issue 11): the shapes agency copy takes that our paraphrases
smoothed away. Every sentence here is written for the test, in the shape of real copy, never copied from it.

Report date Tuesday 4 March 2025 unless a test says otherwise.
"""

from sitmap.extract.dateline import dateline_end
from sitmap.extract.pipeline import Candidate, _gazetteer
from tests.extract.one_paragraph import candidates as _cands


def _events(cands: list[Candidate]) -> list[tuple[str | None, str | None, str]]:
    """(place, first day, type) of each candidate proposed as an event (not kept as context)."""
    return [(c.location, c.date, c.event_type) for c in cands if not c.reason]


# --- triggers: the noun of the attack as subject, gunmen, a base as the target ----------------------


def test_a_strike_or_attack_that_targeted_something_is_a_trigger(reference) -> None:
    text = "Lebanese media said on Monday the strike targeted a motorbike near Kafra."
    assert _events(_cands(reference, text)) == [("Kafra", "2025-03-03", "airstrike")]


def test_the_attack_targeted_a_vehicle_is_a_trigger(reference) -> None:
    text = "On Monday the attack targeted a pickup truck in Kafra, local radio said."
    assert [e[:2] for e in _events(_cands(reference, text))] == [("Kafra", "2025-03-03")]


def test_killed_by_unknown_gunmen_is_violence_against_civilians(reference) -> None:
    text = "Police said a farmer was killed by unknown gunmen on Sunday outside Nawa."
    assert _events(_cands(reference, text)) == [("Nawa", "2025-03-02", "attack_on_civilians")]


def test_gunmen_who_shot_someone_are_a_trigger(reference) -> None:
    text = "Unidentified gunmen shot with live rounds a trader in Nawa on Monday and fled."
    assert [e[:2] for e in _events(_cands(reference, text))] == [("Nawa", "2025-03-03")]


def test_a_group_that_targeted_an_air_base_reports_an_attack(reference) -> None:
    text = "An armed faction claimed on Monday it targeted Ain al-Asad airbase; no casualties were reported."
    assert [e[:2] for e in _events(_cands(reference, text))] == [("Al-Asad Airbase", "2025-03-03")]


# --- background words that qualify another noun do not make the event background --------------------


def test_last_years_truce_named_in_the_sentence_does_not_make_the_strike_background(reference) -> None:
    text = (
        "A drone strike hit a van in Yater on Monday, in breach of last year's truce, the news agency said."
    )
    assert [e[:2] for e in _events(_cands(reference, text))] == [("Yater", "2025-03-03")]


def test_last_years_strikes_are_still_background(reference) -> None:
    text = "Last year's air strikes on Yater killed forty people, the ministry said on Monday."
    assert _events(_cands(reference, text)) == []


# --- place phrases of agency copy --------------------------------------------------------------------


def test_the_villages_of_two_names_are_both_places(reference) -> None:
    text = "Israeli troops on Monday entered the villages of Ain Nahla and Kharbat Saqr in Quneitra province."
    assert {c.location for c in _cands(reference, text)} == {"Ain Nahla", "Kharbat Saqr"}


def test_between_the_villages_of_two_names(reference) -> None:
    text = "An Israeli drone struck a car between the villages of Ain Nahla and Kharbat Saqr on Monday."
    assert {c.location for c in _cands(reference, text)} == {"Ain Nahla", "Kharbat Saqr"}


def test_a_single_letter_is_no_place(reference) -> None:
    text = "The commander was killed in the U.S. drone strike in Baghdad on Monday, officials said on X."
    assert [c.location for c in _cands(reference, text)] == ["Baghdad"]


def test_city_after_a_town_name_is_no_second_place(reference) -> None:
    text = "Gunmen shot a trader dead on Monday in Tafs City, Daraa's western countryside."
    assert [c.place_id for c in _cands(reference, text)] == ["tafas"]


# --- the dateline is where the report was filed, not where the event happened ------------------------


def _dateline(reference, text: str) -> str:
    """The dateline the pipeline reads, with its own gazetteer test for a place in capitals."""
    gaz = _gazetteer(reference)
    return text[: dateline_end(text, lambda name: bool(gaz.lookup(name, exact_only=True)[0]))]


def test_a_datelines_city_is_not_the_events_place(reference) -> None:
    text = "BEIRUT, March 3 (Reuters) - The army said it arrested 15 smugglers on Monday."
    assert "Beirut" not in [c.location for c in _cands(reference, text)]
    assert _dateline(reference, text) == "BEIRUT, March 3 (Reuters) - "  # not vacuous: no candidate passes


def test_a_capitals_place_and_a_double_hyphen_are_a_dateline(reference) -> None:
    text = "AMMAN -- The army said on Monday it arrested 15 smugglers at the border."
    assert "Amman" not in [c.location for c in _cands(reference, text)]
    assert _dateline(reference, text) == "AMMAN -- "  # not vacuous: no candidate passes the line above


# --- a country named later in the story restates the province, it does not replace it ---------------


def test_a_country_after_a_province_does_not_swallow_it(reference) -> None:
    text = (
        "Israeli aircraft bombed central Damascus on Wednesday afternoon. A spokesman said the strike hit a"
        " command compound amid unrest among civilians in Syria."
    )
    events = _events(_cands(reference, text, day="2025-07-16"))
    assert [e[0] for e in events] == ["Damascus"]


# --- the agency dateline without a dash ---------------------------------------------------------------


def test_a_dateline_with_date_and_agency_needs_no_dash(reference) -> None:
    text = "Beirut, March 3 (AFP) Two shepherds were wounded when Israeli air strikes hit farmland."
    assert "Beirut" not in [c.location for c in _cands(reference, text)]
    assert _dateline(reference, text) == "Beirut, March 3 (AFP) "  # not vacuous: no candidate passes


# --- "a day after": the earlier event's day, also when the day is carried from the sentence before ---


def test_a_day_after_shifts_a_carried_date(reference) -> None:
    text = (
        "An Israeli drone struck a car in Yater on Sunday. It happened a day after a shepherd died when"
        " jets bombed Kafra."
    )
    dated = {c.location: c.date for c in _cands(reference, text)}
    assert dated == {"Yater": "2025-03-02", "Kafra": "2025-03-01"}


def test_a_drone_launched_by_a_group_that_hit_a_city_is_an_event(reference) -> None:
    text = (
        "Warplanes hit Hodeidah port on Saturday, one day after a drone sent by the rebels struck Tel Aviv."
    )
    dated = {c.location: (c.date, c.event_type) for c in _cands(reference, text)}
    assert dated["Tel Aviv"] == ("2025-02-28", "drone_attack")


# --- background and anaphora ---------------------------------------------------------------------------


def test_for_the_past_months_is_background(reference) -> None:
    text = "For the past five months, the army has occupied Kafra and a strip of farmland beside it."
    assert _events(_cands(reference, text)) == []


def test_these_protests_refer_back_and_are_no_new_event(reference) -> None:
    text = (
        "Villagers protested in Yater on Monday. Despite these protests, troops kept building an outpost"
        " near Kafra."
    )
    assert [e[2] for e in _events(_cands(reference, text)) if e[2] == "protest"] == ["protest"]


# --- bearings and areas around a place ------------------------------------------------------------------


def test_east_of_the_village_of_x_is_a_bearing_and_the_outskirts_of_the_dam_the_place(reference) -> None:
    text = "On Monday troops entered the outskirts of the Wadi Saqr Dam, north of the village of Quneitra."
    assert [c.location for c in _cands(reference, text)] == ["Wadi Saqr Dam"]


# --- parts of a building or of a town are not a second place ------------------------------------------


def test_a_command_named_in_capitals_is_no_place(reference) -> None:
    text = (
        "Israeli aircraft bombed central Damascus on Wednesday afternoon. A spokesman said the strike hit"
        " the General Staff building."
    )
    assert [c.location for c in _cands(reference, text, day="2025-07-16")] == ["Damascus"]


def test_a_neighbourhood_of_a_town_named_after_it_is_the_town(reference) -> None:
    text = "A drone struck a moving car in the al-Hamra neighborhood of Yater on Sunday."
    assert [c.location for c in _cands(reference, text)] == ["Yater"]


# --- the earlier attack a strike answers is its cause, not a second event -----------------------------


def test_retaliation_against_an_attack_names_a_cause(reference) -> None:
    text = (
        "Officials said the drone strike in Baghdad on Monday was part of the retaliation against the"
        " rocket attack in Erbil that killed two soldiers."
    )
    assert [e[0] for e in _events(_cands(reference, text))] == ["Baghdad"]


def test_a_group_that_attacked_israeli_sites_including_three_reports_each(reference) -> None:
    text = (
        "Hezbollah fighters attacked three army sites, including Metula, Yuval and Kiryat Shmona, on Monday."
    )
    assert {e[0] for e in _events(_cands(reference, text))} == {"Metula", "Yuval", "Qiryat Shmona"}


# --- headline tense and regions named with an adjective ------------------------------------------------


def test_two_forces_that_strike_in_the_present_tense(reference) -> None:
    text = "US and British strike Houthi depots in Hodeidah province, rebel television reports."
    assert [(e[0], e[2]) for e in _events(_cands(reference, text))] == [("Al Hudaydah", "airstrike")]


def test_the_mountainous_region_of_a_district_is_a_place(reference) -> None:
    text = "On Monday the strikes targeted Houthi sites in the hilly region of Wadi Saqr district."
    assert [c.location for c in _cands(reference, text)] == ["Wadi Saqr"]
