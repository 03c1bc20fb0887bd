"""The analyst's own gazetteer: validated like events, stored with them, used by extraction and search."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from sitmap.extract.pipeline import extract_candidates
from sitmap.reference import own_places
from sitmap.reference.gazetteer import Gazetteer
from sitmap.reference.own_places import (
    OwnPlaceError,
    add_own_place,
    load_own_places,
    new_own_place,
    own_places_path,
)
from sitmap.store.load import load_store
from sitmap.store.reports import Paragraph, Report

GEODATA = Path(__file__).resolve().parents[2] / "geodata"


def _jamleh() -> dict:
    return new_own_place(
        "Jamleh", 32.7376, 35.9611, 1500, "test fixture (not a surveyed point)",
        alt_names=["Jamlah", "جملة"], country="Syria", admin1="Daraa",
    )  # fmt: skip


def test_add_and_load_round_trip(tmp_path):
    assert load_own_places(tmp_path) == []
    assert add_own_place(tmp_path, _jamleh()) == "own-jamleh"
    assert add_own_place(tmp_path, _jamleh()) == "own-jamleh-2"  # a second one does not overwrite
    feats = load_own_places(tmp_path)
    assert [f["properties"]["id"] for f in feats] == ["own-jamleh", "own-jamleh-2"]
    assert feats[0]["properties"]["alt_names"] == ["Jamlah", "جملة"]


def test_a_place_without_source_or_point_is_refused():
    with pytest.raises(OwnPlaceError, match="source"):
        new_own_place("Jamleh", 32.7, 35.9, 1000, "  ")
    with pytest.raises(OwnPlaceError, match="point"):
        new_own_place("Jamleh", float("nan"), 35.9, 1000, "map")


def test_a_bad_file_names_the_feature(tmp_path):
    path = own_places_path(tmp_path)
    path.parent.mkdir(parents=True)
    feat = _jamleh()
    feat["properties"]["uncertainty_m"] = -1
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feat]}), encoding="utf-8")
    with pytest.raises(OwnPlaceError, match=r"feature #0: uncertainty_m"):
        load_own_places(tmp_path)


def test_the_event_store_does_not_read_own_places_as_events(tmp_path):
    add_own_place(tmp_path, _jamleh())
    store = load_store(tmp_path)
    assert len(store.events) == 0 and not store.problems


def test_extraction_and_search_use_own_places(tmp_path, reference):
    add_own_place(tmp_path, _jamleh())
    gaz = Gazetteer.from_reference(reference)
    assert gaz.lookup("Jamleh") == (["jomleh-sy"], "exact")  # OCHA's Jomleh, since s14
    gaz.add_own_places(load_own_places(tmp_path))
    assert (
        gaz.lookup("Jamlah")[0] == ["jomleh-sy", "own-jamleh"] and gaz.search("Jaml")[0]["id"] == "own-jamleh"
    )
    report = Report(
        id="r", title="t", publisher="p", date="2025-03-10", url="https://example.org",
        paragraphs=(Paragraph("p1", "Israeli troops went into Jamleh in western Daraa on 8 March."),),
    )  # fmt: skip
    (cand,) = extract_candidates(report, None, gazetteer=gaz)
    assert cand.place_id == "own-jamleh" and cand.lat == pytest.approx(32.7376)


def test_two_analysts_adding_places_at_once_keep_both(tmp_path, monkeypatch):
    """Adding reads the file, then writes it whole: a second add that runs in between must not be lost."""
    second = new_own_place("Second place", 32.8, 35.9, 1000, "test fixture")
    other = threading.Thread(target=add_own_place, args=(tmp_path, second))
    real, reads = own_places.load_own_places, []

    def read_then_let_the_other_add(events_dir):  # type: ignore[no-untyped-def]
        feats = real(events_dir)
        if not reads:  # the first add has read the file: the other analyst adds theirs now
            reads.append(events_dir)
            other.start()
            other.join(timeout=3)  # without a lock it finishes here; with one it waits for this add
        return feats

    monkeypatch.setattr(own_places, "load_own_places", read_then_let_the_other_add)
    add_own_place(tmp_path, _jamleh())
    other.join()
    names = sorted(f["properties"]["name"] for f in load_own_places(tmp_path))
    assert names == ["Jamleh", "Second place"]
