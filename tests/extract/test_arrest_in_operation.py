"""People detained during a raid or a clash: an arrest at the operation's place and day, on our own sentences
(issue 11: ACLED codes the arrest beside the raid; the raid alone was proposed)."""

from __future__ import annotations

from tests.extract.one_paragraph import candidates


def _by_type(reference, text: str) -> dict[str, list[tuple[str | None, str | None]]]:
    out: dict[str, list[tuple[str | None, str | None]]] = {}
    for c in candidates(reference, text):
        out.setdefault(c.event_type, []).append((c.location, c.date))
    return out


def test_an_arrest_in_the_raid_sentence(reference) -> None:
    got = _by_type(reference, "On 2 March Israeli troops raided Nawa and detained three men.")
    assert got["raid"] == [("Nawa", "2025-03-02")]
    assert got["arrest"] == [("Nawa", "2025-03-02")]


def test_an_arrest_before_the_clash_it_happened_in(reference) -> None:
    # (passed before the operation rule too: the paragraph's only place)
    text = (
        "Four smugglers were detained and two killed on 2 March during clashes with border guards near"
        " Ramtha."
    )
    got = _by_type(reference, text)
    assert got["arrest"] == [("Ar Ramtha", "2025-03-02")]


def test_an_arrest_told_in_the_next_sentence(reference) -> None:
    text = (
        "On 2 March Israeli soldiers pushed into Nawa overnight and searched houses. "
        "A farmer was detained by the soldiers, local media said."
    )
    [arrest] = [c for c in candidates(reference, text) if c.event_type == "arrest"]
    assert (arrest.location, arrest.date, arrest.actors) == ("Nawa", "2025-03-02", ["Israel Defense Forces"])


def test_detentions_in_another_time_frame_are_not_the_raids(reference) -> None:
    text = "On 2 March Israeli troops raided Nawa. The army has detained 40 men since January."
    assert "arrest" not in _by_type(reference, text)


def test_an_arrest_after_a_strike_is_not_placed_at_the_strike(reference) -> None:
    # an air strike is no operation on the ground: nobody was detained there
    text = "On 2 March Israeli jets struck Nawa. A man was detained at a checkpoint, police said."
    assert ("Nawa", "2025-03-02") not in _by_type(reference, text).get("arrest", [])


def test_an_operation_in_two_villages_does_not_say_where_the_arrest_was(reference) -> None:
    text = (
        "On 2 March Israeli soldiers pushed into Nawa and Jasim overnight. "
        "A farmer was detained by the soldiers, local media said."
    )
    arrests = [c for c in candidates(reference, text) if c.event_type == "arrest"]
    assert all(c.place_id is None for c in arrests)


def test_residents_named_before_an_arrest_did_not_make_it(reference) -> None:
    text = (
        "On 2 March Israeli troops pushed into Nawa, searched houses while residents confronted them, and"
        " took one man into custody."
    )
    [arrest] = [c for c in candidates(reference, text) if c.event_type == "arrest"]
    assert arrest.actors[:1] == ["Israel Defense Forces"]


def test_an_arrest_told_before_the_fighting_it_was_made_in(reference) -> None:
    # the operation comes after the arrest in the sentence, and the paragraph names two places
    text = (
        "On 2 March five smugglers were killed and 15 detained during a day of fighting with border guards"
        " near Ramtha. Jordan has long blamed groups in Daraa for the traffic."
    )
    got = _by_type(reference, text)
    assert got["arrest"] == [("Ar Ramtha", "2025-03-02")]
