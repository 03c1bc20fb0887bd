"""Several places named for one act (issue 11, s20): each member of the list is an event of its own, with
the act's date, type and actor; a member named as "the X area" is one of the list, not the area the others
lie in (the one-per-event merge folds a coarser restatement, never a sibling of the same act)."""

from __future__ import annotations

from tests.extract.one_paragraph import candidates


def _events(reference, text: str, day: str = "2024-11-09") -> dict[str, tuple[str | None, str]]:
    return {
        c.place_id or "": (c.date, c.event_type) for c in candidates(reference, text, day) if not c.reason
    }


def test_an_area_member_of_a_list_is_not_merged_into_its_siblings(reference):
    # our own wording: three Beirut suburbs hit in one raid, the middle one named as "the X area"
    text = (
        "On Friday night Israeli jets struck the neighbourhoods of Borj al-Barajneh, the Hadath area by "
        "the university campus and Haret Hreik, the agency said."
    )
    got = _events(reference, text)
    assert {"haret-hreik-lb", "al-hadath-lb"} <= set(got)
    assert any(pid.startswith("borj-") for pid in got)
    assert got["al-hadath-lb"] == got["haret-hreik-lb"] == ("2024-11-08", "airstrike")


def test_an_area_named_by_another_act_still_restates_the_village(reference):
    # the coarse restatement the merge exists for: a later sentence names the area of the same strike
    text = (
        "On Friday an Israeli drone struck a car in Haret Hreik, killing two men. "
        "The strike in the Hadath area also damaged a shop, the agency said."
    )
    got = _events(reference, text)
    assert "haret-hreik-lb" in got
    assert "al-hadath-lb" not in got


def test_a_gerund_trigger_introduces_the_listed_hills(reference):
    # our own wording: "responded by shelling" introduces the two hills as "shelled" would; the town the
    # hills lie west of is where they are, not a third target
    text = (
        "Israeli guns hit back on Monday, shelling the vicinity of Tel Al-Jabiyyah and Tel Al-Jomoua "
        "to the west of the town of Nawa, the activists said."
    )
    got = [c for c in candidates(reference, text, "2024-04-09") if not c.reason]
    written = {(c.evidence["location"].text or c.location) for c in got if "location" in c.evidence}
    assert {"Tel Al-Jabiyyah", "Tel Al-Jomoua"} <= written
    assert {c.date for c in got} == {"2024-04-08"}
    assert {c.event_type for c in got} == {"shelling"}


def test_an_area_named_as_where_the_place_lies_is_no_list_member(reference):
    # our own wording: the border says where the town lies; it is not a second target of the strike
    text = "On Sunday unidentified jets struck a fuel convoy near Al Qaim on the Iraqi-Syrian border."
    got = [c for c in candidates(reference, text, "2025-03-04") if not c.reason]
    assert [c.place_id for c in got] == ["al-qaim"]


def test_a_people_before_a_settlement_noun_is_no_place(reference):
    # our own wording: "targeting the Druze town" names the town by its people; the town is Hurfeish
    text = "On Monday Hezbollah fired rockets at Hurfeish, targeting the Druze town and nearby communities."
    got = [c for c in candidates(reference, text, "2024-06-04") if not c.reason]
    assert "Druze" not in {c.location for c in got}
    assert any(c.location and c.location.endswith("urfeish") for c in got)


def test_towns_where_air_raid_sirens_sounded_are_no_events(reference):
    # our own wording: the towns list where the warning went off; "air-raid" is no raid
    text = (
        "On Friday the barrage led to the activation of the air-raid sirens in Acre, Kiryat Shmona and "
        "Metula, a broadcaster said."
    )
    got = [c for c in candidates(reference, text, "2024-10-18") if not c.reason]
    assert not [c for c in got if c.event_type == "raid"]
    assert not [c.location for c in got if c.location]
