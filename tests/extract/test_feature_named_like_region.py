"""Review of s15's terrain features: a mountain range that shares its name with an admin-1 region ("Mount
Lebanon", GeoNames' MTS row ± 10 km) is not where a report's "in Mount Lebanon" puts an event: the
governorate is meant, so the event is region-level, never a confident 10 km circle at the range's point.
Sentences are our own."""

from __future__ import annotations

import pytest

from sitmap.reference.gazetteer import Gazetteer
from sitmap.reference.names import normalise_name
from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    "text",
    [
        "An Israeli strike hit a village in Mount Lebanon on Tuesday.",
        "Israeli jets struck a house in Mount Lebanon's Chouf district on Tuesday.",
    ],
)
def test_a_region_named_like_a_range_is_the_region(reference, text):
    got = [(c.place_id, c.geo_precision) for c in candidates(reference, text)]
    assert got, text
    assert all(pid != "mount-lebanon-lb" and precision == "region" for pid, precision in got), got


def test_no_feature_is_indexed_under_an_admin1_regions_name(reference):
    gaz = Gazetteer.from_reference(reference)
    shadowing = sorted(
        (key, pid) for key in gaz.admin1 for pid in gaz.by_key.get(key, ()) if pid in gaz.features
    )
    assert shadowing == []
    assert "jabal-blat-lb" in gaz.by_key.get(normalise_name("Jabal Blat"), set())  # features still found


@pytest.mark.parametrize(
    "text",
    [
        "An Israeli drone struck a truck in the Anti-Lebanon mountains on Tuesday.",
        "Israeli jets struck a depot in Jabal Lubnan on Tuesday.",
    ],
)
def test_a_mountain_range_is_region_level_with_a_range_sized_circle(reference, text):
    """A range is 100-170 km long: an event "in the X mountains" is somewhere along it, region-level, never
    a 10 km circle at GeoNames' one point of it (the review's finding on s15-gaz)."""
    got = [(c.place_id, c.geo_precision, c.uncertainty_m) for c in candidates(reference, text)]
    assert got, text
    assert all(precision == "region" and (unc or 0) >= 50_000 for _, precision, unc in got), got
