"""Review: nothing reaches the store unreviewed; accepting validates and saves atomically via the store."""

import json
import threading
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitmap.extract import review as review_module
from sitmap.extract.pipeline import CANDIDATE_KEY, extract_candidates
from sitmap.extract.review import (
    DuplicateEventError,
    accept_candidate,
    candidate_claim_checks,
    candidate_problems,
    read_candidates,
    reject_candidate,
    set_status,
    write_candidates,
)
from sitmap.store.load import ConflictError, FileVersion, ValidationError, load_store
from sitmap.store.reports import Paragraph, Report

TODAY = date(2025, 3, 10)
TEXT = (
    "Houthi forces attacked commercial shipping in the Red Sea. "
    "Israeli forces raided a former base on Tell al Mal, Quneitra Province, on the night of 3 March [3]. "
    "Tell al Mal lies around 16 kilometres from the 1974 disengagement zone."
)


@pytest.fixture
def cands(reference):
    report = Report(
        id="r", title="T", publisher="P", date="2025-03-04", url="https://example.org/r",
        paragraphs=(Paragraph("p1", TEXT),),
    )  # fmt: skip
    return extract_candidates(report, reference)


def test_accept_saves_a_clean_valid_event(tmp_path: Path, cands) -> None:
    raid = next(c for c in cands if c.event_type == "raid")
    into = tmp_path / "events" / "r.geojson"
    result = accept_candidate(raid, into, today=TODAY)
    saved = json.loads(into.read_text())["features"]
    assert [f["id"] for f in saved] == [raid.id] and result.version == FileVersion.of_file(into)
    assert CANDIDATE_KEY not in saved[0]["properties"] and raid.status == "accepted"
    store = load_store(tmp_path / "events", today=TODAY)
    assert store.errors == [] and list(store.events["id"]) == [raid.id]


def test_accept_applies_edits_and_refuses_invalid(tmp_path: Path, cands) -> None:
    shipping = next(c for c in cands if c.event_type == "attack_on_shipping")
    # Undated in the text: proposed for the day before the report or its day, at low confidence; a
    # reviewer who clears that proposal leaves a candidate the store refuses.
    assert (shipping.date, shipping.date_end) == ("2025-03-03", "2025-03-04")
    assert shipping.evidence["date"].confidence <= 0.5
    shipping.date = shipping.date_end = shipping.time_precision = None
    problems = candidate_problems(shipping, today=TODAY)
    assert {p.field for p in problems} >= {"properties.date", "properties.time_precision"}
    into = tmp_path / "e.geojson"
    with pytest.raises(ValidationError):
        accept_candidate(shipping, into, today=TODAY)
    assert not into.exists()  # nothing written
    edits = {
        "date": "2025-03",
        "time_precision": "month",
        "lon": 39.5,
        "lat": 16.0,
        "geo_precision": "region",
    }
    result = accept_candidate(shipping, into, edits=edits, today=TODAY)
    assert result.feature["geometry"] == {"type": "Point", "coordinates": [39.5, 16.0]}
    assert result.feature["properties"]["date"] == "2025-03"


def test_duplicates_and_conflicts_are_refused(tmp_path: Path, cands) -> None:
    raid = next(c for c in cands if c.event_type == "raid")
    into = tmp_path / "e.geojson"
    first = accept_candidate(raid, into, today=TODAY)
    with pytest.raises(DuplicateEventError):
        accept_candidate(raid, into, today=TODAY)
    replaced = accept_candidate(raid, into, edits={"summary": "corrected"}, replace=True, today=TODAY)
    assert replaced.replaced and len(json.loads(into.read_text())["features"]) == 1
    with pytest.raises(ConflictError):  # the reviewer saw the first version; the file has moved on
        accept_candidate(raid, into, expected_version=first.version, replace=True, today=TODAY)
    other = tmp_path / "other.geojson"
    with pytest.raises(DuplicateEventError, match="already stored"):
        accept_candidate(raid, other, events_dir=tmp_path, today=TODAY)


def test_candidates_file_round_trip_and_statuses(tmp_path: Path, cands) -> None:
    path = tmp_path / "c.geojson"
    write_candidates(path, cands)
    back = read_candidates(path)
    assert [c.to_feature(with_candidate=True) for c in back] == [
        c.to_feature(with_candidate=True) for c in cands
    ]
    set_status(path, [cands[0].id], "rejected", "duplicate of an existing event")
    assert read_candidates(path)[0].status == "rejected"
    with pytest.raises(KeyError):
        set_status(path, ["nope"], "accepted")
    assert reject_candidate(back[1], "not an event").status == "rejected"


def test_claim_checks_for_review(cands, reference) -> None:
    raid = next(c for c in cands if c.event_type == "raid")
    (check,) = candidate_claim_checks(raid, reference)
    assert check.status == "consistent" and check.stated_km == 16


def _curate(into: Path, event_id: str) -> dict:
    """An analyst's hand edits to the stored event: better summary, place, actors, tags, position."""
    doc = json.loads(into.read_text())
    feat = next(f for f in doc["features"] if f["id"] == event_id)
    feat["properties"].update(
        summary="Curated: IDF raid on the former SAA base at Tell al Mal.",
        location="Tell al Mal (former SAA base)",
        actors=["Israel Defense Forces"],
        tags=["golan", "curated"],
        sources=[{"title": "Analyst notes", "publisher": "sitmap", "date": "2025-03-05"}],
    )
    feat["geometry"] = {"type": "Point", "coordinates": [36.041, 33.094]}
    into.write_text(json.dumps(doc))
    return feat


def test_replace_merges_and_keeps_curated_fields(tmp_path: Path, cands) -> None:
    raid = next(c for c in cands if c.event_type == "raid")
    into = tmp_path / "e.geojson"
    accept_candidate(raid, into, today=TODAY)
    curated = _curate(into, raid.id)
    result = accept_candidate(raid, into, replace=True, today=TODAY)
    (saved,) = json.loads(into.read_text())["features"]
    props = saved["properties"]
    for name in ("summary", "location", "actors", "tags"):
        assert props[name] == curated["properties"][name], name
    assert saved["geometry"] == curated["geometry"]
    # The candidate's evidence is added as another source; the curated one stays first.
    assert props["sources"][0] == curated["properties"]["sources"][0]
    assert props["sources"][1:] == raid.to_feature()["properties"]["sources"]
    assert result.replaced and result.feature == saved
    assert {"summary", "location", "tags", "geometry"} <= set(result.kept)
    assert result.added_sources == len(raid.sources)
    # Accepting the same evidence again adds no duplicate source.
    again = accept_candidate(raid, into, replace=True, today=TODAY)
    assert again.added_sources == 0
    assert json.loads(into.read_text())["features"][0]["properties"]["sources"] == props["sources"]
    # A field the reviewer edits explicitly is their decision: it replaces the stored one.
    edited = accept_candidate(raid, into, edits={"summary": "Reviewed."}, replace=True, today=TODAY)
    assert edited.feature["properties"]["summary"] == "Reviewed." and "summary" not in edited.kept
    assert edited.feature["properties"]["tags"] == curated["properties"]["tags"]
    cleared = accept_candidate(raid, into, edits={"tags": []}, replace=True, today=TODAY)
    assert cleared.feature["properties"]["tags"] == []  # cleared on purpose, not kept


def test_overwrite_takes_the_candidate_wholesale(tmp_path: Path, cands) -> None:
    raid = next(c for c in cands if c.event_type == "raid")
    into = tmp_path / "e.geojson"
    accept_candidate(raid, into, today=TODAY)
    _curate(into, raid.id)
    result = accept_candidate(raid, into, overwrite=True, today=TODAY)
    (saved,) = json.loads(into.read_text())["features"]
    assert saved == raid_feature(raid) and result.kept == () and result.replaced
    with pytest.raises(ValueError, match="not both"):
        accept_candidate(raid, into, replace=True, overwrite=True, today=TODAY)


def raid_feature(raid) -> dict:
    from sitmap.extract.review import event_feature

    return event_feature(raid)


def test_duplicate_message_names_no_python_keyword(tmp_path: Path, cands) -> None:
    raid = next(c for c in cands if c.event_type == "raid")
    into = tmp_path / "e.geojson"
    accept_candidate(raid, into, today=TODAY)
    with pytest.raises(DuplicateEventError) as info:
        accept_candidate(raid, into, today=TODAY)
    assert "replace=True" not in str(info.value) and "already in" in str(info.value)


_values = st.one_of(
    st.none(), st.text(max_size=8), st.integers(-5, 5), st.lists(st.text(max_size=4), max_size=3)
)
_props = st.dictionaries(
    st.sampled_from(["summary", "location", "tags", "actors", "date", "time_precision", "quote", "report",
                     "geo_precision", "country"]),
    _values,
    max_size=10,
)  # fmt: skip
_sources = st.lists(
    st.fixed_dictionaries(
        {"title": st.sampled_from(["A", "B", "C"]), "url": st.sampled_from(["", "https://x"])}
    ),
    max_size=4,
)
_geometry = st.one_of(st.none(), st.just({"type": "Point", "coordinates": [36.0, 33.0]}))


@settings(max_examples=50, deadline=None)
@given(_props, _sources, _geometry, _props, _sources, _geometry)
def test_a_merge_never_loses_a_stored_value(old, old_src, old_geom, new, new_src, new_geom) -> None:
    from sitmap.extract.review import merge_into

    stored = {"type": "Feature", "id": "e", "geometry": old_geom, "properties": {**old, "sources": old_src}}
    cand = {"type": "Feature", "id": "e", "geometry": new_geom, "properties": {**new, "sources": new_src}}
    merged, kept, added = merge_into(stored, cand)
    props = merged["properties"]
    empty = (None, "", [], {})
    # Date, report and place are units: a stored one is kept whole; one the store lacks (its first field
    # empty) is taken from the candidate, field by field where the candidate has a value.
    taken = {
        n
        for unit in (("date", "time_precision"), ("report", "quote"))
        if old.get(unit[0]) in empty
        for n in unit
    }
    taken |= {"geo_precision"} if old_geom is None else set()
    for name, value in old.items():
        if value not in empty:
            expected = new[name] if name in taken and new.get(name) not in empty else value
            assert props[name] == expected, name  # a stored value is never lost to an empty one
    assert merged["geometry"] == (old_geom if old_geom is not None else new_geom)
    for name, value in new.items():  # a field the store lacks is filled from the candidate
        if old.get(name) in empty and value not in empty:
            unit_lead = {"time_precision": "date", "quote": "report", "geo_precision": "geometry"}.get(name)
            lead_stored = old_geom is not None if unit_lead == "geometry" else old.get(unit_lead) not in empty
            if not (unit_lead and lead_stored):
                assert props[name] == value, name
    assert props.get("sources", [])[: len(old_src)] == old_src  # stored sources first, in order
    assert len(props.get("sources", [])) == len(old_src) + added
    assert set(kept) <= {*old, "geometry"}


def test_two_analysts_accepting_one_candidate_into_two_files_store_it_once(
    tmp_path: Path, cands, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check that an id is stored nowhere else must hold until the save: two copies in two files are a
    duplicate id, and the store then leaves both out of the map."""
    raid = next(c for c in cands if c.event_type == "raid")
    events = tmp_path / "events"
    errors: list[Exception] = []

    def second_analyst() -> None:
        try:
            accept_candidate(raid.to_feature(with_candidate=True), events / "b.geojson", events_dir=events,
                             user="bob", today=TODAY)  # fmt: skip
        except DuplicateEventError as e:
            errors.append(e)

    other = threading.Thread(target=second_analyst)
    real, scans = review_module._stored_ids, []

    def scan_then_let_the_other_accept(*args):  # type: ignore[no-untyped-def]
        ids = real(*args)
        if not scans:  # the first accept has looked for the id elsewhere: the other analyst accepts now
            scans.append(args)
            other.start()
            other.join(timeout=3)  # unlocked it finishes here; locked, it waits for this accept
        return ids

    monkeypatch.setattr(review_module, "_stored_ids", scan_then_let_the_other_accept)
    accept_candidate(raid, events / "a.geojson", events_dir=events, user="alice", today=TODAY)
    other.join()
    store = load_store(events, today=TODAY)
    assert list(store.events["id"]) == [raid.id], store.problems
    assert len(errors) == 1
