"""Extraction recall on real reporting (issue 11): cues that name an event's place the extractor missed.

Our own example sentences (none is an evaluation passage's wording); each test names the rule it pins and
fails without it. Report date Tuesday 4 March 2025 unless a test says otherwise.
"""

import pytest

from sitmap.extract.pipeline import Candidate
from tests.extract.one_paragraph import candidates as _cands

# --- "against X": the target of an attack is its place ---------------------------------------------


def test_against_names_the_target_place(reference) -> None:
    text = "A militia said on Monday that it had launched drones against Ain al-Assad air base in Iraq."
    cands = _cands(reference, text)
    # the air base of places_curated.csv (before it was there: the unresolved name "Ain al-Assad")
    assert [c.place_id for c in cands] == ["al-asad-airbase"]
    assert cands[0].country == "Iraq"  # never the same-named village in Israel


def test_a_place_in_a_country_the_text_does_not_name_is_refused(reference) -> None:
    text = "On Monday the group said it had fired rockets at Ain al-Assad, deep in Iraq."
    cands = _cands(reference, text)
    assert cands and all(c.place_id != "ein-el-asad-il" for c in cands)


def test_against_an_organisation_is_not_a_place(reference) -> None:
    # A guard for the "against" cue (passes on dd5fa35 too): the group struck is not where.
    text = "Coalition jets carried out strikes against Islamic State cells near Palmyra on Sunday."
    assert [c.place_id for c in _cands(reference, text)] == ["tadmur"]


# --- a clause with no place of its own: the place of its paragraph ---------------------------------


def _by_type(cands: list[Candidate]) -> dict[str, str | None]:
    return {c.event_type: c.place_id for c in cands}


def test_the_village_refers_back_to_the_last_place_named(reference) -> None:
    text = (
        "Residents protested in Khan Arnabah on Monday. "
        "On Tuesday troops raided the village and detained two men."
    )
    assert _by_type(_cands(reference, text))["raid"] == "khan-arnabah"


def test_the_town_named_only_later_in_the_paragraph(reference) -> None:
    text = (
        "Early on Sunday soldiers stormed the town and detained a farmer. "
        "In April they had patrolled in Hader as well."
    )
    assert _by_type(_cands(reference, text))["raid"] == "hader"


def test_an_unplaced_clause_takes_the_paragraphs_only_place(reference) -> None:
    text = "Shells fell on the outskirts of Tafas on Sunday. Clashes broke out on Monday between two clans."
    assert _by_type(_cands(reference, text))["armed_clash"] == "tafas"


def test_a_dateline_or_a_named_country_is_not_the_paragraphs_place(reference) -> None:
    # Guard (passes on dd5fa35 too): a dateline is no locative mention; the sentence names its country.
    text = "Beirut, Monday. Air raids on villages in south Lebanon on Sunday killed a fighter."
    assert all(c.place_id != "beirut" for c in _cands(reference, text))


def test_a_province_namesake_is_not_the_town_referred_to(reference) -> None:
    # Guard (passes on dd5fa35 too): "in Quneitra and Daraa" are provinces here, not "the town".
    text = (
        "Troops entered the town at dawn on Monday. Since December they have operated in Quneitra and Daraa."
    )
    assert all(c.place_id is None for c in _cands(reference, text) if c.event_type == "ground_incursion")


# --- the 1974 Area of Separation, Lines A and B and the countries' borders are places ---------------


@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        ("Israeli tanks entered the Area of Separation on Monday, UN observers said.", "area-of-separation"),
        ("Troops patrolled on the Bravo Line on Sunday.", "line-b"),
    ],
)
def test_the_1974_area_and_lines_are_places(reference, text: str, place_id: str) -> None:
    (cand,) = _cands(reference, text)
    assert cand.place_id == place_id
    assert cand.geo_precision == "region"  # an area or a line tens of km long, never a precise point


def test_a_border_is_a_place_on_the_two_countries_shared_boundary(reference) -> None:
    from sitmap.extract.places import Gazetteer

    gaz = Gazetteer.from_reference(reference)
    ids, _ = gaz.lookup("Syria-Jordan border")
    assert ids == gaz.lookup("Jordan–Syria border")[0] and len(ids) == 1
    rec = gaz.records[ids[0]]
    assert rec["name"] == "Jordan-Syria border"
    assert 32.2 < rec["lat"] < 33.4 and 35.6 < rec["lon"] < 38.8  # on the boundary between the two


# --- a crossing told with a second country is on their border ---------------------------------------


def test_a_crossing_from_one_country_told_by_another_is_on_their_border(reference) -> None:
    text = "Iraqi border guards clashed on Sunday with gunmen who tried to sneak in from Syria."
    assert [c.location for c in _cands(reference, text)] == ["Iraq-Syria border"]


def test_a_crossing_with_no_second_country_names_no_border(reference) -> None:
    # Guard (passes on dd5fa35 too): which border is unknown.
    text = "Gunmen who had crossed from Syria clashed with police on Sunday."
    assert all("border" not in (c.location or "") for c in _cands(reference, text))


# --- "hit X from the air" is an air strike, and "the village" in it is the paragraph's village --------


def test_hit_from_the_air_is_an_airstrike_at_the_village_referred_to(reference) -> None:
    text = (
        "Troops raided Khan Arnabah before dawn on Monday. "
        "After they withdrew, the army pounded the village from the air."
    )
    assert _by_type(_cands(reference, text)).get("airstrike") == "khan-arnabah"


def test_the_area_of_separation_written_in_lower_case_is_a_place(reference) -> None:
    text = "Observers said on Monday that two Israeli tanks had moved into the demilitarized zone."
    assert [c.place_id for c in _cands(reference, text)] == ["area-of-separation"]


# --- "X, where fighting went on": a relative "where" places its clause ------------------------------


def test_where_after_a_place_puts_its_clause_there(reference) -> None:
    text = "On Monday jets bombed the market town of Izra, where fighting continued into the night."
    assert _by_type(_cands(reference, text)).get("armed_clash") == "izra"
