"""The date of a background sentence dates no event told after it (sentences our own)."""

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


def test_a_count_since_a_day_does_not_date_the_next_strike(reference: Reference) -> None:
    text = (
        "Israeli jets struck army sites in Damascus early on Saturday. "
        "Since Assad fled last Sunday, Israel has carried out hundreds of strikes on army sites in Syria. "
        "Israeli strikes also destroyed a research centre in Barzeh."
    )
    got = {c.location: c.date for c in candidates(reference, text, "2024-12-14") if not c.reason}
    assert got == {"Damascus": "2024-12-14", "Barzeh": "2024-12-14"}
