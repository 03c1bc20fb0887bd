"""Who told the report is not who acted: residents cited as its source ("residents of X said", "according to
local residents") are no actor of the event they tell, while residents who protest or confront a force are
(review finding 1: "Residents" was listed as a side of an armed clash at Tafas). Our own sentences."""

from __future__ import annotations

import pytest

from sitmap.extract.cited import told_by
from tests.extract.one_paragraph import candidates


def _actors(reference, text: str, event_type: str) -> list[str]:
    [cand] = [c for c in candidates(reference, text) if c.event_type == event_type]
    return cand.actors


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # the speakers after the event, with where they live
        (
            "On 2 March gunmen clashed with the army in Tafas, as residents of Tafas said.",
            ["Unidentified armed group"],
        ),
        ("On 2 March an armed clash erupted in Tafas, residents said.", []),
        ("On 2 March an armed clash erupted in Tafas, residents of the town told Enab Baladi.", []),
        # the speakers first
        (
            "Residents of Tafas said on 2 March that armed men clashed with the army in the town.",
            ["Unidentified armed group"],
        ),
        (
            "Local residents say armed men clashed with the army in Tafas on 2 March.",
            ["Unidentified armed group"],
        ),
        # "according to": with a describing word too
        ("On 2 March an armed clash erupted in Tafas, according to local residents.", []),
        ("On 2 March an armed clash erupted in Tafas, according to residents.", []),
    ],
)
def test_residents_cited_as_the_source_are_no_actor(reference, text: str, actors: list[str]) -> None:
    assert _actors(reference, text, "armed_clash") == actors


@pytest.mark.parametrize(
    ("text", "event_type", "actors"),
    [
        # a protest with nobody named: the protesters are its actor, whoever tells it
        ("On 2 March thousands protested in Sweida, residents said.", "protest", ["Residents"]),
        ("Residents of Nawa said they protested against the berms on 2 March.", "protest", ["Residents"]),
        ("On 2 March villagers protested in Nawa against the berms.", "protest", ["Residents"]),
        # residents who act are actors
        (
            "On 2 March residents clashed with an Israeli patrol in Kudna.",
            "armed_clash",
            ["Residents", "Israel Defense Forces"],
        ),
        (
            "On 2 March residents of Kudna clashed with an Israeli patrol near the village, a source said.",
            "armed_clash",
            ["Residents", "Israel Defense Forces"],
        ),
    ],
)
def test_residents_who_act_stay_actors(reference, text: str, event_type: str, actors: list[str]) -> None:
    assert _actors(reference, text, event_type) == actors


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("Gunmen clashed with the army in Tafas on 2 March, local sources said.", ["local sources"]),
        ("A drone hit a car near Tyre on 2 March, according to the ministry.", ["the ministry"]),
        ("Residents of Tafas told a local outlet that gunmen clashed with the army.", ["Residents of Tafas"]),
        ("The ministry later said two people were killed in Kafra.", ["The ministry"]),
        ("A man who said he was a fighter was detained in Nawa on 2 March.", []),  # a relative clause: nobody
        ("Israeli forces raided Kudna on 2 March.", []),
        (
            "Troops raided Kudna on 2 March, according to local sources quoted by Radio Nawa.",
            ["local sources quoted by Radio Nawa"],
        ),
    ],
)
def test_who_told_the_sentence(sentence: str, who: list[str]) -> None:
    assert told_by(sentence) == who


def test_the_teller_is_kept_with_the_claim_status(reference) -> None:
    [cand] = candidates(reference, "Gunmen clashed with the army in Tafas on 2 March, local sources said.")
    assert cand.claim_status == "reported" and cand.told_by == "local sources"
