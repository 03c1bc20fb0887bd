"""A ship attack told by its distance off a port is at sea, not at the port (sentences our own).

Maritime agencies (UKMTO, Ambrey) place an incident "N nautical miles <bearing> of <port>": the port is a
reference point, the event is in the sea the stated point lies in. Their wording of the incident itself is
a vessel that "had been targeted" or an explosion "near the vessel".
"""

import pytest

from sitmap.extract.area_mentions import sea_mentions
from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    ("text", "sea"),
    [
        (
            "A maritime security firm said on Friday that a tanker had been targeted about 50 nautical miles "
            "west of Hodeidah.",
            "red-sea",
        ),
        (
            "The master of a bulk carrier reported an explosion close to the vessel some 70 nautical miles "
            "south-east of Aden on Friday.",
            "gulf-of-aden",
        ),
        (
            "On Friday a cargo ship was struck by a projectile 20 nautical miles off Tyre.",
            "levantine-sea",
        ),
        (
            "A tanker reported a blast at a distance from it about 40 nautical miles south-east of the "
            "Yemeni port of Aden on Friday.",
            "gulf-of-aden",
        ),
        (
            "On Friday an 'explosion' was seen in the vicinity of a merchant vessel 30 nautical miles "
            "west of Hodeidah.",
            "red-sea",
        ),
    ],
)
def test_a_ship_attack_off_a_port_is_in_the_sea_there(reference: Reference, text: str, sea: str) -> None:
    (c,) = [c for c in candidates(reference, text, "2024-05-04") if not c.reason]
    assert (c.place_id, c.event_type, c.date) == (sea, "attack_on_shipping", "2024-05-03")
    assert c.geo_precision == "region"  # a sea is an area, never a pin


def test_nautical_miles_from_a_port_name_its_sea(gaz) -> None:
    text = "Missiles fell in the water 40 nautical miles northwest of Hodeidah."
    (m,) = sea_mentions(text, gaz)
    assert (m.place_id, m.role) == ("red-sea", "locative")
    assert text[m.start : m.end] == "40 nautical miles northwest of Hodeidah"


def test_a_distance_over_land_names_no_sea(gaz) -> None:
    # Guard: kilometres from a town are a bearing on land, as before.
    assert sea_mentions("Shelling hit a farm 5 km north of Khiam.", gaz) == []


def test_an_explosion_near_a_vessel_is_a_ship_attack(reference: Reference) -> None:
    text = "On Friday the captain of a merchant vessel reported two explosions in the vicinity of the ship."
    assert [c.event_type for c in candidates(reference, text, "2024-05-04")] == ["attack_on_shipping"]
