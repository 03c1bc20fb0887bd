"""Extraction as an analyst reads a report (issue 11): relative dates, background, types, merging, ids.

Report date throughout: Tuesday 4 March 2025 unless a test says otherwise.
"""

from datetime import date
from pathlib import Path

import pytest

from sitmap.extract.dates import find_dates, report_date_from_text
from sitmap.extract.pipeline import Candidate, extract_candidates
from sitmap.reference.layers import load_reference
from sitmap.store.reports import Paragraph, Report
from tests.extract.one_paragraph import candidates as _cands

ROOT = Path(__file__).resolve().parents[2]
TUESDAY = date(2025, 3, 4)


def _rows(cands: list[Candidate]) -> list[tuple]:
    return [(c.location, c.date, c.date_end, c.time_precision, c.event_type) for c in cands]


# --- dates ---------------------------------------------------------------------------------------------


def test_seed_report_original_wording_dates_the_tell_al_mal_raid() -> None:
    text = (
        "Syrian media reported on March 3 that Israeli forces raided a former Syrian Arab Army (SAA) base "
        "on Tell al Mal, Quneitra Province."
    )
    cands = _cands(load_reference(ROOT / "geodata"), text)
    raid = [c for c in cands if c.place_id == "tell-al-mal"]
    assert [(c.event_type, c.date, c.time_precision) for c in raid] == [("raid", "2025-03-03", "day")]
    assert raid[0].id == "syr-2025-03-03-tell-al-mal-raid"
    assert "on or before" in raid[0].evidence["date"].reason


def test_reporting_weekday_dates_the_event_that_day(reference) -> None:
    rows = _rows(_cands(reference, "SOHR reported on Sunday that Israeli troops raided Nawa."))
    assert rows == [("Nawa", "2025-03-02", None, "day", "raid")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Soldiers raided Nawa last night.", ("2025-03-03", "2025-03-04", "day")),
        ("Soldiers raided Nawa yesterday.", ("2025-03-03", None, "day")),
        ("Soldiers raided Nawa earlier this week.", ("2025-03-03", "2025-03-04", "week")),
        ("Soldiers raided Nawa on Sunday.", ("2025-03-02", None, "day")),
        # "during the night" of a report dated Tuesday by a source: the night before that Tuesday
        (
            "Local media said on Sunday that soldiers raided Nawa during the night.",
            ("2025-03-01", "2025-03-02", "day"),
        ),
    ],
)
def test_relative_dates_against_the_report_date(reference, text: str, expected: tuple) -> None:
    rows = _rows(_cands(reference, text))
    assert [r[1:4] for r in rows] == [expected]


def test_a_reporting_date_carries_to_the_next_sentences_of_the_story(reference) -> None:
    text = (
        "SOHR reported on Sunday that Israeli troops raided Nawa. The troops searched houses. "
        "They then raided Jasim. On 3 March they raided Tafas."
    )
    rows = {r[0]: r[1] for r in _rows(_cands(reference, text))}
    assert rows == {"Nawa": "2025-03-02", "Jasim": "2025-03-02", "Ţafas": "2025-03-03"}


def test_a_date_does_not_carry_into_another_paragraph(reference) -> None:
    report = Report(
        id="r", title="t", publisher="p", date="2025-03-04", url="https://example.org/r",
        paragraphs=(Paragraph("p1", "On 1 March troops raided Nawa."), Paragraph("p2", "They raided Jasim.")),
    )  # fmt: skip
    rows = {c.location: c.date for c in extract_candidates(report, reference)}
    assert rows["Jasim"] == "2025-03-03"  # the news window, not 1 March


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Southern Syria, 4 March 2025\n\nIsraeli forces raided Nawa on 3 March.", date(2025, 3, 4)),
        ("Iran Update, March 4, 2025\nSyrian media reported on March 3 that ...", date(2025, 3, 4)),
        ("Monday, 19 February 2024. Houthi fighters hit a ship.", date(2024, 2, 19)),
        ("Houthi fighters hit a ship on 19 February.", None),  # a date without a year is no dateline
    ],
)
def test_report_date_read_from_the_text(text: str, expected) -> None:
    assert report_date_from_text(text) == expected


def test_last_years_is_context() -> None:
    [m] = find_dates("Last year's strikes on Damascus killed dozens.", TUESDAY)
    assert (m.date, m.precision, m.role) == ("2024", "year", "context")


@pytest.mark.parametrize(
    "text",
    [
        "Throughout the war Israeli jets struck Damascus.",
        "Since December 2024, Israel has carried out 500 airstrikes in Damascus, Homs and Aleppo.",
        "Over the past week Israeli jets struck Damascus.",
        "Last year's strikes on Damascus killed dozens.",
    ],
)
def test_background_is_not_an_event(reference, text: str) -> None:
    assert _cands(reference, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Israel plans to raid Nawa on 5 March.",
        "Israeli forces are expected to deploy to Nawa.",
        "Israeli jets could strike Damascus.",
        "Hezbollah denied carrying out the rocket attack on Nawa on 2 March.",
        "The army did not shell Nawa on 2 March.",
    ],
)
def test_plans_forecasts_and_denials_are_not_events(reference, text: str) -> None:
    assert _cands(reference, text) == []


def test_context_comes_with_a_low_score_and_a_reason_when_asked(reference) -> None:
    text = "On 2 March soldiers raided Nawa. Hezbollah denied carrying out the rocket attack on Jasim."
    report = Report(
        id="r", title="t", publisher="p", date="2025-03-04", url="https://example.org/r",
        paragraphs=(Paragraph("p1", text),),
    )  # fmt: skip
    cands = extract_candidates(report, reference, with_context=True)
    by_place = {c.location: c for c in cands}
    assert by_place["Nawa"].reason == "" and by_place["Nawa"].confidence > 0.5
    denied = by_place["Jasim"]
    assert denied.confidence <= 0.3 and "denied" in denied.reason
    assert Candidate.from_feature(denied.to_feature(with_candidate=True)).reason == denied.reason


def test_a_crowd_is_not_a_count_of_events(reference) -> None:
    rows = _rows(_cands(reference, "On 2 March hundreds protested in Nawa against the incursion."))
    assert [r[4] for r in rows] == ["protest"]


def test_earlier_attacks_recalled_are_background(reference) -> None:
    text = "On 2 March jets struck Douma; earlier missile and drone attacks on Nawa had done little harm."
    assert [c.location for c in _cands(reference, text)] == ["Douma"]


def test_a_second_strike_is_another_event_not_a_count(reference) -> None:
    text = "On 2 March jets struck Douma; a second strike hit Nawa."
    assert sorted(c.location for c in _cands(reference, text)) == ["Douma", "Nawa"]


# --- types (ACLED-aligned) -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("On 2 March hundreds protested in Nawa against the incursion.", "protest"),
        ("On 2 March Iran test-fired a ballistic missile near Isfahan.", "weapons_test"),
        ("On 2 March Syrian security forces arrested three men in Nawa.", "arrest"),
        ("On 2 March the troops took a young man into custody in Nawa.", "arrest"),
        ("On 2 March fresh fighting broke out in Nawa.", "armed_clash"),
        ("On 2 March the Jordanian air force carried out an airdrop over Nawa.", "airdrop"),
        ("On 2 March gunmen shot a man dead in Nawa.", "attack_on_civilians"),
        ("On 2 March gunmen abducted a teacher in Nawa.", "abduction"),
        ("On 2 March Israeli forces established two new positions near Nawa.", "base_established"),
        ("On 2 March Israeli bulldozers demolished homes in Nawa.", "property_destruction"),
        ("On 2 March Iran unveiled a new ballistic missile in Isfahan.", "weapons_development"),
    ],
)
def test_acled_aligned_types(reference, text: str, etype: str) -> None:
    assert [c.event_type for c in _cands(reference, text)] == [etype]


def test_who_attacked_whom(reference) -> None:
    [cand] = _cands(reference, "On 2 March gunmen attacked an Israeli patrol near Nawa.")
    assert cand.event_type == "armed_clash"
    assert cand.actors == ["Unidentified armed group", "Israel Defense Forces"]


def test_new_types_map_to_acled_pairs() -> None:
    from sitmap.ingest.acled import map_event_type
    from sitmap.vocabulary import EVENT_TYPES

    for key in ("abduction", "base_established", "property_destruction"):
        t = EVENT_TYPES[key]
        assert map_event_type(t.acled_event_type, t.acled_sub_event_type)[0] == key
    assert EVENT_TYPES["abduction"].acled_event_type == "Violence against civilians"


# --- ids -----------------------------------------------------------------------------------------------


def test_ids_are_transliterated() -> None:
    from sitmap.extract.ids import event_id

    props = {"country": "Syria", "date": "2025-03-02", "event_type": "raid"}
    assert event_id({**props, "location": "Ţafas"}) == "syr-2025-03-02-tafas-raid"
    assert event_id({**props, "location": "al-Yarmūk"}) == "syr-2025-03-02-al-yarmuk-raid"


def test_id_follows_the_analysts_fixes_before_acceptance() -> None:
    from sitmap.extract.review import event_feature

    cand = Candidate(
        id="xxx-undated-unlocated-raid", report_id="r", paragraph_id="p1", start=0, end=10,
        sentence="Soldiers raided the village.", event_type="raid", date=None, time_precision=None,
    )  # fmt: skip
    edits = {"date": "2025-03-02", "time_precision": "day", "location": "Ţafas", "country": "Syria"}
    assert event_feature(cand, edits)["id"] == "syr-2025-03-02-tafas-raid"
    cand.id += "-2"  # a second raid the same day keeps its suffix
    assert event_feature(cand, edits)["id"] == "syr-2025-03-02-tafas-raid-2"
    cand.id = "my-own-id"  # an id the analyst chose stays
    assert event_feature(cand, edits)["id"] == "my-own-id"
    assert event_feature(cand, {**edits, "id": "typed"})["id"] == "typed"


# --- one candidate per (place, date, type) -------------------------------------------------------------


def test_a_place_named_twice_keeps_both_spellings(reference) -> None:
    text = "On 2 March Israeli forces raided Tell al Mal. Residents said troops raided Tal al-Mal on 2 March."
    [cand] = _cands(reference, text)
    assert cand.event_type == "raid"
    assert set(cand.evidence["mentions"].value) == {"Tell al Mal", "Tal al-Mal"}


def test_a_coarser_mention_in_a_later_paragraph_merges_into_the_village(reference) -> None:
    report = Report(
        id="r", title="t", publisher="p", date="2025-03-04", url="https://example.org/r",
        paragraphs=(
            Paragraph("p1", "On 2 March Israeli forces raided Nawa."),
            Paragraph("p2", "On 2 March Israeli forces also raided villages in Daraa province."),
        ),
    )  # fmt: skip
    [cand] = extract_candidates(report, reference)
    assert cand.location == "Nawa"
    assert "Nawa" in cand.evidence["mentions"].value and len(cand.evidence["mentions"].value) == 2


def test_a_drone_subject_and_jets_set_the_type(reference) -> None:
    text = "On 2 March Israeli jets hit Damascus, a day after a drone sent by the militia struck Nawa."
    assert {c.location: c.event_type for c in _cands(reference, text)} == {
        "Damascus": "airstrike",
        "Nawa": "drone_attack",
    }


def test_a_cause_named_is_not_a_second_event(reference) -> None:
    text = "On 2 March US jets struck Damascus in retaliation for the drone attack on Nawa."
    assert [c.location for c in _cands(reference, text)] == ["Damascus"]


def test_a_merged_mention_keeps_its_stated_distance(reference) -> None:
    report = Report(
        id="r", title="t", publisher="p", date="2025-03-04", url="https://example.org/r",
        paragraphs=(
            Paragraph("p1", "Israeli forces raided Tell al Mal on 3 March."),
            Paragraph("p2", "Israeli forces raided a position on Tell al Mal on 3 March [1]."),
            Paragraph("p3", "Tell al Mal lies around 16 kilometres from the 1974 disengagement zone."),
        ),
    )  # fmt: skip
    [cand] = extract_candidates(report, reference)
    assert [c["stated_km"] for c in cand.claims] == [16.0]
