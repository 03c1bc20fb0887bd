"""A sentence telling no act of its own that names a place in the province where the paragraph's latest
event was placed only as a region says where in it (`restatement.place_within_area`)."""

from tests.extract.one_paragraph import candidates

LEDE = "Israeli forces detained six men on Sunday in the southern Quneitra countryside."
LACKED = "Zurqabiya"  # no such village


def test_a_gazetteer_village_in_the_province_places_the_event(reference):
    (c,) = candidates(reference, f"{LEDE} Five of them were held in the village of Kudna.", "2025-12-29")
    assert (c.location, c.admin1, c.event_type) == ("Kudna", "Quneitra", "arrest")
    assert c.lat is not None and c.geo_precision in ("exact", "near")


def test_a_village_we_lack_keeps_its_name_at_the_province(reference):
    (c,) = candidates(reference, f"{LEDE} Five of them were held in the village of {LACKED}.", "2025-12-29")
    assert c.location == LACKED and c.unresolved == [LACKED] and c.place_id is None
    assert (c.geo_precision, c.admin1) == ("region", "Quneitra") and c.lat is not None
    assert "Quneitra" in c.evidence["geo_precision"].reason


def test_not_a_place_in_another_province_nor_one_of_several(reference):
    (c,) = candidates(reference, f"{LEDE} Five of them were held in Tafas.", "2025-12-29")
    assert c.location == "Quneitra"  # Tafas lies in Daraa: another place, not where in Quneitra
    (c,) = candidates(reference, f"{LEDE} They were held in Kudna and {LACKED}.", "2025-12-29")
    assert c.location == "Quneitra"  # two places: which one is not told
