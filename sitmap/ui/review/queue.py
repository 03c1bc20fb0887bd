"""The review queue's rules, without Streamlit: what is still pending, what is complete enough to accept
in one go, what reads as context rather than an event, and which candidate comes next.

A candidate is decided when this session decided it, when its rejection is recorded with the report
(`extract.decisions`), or when the store already holds it: an event with its id, or an event linked to the
same report paragraph with the same quote (accepted earlier, perhaps under an edited id) when no other
candidate comes from that sentence, or an event the matching rule (`extract.duplicates`: same place,
overlapping dates, compatible type or the same passage) says is this one under another id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from sitmap.extract.duplicates import frame_match, key_of_feature, stored_match
from sitmap.extract.pipeline import Candidate
from sitmap.store.interface import EventStore
from sitmap.ui.review.logic import review_problems
from sitmap.ui.review.unplaced import at_its_area, is_unresolved

MIN_COMPLETE_CONFIDENCE = 0.5  # below this the extractor itself doubts the reading: look before accepting


def stored_matches(cands: Iterable[Candidate], events: pd.DataFrame | None) -> dict[str, str]:
    """Candidate id -> id of the stored event that is this candidate (same id, same passage, or the same
    place, dates and type by `extract.duplicates`)."""
    if events is None or events.empty:
        return {}
    ids = set(events["id"].astype(str))
    linked: dict[tuple[str, str, str], str] = {}
    if {"report_id", "report_paragraph", "quote"} <= set(events.columns):
        for eid, rid, para, quote in events[["id", "report_id", "report_paragraph", "quote"]].itertuples(
            index=False
        ):
            if isinstance(rid, str) and isinstance(quote, str):
                linked.setdefault((rid, str(para), quote.strip()), str(eid))
    cands = list(cands)
    per_passage: dict[tuple[str, str, str], int] = {}
    for c in cands:
        passage = (c.report_id, c.paragraph_id, c.quote.strip())
        per_passage[passage] = per_passage.get(passage, 0) + 1
    out: dict[str, str] = {}
    for c in cands:
        passage = (c.report_id, c.paragraph_id, c.quote.strip())
        if c.id in ids:
            out[c.id] = c.id
        elif per_passage[passage] == 1 and passage in linked:  # a sentence with two events: ids only
            out[c.id] = linked[passage]
        elif (key := key_of_feature(c.to_feature(), c.place_id)) is not None and (
            match := frame_match(key, events)
        ) is not None:
            out[c.id] = match
    return out


def stored_matches_in(cands: Iterable[Candidate], store: EventStore) -> dict[str, str]:
    """`stored_matches` for a store too big to read whole (PostGIS): one place-and-time-window query per
    placed, dated candidate."""
    out: dict[str, str] = {}
    for c in cands:
        key = key_of_feature(c.to_feature(), c.place_id)
        match = None if key is None else stored_match(key, store)
        if match is not None:
            out[c.id] = match
    return out


def status_of(
    cand_id: str, session: Mapping[str, str], rejected: Mapping[str, str], in_store: Mapping[str, str]
) -> str:
    """ "accepted"/"rejected" (this session), "rejected" (recorded), "in store", else "pending"."""
    if cand_id in session:
        return session[cand_id]
    if cand_id in rejected:
        return "rejected"
    if cand_id in in_store:
        return "in store"
    return "pending"


def is_flagged(cand: Candidate) -> bool:
    """Extraction's own doubt: background, an aggregate, a plan or a denial (scored low, with a reason)."""
    return bool(cand.reason)


def is_complete(cand: Candidate, values: dict[str, Any]) -> bool:
    """Ready to accept as it stands: not flagged, confident, dated, placed, and nothing to fix."""
    if is_flagged(cand) or cand.confidence < MIN_COMPLETE_CONFIDENCE or not values.get("date"):
        return False
    has_point = values.get("lon") is not None and values.get("lat") is not None
    if is_unresolved(cand) and (not has_point or at_its_area(cand, values)):
        return False  # a place we lack, at most at its province's point: the analyst places it
    if not has_point and values.get("geo_precision") != "country" and not values.get("admin1"):
        return False
    return not any(p.is_error for p in review_problems(cand, values))


def next_pending(order: list[str], current: str | None, pending: set[str]) -> str | None:
    """The pending candidate after `current` in list order (wrapping round), else None."""
    if not pending:
        return None
    start = order.index(current) + 1 if current in order else 0
    for cid in order[start:] + order[:start]:
        if cid in pending:
            return cid
    return None


__all__ = [
    "MIN_COMPLETE_CONFIDENCE",
    "is_complete",
    "is_flagged",
    "next_pending",
    "status_of",
    "stored_matches",
    "stored_matches_in",
]
