"""The scorer's failure categories (benchmarks/extraction_failures.py): each miss and extra lands in one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from by_path import load_by_path

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def scorer():
    return load_by_path("extraction_eval", ROOT / "benchmarks" / "extraction_eval.py")


@pytest.fixture(scope="module")
def gaz():
    from sitmap.extract.places import Gazetteer
    from sitmap.reference.layers import load_reference

    return Gazetteer.from_reference(load_reference(ROOT / "geodata"))


DAY = {"start": date(2024, 6, 6), "end": date(2024, 6, 7)}
TAFAS = {"place": "Tafas", "lat": 32.73709, "lon": 36.06654, "type": "raid", "date": DAY, "actors": []}
FARM = {"place": "Nowhere Farm", "type": "raid", "date": DAY, "actors": []}  # in no gazetteer


def cand(location, day="2024-06-06", lat=None, lon=None, precision="near"):
    from sitmap.extract.pipeline import Candidate

    return Candidate(
        "c", "r", "p1", 0, 1, "s", "raid", day, "day" if day else None,
        location=location, lat=lat, lon=lon, geo_precision=precision,
    )  # fmt: skip


def score(scorer, gaz, events, cands, text, distractors=()):
    s = scorer.Scores()
    passage = {"id": "x", "events": events, "distractors": list(distractors)}
    scorer.score_passage(passage, cands, gaz, {}, 10.0, s, text=text)
    return s


def test_missed_events_are_told_apart_by_where_the_pipeline_lost_them(scorer, gaz):
    text = "Forces raided Tafas and Nowhere Farm."
    s = score(scorer, gaz, [TAFAS, FARM], [], text)
    assert s.missed == {"named, not proposed": 1, "not in our gazetteer": 1}
    s = score(scorer, gaz, [TAFAS], [], "Forces raided a village west of Daraa.")
    assert s.missed == {"not named in the text": 1}
    s = score(scorer, gaz, [TAFAS], [cand("Tafas", day=None)], text)
    assert s.missed == {"place found, undated": 1}
    s = score(scorer, gaz, [TAFAS], [cand("Tafas", day="2024-07-01")], text)
    assert s.missed == {"place found, other date": 1}
    # Two raids at Tafas the same days, one candidate: the second event's place was found, and taken.
    s = score(scorer, gaz, [TAFAS, dict(TAFAS)], [cand("Tafas")], text)
    assert s.missed == {"place found, taken": 1}
    assert sum(s.missed.values()) == s.fields["place_date"].n_label - s.fields["place_date"].tp_label


def test_extra_candidates_are_told_apart_by_what_they_stand_for(scorer, gaz):
    text = "Forces raided Tafas; Daraa and Homs were named."
    s = score(scorer, gaz, [TAFAS], [cand("Tafas"), cand("Tafas", lat=32.737, lon=36.066)], text)
    assert s.extra == {"duplicate": 1}
    s = score(scorer, gaz, [TAFAS], [cand("Tafas", day="2024-08-01")], text)
    assert s.extra == {"labelled place, other date": 1}
    s = score(scorer, gaz, [TAFAS], [cand("Daraa Governorate", lat=32.9, lon=36.2, precision="region")], text)
    assert s.extra == {"country, province or region (named area)": 1}
    distractor = {"kind": "background", "what": "earlier raids on Homs"}
    s = score(scorer, gaz, [TAFAS], [cand("Homs", lat=34.72, lon=36.72)], text, [distractor])
    assert s.extra == {"place in a non-event (background)": 1}
    s = score(scorer, gaz, [TAFAS], [cand("Homs", lat=34.72, lon=36.72)], text)
    assert s.extra == {"other unlabelled place": 1}
    # Every dated, placed candidate that no event took is counted once: the categories add up to the field.
    pd = s.fields["place_date"]
    assert sum(s.extra.values()) == pd.n_pred - pd.tp_pred


def test_place_date_pairs_are_a_maximum_matching_not_first_fit(scorer, gaz):
    """A week-long candidate listed first fits both days' raids at Tafas; a later one fits only the first
    day. First-fit gave the week to day one and left the second candidate and day two unmatched; the
    maximum matching pairs both."""
    from sitmap.extract.pipeline import Candidate

    day_two = dict(TAFAS, date={"start": date(2024, 6, 8), "end": date(2024, 6, 8)})
    week = Candidate("c", "r", "p1", 0, 1, "s", "raid", "2024-06-06", "week", location="Tafas")
    s = score(scorer, gaz, [TAFAS, day_two], [week, cand("Tafas")], "Raids on Tafas.")
    pd = s.fields["place_date"]
    assert (pd.tp_pred, pd.n_pred, pd.tp_label, pd.n_label) == (2, 2, 2, 2)
    assert not s.missed and not s.extra


def test_coarse_extras_are_told_apart_by_kind(scorer, gaz):
    """A country, a province itself, a name the gazetteer lacks kept at its province, and a named area are
    different failures (different policies would help each), so each gets its own count."""
    text = "Forces raided Tafas; Syria, Daraa, Zurqabiya and the Yarmouk Basin were named."
    country = cand("Syria", lat=35.0, lon=38.5, precision="country")
    country.country = "Syria"
    province = cand("Daraa", lat=32.9, lon=36.2, precision="admin1")
    province.admin1 = "Daraa"
    unresolved = cand("Zurqabiya", lat=33.0, lon=35.9, precision="region")
    unresolved.unresolved = ["Zurqabiya"]
    area = cand("Yarmouk Basin", lat=32.75, lon=35.95, precision="region")
    area.place_id = "yarmouk-basin"
    s = score(scorer, gaz, [TAFAS], [country, province, unresolved, area], text)
    kinds = ("country", "province", "unresolved name", "named area")
    assert s.extra == {f"country, province or region ({k})": 1 for k in kinds}
