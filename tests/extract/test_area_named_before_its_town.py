"""An area named before its town ("the West Bank town of Qabatiya") says where the town lies.

The event is at the town. Seen while reading the coarse extras (s22): the province's words were read as an
unresolved place "West", and a city named as the town's area became a second event."""

from __future__ import annotations

import pytest

from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Israeli forces raided the West Bank town of Qabatiya on 3 March.", "Qabāţīyah"),
        ("An Israeli drone struck a car in the West Bank city of Tubas on 3 March.", "Ţūbās"),
        ("Israeli forces raided the Jenin town of Qabatiya on 3 March.", "Qabāţīyah"),
        ("Israeli forces raided the Gaza Strip town of Beit Lahia on 3 March.", "Bayt Lāhyā"),
        ("Israeli jets struck the Nabatieh town of Kfar Roummane on 3 March.", "Kfar Roummâne"),
        ("Israeli forces raided the Daraa town of Nawa on 3 March.", "Nawa"),
    ],
)
def test_the_area_named_before_a_town_is_where_the_town_lies(reference, text, place):
    assert [c.location for c in candidates(reference, text)] == [place]


def test_a_town_the_gazetteer_lacks_keeps_its_name_and_no_stray_word(reference):
    text = "Israeli forces raided the West Bank town of Zurqafoo on 3 March."
    assert [c.location for c in candidates(reference, text)] == ["Zurqafoo"]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # two places, each an event: the first is not an area named before a town
        ("Israeli forces raided Jenin and the town of Qabatiya on 3 March.", ["Janīn", "Qabāţīyah"]),
        ("Israeli jets struck Khiam on 3 March; the town of Kfar Kila was shelled the same day.", ["Khiam"]),
    ],
)
def test_a_place_followed_by_another_town_is_still_an_event_place(reference, text, places):
    assert [c.location for c in candidates(reference, text)][: len(places)] == places
