"""A candidate's confidence learned from the labelled set: how often candidates like it were right (issue 11).

The hand-set score (`locate.confidence`, a geometric mean of the rules' own guesses) put almost every
candidate at 0.5 or more, right or wrong, so neither the review page's order nor a threshold said anything.
Here a logistic regression, fitted by `scripts/train_confidence.py` on the extractor's candidates over the
tune and dev paraphrases (right = the scorer's (place, date) match), turns features that describe *how* a
candidate was read into that frequency. No feature names a place or quotes a word: the model learns which
kinds of reading go wrong (a province instead of a village, a date carried from the report's day, one of
many candidates in a sentence), which is what can hold on text nobody here has read.

The weights live in `confidence_model.json` beside this module (numbers only, numpy-free at run time).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sitmap.extract.candidate import Candidate
from sitmap.extract.locate import confidence as rule_confidence
from sitmap.reference.feature_kinds import REGION_KIND, is_feature
from sitmap.reference.gazetteer import SEA_KIND, Gazetteer

MODEL_PATH = Path(__file__).with_name("confidence_model.json")
CONTEXT_CAP = 0.3  # a context candidate (background, aggregate, plan, denial) is never proposed above this

# sitmap event type -> family: the label set is coarser than ours, and a few dozen candidates per type are
# too few to learn each one alone.
_FAMILY = {
    "raid": "ground", "ground_incursion": "ground", "patrol": "ground", "deployment": "ground",
    "base_established": "ground", "property_destruction": "ground",
    "airstrike": "air", "airdrop": "air",
    "missile_strike": "fire", "drone_attack": "fire", "shelling": "fire", "attack_on_shipping": "fire",
    "explosive_device": "fire", "interception": "fire",
    "armed_clash": "clash",
    "arrest": "people", "abduction": "people", "attack_on_civilians": "people", "protest": "people",
    "riot": "people",
}  # fmt: skip

# Feature groups: cross-validation in `scripts/train_confidence.py` picks whole groups, never single columns.
GROUPS: dict[str, tuple[str, ...]] = {
    "rule": ("rule_confidence",),
    "evidence": ("type_evidence", "place_evidence", "date_evidence"),
    "geo": ("geo:exact", "geo:near", "geo:region", "geo:country"),
    "layer": (
        "layer:listed_town", "layer:listed_other", "layer:village", "layer:feature", "layer:zone",
        "layer:region_or_sea", "layer:admin_area", "layer:unresolved", "layer:country", "layer:none",
    ),
    "time": ("time:day", "time:week", "time:month", "time:year", "time:none", "date_end", "on_or_before"),
    "date_source": ("date:stated", "date:carried", "date:report"),
    "type": ("type:ground", "type:air", "type:fire", "type:clash", "type:people", "type:other"),
    "claim": ("claim:reported", "claim:claimed", "claim:confirmed"),
    "structure": (
        "report_candidates", "sentence_candidates", "same_place_candidates", "position", "first_sentence",
        "merged", "actors_named", "unresolved_nearby",
    ),
}  # fmt: skip
FEATURES: tuple[str, ...] = tuple(name for names in GROUPS.values() for name in names)


def place_layer(c: Candidate, gaz: Gazetteer | None) -> str:
    """Which part of the gazetteer placed the candidate (what kind of name the text gave)."""
    rec = gaz.records.get(c.place_id) if gaz is not None and c.place_id else None
    if rec is not None:
        kind = rec.get("kind")
        if kind in (REGION_KIND, SEA_KIND):
            return "region_or_sea"
        if rec.get("layer") == "areas":  # the 1974 zone's areas, border strips
            return "zone"
        if rec.get("layer") == "villages":
            return "feature" if is_feature(kind or "") else "village"
        return "listed_town" if kind in ("city", "town") else "listed_other"
    if c.geo_precision == "country":
        return "country" if c.location else "none"
    if c.location and c.location in c.unresolved:
        return "unresolved"
    return "admin_area" if c.location else "none"


def _date_source(c: Candidate) -> str:
    ev = c.evidence.get("date")
    if ev is None or ev.value is None:
        return "none"
    if ev.span is not None:
        return "stated"  # the sentence's own words
    return "carried" if ev.reason.startswith("no date in the sentence; carried") else "report"


@dataclass(frozen=True)
class ReportShape:
    """What a candidate's features read from the rest of its report, counted once per report."""

    candidates: int  # event candidates (context ones left out: the model was fitted without them)
    sentence_rank: dict[tuple[int, int], int]  # (paragraph's order, sentence start) -> rank in the report
    per_sentence: Counter[tuple[int, int]]
    per_place: Counter[str]
    paragraph_order: dict[str, int]


def report_shape(cands: list[Candidate]) -> ReportShape:
    """The shape of a report's candidates (all of them, in the extractor's order)."""
    order: dict[str, int] = {}
    for c in cands:
        order.setdefault(c.paragraph_id, len(order))
    events = [c for c in cands if not c.reason]
    spots = sorted({(order[c.paragraph_id], c.start) for c in cands})
    return ReportShape(
        candidates=len(events),
        sentence_rank={spot: i for i, spot in enumerate(spots)},
        per_sentence=Counter((order[c.paragraph_id], c.start) for c in events),
        per_place=Counter(key for c in events if (key := c.place_id or c.location)),
        paragraph_order=order,
    )


def features(c: Candidate, shape: ReportShape, gaz: Gazetteer | None) -> dict[str, float]:
    """The model's inputs for `c`, a candidate of the report `shape` describes."""

    def ev(key: str, default: float = 0.3) -> float:
        return c.evidence[key].confidence if key in c.evidence else default

    x = dict.fromkeys(FEATURES, 0.0)
    x["rule_confidence"] = rule_confidence(c)  # recomputed from the evidence: never the model's own output
    x["type_evidence"], x["place_evidence"], x["date_evidence"] = ev("event_type"), ev("location"), ev("date")
    x[f"geo:{c.geo_precision}"] = 1.0
    x[f"layer:{place_layer(c, gaz)}"] = 1.0
    x[f"time:{c.time_precision if c.date else 'none'}"] = 1.0
    x["date_end"], x["on_or_before"] = float(bool(c.date_end)), float(c.on_or_before)
    if (source := _date_source(c)) != "none":
        x[f"date:{source}"] = 1.0
    x[f"type:{_FAMILY.get(c.event_type, 'other')}"] = 1.0
    if f"claim:{c.claim_status}" in x:
        x[f"claim:{c.claim_status}"] = 1.0
    # log counts: the fifth candidate of a sentence says less than the second does
    spot = (shape.paragraph_order.get(c.paragraph_id, 0), c.start)
    place = c.place_id or c.location
    x["report_candidates"] = math.log1p(shape.candidates)
    x["sentence_candidates"] = math.log1p(max(0, shape.per_sentence[spot] - 1))
    x["same_place_candidates"] = math.log1p(max(0, shape.per_place[place] - 1)) if place else 0.0
    rank, last = shape.sentence_rank.get(spot, 0), len(shape.sentence_rank) - 1
    x["position"] = rank / last if last > 0 else 0.0
    x["first_sentence"] = float(rank == 0)
    x["merged"] = float("mentions" in c.evidence)
    x["actors_named"] = float(bool(c.actors))
    x["unresolved_nearby"] = float(bool(c.unresolved))
    return x


@cache
def load_model(path: Path = MODEL_PATH) -> dict[str, Any]:
    """The committed model: features, their means and scales, weights and intercept."""
    return json.loads(path.read_text(encoding="utf-8"))


def predict(x: dict[str, float], model: dict[str, Any]) -> float:
    """P(right) for one feature dict under `model` (standardised inputs, as fitted)."""
    z = model["intercept"]
    for name, w, mean, scale in zip(
        model["features"], model["weights"], model["means"], model["scales"], strict=True
    ):
        z += w * (x[name] - mean) / scale
    return 1.0 / (1.0 + math.exp(-z))


def score_candidates(
    cands: list[Candidate], gaz: Gazetteer | None, model: dict[str, Any] | None = None
) -> None:
    """Set every candidate's `confidence` from the model; a context candidate (with a `reason`) keeps
    at most `CONTEXT_CAP`, as the rules did."""
    model = model or load_model()
    shape = report_shape(cands)  # once: a 5,000-paragraph report has thousands of candidates
    for c in cands:
        p = round(predict(features(c, shape, gaz), model), 3)
        c.confidence = min(p, CONTEXT_CAP) if c.reason else p
