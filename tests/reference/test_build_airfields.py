"""scripts/airfields.py (``build_gazetteer.py --airfields``): the region's airfields and air bases from
PyPI's airportsdata, with the names reports write, and the hand-kept names of geodata/airfields_curated.csv
(issue 11: "the T4 airbase", "Ain al-Asad air base", "Kuweires military airport"). The registry rows here
are of our own making."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitmap.reference.layers import load_reference
from tests.reference.build_scripts import build_script

ROOT = Path(__file__).resolve().parents[2]
airfields = build_script("airfields")
COUNTRIES = {"SY": "Syria", "IQ": "Iraq"}


def _row(icao: str, name: str, city: str, country: str, lat: float, lon: float) -> dict[str, object]:
    return {"icao": icao, "iata": "", "name": name, "city": city, "country": country, "lat": lat, "lon": lon}


REGISTRY = {
    "XS01": _row("XS01", "Dumayr Air Base", "", "SY", 33.6096, 36.749),
    "XS02": _row("XS02", "Kamishly Airport", "Kamishly", "SY", 37.0206, 41.1914),
    "XS03": _row("XS03", "Al Al Airport", "", "SY", 32.7867, 35.718),
    "XF01": _row("XF01", "Frankfurt Airport", "Frankfurt", "DE", 50.03, 8.56),
    "XS04": _row("XS04", "Island Airport", "", "SY", 34.9, 34.6),  # at sea, 50 km off Tartus: no admin-1
}


@pytest.fixture(scope="module")
def reference():  # type: ignore[no-untyped-def]
    return load_reference(ROOT / "geodata")


def _aliases(tmp_path: Path, text: str) -> dict[str, dict[str, str]]:
    path = tmp_path / "airfields_curated.csv"
    path.write_text("icao,alt_names,name_ar,kind,source\n" + text, encoding="utf-8")
    return airfields.read_aliases(path)


def test_a_base_gets_the_forms_reports_write_and_never_a_bare_name():
    assert airfields.airfield_kind("Dumayr Air Base") == "base"
    assert airfields.airfield_kind("Kamishly Airport") == "site"
    names = airfields.airfield_names("Dumayr Air Base", "", "base")
    assert names == ["Dumayr Air Base", "Dumayr airbase"]  # "Dumayr air base" folds like the name
    assert airfields.airfield_names("Kamishly Airport", "Kamishly", "site") == ["Kamishly Airport"]
    assert airfields.airfield_names("Al Al Airport", "", "site") == []  # nothing of a name is left


def test_records_keep_the_region_take_the_tables_names_and_leave_known_bases(reference, tmp_path):
    aliases = _aliases(tmp_path, "XS02,Qamishli airport|Qamishli military airport,مطار القامشلي,base,why\n")
    known = [(33.62, 36.75)]  # a curated base 1.3 km from Dumayr's row: it wins
    records, counts = airfields.airfield_records(REGISTRY, COUNTRIES, aliases, known, reference, set())
    assert counts == {"airfields known": 1, "airfields off every admin-1": 1, "airfields added": 1}
    (rec,) = records
    assert (rec["id"], rec["kind"], rec["uncertainty_m"]) == ("kamishly-airport-xs02", "base", 3000)
    assert rec["alt_names"].split("|") == [
        "Kamishly air base", "Kamishly airbase", "Qamishli airport", "Qamishli military airport",
        "مطار القامشلي",
    ]  # fmt: skip
    assert (rec["country"], rec["admin1"]) == ("Syria", "Al-Hasakah")
    assert rec["source"].startswith(f"airportsdata {airfields.AIRPORTSDATA_VERSION} XS02 (MIT); names: why")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("XS02,,,,why\n", "line 2 ('XS02'): alt_names required"),
        ("XS02,Qamishli airport,,fort,why\n", "kind 'fort' is not base or site"),
        ("XS02,Qamishli airport,,,why\nXS02,Qamishli base,,,why\n", "line 3: ICAO 'XS02' written twice"),
    ],
)
def test_a_bad_table_row_is_an_error_naming_file_line_and_field(tmp_path, text, error):
    with pytest.raises(airfields.AirfieldError, match=error.replace("(", r"\(").replace(")", r"\)")):
        _aliases(tmp_path, text)


def test_a_table_row_for_no_registry_row_is_an_error(reference, tmp_path):
    aliases = _aliases(tmp_path, "ZZZZ,Nowhere air base,,,why\n")
    with pytest.raises(airfields.AirfieldError, match="ZZZZ"):
        airfields.airfield_records(REGISTRY, COUNTRIES, aliases, [], reference, set())


def test_the_committed_table_reads_and_names_registry_rows():
    aliases = airfields.read_aliases(ROOT / "geodata" / "airfields_curated.csv")
    assert set(aliases) <= set(airfields.load_registry())
