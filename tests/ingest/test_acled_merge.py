"""ACLED as a living dataset: a re-import keeps analyst edits, reports conflicts and rows dropped upstream."""

import json
from datetime import date
from pathlib import Path

import pytest

from sitmap.cli.commands import main
from sitmap.ingest.acled_merge import import_acled
from sitmap.store.load import load_store

DATA = Path(__file__).resolve().parents[1] / "data" / "acled"
TODAY = date(2025, 4, 1)


def _edit(path: Path, fid: str, **changes) -> None:
    """Change an event's properties in the stored file, as an analyst would (by hand or in the UI)."""
    doc = json.loads(path.read_text())
    for f in doc["features"]:
        if f["id"] == fid:
            f["properties"].update(changes)
    path.write_text(json.dumps(doc), encoding="utf-8")


def _props(path: Path, fid: str) -> dict:
    return next(f for f in json.loads(path.read_text())["features"] if f["id"] == fid)["properties"]


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Path, Path]:
    events = tmp_path / "events"
    into = events / "acled.geojson"
    first = import_acled(DATA / "export.csv", into, events_dir=events, today=TODAY)
    assert len(first.added) == 8
    return events, into


def test_imported_event_keeps_its_upstream_record(imported) -> None:
    _events, into = imported
    upstream = _props(into, "SYR90001")["upstream"]
    assert (upstream["source"], upstream["event_id_cnty"], upstream["timestamp"]) == (
        "acled", "SYR90001", 1741300000,
    )  # fmt: skip
    assert upstream["fields"]["location"] == "Khan Arnabah"
    assert upstream["row"]["admin2"] == "Al Quneitra" and upstream["row"]["inter1"] == "8"


def test_reimport_keeps_analyst_edits_reports_conflicts_and_dropped_rows(imported) -> None:
    events, into = imported
    # SYR90001 is unchanged upstream; the analyst confirms it, tags it and rewrites its summary.
    _edit(into, "SYR90001", claim_status="confirmed", tags=["acled", "checked"], summary="Raid, confirmed.")
    # SYR90002 changes upstream (location, notes); the analyst also changed its location and status.
    _edit(into, "SYR90002", claim_status="confirmed", location="Ruwaihaniya village")
    result = import_acled(DATA / "export_newer.csv", into, events_dir=events, today=TODAY)

    kept = _props(into, "SYR90001")
    assert (kept["claim_status"], kept["tags"], kept["summary"]) == (
        "confirmed", ["acled", "checked"], "Raid, confirmed.",
    )  # fmt: skip
    both = _props(into, "SYR90002")
    assert both["claim_status"] == "confirmed"  # the analyst's, upstream did not touch it
    assert both["location"] == "Ruwaihaniya village"  # conflict: the analyst's version wins by default
    assert "southern outskirts" in both["summary"]  # only upstream changed the notes: taken
    assert result.kept_local == ["SYR90001"] and result.updated == []
    assert result.conflicts == {"SYR90002": ["location"]}
    assert result.added == ["SYR90010"]
    assert result.dropped == ["SYR90003"]  # missing from the newer export of the same scope: listed...
    assert "SYR90003" in {f["id"] for f in json.loads(into.read_text())["features"]}  # ...and kept
    assert sorted(result.unchanged) == ["IRQ90006", "LBN90007", "SYR90008", "YEM90004", "YEM90005"]
    assert load_store(events, today=TODAY).errors == []

    # The conflict is settled: importing the same export again reports nothing new.
    again = import_acled(DATA / "export_newer.csv", into, events_dir=events, today=TODAY)
    assert again.conflicts == {} and again.updated == [] and again.added == []
    assert sorted(again.kept_local) == ["SYR90001", "SYR90002"]


def test_prefer_upstream_takes_upstream_on_conflict(imported) -> None:
    events, into = imported
    _edit(into, "SYR90002", claim_status="confirmed", location="Ruwaihaniya village")
    result = import_acled(DATA / "export_newer.csv", into, events_dir=events, today=TODAY, prefer="upstream")
    props = _props(into, "SYR90002")
    assert props["location"] == "Ruwaihaniya (southern outskirts)"
    assert props["claim_status"] == "confirmed"  # no conflict on this field: still the analyst's
    assert result.conflicts == {"SYR90002": ["location"]}


def test_event_without_upstream_record_is_not_overwritten(imported) -> None:
    """An event stored before upstream records existed: differing fields are conflicts, not silent reverts."""
    events, into = imported
    doc = json.loads(into.read_text())
    for f in doc["features"]:
        f["properties"].pop("upstream")
        if f["id"] == "SYR90001":
            f["properties"]["claim_status"] = "confirmed"
    into.write_text(json.dumps(doc), encoding="utf-8")
    result = import_acled(DATA / "export.csv", into, events_dir=events, today=TODAY)
    assert _props(into, "SYR90001")["claim_status"] == "confirmed"
    assert result.conflicts == {"SYR90001": ["claim_status"]}
    assert "upstream" in _props(into, "SYR90002")


def test_cli_summary_counts_everything(imported, capsys) -> None:
    events, into = imported
    _edit(into, "SYR90001", claim_status="confirmed")
    _edit(into, "SYR90002", location="Ruwaihaniya village")
    code = main(["import-acled", str(DATA / "export_newer.csv"), "--events", str(events)])
    out, err = capsys.readouterr()
    assert code == 0
    assert "1 added, 0 updated, 5 unchanged, 1 kept-local, 1 conflicts, 1 dropped, 0 refused" in out
    assert "conflict: SYR90002: location" in err and "dropped upstream: SYR90003" in err


def test_an_import_into_a_folder_splits_by_country_and_month(tmp_path: Path) -> None:
    events = tmp_path / "events"
    into = events / "acled"
    first = import_acled(DATA / "export.csv", into, events_dir=events, today=TODAY)
    files = sorted(str(p.relative_to(into)) for p in into.rglob("*.geojson"))
    assert files == [
        "iraq/2025/iraq-2025-02.geojson",
        "lebanon/2025/lebanon-2025-01.geojson",
        "syria/2025/syria-2025-02.geojson",
        "syria/2025/syria-2025-03.geojson",
        "yemen/2025/yemen-2025-01.geojson",
    ]
    assert len(first.added) == 8 and _props(into / "yemen" / "2025" / "yemen-2025-01.geojson", "YEM90004")
    store = load_store(events, today=TODAY)
    assert not store.errors and len(store.events) == 8
    # A re-import merges each event where it is: an analyst's edit survives, nothing is duplicated.
    _edit(into / "syria" / "2025" / "syria-2025-03.geojson", "SYR90001", summary="Analyst's summary.")
    again = import_acled(DATA / "export_updated.csv", into, events_dir=events, today=TODAY)
    assert len(again.added) == 1 and again.updated
    assert not [p for p in again.problems if "already stored" in p.message]
    assert _props(into / "syria" / "2025" / "syria-2025-03.geojson", "SYR90001")["summary"] == (
        "Analyst's summary."
    )
    assert len(load_store(events, today=TODAY).events) == 9


def test_a_split_import_files_an_event_by_country_and_month() -> None:
    from sitmap.ingest.acled_merge import split_file

    def where(**props: str) -> str:
        return str(split_file({"properties": props}))

    assert where(country="Syria", date="2025-03-04") == "syria/2025/syria-2025-03.geojson"
    assert where(country="Syria", date="2024") == "syria/2024/syria-2024.geojson"  # dated only to its year
    assert where(date="2025-03-04") == "no-country/2025/no-country-2025-03.geojson"
