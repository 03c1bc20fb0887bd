"""scripts/build_gazetteer.py --extract … --features: terrain and installation features from a GeoNames
country extract (tests/data/gazetteer/features.txt, rows of our own making), each kept as its own kind with
an extent fit for an area or a line (issue 11: hills, wadis and oil fields that reports name)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.reference.build_scripts import build_script

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "gazetteer"
build_gazetteer = build_script("build_gazetteer")
geonames_extract = build_script("geonames_extract")
CODES = frozenset({"HLL", "MT", "WAD"})


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("gaz") / "gazetteer.csv"
    build_gazetteer.build(
        DATA / "cities500.txt", out, None, DATA / "spellings.csv", [DATA / "features.txt"], CODES
    )
    return pd.read_csv(out, dtype=str, keep_default_na=False).set_index("geonameid")


def test_features_are_kept_as_their_kind_with_their_extent(built):
    got = {g: (built.at[g, "kind"], built.at[g, "uncertainty_m"]) for g in ("9200001", "9200002", "9200004")}
    assert got == {"9200001": ("hill", "1000"), "9200002": ("mountain", "3000"), "9200004": ("wadi", "5000")}
    assert built.at["9200001", "admin1"] == "Nabatieh" and built.at["9200001", "population"] == ""
    assert built.at["9200004", "source"] == "GeoNames 9200004 (features.txt)"


def test_a_code_not_asked_for_is_left_out(built, tmp_path):
    """A slope (SLP) is not asked for; without --features no feature at all is kept."""
    assert "9200009" not in built.index
    out = tmp_path / "gazetteer.csv"
    build_gazetteer.build(DATA / "cities500.txt", out, None, DATA / "spellings.csv", [DATA / "features.txt"])
    plain = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert set(plain.kind) <= {"city", "town", "village"} and "9200006" in set(plain.geonameid)


def test_a_feature_gains_the_english_spelling_reports_use(built):
    """Jabal X is also Mount X, Ouâdi X also Wadi X; a one-word name only with its generic word."""
    alts = {g: built.at[g, "alt_names"].split("|") for g in ("9200002", "9200003", "9200004")}
    assert "Mount Blât" in alts["9200002"]
    assert alts["9200003"][0] == "Mount Sannîne"
    assert "Wadi es Saloûqi" in alts["9200004"] and "وادي السلوقي" in alts["9200004"]
    assert "wady alslwky" not in alts["9200004"]  # GeoNames' vowel-less machine transliteration


def test_a_hill_named_like_the_village_beside_it_stays_a_hill_of_its_own(built):
    """Deir Mimas the hill lies 1.1 km from Deir Mimas the village: two rows, not one merged."""
    assert (built.at["9200005", "kind"], built.at["9200006", "kind"]) == ("hill", "village")


def test_a_curated_hill_wins_but_a_town_does_not_absorb_a_hill(built):
    """Tall al Māl lies 1 km from places.geojson's curated hill Tell al-Mal: that hill, left out. The hill
    'Kfar Kila' 0.8 km from the town Kfar Kila is another feature: kept."""
    assert "9200007" not in built.index
    assert built.at["9200008", "kind"] == "hill"


def test_an_unknown_feature_code_is_refused_naming_the_file():
    with pytest.raises(geonames_extract.ExtractError, match=r"features.txt: feature codes \['XYZ'\]"):
        geonames_extract.read_extract(DATA / "features.txt", build_gazetteer.COLUMNS, frozenset({"XYZ"}))


hand_features = build_script("hand_features")


def test_hand_kept_features_join_the_table_with_their_areas(built):
    """geodata/features_curated.csv: Tishrin Dam (a Wikipedia infobox point) and the al-Omar oil field (an
    estimate, ± 10 km), each with its cited source."""
    rows = built.reset_index().set_index("id")
    assert (rows.at["tishrin-dam", "kind"], rows.at["tishrin-dam", "admin1"]) == ("dam", "Aleppo")
    omar = rows.loc["al-omar-oil-field"]
    assert (omar["kind"], omar["uncertainty_m"], omar["admin1"]) == ("oilfield", "10000", "Deir ez-Zor")
    assert "Tishreen Dam" in rows.at["tishrin-dam", "alt_names"].split("|")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("x,X Hill,,,Syria,hillock,33.1,36.0,1000,a source", r"line 2 \('x'\): kind 'hillock' is none of"),
        ("x,X Hill,Omar,,Syria,hill,33.1,36.0,1000,a source", r"line 2 \('x'\): one-word names \['Omar'\]"),
        ("x,X Hill,,,Syria,hill,33.1,36.0,1000,", r"line 2 \('x'\): source required"),
        ("x,X Hill,,,Syria,hill,33.1,east,1000,a source", r"line 2 \('x'\): lat, lon and uncertainty_m must"),
    ],
)
def test_a_bad_hand_kept_row_is_refused_naming_file_line_and_field(tmp_path, row, message):
    path = tmp_path / "features_curated.csv"
    path.write_text("id,name,alt_names,name_ar,country,kind,lat,lon,uncertainty_m,source\n" + row + "\n")
    with pytest.raises(hand_features.FeatureTableError, match=rf"features_curated.csv: {message}"):
        hand_features.read_hand_features(path)
