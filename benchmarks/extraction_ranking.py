"""Ranking quality of candidates' confidence: does a higher score mean a right candidate more often?

Used by `extraction_eval.py` (per split). A candidate
is right when it takes a labelled event by the scorer's (place, date) rule (`match_place_date`); one with no
place or no period is not scored, as in the (place, date) field.
- average precision: candidates ordered by confidence, precision averaged at each right one (ties share a
  threshold, as scikit-learn counts it); the share of right candidates is what ordering at random gives.
- hiding below 0.3 / 0.5: (place, date) precision and recall if the review page hid the candidates scored
  below the threshold, matched again without them (a hidden duplicate can free an event for another).
The thresholds are fixed here, never chosen on the held-out split.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from benchmarks.extraction_match import Place, match_place_date
from sitmap.extract.pipeline import Candidate
from sitmap.extract.places import Gazetteer

THRESHOLDS = (0.3, 0.5)


def average_precision(scores: list[float], right: list[bool]) -> float:
    """Average precision of `right` ordered by `scores`, highest first (0.0 when nothing is right)."""
    total = sum(right)
    if not total:
        return 0.0
    pairs = sorted(zip(scores, right, strict=True), key=lambda p: -p[0])
    ap, tp, seen, last_recall = 0.0, 0, 0, 0.0
    for i, (score, ok) in enumerate(pairs):
        tp, seen = tp + ok, seen + 1
        if i + 1 < len(pairs) and pairs[i + 1][0] == score:
            continue  # ties: one threshold for all of them
        recall = tp / total
        ap += (recall - last_recall) * tp / seen
        last_recall = recall
    return ap


def roc_auc(scores: list[float], right: list[bool]) -> float:
    """The chance that a right candidate outscores a wrong one (ties half); 0.5 when one side is empty."""
    pos = [s for s, ok in zip(scores, right, strict=True) if ok]
    neg = [s for s, ok in zip(scores, right, strict=True) if not ok]
    if not pos or not neg:
        return 0.5
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


@dataclass
class Ranking:
    """Per split: each scored candidate's (confidence, right), and (place, date) counts per threshold."""

    scored: list[tuple[float, bool]] = field(default_factory=list)
    # threshold -> [matched candidates, kept scored candidates, labelled events found, labelled events]
    hidden: dict[float, list[int]] = field(default_factory=lambda: {t: [0, 0, 0, 0] for t in THRESHOLDS})

    def add(
        self, cands: list[Candidate], placed: list[tuple[dict, Place]], gaz: Gazetteer, km: float
    ) -> None:
        hits, _ = match_place_date(cands, placed, gaz, km)
        self.scored += [(c.confidence, hit) for c, hit in zip(cands, hits, strict=True) if hit is not None]
        for t, counts in self.hidden.items():
            kept = [c for c in cands if c.confidence >= t]
            k_hits, used = match_place_date(kept, placed, gaz, km)
            for i, n in enumerate(
                (k_hits.count(True), len(k_hits) - k_hits.count(None), len(used), len(placed))
            ):
                counts[i] += n

    def lines(self) -> list[str]:
        if not self.scored:
            return []
        scores, right = [s for s, _ in self.scored], [ok for _, ok in self.scored]
        base = sum(right) / len(right)
        ap = average_precision(scores, right)
        out = [
            f"  confidence: average precision {ap:.2f} (random order {base:.2f}),"
            f" ROC AUC {roc_auc(scores, right):.2f}, {sum(right)} right / {len(right)} scored candidates"
        ]
        for t, (ok, n, found, labels) in self.hidden.items():
            p, r = (ok / n if n else 0.0), (found / labels if labels else 0.0)
            out.append(
                f"  hiding below {t:.1f}: (place, date) precision {p:.2f} recall {r:.2f}"
                f" ({n} candidates shown, {found}/{labels} labelled events found)"
            )
        return out
