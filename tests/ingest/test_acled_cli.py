"""`sitmap import-acled` exit codes: 0 only when every row was imported; refusals are summarised."""

from pathlib import Path

from sitmap.cli.commands import main

DATA = Path(__file__).resolve().parents[1] / "data" / "acled"


def test_a_clean_import_exits_zero(tmp_path: Path, capsys) -> None:
    assert main(["import-acled", str(DATA / "export_newer.csv"), "--events", str(tmp_path)]) == 0
    assert "8 added" in capsys.readouterr().out


def test_a_file_that_is_not_acled_is_refused_with_non_zero_exit(tmp_path: Path, capsys) -> None:
    other = tmp_path / "other.csv"
    other.write_text("name,value\na,1\n", encoding="utf-8")
    assert main(["import-acled", str(other), "--events", str(tmp_path / "events")]) == 2
    err = capsys.readouterr().err
    assert "not an ACLED export" in err and "event_id_cnty" in err
    assert not (tmp_path / "events" / "acled.geojson").exists()


def test_every_row_refused_exits_non_zero(tmp_path: Path, capsys) -> None:
    rows = (DATA / "export.csv").read_text().splitlines()
    bad = tmp_path / "bad.csv"
    bad.write_text(f"{rows[0]}\n{rows[9]}\n", encoding="utf-8")  # only the row dated 31 February
    assert main(["import-acled", str(bad), "--events", str(tmp_path / "events")]) == 1
    out, err = capsys.readouterr()
    assert "0 added" in out and "1 refused" in out
    assert "SYR90009" in err and "event_date" in err


def test_some_rows_refused_exits_non_zero_with_a_summary(tmp_path: Path, capsys) -> None:
    # export.csv holds one row dated 31 February: the other eight are imported, the exit code says not all.
    assert main(["import-acled", str(DATA / "export.csv"), "--events", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "8 added" in out and "1 refused" in out
    assert "refused: " in err and "#9 (SYR90009):event_date" in err
