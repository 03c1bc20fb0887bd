"""The first edit of a file another writer saved last (no layout in memory, no record beside it): a file in
sitmap's form is adopted (`splice.adopt`) and the edit splices; the result is always the full path's."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from strategies import TODAY

from sitmap.store import splice, write
from sitmap.store.embedded import EmbeddedStore
from sitmap.store.geojson_io import dumps_feature_collection
from sitmap.store.load import load_store
from sitmap.store.write import FileVersion, ValidationError, take_validated, upsert_event
from tests.store.test_splice import EXAMPLES, SETTINGS, _apply, _event, _fresh_check, _spy, edits


def _one_block_respaced(features: list[dict]) -> bytes:
    """Sitmap's form but for one space more in the last feature's block (a hand edit)."""
    data = dumps_feature_collection(features).encode("utf-8")
    at = data.rfind(b'"type": "Feature"')
    return data[:at] + b'"type":  "Feature"' + data[at + len(b'"type": "Feature"') :]


# How another writer left the file: sitmap's form (sitmap before records, git checkout, another machine), with
# a top-level member, or in another form.
FORMS: dict[str, Any] = {
    "sitmap's form": lambda feats: dumps_feature_collection(feats).encode("utf-8"),
    "sitmap's form, named": lambda feats: dumps_feature_collection(feats, {"name": "n"}).encode("utf-8"),
    "json.dumps": lambda feats: json.dumps({"type": "FeatureCollection", "features": feats}).encode("utf-8"),
    "indent 2": lambda feats: json.dumps({"type": "FeatureCollection", "features": feats}, indent=2).encode(),
    "one block respaced": _one_block_respaced,
}
ADOPTED = {"sitmap's form", "sitmap's form, named"}


def _without_adopt(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(splice, "adopt", lambda *args, **kwargs: None)


@EXAMPLES
@given(case=edits(), form=st.sampled_from(sorted(FORMS)))
def test_the_first_edit_of_another_writers_file_is_what_the_full_path_does(case, form):
    """Bytes on disk (or the problems of a refusal), what the reload takes instead of reading the file, and
    the store after it: the same with adoption as by the full path."""
    batch, op, fid, feature = case
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        folder = Path(tmp)
        path = folder / "events.geojson"
        before = FORMS[form](batch)

        splice._LAYOUTS.clear()
        path.write_bytes(before)
        with pytest.MonkeyPatch.context() as reference:
            _without_adopt(reference)
            full = _apply(path, fid, copy.deepcopy(feature) if feature else None)
        full_store = None if isinstance(full, list) else load_store(folder, settings=SETTINGS, today=TODAY)

        splice._LAYOUTS.clear()
        splice.record_path(path).unlink(missing_ok=True)  # the full save's record: another writer left none
        path.write_bytes(before)
        calls = _spy(mp)
        got = _apply(path, fid, feature)
        assert got == full
        spliced = calls == [True]
        event(f"{form}: {'refused' if isinstance(full, list) else 'written'}, spliced={spliced}")
        if form not in ADOPTED:
            assert calls == []  # not sitmap's form: the full path, which writes it in sitmap's form
        elif feature is not None or len(batch) > 1:
            assert spliced  # removing the only event takes the full path, as ever
        if isinstance(full, list):
            assert path.read_bytes() == before  # refused: nothing written
            return
        assert full_store is not None
        version = FileVersion.of_bytes(path.read_bytes())
        saved = take_validated(str(path), version, TODAY, SETTINGS.max_json_depth)
        assert saved is not None
        assert saved == _fresh_check(path)
        after = load_store(folder, settings=SETTINGS, today=TODAY)
        pd.testing.assert_frame_equal(after.events, full_store.events)
        assert after.problems == full_store.problems


def test_a_git_checkout_of_a_sitmap_file_splices_at_its_first_edit(tmp_path, monkeypatch):
    """Through the store, as the app saves: no layout, no record (git does not carry `.sitmap/`)."""
    path = tmp_path / "a.geojson"
    path.write_bytes(dumps_feature_collection([_event("a"), _event("b"), _event("c")]).encode("utf-8"))
    store = EmbeddedStore(tmp_path, settings=SETTINGS, today=TODAY)
    calls = _spy(monkeypatch)
    feature, version = store.get("b")
    feature["properties"]["summary"] = "edited"
    store.save(feature, version, user="u", why="w")
    assert calls == [True]
    edited = {**_event("b"), "properties": {**_event("b")["properties"], "summary": "edited"}}
    assert path.read_bytes() == dumps_feature_collection([_event("a"), edited, _event("c")]).encode("utf-8")
    assert splice.record_path(path).exists()  # the next process recalls it
    assert list(load_store(tmp_path, settings=SETTINGS, today=TODAY).events["summary"]) == [
        "first",
        "edited",
        "first",
    ]


def test_a_file_with_an_error_is_not_adopted(tmp_path, monkeypatch):
    """A duplicate id is a file-level error: the full path refuses the save with every problem, as before."""
    path = tmp_path / "a.geojson"
    path.write_bytes(dumps_feature_collection([_event("a"), _event("b"), _event("a")]).encode("utf-8"))
    calls = _spy(monkeypatch)
    with pytest.raises(ValidationError, match="duplicate id"):
        upsert_event(path, _event("b", "x"), expected_version=FileVersion.of_file(path), today=TODAY)
    assert calls == []


@pytest.mark.parametrize("form", ["sitmap's form", "json.dumps"])
def test_the_save_after_a_read_does_not_parse_the_file_again(tmp_path, monkeypatch, form):
    """The editor reads the event, then saves it: the save takes that read's parse of the same bytes (in
    sitmap's form it then parses nothing of the file; in another form only the new bytes it writes)."""
    path = tmp_path / "a.geojson"
    path.write_bytes(FORMS[form]([_event("a"), _event("b")]))
    store = EmbeddedStore(tmp_path, settings=SETTINGS, today=TODAY)
    feature, version = store.get("b")
    parses: list[int] = []
    real = write.parse_feature_collection

    def counted(data: bytes, **kwargs: Any) -> Any:
        parses.append(len(data))
        return real(data, **kwargs)

    monkeypatch.setattr(write, "parse_feature_collection", counted)
    feature["properties"]["summary"] = "edited"
    store.save(feature, version, user="u", why="w")
    assert parses == ([] if form in ADOPTED else [len(path.read_bytes())])
    edited = {**_event("b"), "properties": {**_event("b")["properties"], "summary": "edited"}}
    assert path.read_bytes() == dumps_feature_collection([_event("a"), edited]).encode("utf-8")


def test_a_read_of_other_bytes_is_not_taken(tmp_path):
    """A file changed between the read and the save: the save reads the new bytes (and sees the change)."""
    path = tmp_path / "a.geojson"
    path.write_bytes(dumps_feature_collection([_event("a"), _event("b")]).encode("utf-8"))
    store = EmbeddedStore(tmp_path, settings=SETTINGS, today=TODAY)
    feature, version = store.get("b")
    path.write_bytes(dumps_feature_collection([_event("a"), _event("b"), _event("c", "by hand")]).encode())
    feature["properties"]["summary"] = "edited"
    store.save(feature, version, user="u", why="w")
    assert [f["properties"]["summary"] for f in json.loads(path.read_bytes())["features"]] == [
        "first",
        "edited",
        "by hand",
    ]
