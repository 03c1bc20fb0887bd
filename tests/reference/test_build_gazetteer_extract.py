"""scripts/build_gazetteer.py --extract on a small GeoNames country extract (tests/data/gazetteer/LB.txt):
which rows are villages, the reader's errors, and the de-duplication against places.geojson and the rows
already built (issue 11: south Lebanon's villages, which cities500 lacks)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.reference.build_scripts import build_script

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "gazetteer"
build_gazetteer = build_script("build_gazetteer")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("gaz") / "gazetteer.csv"
    build_gazetteer.build(DATA / "cities500.txt", out, None, DATA / "spellings.csv", [DATA / "LB.txt"])
    return pd.read_csv(out, dtype=str, keep_default_na=False)


def test_a_village_without_population_is_added_with_our_admin1_and_arabic_name(built):
    row = built[built.geonameid == "9100001"].iloc[0]
    assert (row["name"], row["country"], row["admin1"], row["kind"]) == (
        "Jibbaïn",
        "Lebanon",
        "South Lebanon",
        "village",
    )
    assert row["name_ar"] == "الجبين" and "Jebbain" in row["alt_names"].split("|")
    assert row["source"] == "GeoNames 9100001 (LB.txt)"


def test_sections_of_a_city_and_features_that_are_not_places_are_left_out(built):
    assert not {"9100002", "9100003"} & set(built.geonameid)


def test_a_place_already_in_places_geojson_is_left_out(built):
    """Kfar Kila is a places.geojson place (GeoNames 272849); the extract's row 0.2 km off is the same."""
    assert "9100004" not in set(built.geonameid)
    assert not built.name.str.contains("Kfar Kila").any()


def test_a_row_already_built_is_neither_repeated_nor_doubled_by_a_near_namesake(built):
    """Nafi'ah comes from cities500 (same GeoNames id: left out); 'Nafaa' 0.3 km away, also called
    Nāfi‘ah, is that place: its spelling joins the row, no second row."""
    nafiah = built[built.geonameid == "9000002"]
    assert len(nafiah) == 1 and "9100005" not in set(built.geonameid)
    assert "Nafaa" in nafiah.iloc[0]["alt_names"].split("|")


def test_names_that_fold_to_english_words_are_not_taken(built):
    """'Assia' folds to 'asia' ("in Asia"), 'Safari' is an English word: neither is a village name here."""
    assert "9100006" not in set(built.geonameid)
    assert "Safari" not in built[built.geonameid == "9100001"].iloc[0]["alt_names"].split("|")


def test_without_an_extract_the_build_is_unchanged(tmp_path, built):
    """The extract only adds rows (and spellings to the row it matched): the rest is row for row the same."""
    out = tmp_path / "gazetteer.csv"
    build_gazetteer.build(DATA / "cities500.txt", out, None, DATA / "spellings.csv")
    plain = pd.read_csv(out, dtype=str, keep_default_na=False)
    rest = built[~built.source.str.endswith("(LB.txt)")].reset_index(drop=True)
    merged = rest.geonameid == "9000002"
    assert len(plain) == len(rest) and plain[~merged].equals(rest[~merged])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("9100009\tYater\tYater\t\t33,14\t35.33\tP\tPPL\tLB\t\t10\t\t\t\t0\t\t600\tAsia/Beirut\t2026-01-01",
         "line 1 (geonameid '9100009' 'Yater'): latitude '33,14' is not a number"),
        ("9100009\tYater\tYater\t33.14\t35.33\tP\tPPL\tLB",
         "line 1: 8 tab-separated fields, a GeoNames row has 19"),
        ("x1\tYater\tYater\t\t33.14\t35.33\tP\tPPL\tLB\t\t10\t\t\t\t0\t\t600\tAsia/Beirut\t2026-01-01",
         "line 1 ('Yater'): geonameid 'x1'"),
    ],
)  # fmt: skip
def test_a_bad_row_is_reported_with_file_line_place_and_field(tmp_path, line, message):
    path = tmp_path / "LB.txt"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        build_gazetteer.read_extract(path, build_gazetteer.COLUMNS)
    assert str(err.value) == f"{path}: {message}"


def test_a_failed_build_leaves_the_previous_file_whole(tmp_path):
    out = tmp_path / "gazetteer.csv"
    shutil.copy(ROOT / "geodata" / "gazetteer.csv", out)
    before = out.read_bytes()
    bad = tmp_path / "LB.txt"
    bad.write_text("1\tX\n", encoding="utf-8")
    with pytest.raises(ValueError):
        build_gazetteer.build(DATA / "cities500.txt", out, None, DATA / "spellings.csv", [bad])
    assert out.read_bytes() == before


def test_a_refugee_camp_from_a_second_extract_is_added_as_a_place(tmp_path):
    # GeoNames files a refugee camp as a spot (class S, CMPRF), yet reports name it as a place ("a strike on
    # the Ein el-Hilweh camp"): it is read as a populated place, from any of several extracts.
    camps = tmp_path / "camps.txt"
    camps.write_text(
        "9100020\tEin el-Hilweh\tEin el-Hilweh\tAin al Hilwi,Mukhayyam `Ayn al Hulwah,مخيم عين الحلوه"
        "\t33.54167\t35.37778\tS\tCMPRF\tLB\t\t06\t\t\t\t0\t\t30\tAsia/Beirut\t2026-01-01\n"
        "9100021\tMadrasat al Bayt\tMadrasat al Bayt\t\t33.5\t35.4\tS\tSCH\tLB\t\t06\t\t\t\t0\t\t30"
        "\tAsia/Beirut\t2026-01-01\n",
        encoding="utf-8",
    )
    out = tmp_path / "gazetteer.csv"
    build_gazetteer.build(DATA / "cities500.txt", out, None, DATA / "spellings.csv", [DATA / "LB.txt", camps])
    built = pd.read_csv(out, dtype=str, keep_default_na=False)
    camp = built[built.geonameid == "9100020"]
    assert len(camp) == 1
    row = camp.iloc[0]
    assert (row["name"], row["country"], row["kind"]) == ("Ein el-Hilweh", "Lebanon", "village")
    assert "Ain al Hilwi" in row["alt_names"].split("|") and row["name_ar"] == "مخيم عين الحلوه"
    assert "9100001" in set(built.geonameid)  # the first extract's village is still there
    assert "9100021" not in set(built.geonameid)  # a school stays out: only camps join the places
