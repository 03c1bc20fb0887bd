"""A border named by its two countries, or as one country's "border with" another, is a place (sentences
our own): the gazetteer's record on the two countries' shared boundary, as a crossing already gives."""

import pytest

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    ("text", "border"),
    [
        (
            "Jordanian soldiers killed four traffickers in a firefight near the border with Syria on Sunday.",
            "Jordan-Syria",
        ),
        ("Gunmen clashed with guards on the Iraqi-Syrian border on Sunday.", "Iraq-Syria"),
        ("Border guards clashed with smugglers on Sunday along the Syrian–Jordanian border.", "Jordan-Syria"),
        ("On Sunday, Lebanon's army clashed with gunmen at its border with Syria.", "Lebanon-Syria"),
    ],
)
def test_a_border_named_by_its_countries_is_the_place(reference: Reference, text: str, border: str) -> None:
    assert [c.location for c in candidates(reference, text, "2025-03-04")] == [f"{border} border"]


def test_a_border_with_no_second_country_names_none(reference: Reference) -> None:
    # Guard: which border is unknown (passes on main too).
    text = "Smugglers clashed with guards near the border with Syria on Sunday."
    assert all("border" not in (c.location or "") for c in candidates(reference, text, "2025-03-04"))


def test_a_country_sharing_a_border_names_no_event_place(gaz) -> None:
    from sitmap.extract.area_mentions import border_mentions

    assert border_mentions("Jordan shares a 375-km border with Syria.", gaz) == []
    assert [
        m.name for m in border_mentions("Jordan's army fought smugglers at the border with Syria.", gaz)
    ] == ["Jordan-Syria border"]


def test_an_attackers_nationality_does_not_own_the_border(gaz) -> None:
    # "Israeli jets … near the border with Syria" is not the Israel-Syria border: the jets' nationality
    # says who struck, not whose border it is.
    from sitmap.extract.area_mentions import border_mentions

    assert (
        border_mentions("Israeli jets struck a Hezbollah convoy near the border with Syria on Monday.", gaz)
        == []
    )
    assert (
        border_mentions("US jets struck Iranian-backed militias near the border with Iraq on Monday.", gaz)
        == []
    )
    # Guard: the border's owner, its troops or its possessive, still names it.
    text = "Jordanian troops clashed with smugglers on the border with Syria on Monday."
    assert [m.name for m in border_mentions(text, gaz)] == ["Jordan-Syria border"]


def test_a_strike_near_a_town_by_the_border_is_one_event_at_the_town(reference: Reference) -> None:
    text = "Israeli jets struck a Hezbollah convoy near Hermel, close to the border with Syria, on Monday."
    assert [(c.event_type, c.place_id) for c in candidates(reference, text, "2025-03-04")] == [
        ("airstrike", "el-hermel")
    ]


@pytest.mark.parametrize(
    ("text", "border"),
    [
        (
            "On Sunday the Jordanian army said border guards clashed with smugglers trying to cross the"
            " country's northern border.",
            "Jordan-Syria",
        ),
        (
            "Jordanian border guards fought smugglers on the kingdom's northern border on Sunday.",
            "Jordan-Syria",
        ),
        ("On Sunday Lebanese troops clashed with gunmen on Lebanon's southern border.", "Israel-Lebanon"),
    ],
)
def test_a_countrys_border_told_by_its_side_is_the_neighbour_there(
    reference: Reference, text: str, border: str
) -> None:
    # The owner's border on that side, when one neighbour alone lies there.
    assert [c.location for c in candidates(reference, text, "2025-03-04")] == [f"{border} border"]


def test_a_side_shared_by_two_neighbours_names_no_border(reference: Reference) -> None:
    # Guard: Iraq's western border is both Syria's and Jordan's.
    text = "On Sunday Iraqi troops clashed with gunmen on Iraq's western border."
    assert all("border" not in (c.location or "") for c in candidates(reference, text, "2025-03-04"))


def test_the_kingdom_of_the_kingdoms_border_is_no_place_of_its_own(reference: Reference) -> None:
    text = (
        "Since early Saturday, clashes have gone on between Jordanian border guard forces and armed groups"
        " on the Kingdom's northern border, the army said."
    )
    assert [c.location for c in candidates(reference, text, "2025-03-04")] == ["Jordan-Syria border"]
