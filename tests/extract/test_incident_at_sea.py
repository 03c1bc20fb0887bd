"""A maritime agency's incident placed by a distance at sea (sentences our own): "received a report of an
incident 40 nautical miles west of Hodeidah" is an attack on shipping in the sea that point lies in, as
"an explosion near a vessel" there already is."""

import pytest

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    "text",
    [
        "On Monday the agency said it had a report of an incident 40 nautical miles west of Hodeidah.",
        "UKMTO said an incident that occurred about 40 nautical miles west of Hodeidah was reported Monday.",
    ],
)
def test_an_incident_told_in_nautical_miles_is_an_event_at_sea(reference: Reference, text: str) -> None:
    got = [(c.location, c.event_type, c.date) for c in candidates(reference, text, "2024-08-13")]
    assert got == [("Red Sea", "attack_on_shipping", "2024-08-12")]


def test_a_second_incident_elsewhere_the_same_day_is_a_second_event(reference: Reference) -> None:
    text = (
        "A tanker reported an explosion near the vessel 60 nautical miles southwest of Hodeidah on Tuesday,"
        " the agency said. Later on Tuesday, UKMTO reported another incident 90 nautical miles east of"
        " Aden."
    )
    got = sorted((c.location, c.date) for c in candidates(reference, text, "2024-08-13"))
    assert got == [("Gulf of Aden", "2024-08-13"), ("Red Sea", "2024-08-13")]


def test_an_incident_on_land_stays_no_event(reference: Reference) -> None:
    # Guard: "incident" alone, with no point at sea, names no attack.
    text = "Police said on Monday they were investigating an incident at a petrol station in Aden."
    assert all(c.event_type != "attack_on_shipping" for c in candidates(reference, text, "2024-08-13"))


def test_two_points_told_in_one_sea_are_two_events(reference: Reference) -> None:
    # Two stated points, some 150 km apart, in the one Red Sea: two incidents, not one told twice.
    text = (
        "A tanker reported an explosion near the vessel 60 nautical miles southwest of Hodeidah on Tuesday,"
        " the agency said. Later on Tuesday, UKMTO reported another incident 95 nautical miles"
        " northwest of Hodeidah."
    )
    got = [(c.location, c.date) for c in candidates(reference, text, "2024-08-13")]
    assert got == [("Red Sea", "2024-08-13")] * 2


def test_one_point_told_by_two_agencies_is_one_event(reference: Reference) -> None:
    # Guard: the same distance and bearing from the same port, told twice, is one incident.
    text = (
        "A tanker reported an explosion near the vessel 60 nautical miles southwest of Yemen's Hodeidah on"
        " Tuesday, the agency said. A security firm reported blasts near a ship also 60 nautical miles"
        " southwest of Hodeidah."
    )
    assert len(candidates(reference, text, "2024-08-13")) == 1
