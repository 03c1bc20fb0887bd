"""Report text to candidate events (dates, places, types, stated distances) and their review."""

from sitmap.extract.claims import ClaimCheck, check_distance_claims, find_distance_claims, stored_claim
from sitmap.extract.pipeline import CANDIDATE_KEY, Candidate, extract_candidates, split_sentences
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

__all__ = [
    "CANDIDATE_KEY",
    "Candidate",
    "ClaimCheck",
    "DuplicateEventError",
    "accept_candidate",
    "candidate_claim_checks",
    "candidate_problems",
    "check_distance_claims",
    "extract_candidates",
    "find_distance_claims",
    "read_candidates",
    "reject_candidate",
    "set_status",
    "split_sentences",
    "stored_claim",
    "write_candidates",
]
