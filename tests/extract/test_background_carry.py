"""A date that dates background does not carry to the next sentence; a threat is no event (issue 11, s19).

A dev passage (p64) told Saturday's strikes, then a background count of strikes since an event "last
Sunday", then the strikes' places with no date of their own: they took "last Sunday", the start of the
background period, instead of the lede's Saturday. Another (p87) ended on the Houthis' threats of more
attacks, proposed as an attack. The sentences below are our own.
"""

from tests.extract.one_paragraph import candidates


def test_the_lede_s_day_carries_past_a_background_sentence(reference) -> None:
    text = (
        "Israeli jets struck military sites in Damascus early on Monday. Since the fall of the government"
        " last Wednesday, Israel has launched hundreds of strikes on sites across Syria. Israeli strikes"
        " destroyed a research centre in Barzeh."
    )
    got = {(c.location, c.date) for c in candidates(reference, text) if not c.reason}
    assert ("Barzeh", "2025-03-03") in got
    assert not any(d == "2025-02-26" for _, d in got)


def test_a_dated_event_sentence_still_carries(reference) -> None:
    text = (
        "Israeli jets struck Damascus on Monday. Israeli strikes also destroyed a research centre in Barzeh."
    )
    got = {(c.location, c.date) for c in candidates(reference, text) if not c.reason}
    assert got == {("Damascus", "2025-03-03"), ("Barzeh", "2025-03-03")}


def test_threats_to_attack_are_no_attack(reference) -> None:
    text = "The latest raids came after Houthi threats to renew strikes on tankers near Hodeidah."
    assert [(c.event_type, c.location) for c in candidates(reference, text) if not c.reason] == []
