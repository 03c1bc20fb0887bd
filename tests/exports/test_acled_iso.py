"""The ACLED CSV's `iso` column: the ISO 3166-1 numeric code of the event's country, from a table checked
against Debian's iso-codes file; an imported ACLED row whose country the analyst kept keeps its own code."""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from sitmap.exports.acled_csv import events_to_csv
from sitmap.exports.iso_numeric import NUMERIC_BY_ALPHA3, iso_numeric
from sitmap.reference.countries import COUNTRIES
from sitmap.store.load import load_store

ROOT = Path(__file__).resolve().parents[2]
ISO_CODES = Path("/usr/share/iso-codes/json/iso_3166-1.json")
TODAY = date(2025, 4, 1)


def _read(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def test_bundled_events_have_their_countrys_numeric_code() -> None:
    events = load_store(ROOT / "events", today=TODAY).events
    rows = _read(events_to_csv(events))
    want = {"Syria": "760", "Iran": "364", "Yemen": "887", "Russia": "643"}
    assert set(rows["country"]) <= set(want)
    assert list(rows["iso"]) == [want[c] for c in rows["country"]]


@pytest.mark.parametrize(
    ("name", "code"),
    [("Syria", 760), ("Israel", 376), ("Lebanon", 422), ("Palestine", 275), ("Türkiye", 792)]
    + [(" iraq ", 368)],
)
def test_names_acled_and_natural_earth_use(name: str, code: int) -> None:
    assert iso_numeric(name) == code


def test_unknown_or_missing_country_has_no_code(tmp_path: Path) -> None:
    assert iso_numeric("Atlantis") is None and iso_numeric(None) is None and iso_numeric("") is None
    bundled = json.loads((ROOT / "events" / "iran-update-2025-03-04.geojson").read_text())
    feature = bundled["features"][0]
    feature["properties"]["country"] = None
    (tmp_path / "events.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    store = load_store(tmp_path, today=TODAY)
    assert store.errors == [], store.errors
    assert list(_read(events_to_csv(store.events))["iso"]) == [""]


def test_every_theatre_country_has_a_code() -> None:
    geodata = json.loads((ROOT / "geodata" / "countries.geojson").read_text())
    for feature in geodata["features"]:
        props = feature["properties"]
        if props["iso3"]:
            assert iso_numeric(props["name"]) == NUMERIC_BY_ALPHA3[props["iso3"]], props["name"]
    for name, (alpha3, _) in COUNTRIES.items():
        assert iso_numeric(name) == NUMERIC_BY_ALPHA3[alpha3], name


# .ci/run installs iso-codes, so under CI a missing table fails here instead of skipping.
@pytest.mark.skipif(
    not ISO_CODES.exists() and not os.environ.get("CI"), reason="Debian's iso-codes package is not installed"
)
def test_table_agrees_with_debian_iso_codes() -> None:
    entries = {c["alpha_3"]: c for c in json.loads(ISO_CODES.read_text())["3166-1"]}
    for alpha3, code in NUMERIC_BY_ALPHA3.items():
        assert int(entries[alpha3]["numeric"]) == code, alpha3
        # The ISO short name maps back to the same country.
        assert iso_numeric(entries[alpha3]["name"]) == code, entries[alpha3]["name"]


def test_an_imported_row_keeps_its_code_until_the_analyst_changes_the_country(tmp_path: Path) -> None:
    from sitmap.ingest.acled import read_acled_csv

    features, problems = read_acled_csv((ROOT / "tests/data/acled/export_newer.csv").read_text(), today=TODAY)
    assert problems == [] and features
    syrian = [f for f in features if f["properties"]["country"] == "Syria"]
    syrian[0]["properties"]["country"] = "Lebanon"  # the analyst corrects the country: the code follows
    doc = {"type": "FeatureCollection", "features": features}
    (tmp_path / "events.geojson").write_text(json.dumps(doc), encoding="utf-8")
    rows = _read(events_to_csv(load_store(tmp_path, today=TODAY).events)).set_index("event_id_cnty")
    assert rows.loc[syrian[0]["id"], "iso"] == "422"
    assert all(rows.loc[f["id"], "iso"] == "760" for f in syrian[1:])
    assert len(syrian) > 1
