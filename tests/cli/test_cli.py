"""The core `sitmap` subcommands, run in-process through `main(argv)` as a user would type them."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest

from sitmap.cli.commands import main

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"
RAID = "syr-2025-03-03-tell-al-mal-raid"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def tree_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def test_validate_bundled_store_passes(capsys):
    code, out, err = run(capsys, "validate", "--events", str(ROOT / "events"))
    assert code == 0
    assert out == ""
    assert "10 valid events; 0 errors" in err


def test_validate_bad_folder_reports_each_problem_and_changes_nothing(capsys, tmp_path):
    folder = tmp_path / "bad"
    shutil.copytree(BAD, folder)
    before = tree_hash(folder)
    code, out, _err = run(capsys, "validate", str(folder))
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith("error: ")]
    # Every line names file:feature:field, and every bad file with an error is named at least once.
    for line in lines:
        file, feature, field, _message = line.removeprefix("error: ").split(":", 3)
        assert file.startswith(str(folder)) and feature and field
    named = {Path(line.removeprefix("error: ").split(":", 1)[0]).name for line in lines}
    for expected in (
        "malformed.geojson",
        "nan.geojson",
        "self_intersection.geojson",
        "ambiguous_date.geojson",
    ):
        assert expected in named
    assert "self_intersection.geojson:#1 (bad-self_intersection):geometry.coordinates: invalid polygon" in out
    assert tree_hash(folder) == before  # validation never writes (no lock files, no repairs)


def test_validate_single_file_and_missing_path(capsys):
    code, out, _ = run(capsys, "validate", str(BAD / "ambiguous_date.geojson"))
    assert code == 1 and "properties.date" in out and "ambiguous" in out
    code, _, err = run(capsys, "validate", str(BAD / "no-such-file.geojson"))
    assert code == 2 and "no such file" in err


def test_events_filters_by_window_and_type_as_geojson(capsys):
    code, out, _ = run(capsys, "events", "--from", "2025-03-01", "--to", "2025-03-03")
    assert code == 0
    ids = [f["id"] for f in json.loads(out)["features"]]
    assert ids == [RAID]
    code, out, _ = run(capsys, "events", "--type", "patrol,raid", "--bbox", "35.5,32.8,36.3,33.5")
    assert sorted(f["id"] for f in json.loads(out)["features"]) == [RAID, "syr-2025-03-04-ruwaihaniya-patrol"]


def test_events_as_csv_uses_acled_columns(capsys):
    code, out, _ = run(capsys, "events", "--format", "csv", "--country", "Yemen")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["event_id_cnty"] for r in rows] == ["yem-2023-11-red-sea-shipping-attacks"]
    # ACLED's convention for an area: a representative point flagged geo_precision 3 (region).
    assert rows[0]["geo_precision"] == "3" and 10 < float(rows[0]["latitude"]) < 21


def test_events_rejects_bad_options(capsys):
    code, _, err = run(capsys, "events", "--type", "bombing")
    assert code == 2 and "unknown event type" in err
    with pytest.raises(SystemExit):
        main(["events", "--from", "03/04/2024"])
    with pytest.raises(SystemExit):
        main(["events", "--bbox", "36,33,35,34"])


def test_distance_prints_range_reference_and_claim_check(capsys):
    code, out, _ = run(capsys, "distance", RAID, "area-of-separation")
    assert code == 0
    assert "measured to:  the edge of the Area of Separation" in out
    assert "distance:     12.9 km" in out and "range:        8.9-16.9 km" in out
    assert "stated ≈ 16 km" in out and "consistent" in out
    code, out, _ = run(capsys, "distance", RAID, "line-a")
    assert "measured to:  Line A" in out and "range:        13.8-21.8 km" in out


def test_distance_errors_are_one_clear_line(capsys):
    code, _, err = run(capsys, "distance", "nope", "line-a")
    assert code == 2 and "no event with id 'nope'" in err
    code, _, err = run(capsys, "distance", RAID, "line-z")
    assert code == 2 and "line-a" in err  # lists the known ids
    code, _, err = run(capsys, "distance", "irn-2024-09-srbm-shipments-to-russia", "line-a")
    assert code == 2 and "no location" in err


def test_events_folder_from_environment(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("SITMAP_EVENTS", str(tmp_path / "missing"))
    code, _, err = run(capsys, "events")
    assert code == 2 and "events folder not found" in err
