"""Geocoding by context, the class of mistakes issue 11's tune split and our own sentences showed (s16):
the report's theatre and the paragraph's words choose between same-named places, and a name followed by a
feature word ("the Hamrin mountains") is not a same-named village. Every sentence is our own."""

from __future__ import annotations

import pytest

from sitmap.extract.place_context import report_contexts
from sitmap.extract.places import find_places
from tests.extract.one_paragraph import candidates


def _places(gaz, *paragraphs: str) -> dict[str, str | None]:
    """Each mention's text -> its place id (None: unresolved), over a report of these paragraphs."""
    pairs = [(f"p{i}", text) for i, text in enumerate(paragraphs)]
    contexts = report_contexts(pairs, gaz)
    return {m.text: m.place_id for pid, text in pairs for m in find_places(text, gaz, contexts[pid])}


def test_the_reports_theatre_chooses_ariha_in_idlib_not_the_same_named_jericho(gaz):
    # Jericho (Arabic: Ariha) read context-free in the second paragraph used to anchor that very paragraph,
    # so Idlib's Ariha was refused as 450 km from "the other places of the text" (itself, read otherwise).
    found = _places(
        gaz,
        "Russian jets struck Saraqeb and Maarat al-Numan on Monday, local activists said.",
        "Government artillery shelled Jabal al-Arbaeen near Ariha on Tuesday.",
    )
    assert found["Ariha"] == "ariha-sy"


def test_a_syrian_paragraph_chooses_ariha_in_idlib(gaz):
    text = (
        "Syrian government artillery shelled Jabal al-Arbaeen near Ariha on Tuesday, the Syrian Observatory"
        " for Human Rights said."
    )
    assert _places(gaz, text)["Ariha"] == "ariha-sy"


def test_a_palestinian_paragraph_keeps_ariha_as_jericho(gaz):
    text = "Israeli forces raided a refugee camp in Ariha on Tuesday, the Palestinian health ministry said."
    assert _places(gaz, text)["Ariha"] == "jericho"


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi forces launched an operation against Islamic State cells in the Hamrin mountains on Sunday.",
        "Gunmen attacked an army post in the Hamrin hills north of Baqubah on Monday, officials said.",
    ],
)
def test_a_name_followed_by_a_terrain_word_is_not_a_same_named_village(gaz, text):
    # GeoNames' Hamarin is a Raqqa village; "Hamrin mountains" is a range in Iraq, a named region since
    # s20 ("Hamrin hills" is no name of it: named, left unresolved, not dropped).
    assert all(pid is None or not pid.startswith("hamarin") for pid in _places(gaz, text).values())
    assert {None, "hamrin-mountains"} & set(_places(gaz, text).values())


def test_a_village_followed_by_another_word_is_still_the_village(gaz):
    # The rule is about terrain words after the name; "the Ariha area" stays an area around the town.
    text = "Government forces shelled villages in the Ariha area of Idlib on Tuesday."
    assert _places(gaz, text)["Ariha"] == "ariha-sy"


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah said it fired rockets at Israeli troops on Jabal Blat on Monday.",
        "Israeli artillery shelled Jabal Blat on Monday, the Lebanese army said.",
    ],
)
def test_a_paragraph_about_israel_chooses_the_jabal_blat_by_the_border(gaz, text):
    # Two hills bear the name: one in Nabatieh on the front line, one in North Lebanon 130 km away. With no
    # other place, the countries the paragraph is about (Israel) rank the one nearer them.
    assert _places(gaz, text)["Jabal Blat"] == "jabal-blat-lb"


def test_the_ariha_countryside_in_an_idlib_paragraph_is_idlibs_ariha(reference):
    """ "the Ariha countryside" (our sentence, after a real Idlib report in no set, s18) is the area around
    Idlib's Ariha, at region precision; it was read as the West Bank's Jericho governorate (Ariha in
    Arabic)."""
    cands = candidates(
        reference, "Idlib province: regime artillery shelled villages in the Ariha countryside."
    )
    assert [(c.place_id, c.admin1) for c in cands] == [("ariha-sy", "Idlib")]
    assert cands[0].uncertainty_m is not None and cands[0].uncertainty_m >= 20_000


@pytest.mark.parametrize(
    "text",
    [
        "In Syria, government artillery shelled Ariha on Monday.",
        "Israeli forces raided Jenin in the West Bank on Monday. In Syria, the army shelled Ariha.",
    ],
)
def test_in_syria_opening_a_sentence_makes_its_ariha_syrias(gaz, text):
    assert _places(gaz, text)["Ariha"] == "ariha-sy"


def test_the_west_bank_named_as_a_country_leaves_no_unresolved_west(gaz):
    """ "In the West Bank" names the territory (a country alias): its first word is no place of its own."""
    found = _places(gaz, "In the West Bank, Israeli forces raided Jenin on Monday.")
    assert "West" not in found and found["Jenin"] == "janin"
