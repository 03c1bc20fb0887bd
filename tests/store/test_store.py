"""The event store: strict loading of every file, and atomic, locked, version-checked saving."""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import shutil
import signal
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sitmap.settings import load_settings
from sitmap.store.load import (
    EVENT_COLUMNS,
    ConflictError,
    EventNotFoundError,
    FileVersion,
    ValidationError,
    delete_event,
    load_store,
    read_event_file,
    save_features,
    upsert_event,
    validate_paths,
)

sys.path.insert(0, str(Path(__file__).parents[1]))  # spawned children import the workers module by name
import store_workers  # noqa: E402

DATA = Path(__file__).parents[1] / "data"
BAD = DATA / "bad"
STORE = DATA / "store"
TODAY = date(2026, 1, 1)
SETTINGS = load_settings(env={}, geodata_dir=str(STORE / "geodata"))


def tree_state(root: Path) -> dict[str, str]:
    """Every file under root (names included, so a new lock or temp file shows) with its hash."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def event(fid: str, **props) -> dict:
    base = {
        "date": "2025-03-03",
        "time_precision": "day",
        "event_type": "raid",
        "actors": ["Israel Defense Forces"],
        "geo_precision": "near",
        "claim_status": "reported",
        "summary": "Test event.",
    }
    return {
        "type": "Feature",
        "id": fid,
        "geometry": {"type": "Point", "coordinates": [36.04, 33.095]},
        "properties": {**base, **props},
    }


# --- loading a good store ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def good():
    return load_store(STORE / "events", settings=SETTINGS, today=TODAY)


def test_good_store_loads_without_problems(good):
    assert good.problems == []
    assert sorted(good.events["id"]) == ["golan-patrol-week", "golan-raid", "no-location", "yemen-month"]


def test_events_frame_has_exactly_the_contract_columns(good):
    ev = good.events
    assert tuple(ev.columns) == EVENT_COLUMNS
    assert ev.crs.to_epsg() == 4326
    assert isinstance(ev.index, pd.RangeIndex)
    assert ev["start"].dtype == "datetime64[ns]" and ev["end"].dtype == "datetime64[ns]"
    assert ev["uncertainty_m"].dtype == float


def test_periods_follow_precision_and_date_end(good):
    ev = good.events.set_index("id")
    expect = {
        "golan-raid": ("2025-03-03", "2025-03-03"),
        "golan-patrol-week": ("2025-03-03", "2025-03-09"),
        "yemen-month": ("2025-02-01", "2025-02-28"),
        "no-location": ("2024-01-01", "2025-12-31"),
    }
    for fid, (start, end) in expect.items():
        assert (ev.at[fid, "start"], ev.at[fid, "end"]) == (pd.Timestamp(start), pd.Timestamp(end)), fid


def test_row_values_and_geometries(good):
    ev = good.events.set_index("id")
    raid = ev.loc["golan-raid"]
    assert raid["actors"] == ["Israel Defense Forces"] and raid["tags"] == ["golan"]
    assert raid["sources"][0]["url"] == "https://example.org/r"
    assert (raid["report_id"], raid["report_paragraph"], raid["uncertainty_m"]) == (
        "test-report",
        "p1",
        4000.0,
    )
    assert raid["source_file"] == str(STORE / "events" / "golan" / "2025-03.geojson")
    assert (raid.geometry.x, raid.geometry.y) == (36.04, 33.095)
    assert ev.loc["golan-patrol-week"]["actors"] == []
    assert ev.loc["golan-patrol-week"].geometry.geom_type == "Polygon"
    assert ev.loc["yemen-month"].geometry.geom_type == "MultiPoint"
    assert ev.loc["no-location"].geometry is None
    assert np.isnan(ev.loc["no-location"]["uncertainty_m"])


def test_files_are_versioned_by_their_bytes_and_skipped_folders_are_not_read(good):
    files = {p.relative_to(STORE / "events").as_posix(): v for p, v in good.files.items()}
    assert sorted(files) == ["golan/2025-03.geojson", "other.geojson"]  # not briefings/
    for path, version in good.files.items():
        assert version == FileVersion.of_bytes(path.read_bytes())
    assert set(good.events["source_file"]) == {str(p) for p in good.files}


def test_reports_are_loaded(good):
    assert list(good.reports) == ["test-report"]


def test_report_links_are_checked(tmp_path):
    shutil.copytree(STORE / "events", tmp_path / "events")
    bad_links = [
        event("no-report", report={"id": "missing"}),
        event("no-paragraph", report={"id": "test-report", "paragraph": "p9"}),
        event("wrong-quote", report={"id": "test-report", "paragraph": "p2"}, quote="raided a base"),
    ]
    (tmp_path / "events" / "links.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": bad_links})
    )
    store = load_store(tmp_path / "events", settings=SETTINGS, today=TODAY)
    got = {(p.feature, p.field, p.severity) for p in store.problems}
    assert got == {
        ("#0 (no-report)", "properties.report.id", "warning"),
        ("#1 (no-paragraph)", "properties.report.paragraph", "warning"),
        ("#2 (wrong-quote)", "properties.quote", "warning"),
    }
    assert {"no-report", "no-paragraph", "wrong-quote"} <= set(store.events["id"])  # warnings still load


# --- loading bad files ---------------------------------------------------------------------------------

# file stem -> (feature, field, severity, words in the message); "-" feature = the whole file is refused.
EXPECTED = {
    "empty": ("-", "-", "error", "file is empty"),
    "not_utf8": ("-", "-", "error", "not valid UTF-8 at byte offset 1011 (line 46)"),
    "utf16": ("-", "-", "error", "UTF-16"),
    "malformed": ("-", "-", "error", "invalid JSON at line 18, column 9"),
    "too_deep": ("-", "-", "error", "nested deeper than 64 levels"),
    "bare_feature": ("-", "type", "error", "wrap it as"),
    "bare_geometry": ("-", "type", "error", "bare Point geometry"),
    "crs_projected": ("-", "crs", "error", "projected CRS"),
    "bom": ("-", "-", "warning", "byte order mark"),
    "crs_wgs84": ("-", "crs", "warning", "RFC 7946 removed it"),
    "duplicate_key": ("#1 (bad-duplicate_key)", "properties.date", "error", "duplicate key 'date'"),
    "nan": ("#1 (bad-nan)", "properties.uncertainty_m", "error", "NaN is not valid JSON"),
    "string_coordinates": ("#1 (bad-string_coordinates)", "geometry.coordinates", "error", "is a string"),
    "empty_position": ("#1 (bad-empty_position)", "geometry.coordinates[1]", "error", "empty position"),
    "short_position": ("#1 (bad-short_position)", "geometry.coordinates", "error", "has 1 number"),
    "latitude_out_of_range": (
        "#1 (bad-latitude_out_of_range)",
        "geometry.coordinates",
        "error",
        "latitude 95.5",
    ),
    "longitude_out_of_range": ("#1 (bad-longitude_out_of_range)", "geometry.coordinates", "error", "190.2"),
    "projected_coordinates": (
        "#1 (bad-projected_coordinates)",
        "geometry.coordinates",
        "error",
        "looks like metres in a projected CRS; RFC 7946 needs WGS84 lon/lat",
    ),
    "unclosed_ring": ("#1 (bad-unclosed_ring)", "geometry.coordinates[0]", "error", "not closed"),
    "short_ring": ("#1 (bad-short_ring)", "geometry.coordinates[0]", "error", "at least 4 positions"),
    "self_intersection": (
        "#1 (bad-self_intersection)",
        "geometry.coordinates",
        "error",
        "self-intersection at lon 36, lat 33.1",
    ),
    "short_linestring": (
        "#1 (bad-short_linestring)",
        "geometry.coordinates",
        "error",
        "at least 2 positions",
    ),
    "geometry_collection": ("#1 (bad-geometry_collection)", "geometry.type", "error", "not supported"),
    "ambiguous_date": ("#1 (bad-ambiguous_date)", "properties.date", "error", "ambiguous date"),
    "bad_id": ("#1 (bad id with spaces)", "id", "error", "must be 1-128"),
    "not_a_feature": ("#1", "-", "error", "feature must be an object"),
    "missing_geometry": ("#1 (bad-missing_geometry)", "geometry", "error", "geometry member is missing"),
    "swapped_latlon": ("#1 (warn-swapped_latlon)", "geometry.coordinates", "warning", "lat/lon swapped?"),
}


@pytest.fixture(scope="module")
def bad_load():
    before = tree_state(DATA)
    store = load_store(BAD, settings=SETTINGS, today=TODAY)
    return store, before, tree_state(DATA)


def test_loading_changes_nothing_on_disk(bad_load):
    _store, before, after = bad_load
    assert after == before


def test_every_fixture_has_an_expectation():
    assert {p.stem for p in BAD.glob("*.geojson")} == set(EXPECTED) | {"duplicate_id"}


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_bad_file_problem_is_named_by_file_feature_and_field(bad_load, stem):
    store, _, _ = bad_load
    feature, field, severity, words = EXPECTED[stem]
    mine = [p for p in store.problems if p.file == str(BAD / f"{stem}.geojson")]
    assert len(mine) == 1, [str(p) for p in mine]
    p = mine[0]
    assert (p.feature, p.field, p.severity) == (feature, field, severity)
    assert words in p.message


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_good_features_load_and_bad_ones_do_not(bad_load, stem):
    store, _, _ = bad_load
    feature, _field, severity, _words = EXPECTED[stem]
    ids = set(store.events.loc[store.events["source_file"] == str(BAD / f"{stem}.geojson"), "id"])
    if feature == "-" and severity == "error":
        assert ids == set(), "a file with a fatal problem loads nothing"
    elif stem == "swapped_latlon":
        assert ids == {"good-swapped_latlon", "warn-swapped_latlon"}  # a warning does not block loading
    else:
        assert ids == {f"good-{stem}"}


def test_duplicate_ids_in_one_file_refuse_both_copies(bad_load):
    store, _, _ = bad_load
    path = str(BAD / "duplicate_id.geojson")
    got = sorted((p.feature, p.field, p.message) for p in store.problems if p.file == path)
    assert got == [
        ("#1 (dup-1)", "id", "duplicate id 'dup-1': also #2"),
        ("#2 (dup-1)", "id", "duplicate id 'dup-1': also #1"),
    ]
    assert set(store.events.loc[store.events["source_file"] == path, "id"]) == {"good-duplicate_id"}


def test_errors_and_warnings_split_the_problems(bad_load):
    store, _, _ = bad_load
    assert len(store.errors) + len(store.warnings) == len(store.problems)
    assert {p.severity for p in store.warnings} == {"warning"} and all(p.is_error for p in store.errors)


def test_duplicate_ids_across_files_name_both_places():
    folder = STORE / "cross_file_duplicates"
    store = load_store(folder, settings=SETTINGS, today=TODAY)
    a, b = str(folder / "a.geojson"), str(folder / "b.geojson")
    assert sorted(str(p) for p in store.problems) == [
        f"{a}:#0 (same-id):id: duplicate id 'same-id': also in {b} #1 (same-id)",
        f"{b}:#1 (same-id):id: duplicate id 'same-id': also in {a} #0 (same-id)",
    ]
    assert sorted(store.events["id"]) == ["only-in-a", "only-in-b"]


def test_oversized_file_is_refused_before_reading(tmp_path):
    shutil.copytree(STORE / "events", tmp_path / "events")
    settings = load_settings(env={}, max_file_mb=1000 / 1024 / 1024, geodata_dir=str(STORE / "geodata"))
    store = load_store(tmp_path / "events", settings=settings, today=TODAY)
    assert {(p.feature, p.field) for p in store.errors} == {("-", "-")}
    assert all("1,000-byte limit" in p.message for p in store.errors) and len(store.errors) == 2
    assert store.events.empty and store.files == {}
    assert tuple(store.events.columns) == EVENT_COLUMNS and store.events.crs.to_epsg() == 4326


def test_no_country_layer_means_no_swap_check_and_no_problem(tmp_path):
    shutil.copy(BAD / "swapped_latlon.geojson", tmp_path)
    settings = load_settings(env={}, geodata_dir=str(tmp_path / "no-geodata"))
    store = load_store(tmp_path, settings=settings, today=TODAY)
    assert store.problems == [] and len(store.events) == 2


def test_missing_events_folder_is_an_error(tmp_path):
    store = load_store(tmp_path / "nope", settings=SETTINGS, today=TODAY)
    assert [p.message for p in store.errors] == ["events folder does not exist"] and store.events.empty


def test_future_dates_use_the_given_today():
    store = load_store(STORE / "events", settings=SETTINGS, today=date(2025, 3, 1))
    assert ("#0 (golan-raid)", "properties.date") in {(p.feature, p.field) for p in store.errors}


# --- saving --------------------------------------------------------------------------------------------


def test_save_new_file_then_update_with_its_version(tmp_path):
    path = tmp_path / "sub" / "e.geojson"
    v1 = save_features(path, [event("a")], expected_version=None)
    assert v1 == FileVersion.of_file(path)
    v2 = save_features(path, [event("a"), event("b")], expected_version=v1)
    assert v2 == FileVersion.of_file(path) != v1
    features, version, problems = read_event_file(path)
    assert [f["id"] for f in features] == ["a", "b"] and version == v2 and problems == []


def test_expected_none_refuses_to_overwrite_an_existing_file(tmp_path):
    path = tmp_path / "e.geojson"
    save_features(path, [event("a")], expected_version=None)
    before = path.read_bytes()
    with pytest.raises(ConflictError, match="expected it not to exist"):
        save_features(path, [event("b")], expected_version=None)
    assert path.read_bytes() == before


def test_stale_save_raises_conflict_and_leaves_the_file_untouched(tmp_path):
    path = tmp_path / "e.geojson"
    v1 = save_features(path, [event("a")], expected_version=None)
    save_features(path, [event("a"), event("b")], expected_version=v1)  # someone else's save
    before = path.read_bytes()
    with pytest.raises(ConflictError) as info:
        save_features(path, [event("a", summary="My edit.")], expected_version=v1)
    assert info.value.path == path and info.value.expected == v1
    assert str(path) in str(info.value) and "nothing was written" in str(info.value)
    assert path.read_bytes() == before


def test_invalid_features_are_refused_and_the_file_is_untouched(tmp_path):
    path = tmp_path / "e.geojson"
    v1 = save_features(path, [event("a")], expected_version=None)
    before = path.read_bytes()
    bad = [event("a"), event("b", date="03/04/2025"), event("c", uncertainty_m=float("nan"))]
    with pytest.raises(ValidationError) as info:
        save_features(path, bad, expected_version=v1)
    assert {(p.feature, p.field) for p in info.value.problems} == {("#2 (c)", "properties.uncertainty_m")}
    with pytest.raises(ValidationError) as info:
        save_features(path, bad[:2], expected_version=v1)
    assert [(p.file, p.feature, p.field) for p in info.value.problems] == [
        (str(path), "#1 (b)", "properties.date")
    ]
    with pytest.raises(ValidationError, match="duplicate id"):
        save_features(path, [event("a"), event("a")], expected_version=v1)
    assert path.read_bytes() == before


def test_saved_file_is_what_the_writer_makes_and_loads_clean(tmp_path):
    feature = event("a", country="Syria")
    feature["geometry"]["coordinates"] = [36.040000004, 33.0950000001]
    save_features(tmp_path / "e.geojson", [feature], expected_version=None)
    text = (tmp_path / "e.geojson").read_text(encoding="utf-8")
    assert '"coordinates": [36.04, 33.095]' in text and text.endswith("\n")
    store = load_store(tmp_path, settings=SETTINGS, today=TODAY)
    assert store.problems == [] and list(store.events["id"]) == ["a"]


def test_upsert_replaces_in_place_or_appends(tmp_path):
    path = tmp_path / "e.geojson"
    v = save_features(path, [event("a"), event("b")], expected_version=None)
    v = upsert_event(path, event("a", summary="Corrected."), expected_version=v)
    v = upsert_event(path, event("c"), expected_version=v)
    features, version, _ = read_event_file(path)
    assert [f["id"] for f in features] == ["a", "b", "c"] and version == v
    assert features[0]["properties"]["summary"] == "Corrected."


def test_upsert_stale_and_invalid_leave_the_file_untouched(tmp_path):
    path = tmp_path / "e.geojson"
    v1 = save_features(path, [event("a")], expected_version=None)
    upsert_event(path, event("b"), expected_version=v1)
    before = path.read_bytes()
    with pytest.raises(ConflictError):
        upsert_event(path, event("c"), expected_version=v1)
    with pytest.raises(ValidationError, match="properties.event_type"):
        upsert_event(path, event("c", event_type="picnic"), expected_version=FileVersion.of_bytes(before))
    with pytest.raises(ValidationError, match="id"):
        upsert_event(path, event("has space"), expected_version=FileVersion.of_bytes(before))
    assert path.read_bytes() == before


def test_upsert_refuses_a_file_it_cannot_parse(tmp_path):
    path = tmp_path / "e.geojson"
    shutil.copy(BAD / "malformed.geojson", path)
    before = path.read_bytes()
    with pytest.raises(ValidationError, match="invalid JSON"):
        upsert_event(path, event("a"), expected_version=FileVersion.of_bytes(before))
    assert path.read_bytes() == before


def test_delete_event(tmp_path):
    path = tmp_path / "e.geojson"
    v = save_features(path, [event("a"), event("b")], expected_version=None)
    v = delete_event(path, "a", expected_version=v)
    with pytest.raises(EventNotFoundError, match="'a'"):
        delete_event(path, "a", expected_version=v)
    v = delete_event(path, "b", expected_version=v)
    assert read_event_file(path) == ([], v, [])


def test_orphan_temp_files_are_removed_by_the_next_save(tmp_path):
    path = tmp_path / "e.geojson"
    v = save_features(path, [event("a")], expected_version=None)
    orphan = tmp_path / ".e.geojson.0123456789ab.tmp"
    orphan.write_text('{"partial": ')
    other = tmp_path / ".other.geojson.0123456789ab.tmp"
    other.write_text("not ours")
    save_features(path, [event("a"), event("b")], expected_version=v)
    assert not orphan.exists() and other.exists()


def test_many_processes_upserting_into_one_file_keep_every_event(tmp_path):
    path = tmp_path / "shared.geojson"
    save_features(path, [event("seed")], expected_version=None)
    n = 12
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(n), ctx.Queue()
    procs = [
        ctx.Process(
            target=store_workers.upsert_with_retry, args=(str(path), event(f"worker-{i}"), barrier, results)
        )
        for i in range(n)
    ]
    for p in procs:
        p.start()
    done = dict(results.get(timeout=120) for _ in range(n))
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert sorted(done) == sorted(f"worker-{i}" for i in range(n))
    features, _version, problems = read_event_file(path)
    assert problems == []
    assert sorted(f["id"] for f in features) == sorted(["seed", *done])
    store = load_store(tmp_path, settings=SETTINGS, today=TODAY)
    assert store.problems == [] and len(store.events) == n + 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [".sitmap", "shared.geojson"]  # the lock is hidden
    assert [p.name for p in (tmp_path / ".sitmap" / "locks").iterdir()] == ["shared.geojson.lock"]


@pytest.mark.parametrize("stage", ["fsync", "replace"])
def test_a_save_killed_midway_leaves_the_previous_file_whole(tmp_path, stage):
    path = tmp_path / "e.geojson"
    version = save_features(path, [event("a"), event("b")], expected_version=None)
    before = path.read_bytes()
    ready = tmp_path / "ready"
    ctx = mp.get_context("spawn")
    new = [event("a", summary="Half-saved edit."), event("b"), event("c")]
    child = ctx.Process(target=store_workers.save_and_hang, args=(str(path), new, version, str(ready), stage))
    child.start()
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert child.is_alive() and time.monotonic() < deadline, "the child never reached the write"
        time.sleep(0.02)
    orphans = list(tmp_path.glob(".e.geojson.*.tmp"))
    assert len(orphans) == 1 and orphans[0].stat().st_size > 0  # the new content was being written
    os.kill(child.pid, signal.SIGKILL)
    child.join(timeout=30)
    assert child.exitcode == -signal.SIGKILL
    assert path.read_bytes() == before  # the target is the old file, whole
    store = load_store(tmp_path, settings=SETTINGS, today=TODAY)
    assert store.problems == [] and sorted(store.events["id"]) == ["a", "b"]
    # The dead process's lock is gone with it: the next save proceeds, and tidies the orphan.
    save_features(path, new, expected_version=version, timeout=10)
    assert not list(tmp_path.glob("*.tmp"))


# --- validating paths (the `sitmap validate` command) --------------------------------------------------


def test_validate_paths_checks_files_and_folders_together():
    folder = STORE / "cross_file_duplicates"
    problems, n_valid = validate_paths(
        [folder / "a.geojson", folder / "b.geojson"], settings=SETTINGS, today=TODAY
    )
    assert n_valid == 2
    assert sorted((p.file, p.feature, p.field) for p in problems) == [
        (str(folder / "a.geojson"), "#0 (same-id)", "id"),
        (str(folder / "b.geojson"), "#1 (same-id)", "id"),
    ]


def test_validate_paths_on_a_folder_matches_load_store(bad_load):
    store, _, _ = bad_load
    problems, n_valid = validate_paths([BAD], settings=SETTINGS, today=TODAY)
    assert problems == store.problems and n_valid == len(store.events)


def test_validate_paths_reads_a_listed_file_once():
    path = STORE / "events" / "other.geojson"
    problems, n_valid = validate_paths([path, path, STORE / "events"], settings=SETTINGS, today=TODAY)
    assert problems == [] and n_valid == 4
