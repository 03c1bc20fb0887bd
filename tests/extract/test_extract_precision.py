"""Extraction precision on real reporting (issue 11): what reads like a place but is an actor, a people, a
motive or a bearing, what is dated too long before the report to be news, and the drone strike phrasings.

Each test names the rule it pins; report date Tuesday 4 March 2025 unless a test says otherwise.
"""

import pytest

from sitmap.extract.pipeline import Candidate, extract_candidates
from sitmap.store.reports import Paragraph, Report
from tests.extract.one_paragraph import candidates as _cands


def _places(cands: list[Candidate]) -> list[str | None]:
    return [c.location for c in cands]


# --- names of people and actors are not places -----------------------------------------------------


def test_a_people_named_before_groups_or_tribes_is_not_a_place(reference) -> None:
    text = "Clashes erupted on Sunday near Izra between Druze groups and Bedouin tribes."
    assert "Druze" not in _places(_cands(reference, text))
    assert "Bedouin" not in _places(_cands(reference, text))


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("On Friday the Islamic Resistance in Iraq said it had sent drones against the base.", "Iraq"),
        (
            "Iran's Revolutionary Guards said on Monday they had fired missiles at groups hostile to Iran.",
            "Iran",
        ),
        ("Jordan's army said on Saturday it clashed with gangs trying to cross from Syria.", "Syria"),
    ],
)
def test_a_country_in_an_actor_name_or_as_an_origin_is_not_a_location(reference, text: str, country) -> None:
    assert country not in _places(_cands(reference, text))


def test_a_country_named_as_where_it_happened_still_locates(reference) -> None:
    assert _places(_cands(reference, "Israeli jets struck targets in Syria on Monday.")) == ["Syria"]


# --- a motive, a province's namesake city, an old episode --------------------------------------------


def test_a_place_named_as_the_motive_is_not_the_event_place(reference) -> None:
    text = (
        "Yesterday the group said it struck Baghdad airport with a drone as a reply to Israel's war on Gaza."
    )
    places = _places(_cands(reference, text))
    assert "Gaza" not in places and places


def test_a_provinces_namesake_city_beside_a_village_of_it_is_a_coarse_restatement(reference) -> None:
    text = "Gunmen shot a man dead in Tafas on Monday, the second killing in Daraa within two hours."
    cands = _cands(reference, text)
    assert [c.place_id for c in cands] == ["tafas"]


def test_the_namesake_city_alone_is_still_the_place(reference) -> None:
    cands = _cands(reference, "Gunmen shot a man dead in Daraa on Monday.")
    assert [c.place_id for c in cands] == ["dara"]


def test_an_episode_dated_months_before_the_report_is_background(reference) -> None:
    text = "Since December it has raided the area; in June it had seized seven men in Beit Jinn."
    assert _cands(reference, text, day="2025-11-28") == []
    kept = extract_candidates(
        Report(id="r", title="t", publisher="p", date="2025-11-28", url="https://example.org/r",
               paragraphs=(Paragraph("p1", text),)),
        reference, with_context=True,
    )  # fmt: skip
    assert kept and all(c.reason and "background" in c.reason and c.confidence <= 0.3 for c in kept)
    # the same sentence in a report of early July is news
    assert [c.place_id for c in _cands(reference, text, day="2025-07-02")] == ["beit-jinn"]


# --- how strikes on cars and ships are told ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("On Sunday a US drone hit a car in Baghdad.", "airstrike"),
        ("On Sunday an Israeli drone fired twice at a car in Baghdad.", "airstrike"),
        ("On Sunday an Israeli air attack on Baghdad killed a man.", "airstrike"),
        ("On Sunday an Israeli attack on an army vehicle in Baghdad wounded two.", "airstrike"),
        ("On Sunday a car was hit in Baghdad.", "airstrike"),
        ("On Sunday a car was hit by a drone in Baghdad.", "airstrike"),  # an armed UAV's strike: airstrike
        (
            "On Sunday militants launched a drone at a base in Baghdad.",
            "drone_attack",
        ),  # a one-way attack drone
    ],
)
def test_strike_phrasings_of_real_reports_are_events(reference, text: str, kind: str) -> None:
    assert [(c.place_id, c.event_type) for c in _cands(reference, text)] == [("baghdad", kind)]


def test_the_passive_counts_only_for_vehicles(reference) -> None:
    # "sites ... were hit" added as many wrong candidates as right ones on the held-out passages
    assert _cands(reference, "On Sunday several buildings in Baghdad were hit.") == []


def test_a_vessel_that_was_hit_is_an_attack_on_shipping(reference) -> None:
    cands = _cands(reference, "On Thursday a vessel sailing off Hodeidah was hit by a projectile.")
    assert [c.event_type for c in cands] == ["attack_on_shipping"]


# --- names cut from longer ones, districts, far matches ----------------------------------------------


def test_a_name_cut_from_a_longer_one_is_not_resolved_to_the_short_ones_place(reference) -> None:
    # "Sharqiyeh" alone is a spelling of Sharjah. (The case this test was written on, Zawtar el-Sharqiyeh,
    # is in the gazetteer since s11, and resolves whole: see the next assertion.)
    text = "On Friday an Israeli air attack hit a car on the Deir el-Sharqiyeh road."
    [cand] = _cands(reference, text, day="2025-11-22")
    assert cand.place_id is None and cand.location == "Deir el-Sharqiyeh"
    text = "On Friday an Israeli air attack hit a car on the Zawtar el-Sharqiyeh road."
    [cand] = _cands(reference, text, day="2025-11-22")
    assert cand.place_id == "zawtar-ash-sharqiyah" and cand.country == "Lebanon"


def test_a_district_named_after_a_place_qualifies_it(reference) -> None:
    text = "On Friday a car was hit in Kafra, in the Bint Jbeil district."
    assert _places(_cands(reference, text, day="2025-10-01")) == ["Kafra"]


def test_a_weak_match_outside_the_countries_of_the_named_provinces_is_refused(reference) -> None:
    # Suwaysah (Quneitra) is a transliteration of Suez. (Froun, the case this test was written on, is in the
    # gazetteer since s11 and resolves to its own village in Lebanon: see the next assertion; Suwaysah is
    # OCHA's Sweisa since s14, in Quneitra.)
    text = "On Friday an Israeli raid on Suwaysah in Quneitra Governorate killed a man."
    [cand] = _cands(reference, text, day="2025-11-22")
    assert (cand.place_id, cand.country) == ("sweisa-sy", "Syria")  # not Suez in Egypt
    text = "On Friday an Israeli air attack on Froun in Nabatieh Governorate killed a man."
    [cand] = _cands(reference, text, day="2025-11-22")
    assert cand.place_id == "froun" and cand.country == "Lebanon"  # not Far'un in the West Bank


# --- days counted from the story ----------------------------------------------------------------------


def test_the_day_before_counts_from_the_previous_sentences_day(reference) -> None:
    text = "On Saturday a drone hit a car in Nawa. The day before, Israeli troops raided Jasim."
    assert {c.location: c.date for c in _cands(reference, text, day="2025-03-09")} == {
        "Nawa": "2025-03-08",
        "Jasim": "2025-03-07",
    }


def test_an_event_told_one_day_after_another_is_dated_a_day_earlier(reference) -> None:
    text = "On 2 March Israeli jets hit Damascus, a day after a drone sent by the militia struck Nawa."
    assert {c.location: c.date for c in _cands(reference, text)} == {
        "Damascus": "2025-03-02",
        "Nawa": "2025-03-01",
    }


def test_in_the_middle_of_a_village_introduces_it(reference) -> None:
    text = "On Monday an Israeli warplane fired two missiles at a house in the middle of Aitaroun."
    assert _places(_cands(reference, text)) == ["Aitaroun"]


def test_a_province_then_a_village_of_one_strike_make_one_candidate(reference) -> None:
    text = (
        "Local media said an Israeli drone strike on Wednesday in Nabatieh governorate killed one person. "
        "According to NNA, a car was hit in Kafra, in the Bint Jbeil district."
    )
    [cand] = _cands(reference, text, day="2025-10-01")
    assert cand.location == "Kafra" and cand.admin1 != "Mount Lebanon"  # not Jbeil's district
    assert set(cand.evidence["mentions"].value) == {"Nabatieh governorate", "Kafra"}


def test_an_unplaced_trigger_of_another_day_is_not_a_twin(reference) -> None:
    text = "The Houthis fired a missile toward Israel on 31 December, and US jets struck Sanaa on 1 January."
    assert sorted(c.date for c in _cands(reference, text, day="2025-01-03")) == ["2024-12-31", "2025-01-01"]


def test_the_weapon_after_with_types_the_strike_however_far_the_target_runs(reference) -> None:
    text = "Yesterday the group struck Baghdad airport, the base that hosts US troops, with a drone that hit."
    assert [c.event_type for c in _cands(reference, text)] == ["drone_attack"]


def test_a_possessive_country_before_a_place_does_not_cut_its_name(reference) -> None:
    assert [c.place_id for c in _cands(reference, "On Monday Israeli jets struck Syria's Daraa.")] == ["dara"]


def test_places_listed_after_positions_including_are_the_targets(reference) -> None:
    text = "On Monday Israeli jets struck positions including Dovev and Samaqa."
    assert sorted(_places(_cands(reference, text))) == ["Dovev", "Samaqa"]


def test_a_name_listed_after_a_resolved_place_is_read_on_as_a_place(reference) -> None:
    """ "Metula and Samaqa": a list continues after a place the gazetteer has, not only after one it
    lacks. Samaqa was dropped once the place before it resolved (Dovev, added to the gazetteer in s11,
    made the test above lose Samaqa)."""
    text = "On Monday Israeli jets struck positions including Metula and Samaqa."
    assert sorted(_places(_cands(reference, text))) == ["Metula", "Samaqa"]


# --- a sentence's opening place -----------------------------------------------------------------------


def test_a_sentence_opening_in_x_introduces_a_place_and_frames_later_clauses(reference) -> None:
    text = "In Dovev the soldiers cut trees on Monday; when villagers protested, the troops shot a man dead."
    rows = {(c.location, c.event_type) for c in _cands(reference, text)}
    assert rows == {("Dovev", "protest"), ("Dovev", "attack_on_civilians")}


def test_a_provinces_namesake_framing_the_sentence_gives_way_to_the_place_after_the_trigger(
    reference,
) -> None:
    text = "In Quneitra, local outlets said, soldiers entered Dovev on Sunday and then left."
    assert _places(_cands(reference, text)) == ["Dovev"]


def test_a_small_place_name_followed_by_another_capitalised_word_is_cut_from_a_longer_name(reference) -> None:
    """ "Ramot Hashavim" (a moshav near Kfar Saba) is not Ramot, the Golan village that "Ramot" names: a
    village's name followed at once by a capitalised word is part of a longer name the gazetteer lacks, as
    for the village-scale table's rows ("Ras Issa"). Before s11 "Ramot Naftali" was read as Ramot too."""
    text = "On Monday Hezbollah fired rockets at Ramot Hashavim and Kiryat Shmona."
    assert sorted((c.location, c.place_id) for c in _cands(reference, text)) == [
        ("Qiryat Shmona", "qiryat-shmona"),
        ("Ramot Hashavim", None),
    ]
