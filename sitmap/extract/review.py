"""Review of candidate events: candidate files, accept (validated, atomic upsert) and reject.

Nothing reaches the store unreviewed: `extract_candidates` only proposes; a reviewer (the CLI's
`sitmap accept`, or the app's review page) calls `accept_candidate` for each event they keep, optionally
with edits. Accepting strips the candidate metadata, validates the Feature as the store would, and saves
it with `store.upsert_event` under the file's lock and version check.

An event already stored under the candidate's id is curated work: `replace` merges the candidate into it
(`sitmap.extract.merge.merge_into`: every field the stored event has is kept, empty ones are filled, the
candidate's sources are added), and only `overwrite` takes the candidate wholesale; `AcceptResult.changed`
names the stored fields a save changed, and `merge.stored_changes` shows them before the save.

A candidates file is a GeoJSON FeatureCollection whose features carry their review metadata (evidence per
field, sentence span, confidence, stated claims, status) in the `sitmap_candidate` property.
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sitmap.extract.claims import ClaimCheck, check_distance_claims, stored_claim
from sitmap.extract.ids import ID_FIELDS, renamed_id
from sitmap.extract.merge import changed_fields, merge_into
from sitmap.extract.pipeline import CANDIDATE_KEY, Candidate
from sitmap.model import OPTIONAL_PROPERTIES, REQUIRED_PROPERTIES, Problem
from sitmap.reference.layers import Reference
from sitmap.settings import Settings
from sitmap.store.embedded import append_history, store_lock
from sitmap.store.geojson_io import atomic_write_bytes, normalise_feature
from sitmap.store.interface import EventStore, Op
from sitmap.store.load import (
    EventNotFoundError,
    FileVersion,
    ValidationError,
    event_files,
    read_event_file,
    upsert_event,
    validate_features,
)

_UNSET: Any = object()
_GEOMETRY_EDITS = ("lon", "lat", "geometry")


class DuplicateEventError(ValueError):
    """An event with the candidate's id is already stored; `same_file` when it is in the target file (then
    it can be replaced or overwritten; elsewhere it must be edited where it is)."""

    def __init__(self, message: str, *, event_id: str, path: Path, same_file: bool):
        super().__init__(message)
        self.event_id, self.path, self.same_file = event_id, path, same_file


@dataclass(frozen=True)
class AcceptResult:
    feature: dict[str, Any]  # exactly what was saved
    path: Path
    version: FileVersion | None  # the file's version after the save (the next expected_version); None
    # for a database store, whose versions are per event
    replaced: bool  # True when an event with this id was updated rather than added
    kept: tuple[str, ...] = ()  # stored fields kept over the candidate's different values (a merge)
    added_sources: int = 0  # the candidate's sources added to the stored event's (a merge)
    changed: tuple[str, ...] = ()  # the stored event's fields this save changed (`merge.changed_fields`)


def candidates_to_geojson(candidates: list[Candidate]) -> str:
    """A candidates FeatureCollection (RFC 7946, lon/lat) with the review metadata per feature."""
    features = [c.to_feature(with_candidate=True) for c in candidates]
    return (
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n"
    )


def write_candidates(path: Path | str, candidates: list[Candidate]) -> None:
    """Write a candidates file atomically (it is a work file, not part of the store)."""
    atomic_write_bytes(Path(path), candidates_to_geojson(candidates).encode("utf-8"))


def read_candidates(path: Path | str) -> list[Candidate]:
    """Candidates from a file written by `write_candidates` (possibly edited by hand)."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"{path}: not a readable candidates file: {e}") from e
    if not isinstance(doc, dict) or not isinstance(doc.get("features"), list):
        raise ValueError(f"{path}: expected a GeoJSON FeatureCollection of candidates")
    return [Candidate.from_feature(f) for f in doc["features"] if isinstance(f, dict)]


def event_feature(
    candidate: Candidate | dict[str, Any], edits: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The store Feature for a candidate, with reviewer edits applied and candidate metadata removed.

    `edits` maps property names to new values; `id`, `geometry` (a GeoJSON geometry or None), or `lon` and
    `lat` change the Feature itself. Properties the store does not know are dropped (`claims` is kept once
    `sitmap.model` lists it).
    """
    if isinstance(candidate, Candidate):
        feature = candidate.to_feature()
        claims = [stored_claim(c) for c in candidate.claims]
    else:
        feature = copy.deepcopy(candidate)
        meta = (feature.get("properties") or {}).get(CANDIDATE_KEY) or {}
        claims = meta.get("claims") or []
    props = dict(feature.get("properties") or {})
    props.pop(CANDIDATE_KEY, None)
    if claims and "claims" in OPTIONAL_PROPERTIES:
        props.setdefault("claims", claims)
    edits = dict(edits or {})
    # The form shows the proposed id: sent back unchanged, it still follows the date, place and type.
    if "id" in edits and edits["id"] != feature.get("id"):
        feature["id"] = edits.pop("id")
    elif isinstance(feature.get("id"), str) and ID_FIELDS & edits.keys():
        feature["id"] = renamed_id(feature["id"], props, {**props, **edits})
    edits.pop("id", None)
    if "geometry" in edits:
        feature["geometry"] = edits.pop("geometry")
    if "lon" in edits or "lat" in edits:
        lon, lat = edits.pop("lon", None), edits.pop("lat", None)
        if lon is None or lat is None:
            feature["geometry"] = None
        else:
            feature["geometry"] = {"type": "Point", "coordinates": [float(lon), float(lat)]}
    props.update(edits)
    known = set(REQUIRED_PROPERTIES) | set(OPTIONAL_PROPERTIES)
    props = {k: v for k, v in props.items() if k in known}
    return {
        "type": "Feature",
        "id": feature.get("id"),
        "geometry": feature.get("geometry"),
        "properties": props,
    }


def candidate_problems(
    candidate: Candidate | dict[str, Any], edits: dict[str, Any] | None = None, *, today: date | None = None
) -> list[Problem]:
    """Everything that would stop this candidate (with these edits) from being saved: for the review UI."""
    feature = event_feature(candidate, edits)
    return validate_features([feature], file="candidate", today=today)[0]


def candidate_claim_checks(candidate: Candidate | dict[str, Any], reference: Reference) -> list[ClaimCheck]:
    """Check the candidate's stated distances against its (possibly edited) location."""
    claims = (
        candidate.claims
        if isinstance(candidate, Candidate)
        else ((candidate.get("properties") or {}).get(CANDIDATE_KEY) or {}).get("claims", [])
    )
    return check_distance_claims(event_feature(candidate), [stored_claim(c) for c in claims], reference)


def _stored_ids(events_dir: Path, settings: Settings | None) -> dict[str, Path]:
    ids: dict[str, Path] = {}
    for path in event_files(events_dir):
        features, _, _ = read_event_file(path, settings=settings)
        for f in features or []:
            if isinstance(f, dict) and isinstance(f.get("id"), str):
                ids[f["id"]] = path
    return ids


def _checked_feature(
    candidate: Candidate | dict[str, Any],
    edits: dict[str, Any] | None,
    into: Path,
    today: date | None,
    replace: bool,
    overwrite: bool,
) -> tuple[dict[str, Any], list[Problem]]:
    """The event feature a reviewed candidate becomes, with its validation problems (warnings); raises
    ValidationError on an error (nothing is written), ValueError when both `replace` and `overwrite`."""
    if replace and overwrite:
        raise ValueError("replace (merge) or overwrite, not both")
    feature = event_feature(candidate, edits)
    problems = validate_features([feature], file=str(into), today=today)[0]
    if any(p.is_error for p in problems):
        raise ValidationError([p for p in problems if p.is_error])
    return feature, problems


def accept_candidate(
    candidate: Candidate | dict[str, Any],
    into: Path | str,
    *,
    edits: dict[str, Any] | None = None,
    expected_version: FileVersion | None = _UNSET,
    replace: bool = False,
    overwrite: bool = False,
    take: Collection[str] = (),
    events_dir: Path | str | None = None,
    settings: Settings | None = None,
    today: date | None = None,
    user: str | None = None,
    why: str = "accepted in review",
) -> AcceptResult:
    """Save one reviewed candidate into the event file `into` (validated, locked, atomic).

    With `user` and `events_dir`, the save is also recorded in the folder's history as that user's, with
    `why` (`sitmap.store.embedded.append_history`, under the store's write lock like any store write).

    `expected_version` is the version of `into` the reviewer saw (`Store.files[path]`); by default the
    version on disk now. An existing event with the same id (in `into`, or anywhere under `events_dir`)
    raises DuplicateEventError unless `replace` (merge into it, keeping its curated fields: `merge_into`)
    or `overwrite` (take the candidate wholesale) is set; `take` names fields the reviewer edited when the
    edits are already in `candidate` (a merge takes them, as it takes `edits`). Raises
    store.ValidationError (nothing written) and store.ConflictError (the file changed since it was read).
    """
    into = Path(into)
    feature, problems = _checked_feature(candidate, edits, into, today, replace, overwrite)
    with contextlib.ExitStack() as held:
        # The store lock from the look for the id in other files to the save: two analysts accepting one
        # candidate into two files would otherwise both find it nowhere and store it twice (a duplicate id,
        # which the store then leaves off the map).
        if events_dir:
            held.enter_context(store_lock(events_dir))
        features, version, _ = read_event_file(into, settings=settings)
        if expected_version is _UNSET:
            expected_version = version
        stored = next(
            (f for f in features or [] if isinstance(f, dict) and f.get("id") == feature["id"]), None
        )
        other = (_stored_ids(Path(events_dir), settings) if events_dir else {}).get(feature["id"])
        if other is not None and other.resolve() != into.resolve():
            raise DuplicateEventError(
                f"event {feature['id']!r} is already stored in {other}; edit it there",
                event_id=feature["id"], path=other, same_file=False,
            )  # fmt: skip
        feature, kept, added = _resolved(
            feature, stored, {*(edits or {}), *take}, replace, overwrite, into, today
        )
        new_version = upsert_event(
            into, feature, expected_version=expected_version, settings=settings, today=today
        )
        if user is not None and events_dir:
            old = None if stored is None else normalise_feature(stored)
            op: Op = "insert" if stored is None else "update"
            append_history(events_dir, feature["id"], op, user, why, old, normalise_feature(feature))
    if isinstance(candidate, Candidate):
        candidate.status = "accepted"
    return AcceptResult(
        feature, into, new_version, stored is not None, kept, added, _changed(stored, feature)
    )


def _changed(stored: dict[str, Any] | None, saved: dict[str, Any]) -> tuple[str, ...]:
    return () if stored is None else tuple(c.field for c in changed_fields(stored, saved))


def _resolved(
    feature: dict[str, Any],
    stored: dict[str, Any] | None,
    edited: set[str],
    replace: bool,
    overwrite: bool,
    into: Path,
    today: date | None,
) -> tuple[dict[str, Any], tuple[str, ...], int]:
    """What to save for a candidate whose id may already be stored (`stored`), with the stored fields kept
    and the sources added by a merge; DuplicateEventError unless `replace` or `overwrite`."""
    if stored is not None and not (replace or overwrite):
        raise DuplicateEventError(
            f"event {feature['id']!r} is already in {into}; replace it (merge: keeps the stored summary, "
            "location, tags and actors, adds this evidence as a source) or overwrite it (takes this "
            "candidate wholesale)",
            event_id=feature["id"], path=into, same_file=True,
        )  # fmt: skip
    if stored is None or not replace:
        return feature, (), 0
    # Merged with the stored event as read: the save refuses it if the event moved on since.
    take = {"geometry" if k in _GEOMETRY_EDITS else k for k in edited}
    feature, kept, added = merge_into(stored, feature, take)
    problems = validate_features([feature], file=str(into), today=today)[0]
    if any(p.is_error for p in problems):
        raise ValidationError([p for p in problems if p.is_error])
    return feature, kept, added


def accept_into_store(
    candidate: Candidate | dict[str, Any],
    store: EventStore,
    *,
    user: str,
    why: str = "accepted in review",
    edits: dict[str, Any] | None = None,
    replace: bool = False,
    overwrite: bool = False,
    take: Collection[str] = (),
    today: date | None = None,
) -> AcceptResult:
    """`accept_candidate` for a store that is not a folder of files (PostGIS): the event is saved through
    `store` against the version read here (a save in between raises its ConflictError), recorded in its
    history as `user`'s with `why`. The result's `version` is None (versions are per event there)."""
    into = Path("the database")  # what the page names as where it saved
    feature, problems = _checked_feature(candidate, edits, into, today, replace, overwrite)
    try:
        stored, version = store.get(feature["id"])
    except EventNotFoundError:
        stored, version = None, None
    feature, kept, added = _resolved(
        feature, stored, {*(edits or {}), *take}, replace, overwrite, into, today
    )
    store.save(feature, version, user=user, why=why)
    if isinstance(candidate, Candidate):
        candidate.status = "accepted"
    return AcceptResult(feature, into, None, stored is not None, kept, added, _changed(stored, feature))


def reject_candidate(candidate: Candidate, reason: str = "") -> Candidate:
    """Mark a candidate rejected (nothing is written to the store); the reason is kept for the record."""
    candidate.status = "rejected"
    candidate.review_note = reason
    return candidate


def set_status(path: Path | str, ids: list[str], status: str, note: str = "") -> list[Candidate]:
    """Record review decisions in a candidates file (atomically) and return its candidates."""
    cands = read_candidates(path)
    unknown = set(ids) - {c.id for c in cands}
    if unknown:
        raise KeyError(f"no candidate(s) {', '.join(sorted(unknown))} in {path}")
    for c in cands:
        if c.id in ids:
            c.status, c.review_note = status, note or c.review_note
    write_candidates(path, cands)
    return cands
