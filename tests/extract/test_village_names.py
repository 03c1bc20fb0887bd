"""Syria's villages in the gazetteer (issue 11, s14: OCHA's communities in gazetteer.csv): the villages that
reports name resolve to the right governorate, and the ~7,000 new names do not start matching ordinary
words, people or other places (the matcher's rules for village-scale rows)."""

from __future__ import annotations

import pytest

from tests.extract.one_paragraph import mentions


def _found(gaz, text: str) -> dict[str, tuple[str | None, str | None]]:
    return {t: (m.place_id, m.admin1) for t, m in mentions(gaz, text).items()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Israeli forces raided Jamleh and Kuwaya in the Yarmouk Basin of western Daraa on Monday.",
            {"Jamleh": ("jomleh-sy", "Daraa"), "Kuwaya": ("koya-sy", "Daraa")},
        ),
        (
            "An Israeli patrol entered Koya, in the western Daraa countryside, on Sunday.",
            {"Koya": ("koya-sy", "Daraa")},
        ),
        (
            "Local media said Israeli soldiers pushed into Suwaisa, a village in the Quneitra countryside.",
            {"Suwaisa": ("sweisa-sy", "Quneitra")},
        ),
        (
            "Israeli troops set up a checkpoint in al-Rafid and searched houses in Rasm al-Halabi.",
            {"al-Rafid": ("rafid-sy", "Quneitra"), "Rasm al-Halabi": ("rasm-al-halabi-sy", "Quneitra")},
        ),
    ],
)
def test_villages_named_in_reports_resolve_in_their_governorate(gaz, text, expected):
    found = _found(gaz, text)
    assert {name: found.get(name) for name in expected} == expected


def test_the_yarmouk_basin_villages_lie_in_the_basin(gaz):
    """Jamleh and Kuwaya are in south-western Daraa, between the Golan and the Yarmouk (not elsewhere)."""
    for name in ("Jamleh", "Jamla", "Kuwaya", "Kowaya", "Koya"):
        (pid,), _ = gaz.lookup(name)
        rec = gaz.records[pid]
        assert rec["admin1"] == "Daraa" and 32.70 < rec["lat"] < 32.85 and 35.78 < rec["lon"] < 35.90, name


def test_a_city_wins_over_a_hamlet_spelt_like_it(gaz):
    """Three hamlets (Hama, Raqqa) bear the spelling "Sweida": with nothing in the text to choose, the
    city and governorate of As-Suwayda is meant."""
    assert len(gaz.lookup("Sweida")[0]) > 1
    text = "On 2 March clashes broke out in Sweida between Druze fighters and Bedouin gunmen."
    assert _found(gaz, text)["Sweida"] == ("as-suwayda", "As-Suwayda")


def test_a_village_is_not_a_three_consonant_transliteration(gaz):
    """Toulin (south Lebanon) is not Tlin (Hasakah), Zummar (Iraq) not Zmar (Aleppo): the consonant
    skeleton of a short name matches hundreds of villages, so only a very close spelling counts."""
    assert gaz.lookup("Toulin")[0] == ["touline-lb"]  # itself (GeoNames' LB extract), not Tlin
    # Zummar: now Lebanon's two Zoummar by their own spelling, still not Zmar of Aleppo
    assert all(gaz.records[i]["country"] == "Lebanon" for i in gaz.lookup("Zummar")[0])
    assert "sweisa-sy" in gaz.lookup("Suwaisa")[0]  # four consonants: still a spelling of Sweisa


def test_a_village_with_a_name_of_three_letters_is_not_found_by_it(gaz):
    """Hamlets called Hot, Has, Mil or Dar would match English words and abbreviations."""
    hot = next(pid for pid, r in gaz.records.items() if r["name"] == "Hot" and r.get("layer") == "villages")
    for word in ("Hot", "Has", "Mil", "Dar"):
        assert all(gaz.records[i].get("layer") != "villages" for i in gaz.lookup(word)[0]), word
    assert gaz.keys_of(hot)  # still indexed under its Arabic name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hamas said it had sent its reply to Abbas on Sunday.", "Abbas"),
        ("Washington sent a message to Sharaa after the strikes, officials said.", "Sharaa"),
        ("The envoy carried a letter from Karim Khan to the court.", "Karim"),
    ],
)
def test_a_village_named_like_a_public_figure_needs_a_place_cue(gaz, text, name):
    resolved = {k: v for k, v in _found(gaz, text).items() if v[0] is not None}
    assert not any(name in k for k in resolved), resolved


def test_with_a_place_cue_the_village_named_like_a_person_resolves(gaz):
    found = _found(gaz, "Clashes were reported in the village of Abbas, east of Deir ez-Zor, on Monday.")
    assert found["Abbas"][0] is not None and found["Abbas"][1] == "Deir ez-Zor"


@pytest.mark.parametrize(
    "text",
    [
        "Protesters in Damascus chanted Hurriyeh as they marched to the square.",
        "Fighters of Liwa al-Shuhada attacked a checkpoint near Daraa on Monday.",
        "Sabkha salt flats east of the city flooded after the rain, residents said.",
        "Manara, a local radio station, reported that the road was reopened.",
        "Al Jisr said the crossing would stay closed until Friday.",
    ],
)
def test_ordinary_words_that_are_village_names_do_not_resolve(gaz, text):
    villages = {
        k: v for k, v in _found(gaz, text).items() if v[0] and gaz.records[v[0]].get("layer") == "villages"
    }
    assert villages == {}


def test_a_city_named_beside_other_places_is_not_a_nearer_hamlet(gaz):
    """Dara, a hamlet of As-Suwayda, lies nearer Quneitra and Beit Jinn than the city of Daraa does: nearness
    alone does not make "Daraa" the hamlet (only a named admin-1 or country would)."""
    text = "Israel has operated mostly in Quneitra and Daraa; in June it seized seven men in Beit Jinn."
    found = _found(gaz, text)
    ids = (found["Quneitra"][0], found["Daraa"][0], found["Beit Jinn"][0])
    assert ids == ("quneitra", "dara", "beit-jinn")
