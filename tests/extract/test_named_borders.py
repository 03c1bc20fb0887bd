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
