"""Gazetteer coverage on report sentences (issue 11): south Lebanese border villages, seas and straits, and
the facilities reports name, as places_curated.csv holds them.

Our own sentences (none is an evaluation passage's wording). Report date Tuesday 4 March 2025.
"""

import pytest

from sitmap.extract.pipeline import Candidate, extract_candidates
from sitmap.store.reports import Paragraph, Report


def _cands(reference, *paragraphs: str) -> list[Candidate]:
    report = Report(
        id="r", title="t", publisher="p", date="2025-03-04", url="https://example.org/r",
        paragraphs=tuple(Paragraph(f"p{i}", t) for i, t in enumerate(paragraphs, 1)),
    )  # fmt: skip
    return extract_candidates(report, reference)


def _only(cands: list[Candidate]) -> Candidate:
    assert len(cands) == 1, [(c.location, c.place_id) for c in cands]
    return cands[0]


@pytest.mark.parametrize(
    ("text", "pid", "lat", "lon"),
    [
        ("Israeli artillery shelled the edge of Odaisseh on Monday, Lebanese media said.", "odaisseh",
         33.25417, 35.54250),
        ("An Israeli drone struck a car in Khiam on Monday.", "khiam", 33.32722, 35.61111),
        ("A drone hit a motorcycle in Aita al-Shaab on Monday, killing its rider.", "ayta-ash-shab",
         33.09722, 35.33444),
        ("Israeli troops blew up houses in Meiss el-Jabal on Monday.", "mais-al-jabal", 33.16944, 35.52556),
        ("Shells fell on Kfarchouba on Monday.", "kfar-shouba", 33.32806, 35.69250),
    ],
)  # fmt: skip
def test_a_south_lebanese_border_village_gets_its_point(reference, text, pid, lat, lon) -> None:
    cand = _only(_cands(reference, text))
    assert cand.place_id == pid and (cand.lat, cand.lon) == pytest.approx((lat, lon), abs=1e-5)
    assert cand.country == "Lebanon" and cand.admin1 == "Nabatieh"  # not Israel, as NE's border has it


def test_shelling_near_kfar_kila_is_at_kfar_kila(reference) -> None:
    """A guard (passes on the base too: Kfar Kila is a GeoNames town): "near" keeps the town's point."""
    cand = _only(_cands(reference, "Israeli shelling hit near Kfar Kila on Monday."))
    assert cand.place_id == "kfar-kila" and (cand.lat, cand.lon) == pytest.approx((33.27734, 35.55197))


def test_houla_in_south_lebanon_is_not_al_houla_in_homs(reference) -> None:
    cand = _only(_cands(reference, "Israeli artillery shelled Houla in south Lebanon on Monday."))
    assert cand.place_id == "houla-lb" and cand.country == "Lebanon"


@pytest.mark.parametrize(
    ("text", "pid", "min_km"),
    [
        ("Houthi forces said on Monday they had fired a missile at a ship in the Gulf of Aden.",
         "gulf-of-aden", 100),
        ("A commercial vessel was attacked in the Red Sea on Monday.", "red-sea", 100),
        ("A tanker was hit by a drone near Bab el-Mandeb on Monday.", "bab-el-mandeb", 10),
        ("Iran seized a tanker in the Strait of Hormuz on Monday.", "strait-of-hormuz", 10),
    ],
)  # fmt: skip
def test_a_ship_at_sea_is_placed_in_the_sea_area(reference, text, pid, min_km) -> None:
    cand = _only(_cands(reference, text))
    assert cand.place_id == pid and cand.lat is not None
    assert cand.uncertainty_m >= min_km * 1000 and cand.geo_precision in ("near", "region")
    assert cand.country is None  # a sea is no country's


def test_a_sea_named_in_the_report_does_not_push_its_other_places_away(reference) -> None:
    """The Red Sea's point (22 N 38 E) is no context: Tell al-Mal, a name shared with a Daraa village,
    was refused as lying over 150 km from it."""
    cands = _cands(
        reference,
        "Houthi forces attacked a ship in the Red Sea on Monday. "
        "Israeli forces raided a base on Tell al Mal, Quneitra Province, on Monday.",
    )
    raid = next(c for c in cands if c.event_type == "raid")
    assert raid.place_id == "tell-al-mal" and raid.lat is not None


@pytest.mark.parametrize(
    ("text", "pid"),
    [
        ("Israeli warplanes struck Hodeidah port on Monday.", "hudaydah-port"),
        ("US aircraft struck Sanaa International Airport on Monday.", "sanaa-international-airport"),
        ("Israeli jets struck the T4 airbase on Monday, Syrian media said.", "tiyas-airbase"),
        ("An Israeli strike hit a warehouse near Beirut airport on Monday.", "beirut-airport"),
        ("A drone struck Erbil airport on Monday.", "erbil-international-airport"),
    ],
)  # fmt: skip
def test_a_facility_is_its_own_place_not_its_city(reference, text, pid) -> None:
    cand = _only(_cands(reference, text))
    assert cand.place_id == pid and cand.uncertainty_m <= 5000


@pytest.mark.parametrize(
    ("text", "pid", "country"),
    [
        # Before s11 "Ramot" alone resolved: the Golan moshav Ramot, 30 km south of Ramot Naftali.
        ("Hezbollah said it fired rockets at Ramot Naftali on Monday.", "ramot-naftali", "Israel"),
        # Before s11 Froun was refused (the gazetteer's Far'un lies in the West Bank) and had no point.
        ("An Israeli drone struck a car in Froun on Monday.", "froun", "Lebanon"),
        ("Israeli artillery shelled Alma al-Shaab on Monday.", "alma-ash-shaab", "Lebanon"),
        ("Israeli warplanes struck Shayrat airbase on Monday.", "shayrat-airbase", "Syria"),
        # The air base, not the moshav Nevatim 13 km west of it.
        ("Iran fired ballistic missiles at Nevatim airbase on Monday.", "nevatim-airbase", "Israel"),
    ],
)  # fmt: skip
def test_a_place_the_gazetteer_lacked_gets_its_own_point(reference, text, pid, country) -> None:
    cand = _only(_cands(reference, text))
    assert cand.place_id == pid and cand.lat is not None and cand.country == country
