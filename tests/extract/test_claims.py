"""Stated distances and their checks against the geometry."""

import pytest

from sitmap.extract.claims import check_distance_claims, find_distance_claims


def _feature(lon: float, lat: float, unc: float = 4000) -> dict:
    return {
        "type": "Feature",
        "id": "x",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"uncertainty_m": unc},
    }


def test_find_stated_distance() -> None:
    (c,) = find_distance_claims("Tell al Mal lies around 16 kilometres from the 1974 disengagement zone.")
    assert c["stated_km"] == 16 and c["reference"] == "area-of-separation" and c["qualifier"] == "around"
    assert c["text"] == "around 16 kilometres from the 1974 disengagement zone"


@pytest.mark.parametrize(
    ("text", "km", "ref", "comparison"),
    [
        ("within two kilometers of Line A", 2, "line-a", "less"),
        ("more than 30 km from the Golan", 30, "line-a", "more"),
        ("some 10 miles east of the buffer zone", 16.093, "area-of-separation", "about"),
    ],
)
def test_claim_forms(text: str, km: float, ref: str, comparison: str) -> None:
    (c,) = find_distance_claims(text)
    assert (c["stated_km"], c["reference"], c["comparison"]) == (km, ref, comparison)


def test_distance_to_a_village_is_not_a_zone_claim() -> None:
    assert find_distance_claims("5 km from the village") == []


def test_tell_al_mal_claim_is_consistent(reference) -> None:
    claims = find_distance_claims("around 16 kilometres from the 1974 disengagement zone")
    (check,) = check_distance_claims(_feature(36.04, 33.095), claims, reference)
    assert check.status == "consistent"
    assert [m.reference_id for m in check.measurements] == ["area-of-separation", "line-a"]
    label = check.label()
    assert label.startswith("stated ≈ 16 km · computed ") and label.endswith(" · consistent")
    assert "Area of Separation" in label and "Line A" in label


def test_wrong_distance_is_inconsistent(reference) -> None:
    claims = find_distance_claims("about 40 km from the disengagement zone")
    (check,) = check_distance_claims(_feature(36.04, 33.095), claims, reference)
    assert check.status == "inconsistent"


def test_no_location_is_unchecked(reference) -> None:
    feature = {"type": "Feature", "id": "x", "geometry": None, "properties": {}}
    claims = find_distance_claims("about 4 km from Line A")
    (check,) = check_distance_claims(feature, claims, reference)
    assert check.status == "unchecked" and "no location" in check.label()


def test_claims_default_to_the_events_property(reference) -> None:
    feature = _feature(36.04, 33.095)
    feature["properties"]["claims"] = [
        {"kind": "distance", "stated_km": 16, "reference": "area-of-separation", "comparison": "about"}
    ]
    (check,) = check_distance_claims(feature, None, reference)
    assert check.to_dict()["status"] == "consistent"
