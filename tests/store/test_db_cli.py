"""`sitmap db init / import / export` against PostGIS: the bundled events go in and come out the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sitmap.cli.commands as cli
from sitmap.settings import load_settings
from sitmap.store.geojson_io import normalise_feature
from sitmap.store.load import load_store

ROOT = Path(__file__).resolve().parents[2]
EVENTS = ROOT / "events"


def _features(folder: Path) -> dict[str, dict]:
    """Every event of a folder by id, as the store reads it."""
    out = {}
    for path in sorted(folder.rglob("*.geojson")):
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
            out[f["id"]] = (path.relative_to(folder).as_posix(), normalise_feature(f))
    return out


def test_init_import_export_gives_back_the_bundled_events(pg_url, tmp_path, capsys):
    url = ["--database-url", pg_url]
    assert cli.main(["db", "init", *url]) == 0
    assert cli.main(["db", "init", *url]) == 0  # safe to run again
    assert cli.main(["db", "import", str(EVENTS), *url, "--user", "ana", "--why", "first load"]) == 0
    out = tmp_path / "exported"
    assert cli.main(["db", "export", str(out), *url]) == 0
    want, got = _features(EVENTS), _features(out)
    assert want, "the bundled events folder holds events"
    assert got == want  # same ids, same files, same features
    assert cli.main(["validate", str(out)]) == 0
    bundled = load_store(EVENTS, settings=load_settings(env={})).events
    exported = load_store(out, settings=load_settings(env={})).events
    assert sorted(exported["id"]) == sorted(bundled["id"])
    # Exporting over what is there is refused and leaves it as it was.
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert cli.main(["db", "export", str(out), *url]) == 2
    assert "refusing" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_import_of_a_folder_with_a_bad_file_imports_nothing(pg_url, tmp_path, capsys):
    url = ["--database-url", pg_url]
    assert cli.main(["db", "init", *url]) == 0
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.geojson").write_bytes((EVENTS / "iran-update-2025-03-04.geojson").read_bytes())
    (folder / "broken.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["db", "import", str(folder), *url]) == 2
    assert "broken.geojson" in capsys.readouterr().err
    out = tmp_path / "out"
    assert cli.main(["db", "export", str(out), *url]) == 0
    assert _features(out) == {}


def test_no_database_url_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.delenv("SITMAP_DATABASE_URL", raising=False)
    assert cli.main(["db", "init"]) == 2
    err = capsys.readouterr().err
    assert "--database-url" in err and "SITMAP_DATABASE_URL" in err


@pytest.mark.parametrize("source", ["missing-folder", "events.txt"])
def test_import_refuses_what_is_neither_folder_nor_csv(tmp_path, capsys, source):
    (tmp_path / "events.txt").write_text("x", encoding="utf-8")
    assert cli.main(["db", "import", str(tmp_path / source), "--database-url", "postgresql:///x"]) == 2
    assert "expected a folder" in capsys.readouterr().err
