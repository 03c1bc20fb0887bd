"""A save of one event into a file this process wrote splices that event's text in (`sitmap.store.splice`):
it must write exactly the bytes the full serialisation writes, refuse exactly what the full checks refuse,
and fall back to the full path whenever the file on disk is not the one it wrote."""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from strategies import TODAY, event_batches, event_properties, geometries

from sitmap.settings import load_settings
from sitmap.store import splice
from sitmap.store.embedded import EmbeddedStore
from sitmap.store.geojson_io import dumps_feature_collection, may_hold_bad_text, parse_feature_collection
from sitmap.store.load import load_store
from sitmap.store.write import (
    EventNotFoundError,
    FileVersion,
    ValidationError,
    delete_event,
    read_event_file,
    save_features,
    take_validated,
    upsert_event,
    validate_features,
)
from tests.features import point_event

SETTINGS = load_settings(env={})
EXAMPLES = settings(max_examples=60, deadline=None)


def _bad_geometry(f: dict) -> dict:
    return {**f, "geometry": {"type": "Point", "coordinates": [200.0, 100.0]}}


def _open_ring(f: dict) -> dict:
    return {**f, "geometry": {"type": "Polygon", "coordinates": [[[35, 33], [36, 33], [36, 34]]]}}


def _props(**changes: Any) -> Callable[[dict], dict]:
    return lambda f: {**f, "properties": {**f["properties"], **changes}}


# What an edit may do to an event: keep it valid, or break one rule the full checks enforce.
BREAKERS: dict[str, Callable[[dict], dict]] = {
    "bad geometry": _bad_geometry,
    "open ring": _open_ring,
    "unknown event type": _props(event_type="nonsense"),
    "impossible date": _props(date="2024-13-45"),
    "future date": _props(date="2099-01-01", time_precision="day"),
    "blank summary": _props(summary="   "),
    "control character": _props(summary="bell \x07"),
    "NaN": _props(uncertainty_m=float("nan")),
    "a set": _props(tags={"a"}),
    "huge": _props(summary="x" * 200_000),  # over the file limit below
}
MAX_BYTES = 150_000


@st.composite
def edits(draw: st.DrawFn) -> tuple[list[dict], str, str, dict | None]:
    """A file's valid events, and one edit: ("replace" | "append" | "delete", event id, new feature)."""
    batch = draw(event_batches(min_size=1, max_size=5))
    op = draw(st.sampled_from(["replace", "append", "delete"]))
    if op == "delete":
        return batch, op, draw(st.sampled_from(batch))["id"], None
    fid = draw(st.sampled_from(batch))["id"] if op == "replace" else "ev-new"
    feature = {
        "type": "Feature",
        "id": fid,
        "geometry": draw(geometries()),
        "properties": draw(event_properties()),
    }
    if draw(st.booleans()):
        feature = BREAKERS[draw(st.sampled_from(sorted(BREAKERS)))](feature)
    return batch, op, fid, feature


def _apply(path: Path, fid: str, feature: dict | None) -> bytes | list[Any]:
    """The file's bytes after the edit, or the problems (as text) of a refusal."""
    settings_ = load_settings(env={}, max_file_mb=MAX_BYTES / 1024 / 1024)
    version = FileVersion.of_file(path)
    try:
        if feature is None:
            delete_event(path, fid, expected_version=version, settings=settings_, today=TODAY)
        else:
            upsert_event(
                path, copy.deepcopy(feature), expected_version=version, settings=settings_, today=TODAY
            )
    except ValidationError as e:
        return [str(p) for p in e.problems]
    return path.read_bytes()


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each save spliced (True) or took the full path (False)."""
    calls: list[bool] = []
    real = splice.spliced

    def spliced(*args: Any, **kwargs: Any) -> Any:
        try:
            out = real(*args, **kwargs)
        except ValidationError:
            calls.append(True)
            raise
        calls.append(out is not None)
        return out

    monkeypatch.setattr(splice, "spliced", spliced)
    return calls


def _fresh_check(path: Path) -> tuple[list[Any], list[Any], Any]:
    """A file's features, parse problems and `validate_features` result, read from scratch."""
    data = path.read_bytes()
    features, found = parse_feature_collection(data, file=str(path), max_depth=SETTINGS.max_json_depth)
    assert features is not None
    checked = validate_features(features, file=str(path), today=TODAY, check_text=may_hold_bad_text(data))
    return features, found, checked


@EXAMPLES
@given(case=edits())
def test_a_spliced_save_writes_and_refuses_exactly_what_the_full_path_does(case):
    batch, _op, fid, feature = case
    settings_ = load_settings(env={}, max_file_mb=MAX_BYTES / 1024 / 1024)
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        path = Path(tmp) / "events.geojson"
        save_features(path, batch, expected_version=None, settings=settings_, today=TODAY)
        before = path.read_bytes()
        layout = splice.find(str(path), FileVersion.of_bytes(before), SETTINGS.max_json_depth, TODAY)
        assert layout is not None  # a whole-file save keeps the layout of what it wrote

        splice._LAYOUTS.clear()  # the full path, for reference
        full = _apply(path, fid, feature)
        path.write_bytes(before)

        splice.keep(layout)
        calls = _spy(mp)
        spliced = _apply(path, fid, feature)
        assert spliced == full
        event(f"{_op}: {'refused' if isinstance(full, list) else 'written'}")
        if feature is not None or len(batch) > 1:
            assert calls == [True]  # the splice answered (only removing the last event takes the full path)
        if isinstance(full, list):
            assert path.read_bytes() == before  # refused: nothing written
            assert splice.find(str(path), FileVersion.of_bytes(before), SETTINGS.max_json_depth, TODAY)
            return
        expected = [f for f in batch if f["id"] != fid]
        if feature is not None:
            at = next((i for i, f in enumerate(batch) if f["id"] == fid), len(batch))
            expected.insert(at, feature)
        assert spliced == dumps_feature_collection(expected).encode("utf-8")
        # What the reload takes instead of parsing and checking the file is what that would give.
        saved = take_validated(str(path), FileVersion.of_bytes(spliced), TODAY, SETTINGS.max_json_depth)
        assert saved is not None
        assert saved == _fresh_check(path)


@EXAMPLES
@given(batch=event_batches(min_size=2, max_size=5), data=st.data())
def test_edits_in_a_row_stay_spliced_and_exact(batch, data):
    """Several splices in a row (spans moved by each) still write what the full serialisation writes."""
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        path = Path(tmp) / "events.geojson"
        save_features(path, batch, expected_version=None, settings=SETTINGS, today=TODAY)
        calls = _spy(mp)
        features = list(batch)
        for n in range(4):
            if len(features) > 1 and data.draw(st.booleans()):
                gone = data.draw(st.sampled_from(features))["id"]
                delete_event(path, gone, expected_version=FileVersion.of_file(path), today=TODAY)
                features = [f for f in features if f["id"] != gone]
            else:
                fid = data.draw(st.sampled_from([*(f["id"] for f in features), f"ev-added-{n}"]))
                new = {"type": "Feature", "id": fid, "geometry": data.draw(geometries()),
                       "properties": data.draw(event_properties())}  # fmt: skip
                upsert_event(path, new, expected_version=FileVersion.of_file(path), today=TODAY)
                at = next((i for i, f in enumerate(features) if f["id"] == fid), None)
                features = [*features, new] if at is None else [*features[:at], new, *features[at + 1 :]]
            assert path.read_bytes() == dumps_feature_collection(features).encode("utf-8")
        assert all(calls) and len(calls) == 4


def _event(fid: str, summary: str = "first") -> dict:
    return point_event(fid, summary)


@pytest.mark.parametrize(
    ("by_hand", "adopted"),
    [
        (lambda feats: json.dumps({"type": "FeatureCollection", "features": feats}), False),  # other form
        (lambda feats: dumps_feature_collection([*feats, _event("c")]), True),  # another writer's event
        (lambda feats: dumps_feature_collection(feats, {"name": "renamed"}), True),  # a top-level member
    ],
)
def test_a_file_changed_by_someone_else_takes_the_full_path(tmp_path, monkeypatch, by_hand, adopted):
    """Unless its bytes are in sitmap's form: then the edit adopts them (`splice.adopt`) and splices."""
    path = tmp_path / "events.geojson"
    save_features(path, [_event("a"), _event("b")], expected_version=None, today=TODAY)
    path.write_text(by_hand([_event("a"), _event("b")]), encoding="utf-8")
    data, version = path.read_bytes(), FileVersion.of_file(path)
    members: dict[str, Any] = {}
    features, _ = parse_feature_collection(data, file=str(path), max_depth=64, members=members)
    calls = _spy(monkeypatch)
    upsert_event(path, _event("b", "second"), expected_version=version, today=TODAY)
    assert calls == ([True] if adopted else [])  # no layout of those bytes: adopted, else not even asked
    calls.clear()
    assert features is not None
    features[1] = _event("b", "second")
    assert path.read_bytes() == dumps_feature_collection(features, members).encode("utf-8")
    # That full save wrote the file: the next edit splices again.
    upsert_event(path, _event("a", "third"), expected_version=FileVersion.of_file(path), today=TODAY)
    assert calls == [True]


def test_no_splice_on_another_day_or_with_other_limits(tmp_path, monkeypatch):
    """The layout of another day's checks or other limits is not used (the file is checked again, by
    `splice.adopt`, here left out)."""
    path = tmp_path / "events.geojson"
    save_features(path, [_event("a"), _event("b")], expected_version=None, today=TODAY)
    adopted: list[tuple[Any, ...]] = []
    monkeypatch.setattr(splice, "adopt", lambda *args: adopted.append(args[3:5]))
    calls = _spy(monkeypatch)
    day_after = TODAY.replace(day=TODAY.day + 1)
    upsert_event(path, _event("a", "x"), expected_version=FileVersion.of_file(path), today=day_after)
    deeper = load_settings(env={}, max_json_depth=SETTINGS.max_json_depth + 1)
    upsert_event(
        path, _event("a", "y"), expected_version=FileVersion.of_file(path), settings=deeper, today=day_after
    )
    assert calls == []
    assert adopted == [(day_after, SETTINGS.max_json_depth), (day_after, SETTINGS.max_json_depth + 1)]


def test_a_spliced_feature_id_must_match_the_event(tmp_path):
    """An id that is not the event's would make a duplicate or lose an event: never spliced."""
    path = tmp_path / "events.geojson"
    save_features(path, [_event("a"), _event("b")], expected_version=None, today=TODAY)
    layout = splice.find(str(path), FileVersion.of_file(path), SETTINGS.max_json_depth, TODAY)
    assert layout is not None
    assert splice.spliced(layout, "a", _event("b"), 10**6) is None
    assert splice.spliced(layout, "new", _event("b"), 10**6) is None


def test_removing_a_missing_event_is_refused_as_before(tmp_path):
    path = tmp_path / "events.geojson"
    save_features(path, [_event("a"), _event("b")], expected_version=None, today=TODAY)
    before = path.read_bytes()
    with pytest.raises(EventNotFoundError):
        delete_event(path, "zz", expected_version=FileVersion.of_file(path), today=TODAY)
    assert path.read_bytes() == before


def test_the_reload_after_a_spliced_save_is_the_fresh_store(tmp_path):
    save_features(tmp_path / "a.geojson", [_event("a"), _event("b")], expected_version=None, today=TODAY)
    upsert_event(
        tmp_path / "a.geojson",
        _event("b", "edited"),
        expected_version=FileVersion.of_file(tmp_path / "a.geojson"),
        today=TODAY,
    )
    upsert_event(
        tmp_path / "a.geojson",
        _event("c", "added"),
        expected_version=FileVersion.of_file(tmp_path / "a.geojson"),
        today=TODAY,
    )
    after = load_store(tmp_path, settings=SETTINGS, today=TODAY)
    splice._LAYOUTS.clear()
    again = load_store(tmp_path, settings=SETTINGS, today=TODAY)
    pd.testing.assert_frame_equal(after.events, again.events)
    assert after.problems == again.problems
    assert list(after.events["summary"]) == ["first", "edited", "added"]


def _same_layout(a: splice.Layout, b: splice.Layout) -> None:
    assert (a.file, a.version, a.today, a.max_depth, a.data) == (
        b.file,
        b.version,
        b.today,
        b.max_depth,
        b.data,
    )
    assert a.starts.tolist() == b.starts.tolist() and a.ends.tolist() == b.ends.tolist()
    assert (a.features, a.problems, a.ids, a.members) == (b.features, b.problems, b.ids, b.members)


@EXAMPLES
@given(batch=event_batches(min_size=1, max_size=6), nested=st.booleans())
def test_another_process_recalls_the_layout_from_the_record_beside_the_file(batch, nested):
    """A new process (no layout in memory) reading a file sitmap wrote finds the same layout through the
    record (`splice.recall`), even with a top-level member whose text looks like the features array."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.geojson"
        if nested:  # a foreign member holding an array of objects: "\n    },\n    {" inside the head
            path.write_text(
                json.dumps({"type": "FeatureCollection", "x": [{"a": 1}, {"b": 2}], "features": []})
            )
        version = FileVersion.of_file(path)
        save_features(path, batch, expected_version=version, settings=SETTINGS, today=TODAY)
        kept = splice.find(str(path), FileVersion.of_file(path), SETTINGS.max_json_depth, TODAY)
        assert kept is not None
        splice._LAYOUTS.clear()
        features, _, _ = read_event_file(path, settings=SETTINGS, shared=True)
        recalled = splice.find(str(path), FileVersion.of_file(path), SETTINGS.max_json_depth, TODAY)
        assert recalled is not None and features is recalled.features
        _same_layout(kept, recalled)


def test_the_first_edit_in_a_new_process_splices_through_the_store(tmp_path, monkeypatch):
    path = tmp_path / "a.geojson"
    save_features(path, [_event("a"), _event("b"), _event("c")], expected_version=None, today=TODAY)
    splice._LAYOUTS.clear()  # as a process that did not write the file sees it
    store = EmbeddedStore(tmp_path, settings=SETTINGS, today=TODAY)
    calls = _spy(monkeypatch)
    feature, version = store.get("b")
    feature["properties"]["summary"] = "edited"
    store.save(feature, version, user="u", why="w")
    assert calls == [True]
    expected = [
        _event("a"),
        {**_event("b"), "properties": {**_event("b")["properties"], "summary": "edited"}},
    ]
    assert path.read_bytes() == dumps_feature_collection([*expected, _event("c")]).encode("utf-8")
    assert list(load_store(tmp_path, settings=SETTINGS, today=TODAY).events["summary"]) == [
        "first",
        "edited",
        "first",
    ]


@pytest.mark.parametrize(
    ("spoil", "adopted"),
    [
        (lambda path, record: path.write_bytes(path.read_bytes().replace(b'"first"', b'"first" ')), False),
        (lambda path, record: record.write_text(record.read_text().replace("sitmap-layout-1", "x")), True),
        (lambda path, record: record.write_text("{not json"), True),
        (lambda path, record: record.write_text(record.read_text().replace(str(path), "/elsewhere/a")), True),
        (lambda path, record: record.unlink(), True),
    ],
)
def test_no_record_of_these_bytes_no_recall(tmp_path, monkeypatch, spoil, adopted):
    """Without a record of these bytes there is no layout on reading; the edit then adopts bytes still in
    sitmap's form (`splice.adopt`: checked and compared, not trusted), and takes the full path otherwise."""
    path = tmp_path / "a.geojson"
    save_features(path, [_event("a"), _event("b")], expected_version=None, today=TODAY)
    spoil(path, splice.record_path(path))
    splice._LAYOUTS.clear()
    read_event_file(path, settings=SETTINGS, shared=True)
    assert splice.find(str(path), FileVersion.of_file(path), SETTINGS.max_json_depth) is None
    calls = _spy(monkeypatch)
    upsert_event(path, _event("a", "edited"), expected_version=FileVersion.of_file(path), today=TODAY)
    assert calls == ([True] if adopted else [])
