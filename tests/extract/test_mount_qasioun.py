"""Mount Qasioun, the mountain over Damascus where the army kept bases, is a place of its own
(features_curated.csv; sentence our own)."""

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


def test_a_strike_on_mount_qasioun_is_on_the_mountain(reference: Reference) -> None:
    text = "On Friday Israeli jets struck a radar site on Mount Qasioun above Damascus."
    (c,) = candidates(reference, text, "2024-12-14")
    assert (c.place_id, c.date, c.geo_precision) == ("mount-qasioun", "2024-12-13", "near")


def test_a_missile_base_targeted_in_quotes_is_a_strike_there(reference: Reference) -> None:
    text = 'On Friday the air force targeted "a missile base on Mount Qasioun," a spokesman said.'
    assert [(c.place_id, c.event_type) for c in candidates(reference, text, "2024-12-14")] == [
        ("mount-qasioun", "airstrike")
    ]
