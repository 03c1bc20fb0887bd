"""One suite for every `EventStore` backend: the embedded GeoJSON files and PostgreSQL + PostGIS."""

from __future__ import annotations

import random
import threading
import time
import uuid
from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import event_batches, store_events

from sitmap.store.embedded import EmbeddedStore
from sitmap.store.geojson_io import normalise_feature
from sitmap.store.interface import EventConflictError, EventStore
from sitmap.store.write import ConflictError, EventNotFoundError, ValidationError
from sitmap.view import View, apply_view
from sitmap.vocabulary import EVENT_TYPES

FIXTURE_OK = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _fresh(features: list[dict]) -> list[dict]:
    """The features with ids no earlier example used (the store lives across a test's examples)."""
    tag = uuid.uuid4().hex[:8]
    return [{**f, "id": f"{f['id']}-{tag}"} for f in features]


def _event(fid: str, day: int = 1, x: float = 35.9) -> dict:
    return {
        "type": "Feature",
        "id": fid,
        "geometry": {"type": "Point", "coordinates": [x, 33.1]},
        "properties": {
            "date": f"2025-03-{day:02d}",
            "time_precision": "day",
            "event_type": "raid",
            "actors": [],
            "geo_precision": "exact",
            "claim_status": "reported",
            "summary": f"event {fid}",
            "tags": [],
        },
    }


def test_backends_implement_the_protocol(store):
    assert isinstance(store, EventStore)


@FIXTURE_OK
@given(batch=event_batches(max_size=5))
def test_round_trip_of_every_property_and_geometry(store, batch):
    features = _fresh(batch)
    versions = {f["id"]: store.save(f, None, user="t", why="round trip") for f in features}
    for f in features:
        got, version = store.get(f["id"])
        assert got == normalise_feature(f)
        assert version == versions[f["id"]]
    # The queried frame equals what the file store itself loads for the same features.
    ids = {f["id"] for f in features}
    got_frame = store.query(View())
    got_frame = got_frame[got_frame["id"].isin(ids)].drop(columns="source_file").reset_index(drop=True)
    want = apply_view(store_events(features), View()).drop(columns="source_file").reset_index(drop=True)

    def plain(frame: pd.DataFrame) -> pd.DataFrame:  # missing is missing, whatever dtype pandas inferred
        frame = frame.drop(columns="geometry").astype(object)
        return frame.where(frame.notna(), None)

    pd.testing.assert_frame_equal(plain(got_frame), plain(want))
    assert list(got_frame.geometry.to_wkb()) == list(want.geometry.to_wkb())


_DAYS = st.dates(date(2024, 1, 1), date(2026, 11, 22))


@st.composite
def views(draw) -> View:
    start, end = draw(st.one_of(st.none(), _DAYS)), draw(st.one_of(st.none(), _DAYS))
    types = tuple(draw(st.lists(st.sampled_from(sorted(EVENT_TYPES)), max_size=2)))
    bbox = None
    if draw(st.booleans()):
        w, s = draw(st.floats(34.0, 38.0)), draw(st.floats(31.0, 35.0))
        bbox = (w, s, w + draw(st.floats(0.1, 3.0)), s + draw(st.floats(0.1, 3.0)))
    return View(start=start, end=end, event_types=types, bbox=bbox)


@FIXTURE_OK
@given(
    batch=event_batches(min_size=3, max_size=8), view=views(), limit=st.one_of(st.none(), st.integers(0, 4))
)
def test_query_equals_apply_view(store, batch, view, limit):
    features = _fresh(batch)
    for f in features:
        store.save(f, None, user="t", why="query")
    ids = {f["id"] for f in features}
    want = list(apply_view(store_events(features), view)["id"])
    got = [i for i in store.query(view)["id"] if i in ids]
    assert got == want
    if limit is not None:  # a limit takes the first events in the view's order
        assert len(store.query(view, limit=limit)) == min(limit, len(store.query(view)))


def test_stale_save_raises_conflict_and_keeps_the_first_edit(store):
    store.save(_event("a"), None, user="t", why="new")
    feature, version = store.get("a")
    first = {**feature, "properties": {**feature["properties"], "summary": "first edit"}}
    second = {**feature, "properties": {**feature["properties"], "summary": "second edit"}}
    store.save(first, version, user="u1", why="edit")
    with pytest.raises(EventConflictError) as e:
        store.save(second, version, user="u2", why="edit")
    assert isinstance(e.value, ConflictError)
    assert store.get("a")[0]["properties"]["summary"] == "first edit"
    with pytest.raises(EventConflictError):
        store.save(_event("a"), None, user="t", why="again new")  # it exists: not a new event
    with pytest.raises(EventConflictError):
        store.delete("a", version, user="t", why="stale delete")


def test_saves_of_different_events_never_conflict(store):
    for fid in ("a", "b"):
        store.save(_event(fid), None, user="t", why="new")
    (fa, va), (fb, vb) = store.get("a"), store.get("b")  # both read before either is saved
    store.save({**fa, "properties": {**fa["properties"], "summary": "A"}}, va, user="u1", why="edit")
    store.save({**fb, "properties": {**fb["properties"], "summary": "B"}}, vb, user="u2", why="edit")
    assert store.get("a")[0]["properties"]["summary"] == "A"
    assert store.get("b")[0]["properties"]["summary"] == "B"


def test_no_lost_update_under_ten_concurrent_writers(store):
    hot = [f"hot-{i:02d}" for i in range(20)]
    for fid in hot:
        store.save(_event(fid), None, user="t", why="new")
    done: list[tuple[str, str]] = []
    errors: list[BaseException] = []
    conflicts = [0]

    def writer(n: int) -> None:
        rng = random.Random(n)
        try:
            for k in range(3):
                fid, tag = rng.choice(hot), f"w{n}-{k}"
                while True:  # the edit is re-applied on the fresh event after a conflict
                    feature, version = store.get(fid)
                    props = feature["properties"]
                    try:
                        store.save(
                            {**feature, "properties": {**props, "tags": [*props["tags"], tag]}},
                            version,
                            user=f"w{n}",
                            why="tag",
                        )
                        done.append((fid, tag))
                        break
                    except EventConflictError:
                        conflicts[0] += 1
        except BaseException as e:  # surfaced below, not lost in the thread
            errors.append(e)

    started = time.monotonic()
    threads = [threading.Thread(target=writer, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert not any(t.is_alive() for t in threads), "writers still running after 20 s"
    assert not errors, errors
    assert time.monotonic() - started < 20
    assert len(done) == 30
    for fid, tag in done:  # every successful save is still there
        assert tag in store.get(fid)[0]["properties"]["tags"], (fid, tag, conflicts[0])
    assert sum(len(store.get(f)[0]["properties"]["tags"]) for f in hot) == 30


def test_history_records_user_and_why(store):
    v1 = store.save(_event("h"), None, user="alice", why="from report p3")
    feature, _ = store.get("h")
    edited = {**feature, "properties": {**feature["properties"], "summary": "corrected"}}
    v2 = store.save(edited, v1, user="bob", why="typo in summary")
    store.delete("h", v2, user="carol", why="duplicate of another event")
    entries = store.history("h")
    assert [(e.op, e.user, e.why) for e in entries] == [
        ("insert", "alice", "from report p3"),
        ("update", "bob", "typo in summary"),
        ("delete", "carol", "duplicate of another event"),
    ]
    assert entries[1].old["properties"]["summary"] == "event h"
    assert entries[1].new["properties"]["summary"] == "corrected"
    assert entries[2].new is None


def test_changes_since_includes_deletions(store):
    _, start = store.changes_since(None)
    key = store.change_key()
    va = store.save(_event("a"), None, user="t", why="new")
    store.save(_event("b"), None, user="t", why="new")
    assert store.change_key() != key
    store.delete("a", va, user="t", why="gone")
    changes, cursor = store.changes_since(start)
    by_id = {c.event_id: c for c in changes}
    assert by_id["a"].op == "delete" and by_id["a"].feature is None
    assert by_id["b"].op == "insert" and by_id["b"].feature == normalise_feature(_event("b"))
    assert by_id["b"].version == store.get("b")[1]
    assert store.changes_since(cursor)[0] == []
    with pytest.raises(EventNotFoundError):
        store.get("a")


def test_bad_feature_is_refused_by_file_feature_and_field(store):
    bad = _event("bad")
    bad["properties"]["date"] = "2025-13-45"
    with pytest.raises(ValidationError) as e:
        store.save(bad, None, user="t", why="bad")
    assert any(p.field == "properties.date" and "bad" in p.feature for p in e.value.problems)
    with pytest.raises(EventNotFoundError):
        store.get("bad")


def test_embedded_retries_when_only_the_file_changed(tmp_path):
    """A save through the older file API (another event of the same file) does not fail an adapter save."""
    from sitmap.settings import load_settings
    from sitmap.store.write import FileVersion, upsert_event

    folder = tmp_path / "events"
    folder.mkdir()
    store = EmbeddedStore(folder, settings=load_settings(env={}), today=date(2026, 11, 22))
    store.save(_event("a"), None, user="t", why="new")
    store.save(_event("b"), None, user="t", why="new")
    feature, version = store.get("a")
    path = folder / "edits.geojson"
    upsert_event(
        path,
        {**_event("b"), "properties": {**_event("b")["properties"], "summary": "elsewhere"}},
        expected_version=FileVersion.of_file(path),
    )
    store.save(
        {**feature, "properties": {**feature["properties"], "summary": "mine"}}, version, user="t", why="edit"
    )
    assert store.get("a")[0]["properties"]["summary"] == "mine"
    assert store.get("b")[0]["properties"]["summary"] == "elsewhere"
