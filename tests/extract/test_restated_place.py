"""A later sentence that only says where the event just told happened places it more finely, on our own
sentences (issue 11: "The attack took place … near the Bab el-Mandeb Strait" after "in the Red Sea")."""

from __future__ import annotations

import pytest

from tests.extract.one_paragraph import candidates


def _places(reference, text: str) -> list[str | None]:
    return [c.location for c in candidates(reference, text)]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "On 2 March a drone hit a tanker in the Red Sea. The attack took place near Bab el-Mandeb.",
            "Bab el-Mandeb",
        ),
        (
            "On 2 March a missile struck a cargo ship in the Red Sea, officials said. The navy placed it"
            " close to Bab el-Mandeb.",
            "Bab el-Mandeb",
        ),
        # what the event hit, placed in the next sentence (s21-vocab): the vehicle, the target
        (
            "On 2 March a drone struck a car in south Lebanon. The car was travelling near Nabatieh, the"
            " army said.",
            "Nabatieh",
        ),
        (
            "On 2 March jets struck targets in south Lebanon. The main target was an area outside Nabatieh,"
            " a monitor said.",
            "Nabatieh",
        ),
        # a country-level lede, then the village
        (
            "On 2 March a drone hit a car in south Lebanon. The strike took place near Nabatieh, the army"
            " said.",
            "Nabatieh",
        ),
    ],
)
def test_the_finer_place_of_a_restating_sentence(reference, text: str, place: str) -> None:
    assert _places(reference, text) == [place]


@pytest.mark.parametrize(
    "text",
    [
        # a place as fine as the event's own is another place, not a refinement
        "On 2 March jets struck Nawa. The attack took place near Jasim, the army said.",
        # a place named after other words is not where the event happened
        "On 2 March a drone hit a tanker in the Red Sea. It happened hours after talks in Amman.",
        # a place far outside the coarse one is not inside it
        "On 2 March a drone hit a tanker in the Red Sea. The attack took place near Beirut, the navy said.",
    ],
)
def test_a_restating_sentence_never_moves_an_event_elsewhere(reference, text: str) -> None:
    first = candidates(reference, text.split(". ")[0] + ".")
    assert _places(reference, text) == [c.location for c in first]


def test_who_reported_it_may_open_the_restating_sentence(reference) -> None:
    """ "Local television said the strike occurred between A and B" (s19, dev p75): the strike told first
    in "southern Lebanon" is placed at the first village named, not left at the country."""
    text = (
        "An Israeli drone hit a scooter in southern Lebanon on Thursday, and its driver died. "
        "Local television said the strike occurred between Jibbain and Shihin, amid drone flights over Tyre."
    )
    events = [c for c in candidates(reference, text, day="2025-09-12") if not c.reason]
    assert [c.place_id for c in events] == ["ej-jibbain-lb"]


@pytest.mark.parametrize(
    "text",
    [
        # the vehicle's route names where it came from or went, not where it was hit (review of s21-vocab)
        "On 2 March a drone struck a car in south Lebanon. The car was travelling from Tyre to Nabatieh.",
        "On 2 March a drone struck a bus in southern Syria. The bus was travelling from Damascus to Daraa.",
        # a place the target was not in
        "On 2 March jets struck targets in south Lebanon. Their targets were not in Nabatieh.",
    ],
)
def test_a_route_or_a_denial_does_not_place_the_event(reference, text: str) -> None:
    places = _places(reference, text)
    assert not {"Tyre", "Nabatieh", "Daraa", "Damascus"} & set(places), places
