"""Who did it: actors from the clause, the sentence and the story (issue 11), on our own sentences."""

from __future__ import annotations

import pytest

from tests.extract.one_paragraph import candidates as _cands


def _actors_at(reference, text: str, place: str) -> list[str]:
    [cand] = [c for c in _cands(reference, text) if c.location == place]
    return cand.actors


@pytest.mark.parametrize(
    ("text", "place", "actors"),
    [
        # passive: the agent follows "by"
        ("On 2 March a house in Nawa was struck by an Israeli drone.", "Nawa", ["Israel Defense Forces"]),
        # possessive: "Israel's army" is the army of Israel, not the state
        ("On 2 March Israel's army shelled the edge of Nawa.", "Nawa", ["Israel Defense Forces"]),
        # a demonym before a forces word, with the weapon as subject
        ("On 2 March a Houthi drone hit a warehouse in Eilat.", "Eilat", ["Houthis (Ansar Allah)"]),
        ("On 2 March a US drone hit a car in Baghdad.", "Baghdad", ["US forces"]),
        # two states' forces named together
        (
            "On 2 March American and British warplanes struck targets in Hodeidah.",
            "Hodeidah",
            ["US forces", "UK forces"],
        ),
        # the speaker is not the actor: the nearest force before the trigger is
        (
            "Lebanese army sources said on 2 March that an Israeli warplane hit a house in Nabatieh.",
            "Nabatieh",
            ["Israeli Air Force"],
        ),
        # a group's fighters killed in the strike are its other side (ACLED's actor 2)
        (
            "On 2 March a US drone hit a car in Baghdad, killing two members of Kataib Hezbollah.",
            "Baghdad",
            ["US forces", "Kataib Hezbollah"],
        ),
        # both sides of a clash named after the trigger
        (
            "On 2 March clashes broke out in Sweida between Druze fighters and Bedouin gunmen.",
            "As-Suwayda",
            ["Druze armed groups", "Bedouin tribes"],
        ),
        # a state's own forces guarding a border, and the smugglers they fought
        (
            "On 2 March Jordanian soldiers clashed with smugglers near Ramtha.",
            "Ar Ramtha",
            ["Jordanian Armed Forces", "Smugglers"],
        ),
        # the people who protest are the protest's actor
        ("On 2 March villagers protested in Nawa against the berms.", "Nawa", ["Residents"]),
    ],
)
def test_actor_of_one_sentence(reference, text: str, place: str, actors: list[str]) -> None:
    assert _actors_at(reference, text, place) == actors


def test_an_actor_named_once_is_continued_by_they_and_the_troops(reference) -> None:
    text = (
        "Syrian media said on 2 March that Turkish troops moved toward Manbij. "
        "They then shelled Tal Rifaat. Later the troops entered Azaz."
    )
    got = {c.event_type: c.actors for c in _cands(reference, text)}
    assert got["shelling"] == ["Turkish forces"] and got["ground_incursion"] == ["Turkish forces"]


def test_a_passive_with_no_agent_keeps_the_story_actor(reference) -> None:
    text = (
        "On 2 March an Israeli drone strike hit a car near Nabatieh. "
        "A second car was hit in Kafra an hour later, the ministry said."
    )
    assert _actors_at(reference, text, "Kafra") == ["Israel Defense Forces"]


def test_a_story_actor_does_not_take_over_a_clause_that_names_its_own(reference) -> None:
    text = (
        "On 2 March Israeli troops entered Nawa. When villagers protested on 3 March, "
        "the troops shot a man dead in Nawa."
    )
    by_type = {c.event_type: c.actors for c in _cands(reference, text)}
    assert by_type["protest"] == ["Residents"]
    assert by_type["attack_on_civilians"][0] == "Israel Defense Forces"


def test_a_base_named_after_an_army_is_not_an_actor(reference) -> None:
    text = "On 2 March Israeli forces raided a former Syrian army base near Nawa."
    assert _actors_at(reference, text, "Nawa") == ["Israel Defense Forces"]


def test_every_alias_table_comes_from_the_one_actor_table() -> None:
    from sitmap.actors import ACTORS, alias_groups
    from sitmap.vocabulary import ACTOR_ALIASES

    assert alias_groups() == ACTOR_ALIASES
    names = [a.name for a in ACTORS]
    assert len(names) == len(set(names)), "one entry per canonical name"
    idf = next(g for g in ACTOR_ALIASES if g[0] == "Israel Defense Forces")
    assert {"IDF", "Israeli army", "Israeli soldiers", "Israel"} <= set(idf)  # the state is searched with it
    houthis = next(g for g in ACTOR_ALIASES if g[0] == "Houthis (Ansar Allah)")
    assert "Ansar Allah" in houthis


def test_names_stored_events_use_are_still_canonical() -> None:
    from sitmap.actors import ACTORS

    names = {a.name for a in ACTORS}
    # the bundled events and the extraction tests name these
    stored = {"Israel Defense Forces", "Israel", "Iran", "Russia", "US forces", "Houthis (Ansar Allah)"}
    assert stored <= names
    assert {"Unidentified armed group", "Turkish forces", "Syrian government forces"} <= names


def test_a_force_just_after_a_verb_of_attack_is_what_was_hit(reference) -> None:
    # the demonym rule names "Syrian tanks"; standing after "destroyed" they are the object, not the actor
    text = (
        "On 2 March Israel said it had destroyed Syrian tanks near Nawa. "
        "It has said nothing about the air strikes that hit Nawa on 3 March."
    )
    [strike] = [c for c in _cands(reference, text) if c.event_type == "airstrike"]
    assert "Syrian government forces" not in strike.actors


def test_the_other_side_is_named_never_taken_from_the_story(reference) -> None:
    text = "On 2 March Bedouin fighters gathered near Sweida. On 3 March gunmen attacked troops in Sweida."
    [clash] = [c for c in _cands(reference, text) if c.date == "2025-03-03"]
    assert clash.actors == ["Unidentified armed group"]


@pytest.mark.parametrize(
    "text",
    [
        "On Saturday, Israeli Occupation Forces (IOF) units pushed into the village of Ruwayhina.",
        "On Saturday, Israeli occupation army units pushed into the village of Ruwayhina.",
        "On Saturday, an IOF patrol pushed into the village of Ruwayhina.",
    ],
)
def test_the_israeli_occupation_forces_are_the_idf(reference, text: str) -> None:
    # Jordanian and Syrian outlets name the Israeli army "Israeli Occupation Forces (IOF)"
    assert {tuple(c.actors) for c in _cands(reference, text)} == {("Israel Defense Forces",)}
