"""Names that read like places but are no event places (issue 11's place precision, s20): an outlet a
source spoke to, a group, a ship or a weapon's model, a street named with its town (the town is the place),
a country a drone came from. Our own sentences; each test also checks the real place survives.
"""

import pytest

from tests.extract.one_paragraph import candidates, mentions


def _places(reference, text: str) -> set[str | None]:
    return {c.location for c in candidates(reference, text)}


@pytest.mark.parametrize(
    ("text", "outlets", "place"),
    [
        (
            "According to a security source speaking to Al-Arabiya and Al-Hadath, an Israeli strike hit a"
            " depot near Al-Kiswah on Monday.",
            {"Al-Arabiya", "Al-Hadath", "Hadath"},
            "Al Kiswah",
        ),
        (
            "A local source gave the death toll to Sputnik on Monday, saying the air strike on Arman in"
            " Suwayda province had come at night.",
            {"Sputnik"},
            "Arman",
        ),
    ],
)
def test_an_outlet_a_source_spoke_to_is_no_place(reference, text: str, outlets: set[str], place: str) -> None:
    places = _places(reference, text)
    assert place in places
    assert not places & outlets


def test_a_guard_corps_is_an_organisation_not_a_place(reference) -> None:
    text = (
        "US jets on Monday bombed two depots in eastern Syria tied to Iran's Revolutionary Guard near"
        " Boukamal."
    )
    places = _places(reference, text)
    assert "Iran's Revolutionary Guard" not in places
    assert "Ālbū Kamāl" in places


def test_a_community_named_as_a_party_to_fighting_is_no_place(reference) -> None:
    places = _places(
        reference, "Fighting broke out again on Monday between Bedouin Arabs and Druze fighters near Izra."
    )
    assert "Bedouin Arabs" not in places
    assert "‘Izrā" in places


def test_a_ship_named_in_capitals_is_no_place(reference) -> None:
    text = (
        "The Houthis said on Monday they had fired missiles at the KALLIOPEIA, which they called an American"
        " ship, in the Gulf of Aden."
    )
    places = _places(reference, text)
    assert "KALLIOPEIA" not in places
    assert "Gulf of Aden" in places


def test_a_weapon_model_is_no_place(reference) -> None:
    text = "Hezbollah said on Monday its air defence unit targeted the Hermes 450 drone near Marjayoun."
    places = _places(reference, text)
    assert "Hermes" not in places
    assert "Marjayoun" in places


def test_where_drones_have_come_from_is_no_event_place(reference) -> None:
    text = (
        "The army said on Monday it had downed some 40 drones, most thought to have come from Iran, and none"
        " struck Haifa."
    )
    places = _places(reference, text)
    assert "Iran" not in places
    assert "Haifa" in places


@pytest.mark.parametrize(
    ("text", "street", "town"),
    [
        (
            "On Monday an Israeli strike hit a building near Shohada Street in eastern Tehran.",
            "Shohada Street",
            "Tehran",
        ),
        ("An Israeli drone struck a car on Monday on Hamra Street in Beirut.", "Hamra Street", "Beirut"),
        (
            "On Monday an Israeli strike hit a building near Shohada Street in the east of Tehran.",
            "Shohada Street",
            "Tehran",
        ),
    ],
)
def test_a_street_named_with_its_town_is_placed_at_the_town(
    reference, text: str, street: str, town: str
) -> None:
    places = _places(reference, text)
    assert street not in places
    assert town in places


@pytest.mark.parametrize(
    ("text", "not_there", "place"),
    [
        (  # two towns named to say where a village lies
            "A car was hit by a drone on Monday at Mazraat Kauthariyet El Rez, which is a town of Nabatieh"
            " governorate lying between Sidon and Tyre.",
            {"Sidon", "Tyre"},
            "Mazraat Kauthariyet El Rez",
        ),
        (  # the admin-1 a target lies in, named by its seat's name
            "On Monday warplanes carried out two air strikes on Ras Issa in Al-Hudaydah, in the west of"
            " Yemen.",
            {"Hodeidah"},
            "Ras Isa oil terminal",
        ),
        (  # where the agency reported from
            "The army said on Monday that jets had struck Hezbollah sites in Khiam during the night, TASS"
            " reported from Tel Aviv.",
            {"Tel Aviv"},
            "Khiam",
        ),
        (  # ... told with the governorate it lies in, a few words on
            "A car was hit by a drone on Monday at Mazraat Kauthariyet El Rez, a town in the Nabatieh"
            " Governorate in between Sidon and Tyre.",
            {"Nabatieh", "Sidon", "Tyre"},
            "Mazraat Kauthariyet El Rez",
        ),
        (  # where the drones were heading
            "On Monday drones were brought down over Irbid and were heading in the direction of Jerusalem.",
            {"Jerusalem"},
            "Irbid",
        ),
        (  # where the drones were flying to
            "On Monday drones were shot down over Irbid while flying toward Jerusalem.",
            {"Jerusalem"},
            "Irbid",
        ),
    ],
)
def test_a_town_that_locates_reports_or_is_flown_to_is_no_event_place(
    reference, text: str, not_there: set[str], place: str
) -> None:
    places = _places(reference, text)
    assert place in places
    assert not places & not_there


def test_an_admin1_a_few_words_after_a_village_qualifies_it(gaz) -> None:
    found = mentions(gaz, "On Monday jets bombed Deir Siriane village in Lebanon's Nabatieh governorate.")
    assert "Deir Siriane" in found
    assert not [m for m in found.values() if m.match == "admin1"]


@pytest.mark.parametrize(
    ("text", "not_there", "place"),
    [
        (  # a spokesman's name that a town also bears
            "The Houthis also carried out a drone attack on US Navy ships in the Red Sea, Saree told the"
            " Houthi-owned Al Masirah channel on Monday.",
            {"Sari"},
            "Red Sea",
        ),
        (  # a ship's flag
            "The group carried out a missile strike on Monday on the US-flagged oil tanker Torm Thor in the"
            " Gulf of Aden.",
            {"US-flagged"},
            "Gulf of Aden",
        ),
    ],
)
def test_a_speaker_or_a_flag_is_no_place(reference, text: str, not_there: set[str], place: str) -> None:
    places = _places(reference, text)
    assert place in places
    assert not places & not_there


@pytest.mark.parametrize(
    "text",
    [
        "On Monday residents of Khiam said an Israeli drone struck a car.",
        # at a sentence's start the capitalised span is "Residents of Khiam": no speaker's name, a phrase
        "Residents of Khiam told reporters that Israeli artillery shelled the town overnight.",
    ],
)
def test_the_place_speakers_are_from_stays(reference, text: str) -> None:
    assert "Khiam" in _places(reference, text)
