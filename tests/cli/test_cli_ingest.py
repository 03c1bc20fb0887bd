"""The ingest/extract/accept/import-acled subcommands, end to end in a temporary store."""

import getpass
import json
import shutil
from pathlib import Path

import pytest

from sitmap.cli.commands import main
from sitmap.store.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def test_ingest_extract_accept(tmp_path: Path, capsys) -> None:
    events = tmp_path / "events"
    events.mkdir()
    html = DATA / "extraction" / "ingest" / "saved_page.html"
    args = ["--events", str(events), "--geodata", str(ROOT / "geodata")]
    assert main(["ingest", str(html), "--date", "2025-03-04", *args]) == 0
    assert main(["ingest", str(html), "--date", "2025-03-04", *args]) == 0
    assert "already stored" in capsys.readouterr().out
    assert len(list((events / "reports").glob("*.md"))) == 1

    out = tmp_path / "candidates.geojson"
    assert main(["extract", "southern-syria-update-2025-03-04", "--out", str(out), *args]) == 0
    printed = capsys.readouterr().out
    assert "syr-2025-03-03-tell-al-mal-raid" in printed and "consistent" in printed
    ids = [f["id"] for f in json.loads(out.read_text())["features"]]
    assert not list(events.glob("*.geojson"))  # extraction saved nothing

    into = events / "reviewed.geojson"
    assert main(["accept", str(out), "--ids", ids[0], "--into", str(into), *args]) == 0
    saved = json.loads(into.read_text())["features"]
    assert [f["id"] for f in saved] == [ids[0]] and "sitmap_candidate" not in saved[0]["properties"]
    statuses = {
        f["id"]: f["properties"]["sitmap_candidate"]["status"]
        for f in json.loads(out.read_text())["features"]
    }
    assert statuses[ids[0]] == "accepted" and statuses[ids[1]] == "pending"
    assert main(["accept", str(out), "--ids", "no-such-id", *args]) == 2
    # The accept is in the event's history as the login name's (the CLI has no app login).
    [entry] = EmbeddedStore(events).history(ids[0])
    assert (entry.user, entry.op) == (getpass.getuser(), "insert") and str(out) in entry.why


def test_accept_again_names_the_flags_and_replace_keeps_curated_fields(tmp_path: Path, capsys) -> None:
    events = tmp_path / "events"
    events.mkdir()
    args = ["--events", str(events), "--geodata", str(ROOT / "geodata")]
    html = DATA / "extraction" / "ingest" / "saved_page.html"
    assert main(["ingest", str(html), "--date", "2025-03-04", *args]) == 0
    out = tmp_path / "candidates.geojson"
    assert main(["extract", "southern-syria-update-2025-03-04", "--out", str(out), *args]) == 0
    raid = "syr-2025-03-03-tell-al-mal-raid"
    into = events / "reviewed.geojson"
    accept = ["accept", str(out), "--ids", raid, "--into", str(into), *args]
    assert main(accept) == 0
    doc = json.loads(into.read_text())
    props = doc["features"][0]["properties"]
    props.update(summary="Curated summary.", location="Tell al Mal (curated)", tags=["curated"])
    into.write_text(json.dumps(doc))
    capsys.readouterr()

    assert main(accept) == 1  # already stored: refused, and the message names the CLI's flags
    err = capsys.readouterr().err
    assert "--replace" in err and "--overwrite" in err and "replace=True" not in err
    assert json.loads(into.read_text()) == doc

    assert main([*accept, "--replace"]) == 0
    printed = capsys.readouterr().out
    props = json.loads(into.read_text())["features"][0]["properties"]
    assert (props["summary"], props["location"], props["tags"]) == (
        "Curated summary.",
        "Tell al Mal (curated)",
        ["curated"],
    )
    assert "kept" in printed and "summary" in printed and "location" in printed

    assert main([*accept, "--overwrite"]) == 0
    props = json.loads(into.read_text())["features"][0]["properties"]
    assert props["summary"] != "Curated summary." and props.get("tags") != ["curated"]
    with pytest.raises(SystemExit) as info:  # one or the other: argparse refuses both
        main([*accept, "--replace", "--overwrite"])
    assert info.value.code == 2
    assert "not allowed with argument --replace" in capsys.readouterr().err


def test_import_acled_twice(tmp_path: Path, capsys) -> None:
    events = tmp_path / "events"
    events.mkdir()
    csv = tmp_path / "export.csv"
    shutil.copy(DATA / "acled" / "export.csv", csv)
    assert main(["import-acled", str(csv), "--events", str(events)]) == 1  # one row refused (31 February)
    assert "8 added, 0 updated" in capsys.readouterr().out
    assert main(["import-acled", str(DATA / "acled" / "export_updated.csv"), "--events", str(events)]) == 0
    assert "1 added, 1 updated, 7 unchanged" in capsys.readouterr().out
    files = sorted((events / "acled").rglob("*.geojson"))  # the default: one file per country and month
    assert sum(len(json.loads(p.read_text())["features"]) for p in files) == 9 and len(files) > 1
    assert main(["import-acled", str(tmp_path / "missing.csv"), "--events", str(events)]) == 2


def test_ingest_reads_the_report_date_from_the_dateline(tmp_path: Path, capsys) -> None:
    """'Southern Syria, 4 March 2025' heads the text: no --date needed, and none invented without one."""
    events = tmp_path / "events"
    events.mkdir()
    args = ["--events", str(events), "--geodata", str(ROOT / "geodata")]
    assert main(["ingest", str(DATA / "extraction" / "ingest" / "plain.txt"), *args]) == 0
    [stored] = (events / "reports").glob("*.md")
    assert stored.name.endswith("-2025-03-04.md") and "date: '2025-03-04'" in stored.read_text()
    undated = tmp_path / "undated.txt"
    undated.write_text("Israeli forces raided Nawa on 3 March.\n", encoding="utf-8")
    assert main(["ingest", str(undated), *args]) != 0
    assert "--date" in capsys.readouterr().err


def test_extract_uses_the_analysts_own_places(tmp_path: Path, capsys) -> None:
    from sitmap.reference.own_places import add_own_place, new_own_place

    events = tmp_path / "events"
    (events / "reports").mkdir(parents=True)
    text = tmp_path / "r.txt"
    text.write_text("Israeli troops went into Jamleh in western Daraa on 8 March 2025.\n", encoding="utf-8")
    args = ["--events", str(events), "--geodata", str(ROOT / "geodata")]
    assert main(["ingest", str(text), "--date", "2025-03-09", "--id", "jamleh-test", *args]) == 0
    add_own_place(events, new_own_place("Jamleh", 32.74, 35.96, 1500, "test fixture", country="Syria"))
    out = tmp_path / "c.geojson"
    assert main(["extract", "jamleh-test", "--out", str(out), *args]) == 0
    (feat,) = json.loads(out.read_text())["features"]
    assert feat["geometry"]["coordinates"] == [35.96, 32.74]  # the own place's point, not the region
    assert feat["properties"]["location"] == "Jamleh" and feat["properties"]["uncertainty_m"] == 1500
