"""Named regions of the theatre as hand-kept rows (issue 11, s20-regions): `features_curated.csv` rows of kind
`region` (the Golan Heights, the Upper Galilee, the Qalamoun mountains) are areas with an extent fit for a
region, and may carry the one-word names reports use ("Golan", "Qalamoun"), which the index reads only beside
a word saying region ("the Golan front", "the Qalamoun region")."""

from __future__ import annotations

import pytest

from tests.reference.build_scripts import build_script

hand_features = build_script("hand_features")
HEADER = "id,name,alt_names,name_ar,country,kind,lat,lon,uncertainty_m,source\n"


def test_a_region_row_may_carry_its_one_word_name(tmp_path):
    path = tmp_path / "features_curated.csv"
    path.write_text(HEADER + "x-heights,X Heights,Xland|X plateau,,Syria,region,33.0,35.8,30000,a source\n")
    (row,) = hand_features.read_hand_features(path)
    assert row["alt_names"].split("|")[0] == "Xland"


def test_a_region_row_is_an_area_not_a_point(tmp_path):
    """A region placed at ± 1 km would put its events on one spot: its extent reaches region precision."""
    path = tmp_path / "features_curated.csv"
    path.write_text(HEADER + "x-heights,X Heights,,,Syria,region,33.0,35.8,1000,a source\n")
    with pytest.raises(hand_features.FeatureTableError, match=r"line 2 \('x-heights'\): a region's extent"):
        hand_features.read_hand_features(path)


def test_the_committed_regions_are_areas_with_a_cited_source(reference):
    assert reference.gazetteer is not None
    rows = reference.gazetteer.set_index("id")
    regions = rows[rows["kind"] == "region"]
    assert {"golan-heights", "upper-galilee", "jezreel-valley", "qalamoun-mountains"} <= set(regions.index)
    assert (regions["uncertainty_m"].astype(float) > 10000).all()
    assert regions["source"].str.len().gt(20).all()
