"""A dateline ("BEIRUT, 12 June 2025 — ", "BEIRUT (Reuters) — ", "12 June 2025 — ") is the report's own date
(issue 12, QA items 1, 2 and 16): never a second event date beside the sentence's own, never in the summary;
and a place the text puts in a country ("Kfar Kila in southern Lebanon") is in that country."""

import pytest

from tests.extract.one_paragraph import candidates as _cands

QA = (
    "BEIRUT, 12 June 2025 — Israeli forces raided the village of Kfar Kila in southern Lebanon on the night "
    "of 10 June 2025, local sources said. Soldiers detained two men and demolished a house before "
    "withdrawing toward the Blue Line."
)


def test_a_dateline_is_not_a_second_event_date(reference) -> None:
    cands = _cands(reference, QA, day="2025-06-12")
    dates = sorted((c.event_type, c.date) for c in cands)
    assert ("raid", "2025-06-10") in dates
    assert all(d == "2025-06-10" for _, d in dates), dates  # one date per event: the night of 10 June
    assert len({t for t, _ in dates}) == len(dates), dates  # no event twice


def test_a_datelined_sentence_without_its_own_date_is_dated_by_the_dateline(reference) -> None:
    text = "BEIRUT, 12 June 2025 — Israeli forces raided Kfar Kila, local sources said."
    (cand,) = _cands(reference, text, day="2025-06-14")
    assert (cand.date, cand.time_precision) == ("2025-06-12", "day")


def test_a_datelined_yesterday_counts_from_the_dateline(reference) -> None:
    text = "DAMASCUS, 5 May 2025 (AFP) — Israeli forces raided Jubata al-Khashab yesterday."
    (cand,) = _cands(reference, text, day="2025-05-07")
    assert cand.date == "2025-05-04"


def test_the_summary_leaves_the_dateline_out(reference) -> None:
    (raid,) = [c for c in _cands(reference, QA, day="2025-06-12") if c.event_type == "raid"]
    summary = raid.to_feature()["properties"]["summary"]
    assert summary.startswith("Israeli forces raided the village of Kfar Kila")
    assert raid.quote.startswith("BEIRUT, 12 June 2025")  # the quote stays the report's exact words


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("BEIRUT, 12 June 2025 — Israeli forces raided X.", "BEIRUT, 12 June 2025 — "),
        ("BEIRUT (Reuters) — Israeli forces raided X.", "BEIRUT (Reuters) — "),
        ("BEIRUT, June 12 (Reuters) - Israeli forces raided X.", "BEIRUT, June 12 (Reuters) - "),
        ("Kfar Kila, Lebanon, 12 June 2025 – Troops raided X.", "Kfar Kila, Lebanon, 12 June 2025 – "),
        ("12 June 2025 — Israeli forces raided X.", "12 June 2025 — "),
        ("Hezbollah — the Iran-backed group — fired rockets.", ""),
        ("On 3 March — a day after the truce — troops raided X.", ""),
        ("Israeli forces raided X on 12 June 2025 — a Monday.", ""),
        ("IDF — troops raided X.", ""),
    ],
)
def test_what_a_dateline_is(text: str, head: str) -> None:
    from sitmap.extract.dateline import dateline_end

    assert text[: dateline_end(text)] == head


def test_a_border_village_the_text_puts_in_lebanon_is_in_lebanon(reference) -> None:
    # Kfar Kila's point lies 0.4 km inside Israel as Natural Earth draws the border; its row keeps GeoNames'
    # Lebanon (`source_country`), and the text says "in southern Lebanon": Lebanon it is.
    (raid,) = [c for c in _cands(reference, QA, day="2025-06-12") if c.event_type == "raid"]
    assert (raid.place_id, raid.country, raid.admin1) == ("kfar-kila", "Lebanon", "Nabatieh")
    assert raid.id == "lbn-2025-06-10-kfar-kila-raid"


def test_a_country_far_from_the_place_does_not_move_it(reference) -> None:
    # Guard: the text's country counts only at that country's border; Metulla is no village of Iraq.
    text = "Israeli forces raided the village of Kfar Kila in Iraq on 10 June 2025."
    cands = _cands(reference, text, day="2025-06-12")
    assert all(c.country != "Iraq" or c.place_id != "kfar-kila" for c in cands)


@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_a_city_and_its_country_before_a_dash_are_a_dateline(reference, dash: str) -> None:
    # Real AP and AFP ledes began "BEIRUT, Lebanon - " and "Beirut, Lebanon – ": Beirut became the place of
    # strikes told in the south. Our own sentence.
    from tests.extract.one_paragraph import candidates

    text = f"BEIRUT, Lebanon {dash} Israeli jets struck several houses in a southern town on Sunday."
    assert [c.location for c in candidates(reference, text)] == [None]


def test_a_place_and_a_word_that_is_no_country_are_no_dateline() -> None:
    from sitmap.extract.dateline import dateline_end

    assert dateline_end("Hezbollah, Amal - the two parties - met.", lambda name: True) == 0


@pytest.mark.parametrize(
    ("text", "head"),
    [
        # a publisher, a dash and the city it files from, the lede straight after (Shafaq News' form)
        ("Shafaq News – Quneitra Israeli forces pushed into two villages.", "Shafaq News – Quneitra "),
        ("Shafaq News - Deir ez-Zor: Gunmen shot a man.", "Shafaq News - Deir ez-Zor: "),
        # a city, a short month and day, and a colon (Xinhua's form)
        ("Beirut, Oct 10: Israeli guns shelled a border town.", "Beirut, Oct 10: "),
        ("BEIRUT, 12 June 2025: Troops raided X.", "BEIRUT, 12 June 2025: "),
        # no dateline: a group's name and a dash, a place then a colon without a date, a publisher and no city
        ("Hezbollah – Israeli troops shelled a border town.", ""),
        ("Beirut: Israeli jets struck a southern town.", ""),
        ("Shafaq News – Israeli forces pushed into two villages.", ""),
    ],
)
def test_a_publisher_or_colon_dateline(gaz, text: str, head: str) -> None:
    from sitmap.extract.dateline import dateline_end

    assert text[: dateline_end(text, lambda name: bool(gaz.lookup(name, exact_only=True)[0]))] == head


def test_a_colon_datelines_date_is_no_second_event_date(reference) -> None:
    # "Beirut, Oct 10:" then a shelling told on "Monday": one event, dated Monday 9 October 2023
    text = "Beirut, Oct 10: Israeli guns on Monday shelled the edge of Aita al-Shaab in south Lebanon."
    dates = [(c.event_type, c.date) for c in _cands(reference, text, day="2023-10-10")]
    assert dates == [("shelling", "2023-10-09")], dates
