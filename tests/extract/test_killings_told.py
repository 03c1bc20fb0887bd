"""Killings told without an attack verb (issue 11, session 18): violence against civilians where they died.

Real reports in no evaluation set told such deaths as passives ("two young men were killed on Sunday by
unidentified gunmen in Daraa's western countryside", "the bodies of two shepherds killed by Israeli fire")
and the extractor proposed nothing. The sentences below are our own.
"""

from tests.extract.one_paragraph import candidates


def _events(reference, text, day="2025-03-05"):
    return [(c.event_type, c.location, c.date) for c in candidates(reference, text, day)]


def test_shepherds_killed_near_a_village_on_a_weekday(reference):
    got = _events(reference, "Two shepherds were killed near Wazzani on Tuesday, the state news agency said.")
    assert [(t, d) for t, _, d in got] == [("attack_on_civilians", "2025-03-04")]
    assert "Wazzani" in (got[0][1] or "")


def test_a_man_found_shot_dead_in_a_town(reference):
    got = _events(reference, "A man was found shot dead in Nawa on Monday, local sources reported.")
    assert [(t, d) for t, _, d in got] == [("attack_on_civilians", "2025-03-03")]
    assert "Nawa" in (got[0][1] or "")


def test_killed_on_a_day_by_unidentified_gunmen(reference):
    got = _events(reference, "Three young men were killed on Sunday by unidentified gunmen in Tafas.")
    assert [(t, d) for t, _, d in got] == [("attack_on_civilians", "2025-03-02")]


def test_a_death_told_with_the_strike_that_caused_it_is_that_strike(reference):
    got = _events(reference, "A man was killed on Monday when an Israeli drone struck a car near Nawa.")
    assert [t for t, _, _ in got] == ["airstrike"]


def test_deaths_told_after_the_strike_are_its_outcome(reference):
    text = "An Israeli drone struck a motorcycle near Nawa on Monday. Two men were killed."
    assert [t for t, _, _ in _events(reference, text)] == ["airstrike"]
