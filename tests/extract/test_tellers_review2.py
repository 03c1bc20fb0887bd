"""Second review of the "who told this" rule (review-review-ui-2): the probe sentences, our own wording.
Finding 1: a name after "according to" runs to a following "on/in/at ..." phrase, not to a case turn;
finding 2: "told <outlet> <clause>" with no "that" is a report; finding 5: a negated, modal or passive
verb of speech has no teller; finding 3: a force cited as the source of its own act keeps it."""

from __future__ import annotations

import pytest

from sitmap.extract.cited import told_by
from tests.extract.one_paragraph import candidates


def _actors(reference, text: str, event_type: str) -> list[str]:
    [cand] = [c for c in candidates(reference, text) if c.event_type == event_type]
    return cand.actors


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        # finding 1: "according to X on <day>", a mixed-case name
        (
            "Two people were killed in an Israeli strike on Nabatieh, according to Lebanon's health ministry"
            " on Monday.",
            ["Lebanon's health ministry"],
        ),
        (
            "Israeli jets struck a depot near Kisweh, according to Syrian state media on Tuesday.",
            ["Syrian state media"],
        ),
        (
            "Israeli jets struck Kfar Kila on 3 March, according to Israeli army radio on Monday.",
            ["Israeli army radio"],
        ),
        (
            "According to the Lebanese army on Monday, Israeli troops crossed into Kfar Kila.",
            ["the Lebanese army"],
        ),
        (
            "According to an Israeli army statement the jets struck a depot near Kisweh on 3 March.",
            ["an Israeli army statement"],
        ),
        (
            "According to a UN official speaking on condition of anonymity, gunmen attacked a convoy"
            " near Daraa on 3 March.",
            ["a UN official"],
        ),
        ("According to the Israeli army Hezbollah fired rockets at Metula on 3 March.", ["the Israeli army"]),
        (
            "An Israeli drone struck a car near Tyre on 3 March, according to the UN peacekeeping mission in"
            " southern Lebanon.",
            ["the UN peacekeeping mission"],
        ),
        (
            "Gunmen attacked a checkpoint in Nawa, according to local sources during the night.",
            ["local sources"],
        ),
        # a speech verb ends a cited name: "cited by Enab Baladi said troops" is no name
        (
            "Residents cited by Enab Baladi said troops detained two men in Nawa on 3 March.",
            ["Residents cited by Enab Baladi"],
        ),
        # finding 2: told <outlet> <clause>, no "that": a report
        ("Residents told AFP the patrol fired at a house in Kudna on 3 March.", ["Residents"]),
        ("Residents told Al Jazeera the army shelled Tafas on 3 March.", ["Residents"]),
        ("Villagers told the BBC Israeli soldiers beat two men in Kudna on 3 March.", ["Villagers"]),
        (
            "The army told Reuters the strike targeted a Hezbollah commander near Tyre on 3 March.",
            ["The army"],
        ),
        # ... also when its clause holds a "to" or an "and"
        ("Residents told AFP that the army and police raided Kudna on 3 March.", ["Residents"]),
        ("Residents told reporters the soldiers went to the school in Kudna on 3 March.", ["Residents"]),
        # ... but an order: "to <verb>" or "and/then <act>" after its object
        ("The army warned residents, who had returned on 3 March, to leave Kfar Kila.", []),
        ("The Israeli military told residents of Kfar Kila to evacuate on 3 March.", []),
        # finding 5: negated, modal, passive: nobody told it
        ("Hezbollah did not say whether it fired the rockets at Metula on 3 March.", []),
        ("Officials would not say who carried out the strike near Deir ez-Zor on 3 March.", []),
        ("The ministry has yet to say how many people died in the strike on Nabatieh on 3 March.", []),
        ("The fighters were warned that Israeli jets would strike Khiam on 3 March.", []),
        ("The army didn't say whether its jets struck Khiam on 3 March.", []),
        # still told: an auxiliary that is no negation
        ("The ministry has said two people were killed in Kafra on 3 March.", ["The ministry"]),
    ],
)
def test_who_told_the_sentence(sentence: str, who: list[str]) -> None:
    assert told_by(sentence) == who


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Residents told AFP the patrol fired at a house in Kudna on 3 March.", "patrol"),
        ("Residents told Al Jazeera the army shelled Tafas on 3 March.", "shelling"),
    ],
)
def test_residents_who_told_an_outlet_are_no_actor(reference, text: str, event_type: str) -> None:
    found = [c.actors for c in candidates(reference, text) if c.event_type == event_type]
    assert found and all("Residents" not in actors for actors in found)


@pytest.mark.parametrize(
    ("text", "event_type", "actors"),
    [
        # finding 3: its men act unnamed after it ("troops", "its troops"): the force cited acted
        (
            "According to a statement by the Israeli army, troops raided Kudna on 3 March.",
            "raid",
            ["Israel Defense Forces"],
        ),
        (
            "According to the Israeli army, its troops raided Kudna on 3 March.",
            "raid",
            ["Israel Defense Forces"],
        ),
        # ... but a force that only tells stays out
        (
            "According to the US military, two missiles fired from Yemen struck the ship in the Red Sea"
            " on 3 March.",
            "attack_on_shipping",
            [],
        ),
        (
            "Gunmen attacked a checkpoint in Nawa on 3 March, according to the Syrian army.",
            "armed_clash",
            ["Unidentified armed group"],
        ),
    ],
)
def test_a_force_cited_as_the_source_of_its_own_act_keeps_it(
    reference, text: str, event_type: str, actors: list[str]
) -> None:
    """Finding 3: as "the army said its jets struck" keeps the army, so does "according to ... the army"
    when its troops act."""
    assert _actors(reference, text, event_type) == actors
