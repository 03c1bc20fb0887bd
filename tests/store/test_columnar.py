"""The columnar snapshot of a large store: a new process opens it without parsing GeoJSON, and an edit
re-reads only the file it changed (sitmap.store.columnar, sitmap.store.assemble)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from sitmap.settings import load_settings
from sitmap.store import assemble
from sitmap.store.load import load_store, upsert_event
from sitmap.view import View, apply_view
from sitmap.view.filtering import in_time_order

DATA = Path(__file__).parents[1] / "data"
TODAY = date(2026, 1, 1)
GEODATA = str(DATA / "store" / "geodata")
SNAPSHOT = load_settings(env={"SITMAP_SNAPSHOT_MB": "0"}, geodata_dir=GEODATA)  # every store is "large"


def _fresh_process() -> None:
    """Forget what this process remembers, as a newly started app would."""
    assemble._MEMO.clear()


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files parsed from GeoJSON from now on (the others came from the snapshot or the memo)."""
    seen: list[Path] = []
    real = assemble.read_file

    def spy(path, settings, today):  # type: ignore[no-untyped-def]
        seen.append(path)
        return real(path, settings, today)

    monkeypatch.setattr(assemble, "read_file", spy)
    return seen


def _copy(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "events"
    shutil.copytree(DATA / name, folder)
    _fresh_process()
    return folder


def _by_id(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("id").reset_index(drop=True)


def test_a_new_process_opens_the_store_from_its_snapshot(tmp_path, parsed):
    folder = _copy(tmp_path, "store/events")
    first = load_store(folder, settings=SNAPSHOT, today=TODAY)
    assert parsed and any((folder / ".sitmap" / "cache").iterdir())
    parsed.clear()
    _fresh_process()
    again = load_store(folder, settings=SNAPSHOT, today=TODAY)
    assert parsed == []
    pd.testing.assert_frame_equal(_by_id(again.events), _by_id(first.events))
    assert again.problems == first.problems and again.files == first.files


def test_problems_come_back_from_the_snapshot(tmp_path, parsed):
    folder = _copy(tmp_path, "bad")
    first = load_store(folder, settings=SNAPSHOT, today=TODAY)
    parsed.clear()
    _fresh_process()
    again = load_store(folder, settings=SNAPSHOT, today=TODAY)
    assert sorted(map(str, again.problems)) == sorted(map(str, first.problems)) and first.problems
    assert parsed == []


def test_an_edit_re_reads_only_its_file_and_matches_a_full_load(tmp_path, parsed):
    folder = _copy(tmp_path, "store/events")
    before = load_store(folder, settings=SNAPSHOT, today=TODAY)
    target = Path(before.events["source_file"].iloc[0])
    feature = {"type": "Feature", "id": before.events["id"].iloc[0], "geometry": None}
    row = before.events.iloc[0]
    feature["properties"] = {
        "date": row["date"],
        "time_precision": row["time_precision"],
        "event_type": row["event_type"],
        "actors": list(row["actors"]),
        "geo_precision": row["geo_precision"],
        "claim_status": row["claim_status"],
        "summary": "Edited summary.",
    }
    upsert_event(target, feature, expected_version=before.files[target], settings=SNAPSHOT, today=TODAY)
    parsed.clear()
    after = load_store(folder, settings=SNAPSHOT, today=TODAY)
    assert parsed == [target]
    assert after.events.loc[after.events["id"] == feature["id"], "summary"].tolist() == ["Edited summary."]
    _fresh_process()
    full = load_store(folder, settings=load_settings(env={}, geodata_dir=GEODATA), today=TODAY)
    pd.testing.assert_frame_equal(_by_id(after.events), _by_id(full.events))


def test_a_removed_file_takes_its_events_with_it(tmp_path):
    folder = _copy(tmp_path, "store/events")
    before = load_store(folder, settings=SNAPSHOT, today=TODAY)
    gone = Path(before.events["source_file"].iloc[0])
    gone.unlink()
    after = load_store(folder, settings=SNAPSHOT, today=TODAY)
    assert str(gone) not in set(after.events["source_file"]) and len(after.events) < len(before.events)


def test_a_snapshot_with_future_dates_is_not_used_on_a_later_day(tmp_path, parsed):
    folder = tmp_path / "events"
    folder.mkdir()
    (folder / "e.geojson").write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "a", "geometry": null,'
        ' "properties": {"date": "2026-01-05", "time_precision": "day", "event_type": "raid",'
        ' "actors": [], "geo_precision": "near", "claim_status": "reported", "summary": "s"}}]}'
    )
    _fresh_process()
    assert load_store(folder, settings=SNAPSHOT, today=TODAY).events.empty  # in the future then
    _fresh_process()
    assert list(load_store(folder, settings=SNAPSHOT, today=date(2026, 2, 1)).events["id"]) == ["a"]


def test_small_stores_keep_no_snapshot(tmp_path):
    folder = _copy(tmp_path, "store/events")
    load_store(folder, settings=load_settings(env={}, geodata_dir=GEODATA), today=TODAY)
    assert not (folder / ".sitmap" / "cache").exists()


def _edit_first(folder: Path, before, summary: str, date_: str | None = None) -> str:
    row = before.events.iloc[0]
    target = Path(row["source_file"])
    props = {
        "date": date_ or row["date"],
        "time_precision": "day" if date_ else row["time_precision"],
        "event_type": row["event_type"],
        "actors": list(row["actors"]),
        "geo_precision": row["geo_precision"],
        "claim_status": row["claim_status"],
        "summary": summary,
    }
    feature = {"type": "Feature", "id": row["id"], "geometry": None, "properties": props}
    upsert_event(target, feature, expected_version=before.files[target], settings=SNAPSHOT, today=TODAY)
    return str(row["id"])


def test_the_frame_stays_in_view_order_through_a_patched_reload(tmp_path, monkeypatch):
    folder = _copy(tmp_path, "store/events")
    before = load_store(folder, settings=SNAPSHOT, today=TODAY)
    assert in_time_order(before.events)
    fid = _edit_first(folder, before, "Moved later.", date_="2025-12-30")  # the first row moves
    after = load_store(folder, settings=SNAPSHOT, today=TODAY).events
    assert after["id"].iloc[0] != fid
    assert after["id"].tolist() == after.sort_values(["start", "id"])["id"].tolist()
    assert in_time_order(after)
    monkeypatch.setattr(pd.DataFrame, "sort_values", None)  # an ordered frame is never sorted again
    assert apply_view(after, View())["id"].tolist() == after["id"].tolist()


def test_a_reload_of_an_unchanged_store_reads_no_snapshot(tmp_path, monkeypatch):
    folder = _copy(tmp_path, "store/events")
    first = load_store(folder, settings=SNAPSHOT, today=TODAY)
    read: list[Path] = []
    real = assemble.read_piece
    monkeypatch.setattr(assemble, "read_piece", lambda d, p, *a: read.append(p) or real(d, p, *a))
    again = load_store(folder, settings=SNAPSHOT, today=TODAY)
    assert read == [] and again.events is first.events


def test_an_edit_of_values_patches_the_frame_in_place_and_matches_a_full_load(tmp_path, monkeypatch):
    folder = _copy(tmp_path, "store/events")
    before = load_store(folder, settings=SNAPSHOT, today=TODAY)
    row = before.events.iloc[-1]
    target = Path(row["source_file"])
    feature = {
        "type": "Feature",
        "id": row["id"],
        "geometry": {"type": "Point", "coordinates": [36.5, 33.5]},
        "properties": {
            "date": row["date"],
            "time_precision": row["time_precision"],
            "event_type": "shelling",
            "actors": ["Someone", "Another"],
            "geo_precision": "near",
            "claim_status": row["claim_status"],
            "summary": "Edited in place.",
            "location": None,
        },
    }
    upsert_event(target, feature, expected_version=before.files[target], settings=SNAPSHOT, today=TODAY)

    def no_rebuild(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the frame was rebuilt, not patched")

    monkeypatch.setattr(assemble, "_in_order", no_rebuild)
    after = load_store(folder, settings=SNAPSHOT, today=TODAY)
    got = after.events.set_index("id").loc[row["id"]]
    assert got["summary"] == "Edited in place." and got["actors"] == ["Someone", "Another"]
    assert (got.geometry.x, got.geometry.y) == (36.5, 33.5) and got["event_type"] == "shelling"
    assert before.events.set_index("id").loc[row["id"], "summary"] != "Edited in place."  # not mutated
    _fresh_process()
    full = load_store(folder, settings=load_settings(env={}, geodata_dir=GEODATA), today=TODAY)
    pd.testing.assert_frame_equal(_by_id(after.events), _by_id(full.events))


def test_snapshot_geometries_and_json_columns_read_back_as_they_were_written():
    """Points come straight from their WKB bytes, everything else (3D, big-endian, empty, other types,
    missing) through shapely; equal JSON texts decode once and nulls read as None."""
    import numpy as np
    import pyarrow as pa
    import shapely

    from sitmap.store.columnar import _decoded, wkb_geometries

    geoms = [
        shapely.Point(36.04, 33.095),
        shapely.Point(-0.0, 1e-300),
        shapely.Point(),
        shapely.Point(1, 2, 3),
        None,
        shapely.box(0, 0, 1, 1),
        shapely.LineString([(0, 0), (1, 1)]),
        shapely.Point(35.5, 33.9),
    ]
    wkb = [None if g is None else shapely.to_wkb(g) for g in geoms]
    wkb.append(shapely.to_wkb(shapely.Point(5, 6), byte_order=0))  # big-endian
    chunked = pa.chunked_array([pa.array(wkb[:3], pa.binary()), pa.array(wkb[3:], pa.binary())])
    got = wkb_geometries(chunked)
    want = [None if b is None else shapely.from_wkb(b) for b in wkb]
    assert [None if g is None else g.wkt for g in got] == [None if g is None else g.wkt for g in want]
    assert all(g is None or g.has_z == w.has_z for g, w in zip(got, want, strict=True))
    texts = pa.chunked_array(
        [pa.array([b'["a"]', b"[]", None], pa.binary()), pa.array([b'["a"]'], pa.binary())]
    )
    decoded = _decoded(texts)
    assert list(decoded) == [["a"], [], None, ["a"]] and decoded[0] is decoded[3]
    assert (
        wkb_geometries(pa.chunked_array([], pa.binary())).shape == (0,)
        and len(_decoded(pa.chunked_array([], pa.binary()))) == 0
    )
    assert isinstance(got, np.ndarray)


def test_the_reload_after_a_save_takes_the_saved_file_as_the_save_validated_it(tmp_path, monkeypatch):
    """The save parsed and validated the bytes it wrote; the store's reload does not do it again, and its
    frame and problems are a full load's."""
    from sitmap.store.embedded import EmbeddedStore

    folder = _copy(tmp_path, "store/events")
    store = EmbeddedStore(folder, settings=SNAPSHOT, today=TODAY)
    fid = str(store.query(View())["id"].iloc[0])
    feature, version = store.get(fid)
    feature["properties"]["summary"] = "Edited summary."
    parses: list[str] = []
    real = assemble.parse_feature_collection

    def spy(data, *, file, **kwargs):  # type: ignore[no-untyped-def]
        parses.append(file)
        return real(data, file=file, **kwargs)

    monkeypatch.setattr(assemble, "parse_feature_collection", spy)
    store.save(feature, version, user="test", why="test")
    after = load_store(folder, settings=SNAPSHOT, today=TODAY)
    assert parses == []
    assert after.events.loc[after.events["id"] == fid, "summary"].tolist() == ["Edited summary."]
    monkeypatch.undo()
    _fresh_process()
    full = load_store(folder, settings=load_settings(env={}, geodata_dir=GEODATA), today=TODAY)
    pd.testing.assert_frame_equal(_by_id(after.events), _by_id(full.events))
    assert sorted(map(str, after.problems)) == sorted(map(str, full.problems))


def test_a_save_parses_the_file_it_changes_once(tmp_path, monkeypatch):
    """The store finds the event by parsing its file (at `get`); the save takes that parse when the file is
    still at the version read, to find the event again and under the lock, so it parses the file's old bytes
    no more (a file changed in between is parsed again: see test_store_backends)."""
    from sitmap.store import write
    from sitmap.store.embedded import EmbeddedStore

    folder = _copy(tmp_path, "store/events")
    store = EmbeddedStore(folder, settings=SNAPSHOT, today=TODAY)
    events = store.query(View())
    fid, file = str(events["id"].iloc[0]), Path(events["source_file"].iloc[0])
    feature, version = store.get(fid)
    feature["properties"]["summary"] = "Edited summary."
    before = file.read_bytes()
    parsed: list[bytes] = []
    real = write.parse_feature_collection

    def spy(data, **kwargs):  # type: ignore[no-untyped-def]
        parsed.append(data)
        return real(data, **kwargs)

    monkeypatch.setattr(write, "parse_feature_collection", spy)
    store.save(feature, version, user="test", why="test")
    assert parsed.count(before) == 0
    assert store.get(fid)[0]["properties"]["summary"] == "Edited summary."
    assert [e.op for e in store.history(fid)] == ["update"]
