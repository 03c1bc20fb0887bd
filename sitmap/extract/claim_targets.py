"""Which candidate a stated distance ("X lies 16 km from Y") is said of."""

from __future__ import annotations

from sitmap.extract.candidate import Candidate, Evidence
from sitmap.extract.claims import stored_claim
from sitmap.extract.places import PlaceMention


def at_same_place(earlier: list[Candidate], places: list[PlaceMention]) -> list[Candidate]:
    """The `earlier` candidates at a place the sentence names (resolved)."""
    ids = {p.place_id for p in places if p.resolved}
    return [c for c in earlier if c.place_id in ids]


def attach_claims(
    cands: list[Candidate], claims: list[dict], places: list[PlaceMention], offset: int
) -> None:
    """A stated distance goes to the candidate at the place it is said of, else the latest candidate."""
    for claim in claims:
        subject = next((p for p in reversed(places) if p.end <= claim["start"] and p.resolved), None)
        if subject is not None:
            claim["subject"] = subject.place_id
        target = next((c for c in reversed(cands) if subject and c.place_id == subject.place_id), None)
        target = target or (cands[-1] if cands else None)
        if target is not None:
            target.claims.append(claim)
            target.evidence[f"claim:{len(target.claims)}"] = Evidence(
                stored_claim(claim), f"stated distance {claim['text']!r}", 0.9,
                (offset + claim["start"], offset + claim["end"]), claim["text"],
            )  # fmt: skip
