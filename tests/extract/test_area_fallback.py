"""A place the gazetteer lacks keeps its written name, at the point and reach of the province the text puts
it in (`sitmap.extract.area_fallback`)."""

import pytest
from shapely.geometry import Point

from sitmap.extract.area_fallback import area_point, names_area, place_at_area
from sitmap.extract.candidate import Candidate
from sitmap.geometry import GEOD
from sitmap.reference.gazetteer import Gazetteer
from tests.extract.one_paragraph import candidates

LACKED = "Zurqabiya"  # no such village: the gazetteer cannot hold it


@pytest.mark.parametrize(
    "text",
    [
        f"Israeli forces raided the village of {LACKED} in the southern Quneitra countryside on Sunday.",
        f"Israeli forces raided {LACKED}, in the southern Quneitra countryside, on Sunday.",
        f"Israeli forces stormed {LACKED} village in Quneitra province on Sunday.",
    ],
)
def test_a_village_we_lack_keeps_its_name_at_its_province(reference, text):
    (c,) = candidates(reference, text)
    assert c.location == LACKED and c.place_id is None and LACKED in c.unresolved
    assert (c.geo_precision, c.admin1, c.country) == ("region", "Quneitra", "Syria")
    lon, lat, unc = area_point(reference, "Quneitra", "Syria")
    assert (c.lon, c.lat, c.uncertainty_m) == (lon, lat, unc)
    assert 10_000 <= unc <= 60_000  # Quneitra Governorate's reach, not a village's ±1 km
    why = c.evidence["geo_precision"].reason
    assert "not in the gazetteer" in why and "Quneitra" in why and f"±{unc / 1000:g} km" in why
    assert c.to_feature()["geometry"]["type"] == "Point"  # on the map, as the province's area


def test_the_province_point_lies_in_the_province(reference):
    lon, lat, unc = area_point(reference, "Daraa", "Syria")
    row = reference.admin1[reference.admin1["name"] == "Daraa"].iloc[0]
    assert row.geometry.contains(Point(lon, lat))
    assert GEOD.inv(lon, lat, 36.10, 32.62)[2] < unc  # Daraa city is within the reach


def test_no_area_no_point(reference):
    (c,) = candidates(reference, f"Israeli forces raided {LACKED} on Sunday, a monitor said.")
    assert c.location == LACKED and c.lat is None and c.geo_precision == "region"


def test_a_point_is_never_replaced(reference):
    c = Candidate(
        id="x", report_id="r", paragraph_id="p1", start=0, end=1, sentence="s", event_type="raid",
        date=None, time_precision=None, location=LACKED, admin1="Quneitra", country="Syria",
        lon=35.9, lat=33.1, geo_precision="near", unresolved=[LACKED],
    )  # fmt: skip
    assert not place_at_area(c, Gazetteer.from_reference(reference))
    assert (c.lon, c.lat, c.geo_precision) == (35.9, 33.1, "near")


def test_a_province_named_alone_is_not_a_place_we_lack(reference):
    (c,) = candidates(reference, "Israeli forces detained six men in Quneitra province on Sunday.")
    assert c.location == "Quneitra" and c.lat is None  # the province itself: drawn as an area, no point


def test_only_a_province_the_sentence_names(reference, gaz):
    # "Al-Salem district" (Yemen) reads as the West Bank's Salem: a province the sentence never names is no
    # place to put the name at, 2,000 km off
    (c,) = candidates(reference, f"US jets struck the {LACKED} area of Al-Salem district on Sunday.")
    assert c.location == LACKED and c.lat is None
    assert names_area("in the southern Quneitra countryside", "Quneitra", gaz)
    assert not names_area("the Sahlin area of Al-Salem district", "West Bank", gaz)


def test_the_countryside_of_a_town_names_its_province(reference, gaz):
    (c,) = candidates(reference, f"Israeli forces raided {LACKED} in the Nawa countryside on Sunday.")
    assert (c.location, c.admin1, c.geo_precision) == (LACKED, "Daraa", "region") and c.lat is not None
    assert names_area("in the Nawa countryside", "Daraa", gaz)


@pytest.mark.parametrize(
    "text",
    [
        f"Israeli forces detained a man in {LACKED} on Sunday; he was from the Daraa countryside.",
        f"Displaced families from the Daraa countryside were sheltering in {LACKED} when Israeli drones"
        " struck it on Sunday.",
    ],
)
def test_a_province_named_as_someones_origin_does_not_place_the_name(reference, text):
    """Where the people came from says nothing about where the village lies: no province point for it."""
    (c,) = candidates(reference, text)
    assert c.location == LACKED and c.lat is None and c.uncertainty_m is None


def test_a_province_that_qualifies_the_name_still_places_it_beside_an_origin(reference):
    text = f"Israeli forces detained a man from Nawa in the village of {LACKED} in Quneitra province today"
    (c,) = candidates(reference, text)
    assert (c.location, c.admin1) == (LACKED, "Quneitra") and c.lat is not None
