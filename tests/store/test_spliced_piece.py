"""After a splice of one event (sitmap.store.splice), the file's columnar piece is the old piece with that
event's row replaced, appended or removed (sitmap.store.patch.spliced_piece), equal to a full read of the
file's new bytes, and the reload builds no other row again (issue 12)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from sitmap.settings import load_settings
from sitmap.store import assemble, frame, splice, write
from sitmap.store.load import delete_event, load_store, save_features, upsert_event
from sitmap.store.patch import spliced_piece
from sitmap.store.write import FileVersion
from sitmap.view import View
from tests.features import point_event

DATA = Path(__file__).parents[1] / "data"
TODAY = date(2026, 1, 1)
GEODATA = DATA / "store" / "geodata"
SETTINGS = load_settings(env={}, geodata_dir=str(GEODATA))
# (lon, lat) in Syria and Yemen (the test country layer's); the last two are lat/lon swaps the country
# check warns about (its warnings are ordered by the whole file's countries: the patch checks every point)
PLACES = [(35.9, 33.1), (36.3, 33.5), (44.2, 15.3), (33.1, 35.9), (15.3, 44.2)]


@st.composite
def _events(draw: Any, fid: str) -> dict[str, Any]:
    lon, lat = draw(st.sampled_from(PLACES))
    props: dict[str, Any] = {
        "date": draw(st.sampled_from(["2024-02-29", "2025-03-01", "2025-03", "2023"])),
        "summary": "Event "
        + draw(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)),
        "time_precision": "day",
    }
    props["time_precision"] = {10: "day", 7: "month", 4: "year"}[len(props["date"])]
    if draw(st.booleans()):
        props["country"] = draw(st.sampled_from(["Syria", "Yemen", " syria"]))
    if draw(st.booleans()):
        props["uncertainty_m"] = draw(st.sampled_from([0, 250, 1500.5]))
    if draw(st.booleans()):
        props["actors"] = draw(st.lists(st.sampled_from(["A", "B", "Ünit 7"]), max_size=2))
    feature = point_event(fid, **props)
    feature["geometry"]["coordinates"] = [lon, lat]
    return feature


@st.composite
def _file_and_edit(draw: Any) -> tuple[list[dict[str, Any]], str, dict[str, Any] | str]:
    """A file's events and an edit of it: ("replace", new feature), ("append", new one) or ("remove", id)."""
    n = draw(st.integers(2, 7))
    features = [draw(_events(f"e-{k}")) for k in range(n)]
    op = draw(st.sampled_from(["replace", "append", "remove"]))
    if op == "remove":
        return features, op, f"e-{draw(st.integers(0, n - 1))}"
    fid = f"e-{draw(st.integers(0, n - 1))}" if op == "replace" else "e-new"
    return features, op, draw(_events(fid))


def _full_read(path: Path) -> assemble.Piece:
    """The file's piece built from its bytes, every row (what a reload did after every splice)."""
    version = FileVersion.of_bytes(path.read_bytes())
    write.take_validated(str(path), version, TODAY, SETTINGS.max_json_depth)  # not the save's parse
    piece, _ = assemble.read_file(path, SETTINGS, TODAY)
    assert piece is not None
    return piece


def _at(fid: str, place: tuple[float, float], country: str) -> dict[str, Any]:
    feature = point_event(fid, country=country)
    feature["geometry"]["coordinates"] = list(place)
    return feature


# Yemen's point first (no warning), then a swapped Syrian and a swapped Yemeni point: the warnings come
# Yemen's first, not in row order
_COUNTRIES_FIRST = [
    _at("e-0", PLACES[2], "Yemen"),
    _at("e-1", PLACES[3], "Syria"),
    _at("e-2", PLACES[4], "Yemen"),
]


@settings(max_examples=80, deadline=None)
@given(case=_file_and_edit())
@example(case=(_COUNTRIES_FIRST, "replace", _at("e-0", PLACES[2], "Yemen")))
@example(case=(_COUNTRIES_FIRST, "append", _at("e-3", PLACES[0], "Syria")))
def test_a_patched_piece_equals_a_full_read_after_any_splice(case) -> None:
    features, op, change = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.geojson"
        version = save_features(path, features, expected_version=None, settings=SETTINGS, today=TODAY)
        old = _full_read(path)
        if op == "remove":
            delete_event(path, str(change), expected_version=version, settings=SETTINGS, today=TODAY)
        else:
            upsert_event(path, change, expected_version=version, settings=SETTINGS, today=TODAY)  # type: ignore[arg-type]
        layout = splice.find(
            str(path), FileVersion.of_bytes(path.read_bytes()), SETTINGS.max_json_depth, TODAY
        )
        assert layout is not None and layout.edit is not None  # the edit spliced
        patched = spliced_piece(old, layout, str(path), GEODATA)
        full = _full_read(path)
    swapped = any(p.field == "geometry.coordinates" for p in old.problems + full.problems)
    event(f"{op}{', with a lat/lon swap warning' if swapped else ''}")
    assert patched is not None
    assert patched.table.equals(full.table)
    assert patched.problems == full.problems and patched.version == full.version


def _edit_summary(store: Any, fid: str, summary: str) -> None:
    feature, version = store.get(fid)
    feature["properties"]["summary"] = summary
    store.save(feature, version, user="test", why="test")


def test_the_reload_after_a_splice_builds_only_the_edited_row(tmp_path, monkeypatch) -> None:
    from sitmap.store.embedded import EmbeddedStore

    folder = tmp_path / "events"
    shutil.copytree(DATA / "store" / "events", folder)
    assemble._MEMO.clear()  # a fresh process
    large = load_settings(env={"SITMAP_SNAPSHOT_MB": "0"}, geodata_dir=str(GEODATA))  # snapshot and memo
    store = EmbeddedStore(folder, settings=large, today=TODAY)
    fid = str(store.query(View())["id"].iloc[0])
    _edit_summary(store, fid, "Edited once.")  # may rewrite a file in another form: the next edit splices
    store.query(View())
    built: list[int] = []  # the rows of each events frame built from features
    real = frame.properties_frame

    def spy(ids, *args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(len(ids))
        return real(ids, *args, **kwargs)

    monkeypatch.setattr(frame, "properties_frame", spy)
    _edit_summary(store, fid, "Edited twice.")
    after = store.query(View())
    assert built and max(built) == 1  # the edited event's row, and no other
    assert after.loc[after["id"] == fid, "summary"].tolist() == ["Edited twice."]
    monkeypatch.undo()
    assemble._MEMO.clear()
    full = load_store(folder, settings=SETTINGS, today=TODAY)
    shown = after.sort_values("id").reset_index(drop=True)
    pd.testing.assert_frame_equal(shown, full.events.sort_values("id").reset_index(drop=True))
