"""Review's accept on PostGIS: a duplicate refused, a merge saved as an update, each by its analyst."""

from __future__ import annotations

from pathlib import Path

import pytest
from strategies import TODAY

from sitmap.extract.merge import stored_changes
from sitmap.extract.pipeline import extract_candidates
from sitmap.extract.review import DuplicateEventError, accept_into_store, event_feature
from sitmap.reference.layers import load_reference
from sitmap.store.reports import Paragraph, Report

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Israeli forces raided a former base on Tell al Mal, Quneitra Province, on the night of 3 March [3]."


def test_accept_into_postgis_refuses_a_duplicate_and_merges_on_replace(pg):
    report = Report(
        id="r", title="T", publisher="P", date="2025-03-04", url="https://example.org/r",
        paragraphs=(Paragraph("p1", TEXT),),
    )  # fmt: skip
    raid = next(
        c for c in extract_candidates(report, load_reference(ROOT / "geodata")) if c.event_type == "raid"
    )
    first = accept_into_store(raid, pg, user="ann", why="review of r", today=TODAY)
    assert not first.replaced and raid.status == "accepted"
    with pytest.raises(DuplicateEventError):
        accept_into_store(raid, pg, user="ann", why="again", today=TODAY)
    merged = accept_into_store(
        raid, pg, user="bob", why="second look", edits={"summary": "corrected"}, replace=True, today=TODAY
    )
    assert merged.replaced
    feature, version = pg.get(first.feature["id"])
    assert version == "2" and feature["properties"]["summary"] == "corrected"
    assert [(e.user, e.op, e.why) for e in pg.history(feature["id"])] == [
        ("ann", "insert", "review of r"),
        ("bob", "update", "second look"),
    ]


def test_a_merge_into_postgis_reports_what_it_changed_and_overwrite_what_it_discards(pg):
    report = Report(
        id="r", title="T", publisher="P", date="2025-03-04", url="https://example.org/r",
        paragraphs=(Paragraph("p1", TEXT),),
    )  # fmt: skip
    raid = next(
        c for c in extract_candidates(report, load_reference(ROOT / "geodata")) if c.event_type == "raid"
    )
    first = accept_into_store(raid, pg, user="ann", why="review of r", today=TODAY)
    curated, version = pg.get(first.feature["id"])
    curated["properties"]["actors"] = ["Analyst-added unit"]
    pg.save(curated, version, user="ann", why="curated")
    candidate = event_feature(raid)
    preview = stored_changes(pg.get(first.feature["id"])[0], candidate)
    assert [c.field for c in preview.discarded] == ["actors"] and not preview.merge
    merged = accept_into_store(raid, pg, user="bob", why="again", replace=True, today=TODAY)
    assert merged.changed == () and merged.kept == ("actors",)
    assert pg.get(first.feature["id"])[0]["properties"]["actors"] == ["Analyst-added unit"]
    over = accept_into_store(raid, pg, user="bob", why="again", overwrite=True, today=TODAY)
    assert over.changed == ("actors",)
    assert pg.get(first.feature["id"])[0]["properties"]["actors"] == candidate["properties"]["actors"]
