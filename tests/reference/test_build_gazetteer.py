"""scripts/build_gazetteer.py on small fixture tables (tests/data/gazetteer): the GeoNames filter, OCHA's
Syria communities (read from the P-code workbook), their admin-1 and their de-duplication against
places.geojson and the GeoNames rows (issue 11: villages the gazetteer lacks)."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
import pytest

from tests.reference.build_scripts import build_script

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "gazetteer"
build_gazetteer = build_script("build_gazetteer")

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"/>'
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _workbook(rows_by_sheet: dict[str, list[list[str]]], path: Path) -> Path:
    """A minimal .xlsx (inline strings) with the given sheets, as OCHA's workbook is laid out."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", _CT)
        sheets, rels = [], []
        for i, (name, rows) in enumerate(rows_by_sheet.items(), start=1):
            sheets.append(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>')
            rels.append(f'<Relationship Id="rId{i}" Type="{_R}/worksheet" Target="worksheets/sheet{i}.xml"/>')
            body = "".join(
                f'<row r="{r}">'
                + "".join(
                    f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
                    for c, v in enumerate(row)
                    if v != ""
                )
                + "</row>"
                for r, row in enumerate(rows, start=1)
            )
            z.writestr(
                f"xl/worksheets/sheet{i}.xml",
                f'<worksheet xmlns="{_MAIN}"><sheetData>{body}</sheetData></worksheet>',
            )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_R}"><sheets>{"".join(sheets)}</sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels)
            + "</Relationships>",
        )
    return path


def _fixture_workbook(tmp_path: Path, edit=None) -> Path:  # type: ignore[no-untyped-def]
    with open(DATA / "communities.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if edit:
        edit(rows)
    return _workbook({"admin1": [["admin1Pcode"], ["SY01"]], "admin4": rows}, tmp_path / "syr_admin.xlsx")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("gaz")
    out = tmp / "gazetteer.csv"
    build_gazetteer.build(DATA / "cities500.txt", out, _fixture_workbook(tmp), DATA / "spellings.csv")
    return pd.read_csv(out, dtype=str, keep_default_na=False)


def test_the_reader_takes_the_admin4_sheet_by_name(tmp_path):
    table = build_gazetteer.read_communities(_fixture_workbook(tmp_path))
    jomleh = table[table.pcode == "C6024"].iloc[0]
    assert (jomleh["name"], jomleh["name_ar"], jomleh["lat"], jomleh["lon"]) == (
        "Jomleh",
        "جملة",
        32.804671,
        35.856575,
    )
    assert len(table) == 6


def test_a_bad_point_is_reported_with_file_row_community_and_field(tmp_path):
    def spoil(rows):  # type: ignore[no-untyped-def]
        rows[2][6] = "32,80"  # Nafeaa's latitude with a decimal comma

    path = _fixture_workbook(tmp_path, spoil)
    with pytest.raises(ValueError) as err:
        build_gazetteer.read_communities(path)
    message = str(err.value)
    assert str(path) in message and "row 3" in message and "C6027" in message and "Latitude_y" in message


def test_a_missing_column_is_named(tmp_path):
    def drop_arabic(rows):  # type: ignore[no-untyped-def]
        for row in rows:
            del row[4]

    with pytest.raises(ValueError, match="admin4Name_ar"):
        build_gazetteer.read_communities(_fixture_workbook(tmp_path, drop_arabic))


def test_geonames_rows_are_filtered_by_class_country_and_population(built):
    geonames = set(built[built.source.str.startswith("GeoNames")].name)
    # Syria at village scale; Turkey from 5,000 people; a hill (class T) is not a populated place; outside
    # the Levant an Iraqi district seat GeoNames gives no population (Tal Afar) is kept, a plain village not
    assert geonames == {"Ţafas", "Nāfi‘ah", "Çaybaşı", "Tall ‘Afar"}


def test_a_seat_without_a_population_is_a_town_not_a_village(built):
    row = built[built.name == "Tall ‘Afar"].iloc[0]
    assert (row.kind, row.uncertainty_m, row.country) == ("town", "2000", "Iraq")


def test_a_community_the_curated_layer_has_is_left_out(built):
    ocha = built[built.source.str.startswith("OCHA")]
    # Tafas and old Quneitra are places.geojson's (same name, within 5 km): the reviewed rows win
    assert not set(ocha.source) & {"OCHA Syria P-code C6100", "OCHA Syria P-code C6200"}


def test_a_community_a_geonames_row_has_gives_it_its_spelling(built):
    (nafiah,) = built[built.name == "Nāfi‘ah"].itertuples()
    assert "Nafeaa" in nafiah.alt_names.split("|")  # matched by the Arabic name, 0.4 km apart
    assert "Nafeaa" not in set(built.name)


def test_new_communities_are_villages_with_admin1_from_our_layer(built):
    jomleh = built[built.source == "OCHA Syria P-code C6024"].iloc[0]
    assert (jomleh["id"], jomleh["kind"], jomleh["country"], jomleh["admin1"]) == (
        "jomleh-sy-c6024",  # the second Jomleh by P-code (test below)
        "village",
        "Syria",
        "Daraa",
    )
    assert jomleh["alt_names"].split("|") == ["Jamleh", "جملة"]  # the cited spelling, then the Arabic name
    assert jomleh["population"] == "" and jomleh["geonameid"] == ""


def test_the_same_name_far_away_is_another_place_and_keeps_a_unique_id(built):
    aleppo = built[built.source == "OCHA Syria P-code C1900"].iloc[0]
    assert (aleppo["id"], aleppo["admin1"]) == ("jomleh-sy", "Aleppo")  # communities go in P-code order


def test_a_spelling_without_its_source_is_refused(tmp_path):
    path = tmp_path / "spellings.csv"
    path.write_text("pcode,spelling,source\nC6024,Jamleh,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"spellings\.csv: row 2"):
        build_gazetteer.read_spellings(path)
