"""What accepting over a stored event changes, field by field (`sitmap.extract.merge`)."""

from __future__ import annotations

from sitmap.extract.merge import changed_fields, stored_changes


def feature(**props) -> dict:
    return {"type": "Feature", "id": "e1", "geometry": {"type": "Point", "coordinates": [36.0, 33.0]},
            "properties": props}  # fmt: skip


def test_changed_fields_treats_empty_and_absent_alike_and_names_the_geometry_first() -> None:
    stored = feature(summary="a", tags=[], actors=["X"])
    moved = {**feature(summary="b", actors=["X"]), "geometry": None}
    assert [c.field for c in changed_fields(stored, moved)] == ["geometry", "summary"]
    assert changed_fields(stored, feature(summary="a", actors=["X"], date_end=None)) == ()


def test_overwrite_discards_what_merge_keeps_but_not_what_the_analyst_edited() -> None:
    stored = feature(summary="curated", actors=["Curated unit"], tags=["checked"], location="Tell al Mal")
    cand = feature(summary="edited in the form", actors=["IDF"], location="Tell al Mal", admin1="Quneitra")
    changes = stored_changes(stored, cand, take={"summary"})
    assert {c.field for c in changes.merge} == {"summary", "admin1"}  # the edit, and an empty field filled
    assert changes.merged["properties"]["actors"] == ["Curated unit"]
    assert [c.field for c in changes.discarded] == ["actors", "tags"]  # summary: edited on purpose
    assert next(c for c in changes.discarded if c.field == "tags").stored == ["checked"]
