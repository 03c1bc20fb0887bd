"""`sitmap snapshot` and `sitmap export` run end to end on the bundled data (in-process, fast)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pandas as pd
import pyogrio
import pytest
from PIL import Image
from pyproj import Geod

import sitmap.cli.commands as cli
from sitmap.cli.export import _view

ROOT = Path(__file__).resolve().parents[2]
STORE = ["--events", str(ROOT / "events"), "--geodata", str(ROOT / "geodata")]
TELL_AL_MAL = "syr-2025-03-03-tell-al-mal-raid"


def run(*args: str) -> int:
    return cli.main([*args, *STORE])


def test_subcommands_are_registered():
    parser = cli.build_parser()
    help_text = parser.format_help()
    assert "snapshot" in help_text and "export" in help_text


def test_snapshot_around_an_event_with_distance(tmp_path, capsys):
    out = tmp_path / "golan.png"
    options = ["--around", TELL_AL_MAL, "--radius-km", "20", "--distance-to", "area-of-separation"]
    code = run("snapshot", *options, "--title", "Golan", "--dpi", "50", "--size", "8,6", "--out", str(out))
    assert code == 0
    with Image.open(out) as im:
        assert im.size == (400, 300)
        assert im.info["dpi"] == pytest.approx((50, 50), rel=1e-3)  # PNG stores whole pixels per metre
    assert f"wrote {out}" in capsys.readouterr().err


def test_snapshot_pdf_with_filters(tmp_path):
    out = tmp_path / "window.pdf"
    window = ["--from", "2025-03-01", "--to", "2025-03-04", "--type", "raid,patrol"]
    assert run("snapshot", *window, "--title", "Window", "--out", str(out)) == 0
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--around", "no-such-event"], "no event with id 'no-such-event'"),
        (["--selected", "no-such-event"], "no event with id 'no-such-event'"),
        (["--around", "irn-2024-09-srbm-shipments-to-russia"], "has no location"),
        (["--distance-to", "line-a"], "needs an event"),
        (["--type", "meteor"], "unknown event type"),
    ],
)
def test_snapshot_user_errors_exit_2(tmp_path, capsys, args, message):
    assert run("snapshot", *args, "--dpi", "30", "--out", str(tmp_path / "x.png")) == 2
    assert message in capsys.readouterr().err


def test_snapshot_refuses_bad_outputs(tmp_path, capsys):
    assert run("snapshot", "--out", str(tmp_path / "x.jpg")) == 2
    assert ".png, .svg or .pdf" in capsys.readouterr().err
    assert run("snapshot", "--out", str(tmp_path / "missing" / "x.png")) == 2
    assert "output folder does not exist" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run("snapshot", "--overlays", "zone,clouds", "--out", str(tmp_path / "x.png"))


def test_around_makes_a_geodesic_box_and_selects_the_event():
    from sitmap.store.load import load_store

    events = load_store(ROOT / "events").events
    args = cli.build_parser().parse_args(
        ["snapshot", "--around", TELL_AL_MAL, "--radius-km", "15", "--out", "x.png"]
    )
    view = _view(args, events)
    assert view.selected == TELL_AL_MAL
    w, s, e, n = view.bbox
    geod = Geod(ellps="WGS84")
    assert geod.inv(36.04, 33.095, 36.04, n)[2] == pytest.approx(15_000, rel=1e-6)
    assert geod.inv(36.04, 33.095, e, 33.095)[2] == pytest.approx(15_000, rel=2e-3)


def test_export_csv_with_filters(tmp_path):
    out = tmp_path / "e.csv"
    assert run("export", "--format", "csv", "--from", "2025-03-01", "--out", str(out)) == 0
    frame = pd.read_csv(out)
    assert list(frame["event_id_cnty"]) == [TELL_AL_MAL, "syr-2025-03-04-ruwaihaniya-patrol"]


def test_export_geojson_kml_gpkg(tmp_path):
    for fmt in ("geojson", "kml", "gpkg"):
        assert run("export", "--format", fmt, "--country", "Iran", "--out", str(tmp_path / f"e.{fmt}")) == 0
    ids = {f["id"] for f in json.loads((tmp_path / "e.geojson").read_text())["features"]}
    assert ids and all(i.startswith("irn-") for i in ids)
    kml = SafeET.parse(io.BytesIO((tmp_path / "e.kml").read_bytes())).getroot()
    marks = [
        m
        for folder in kml.iter("{http://www.opengis.net/kml/2.2}Folder")
        if folder.findtext("{http://www.opengis.net/kml/2.2}name") != "Location uncertainty"
        for m in folder.findall("{http://www.opengis.net/kml/2.2}Placemark")
    ]
    assert {m.get("id") for m in marks} == ids
    assert set(pyogrio.read_dataframe(tmp_path / "e.gpkg")["id"]) == ids


def test_export_html_is_self_contained(tmp_path):
    out = tmp_path / "map.html"
    assert run("export", "--format", "html", "--selected", TELL_AL_MAL, "--out", str(out)) == 0
    html = out.read_text(encoding="utf-8")
    assert "<html" in html.lower()
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html


@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_export_refuses_to_write_inside_the_event_store(tmp_path, capsys, fmt):
    import shutil

    store = tmp_path / "events"
    shutil.copytree(ROOT / "events", store)
    target = store / "iran-update-2025-03-04.geojson"
    before = target.read_bytes()
    args = ["export", "--format", fmt, "--type", "raid", "--events", str(store), "--out", str(target)]
    assert cli.main([*args, "--geodata", str(ROOT / "geodata")]) == 2
    err = capsys.readouterr().err
    assert "inside the event store" in err and str(store) in err
    assert target.read_bytes() == before  # the store file is untouched
    # A sub-folder of the store (or a new file there) is refused too: the store loads every *.geojson.
    sub = store / "reports" / "x.geojson"
    assert cli.main([*args[:-1], str(sub), "--geodata", str(ROOT / "geodata")]) == 2
    assert not sub.exists()


def test_export_beside_the_store_is_fine(tmp_path):
    assert run("export", "--format", "geojson", "--out", str(tmp_path / "events.geojson")) == 0


def test_export_kml_says_which_events_have_no_location(tmp_path, capsys):
    assert run("export", "--format", "kml", "--out", str(tmp_path / "all.kml")) == 0
    err = capsys.readouterr().err
    assert "1 without a location" in err and "irn-2024-09-srbm-shipments-to-russia" in err
