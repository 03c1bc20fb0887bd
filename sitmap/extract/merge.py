"""Accepting a candidate whose id is already stored: the merge rule, and what each way of accepting changes.

`replace` merges (`merge_into`: the stored event's curated fields are kept, empty ones filled, the
candidate's sources added); `overwrite` takes the candidate wholesale. `stored_changes` shows, field by
field, what each would do to the stored event, and which stored values only Overwrite would discard: an
import never overwrites an analyst's edit without saying so.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

# Fields merged as one: keeping a stored geometry but taking the candidate's precision (or its report but
# not its quote) would describe a place or a passage that nobody reported.
MERGE_UNITS: tuple[tuple[str, ...], ...] = (
    ("geometry", "geo_precision", "uncertainty_m"),
    ("date", "date_end", "time_precision"),
    ("report", "quote"),
)


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _source_key(source: Any) -> Any:
    """Two sources are the same when they have the same URL, else the same title, publisher and date."""
    if isinstance(source, dict):
        if source.get("url"):
            return ("url", source["url"])
        return tuple(str(source.get(k)) for k in ("title", "publisher", "date"))
    return repr(source)


def _value(feature: dict[str, Any], name: str) -> Any:
    if name == "geometry":
        return feature.get("geometry")
    return (feature.get("properties") or {}).get(name)


def merge_into(
    stored: dict[str, Any], candidate: dict[str, Any], take: Collection[str] = frozenset()
) -> tuple[dict[str, Any], tuple[str, ...], int]:
    """The stored event updated from a candidate without losing curated work.

    Every field the stored event has (summary, location, actors, tags, position, date, report...) is kept,
    except those named in `take` (the reviewer's explicit edits, which win); fields it lacks are taken
    from the candidate; the candidate's sources not already listed are appended. Returns (merged feature,
    names of stored fields kept over a different candidate value, number of sources added).
    """
    take = set(take)
    old = dict(stored.get("properties") or {})
    new = candidate.get("properties") or {}
    merged = {
        "type": "Feature",
        "id": stored.get("id"),
        "geometry": stored.get("geometry"),
        "properties": old,
    }
    kept: list[str] = []
    units = [*MERGE_UNITS, *((n,) for n in {*old, *new} - {"sources", *sum(MERGE_UNITS, ())})]
    for unit in units:
        # A unit is the stored event's when its first field has a value there (a geometry, a date, a report).
        if not is_empty(_value(stored, unit[0])) and not take & set(unit):
            kept += [
                n
                for n in unit
                if _value(stored, n) != _value(candidate, n)
                and n in (*(stored.get("properties") or {}), "geometry")
            ]
            continue
        # The stored event lacks this unit (or the reviewer edited it): take the candidate's values, but never
        # an empty one over a stored value unless the reviewer cleared it on purpose.
        for name in unit:
            if is_empty(_value(candidate, name)) and name not in take:
                continue
            if name == "geometry":
                merged["geometry"] = candidate.get("geometry")
            else:
                old[name] = new[name]
    sources = list(old.get("sources") or [])
    seen = {_source_key(s) for s in sources}
    extra = [s for s in new.get("sources") or [] if _source_key(s) not in seen]
    if sources or extra:
        old["sources"] = sources + extra
    return merged, tuple(sorted(kept)), len(extra)


@dataclass(frozen=True)
class FieldChange:
    """One field of the stored event and its value after a save (None: absent)."""

    field: str
    stored: Any
    new: Any


def _fields(feature: dict[str, Any]) -> dict[str, Any]:
    props = feature.get("properties") or {}
    return {"geometry": feature.get("geometry"), **{k: v for k, v in props.items() if not is_empty(v)}}


def changed_fields(stored: dict[str, Any], result: dict[str, Any]) -> tuple[FieldChange, ...]:
    """The fields whose value differs between the stored event and `result` (geometry first, then by name;
    an empty value and an absent one are the same)."""
    before, after = _fields(stored), _fields(result)
    names = sorted({*before, *after} - {"geometry"})
    if before.get("geometry") != after.get("geometry"):
        names.insert(0, "geometry")
    return tuple(FieldChange(n, before.get(n), after.get(n)) for n in names if before.get(n) != after.get(n))


@dataclass(frozen=True)
class StoredChanges:
    """What accepting a candidate would do to the stored event with the same id, each way."""

    merged: dict[str, Any]  # the feature a merge (`replace`) would save
    overwritten: dict[str, Any]  # the feature Overwrite would save (the candidate)
    merge: tuple[FieldChange, ...]  # fields a merge changes
    overwrite: tuple[FieldChange, ...]  # fields Overwrite changes

    @property
    def discarded(self) -> tuple[FieldChange, ...]:
        """Stored values Overwrite would lose that a merge keeps (the analyst's curated work)."""
        merged = {c.field for c in self.merge}
        return tuple(c for c in self.overwrite if c.stored is not None and c.field not in merged)


def stored_changes(
    stored: dict[str, Any], candidate: dict[str, Any], take: Collection[str] = frozenset()
) -> StoredChanges:
    """Field by field, what a merge and an Overwrite of `stored` by `candidate` would change (`take`: the
    fields the reviewer edited, which a merge takes from the candidate)."""
    merged, _, _ = merge_into(stored, candidate, take)
    return StoredChanges(merged, candidate, changed_fields(stored, merged), changed_fields(stored, candidate))


__all__ = ["FieldChange", "StoredChanges", "changed_fields", "merge_into", "stored_changes"]
