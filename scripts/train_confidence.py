"""Fit the candidates' confidence model (`sitmap/extract/confidence_model.py`) on the tune and dev splits.

    python scripts/train_confidence.py --table   # run the extractor, rewrite the training table, then fit
    python scripts/train_confidence.py           # fit from the committed table only (what the test checks)

Training data: the extractor's candidates over the committed paraphrases of the `tune` and `dev` splits only
(never held-out), each labelled right when it takes a labelled event by the scorer's (place, date) rule
(`benchmarks/extraction_match.match_place_date`); a candidate with no place or no period is left out, as
the scorer leaves it out of (place, date). The table (`evaluation/confidence_training.json`: passage id,
label, feature values; no text) is committed, so that fitting is reproducible without re-running rules
that other work changes; `--table` refreshes it after such a change.

Model: L2-regularised logistic regression on standardised features, fitted by Newton's method in numpy (a
convex problem with one optimum: deterministic, no optional dependency, and a few hundred rows need no
more). Which feature groups (`GROUPS`) and which penalty: forward selection of whole groups by the
out-of-fold log loss of cross-validation grouped by passage (5 folds, passages dealt 5 times by a seeded
shuffle), so no passage is in both a fold's training and its scoring; the final model is fitted on every row.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.extraction_match import label_place, match_place_date  # noqa: E402
from benchmarks.extraction_ranking import average_precision, roc_auc  # noqa: E402
from sitmap.extract.confidence_model import FEATURES, GROUPS, MODEL_PATH, features, report_shape  # noqa: E402

LABELS = ROOT / "evaluation" / "passages.yaml"
TABLE = ROOT / "evaluation" / "confidence_training.json"
SPLITS = ("tune", "dev")  # never heldout
FOLDS = 5
REPEATS = 5  # deals of the passages into folds
SEED = 11
PENALTIES = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)  # L2 strength on standardised weights (1/C)
KM = 10.0  # the scorer's default


def build_table() -> dict:
    """Run the extractor over the tune and dev paraphrases: one row per scored candidate."""
    from sitmap.extract.pipeline import extract_candidates
    from sitmap.extract.places import Gazetteer
    from sitmap.reference.layers import load_reference
    from sitmap.store.reports import Paragraph, Report

    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    aliases = data.get("place_aliases") or {}
    reference = load_reference(ROOT / "geodata")
    gaz = Gazetteer.from_reference(reference)
    rows = []
    for passage in data["passages"]:
        if passage["split"] not in SPLITS:
            continue
        paragraph = Paragraph("p1", " ".join(passage["paraphrase"].split()))  # as the scorer reads it
        report = Report(
            id=f"eval-{passage['id']}", title="evaluation", publisher=passage["publisher"],
            date=str(passage["published"]), url=passage["url"], paragraphs=(paragraph,),
        )  # fmt: skip
        cands = extract_candidates(report, reference, gazetteer=gaz)
        placed = [(e, lp) for e in passage["events"] if (lp := label_place(e, aliases))]
        hits, _ = match_place_date(cands, placed, gaz, KM)
        shape = report_shape(cands)
        for c, hit in zip(cands, hits, strict=True):
            if hit is None:
                continue
            x = features(c, shape, gaz)
            rows.append(
                {"passage": passage["id"], "right": int(hit), "x": [round(x[f], 6) for f in FEATURES]}
            )
    return {"features": list(FEATURES), "splits": list(SPLITS), "rows": rows}


def fit(x: np.ndarray, y: np.ndarray, penalty: float) -> tuple[np.ndarray, float]:
    """Weights and intercept minimising log loss + penalty/2 |w|² (intercept free), by Newton's method."""
    n, d = x.shape
    a = np.hstack([np.ones((n, 1)), x])
    reg = np.eye(d + 1) * penalty
    reg[0, 0] = 0.0
    beta = np.zeros(d + 1)
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(a @ beta)))
        grad = a.T @ (p - y) + reg @ beta
        hess = (a * (p * (1 - p))[:, None]).T @ a + reg + np.eye(d + 1) * 1e-9
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return beta[1:], float(beta[0])


def standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    return mean, np.where(scale > 1e-9, scale, 1.0)  # a constant column (a category never seen) stays 0


def predict(x: np.ndarray, w: np.ndarray, b: float, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(((x - mean) / scale) @ w + b)))


def folds(passages: list[str]) -> list[np.ndarray]:
    """Each row's fold, for each of `REPEATS` deals of the passages (grouped: a passage's rows share a fold).

    Repeated because 76 passages in 5 folds give noisy figures; the deals are seeded, so reproducible."""
    ids = sorted(set(passages))
    rng = np.random.default_rng(SEED)
    out = []
    for _ in range(REPEATS):
        order = {ids[i]: k % FOLDS for k, i in enumerate(rng.permutation(len(ids)))}
        out.append(np.array([order[p] for p in passages]))
    return out


def cross_validate(x: np.ndarray, y: np.ndarray, deals: list[np.ndarray], penalty: float) -> list[np.ndarray]:
    """Out-of-fold P(right) for every row, once per deal."""
    outs = []
    for fold in deals:
        out = np.zeros(len(y))
        for k in range(FOLDS):
            train, test = fold != k, fold == k
            mean, scale = standardise(x[train])
            w, b = fit((x[train] - mean) / scale, y[train], penalty)
            out[test] = predict(x[test], w, b, mean, scale)
        outs.append(out)
    return outs


def mean_of(
    metric: Callable[[list[float], list[bool]], float], y: np.ndarray, outs: list[np.ndarray]
) -> float:
    right = [bool(v) for v in y]
    return float(np.mean([metric(p.tolist(), right) for p in outs]))


def log_loss(y: np.ndarray, p: np.ndarray) -> float:
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def columns(groups: list[str]) -> list[int]:
    return [FEATURES.index(f) for g in groups for f in GROUPS[g]]


def select(x: np.ndarray, y: np.ndarray, deals: list[np.ndarray]) -> tuple[list[str], float, list[str]]:
    """Forward selection of feature groups, each step with its best penalty, by out-of-fold log loss."""
    chosen: list[str] = []
    best_penalty = PENALTIES[-1]
    prior = np.full(len(y), y.mean())  # intercept only (in-sample rate: a lower bar than it looks)
    best = log_loss(y, prior)
    log = [f"intercept only: log loss {best:.4f}"]
    while True:
        trials = []
        for g in GROUPS:
            if g in chosen:
                continue
            for pen in PENALTIES:
                outs = cross_validate(x[:, columns([*chosen, g])], y, deals, pen)
                trials.append((float(np.mean([log_loss(y, p) for p in outs])), g, pen))
        if not trials:
            break
        loss, g, pen = min(trials)
        if loss >= best - 1e-4:
            break
        chosen.append(g)
        best, best_penalty = loss, pen
        log.append(f"+ {g} (penalty {pen:g}): log loss {loss:.4f}")
    return chosen, best_penalty, log


def train(table: dict) -> tuple[dict, list[str]]:
    """The model JSON for `table` and the lines of its cross-validation report."""
    if table["features"] != list(FEATURES):
        raise SystemExit("the training table's features differ from the model's: run with --table")
    rows = table["rows"]
    x = np.array([r["x"] for r in rows], dtype=float)
    y = np.array([r["right"] for r in rows], dtype=float)
    deals = folds([r["passage"] for r in rows])
    chosen, penalty, log = select(x, y, deals)
    cols = columns(chosen)
    outs = cross_validate(x[:, cols], y, deals, penalty)
    rule = [x[:, FEATURES.index("rule_confidence")]]  # the hand-set score, as it ranks the same rows
    cv = {
        "roc_auc": round(mean_of(roc_auc, y, outs), 4),
        "average_precision": round(mean_of(average_precision, y, outs), 4),
        "log_loss": round(float(np.mean([log_loss(y, p) for p in outs])), 4),
        "rule_confidence_roc_auc": round(mean_of(roc_auc, y, rule), 4),
        "rule_confidence_average_precision": round(mean_of(average_precision, y, rule), 4),
        "share_right": round(float(y.mean()), 4),
    }
    mean, scale = standardise(x[:, cols])
    w, b = fit((x[:, cols] - mean) / scale, y, penalty)
    model = {
        "about": "scripts/train_confidence.py: logistic regression; tune+dev; right = (place, date) match",
        "features": [FEATURES[i] for i in cols],
        "groups": chosen,
        "penalty": penalty,
        "intercept": round(b, 6),
        "weights": [round(float(v), 6) for v in w],
        "means": [round(float(v), 6) for v in mean],
        "scales": [round(float(v), 6) for v in scale],
        "training": {
            "splits": table["splits"],
            "passages": len({r["passage"] for r in rows}),
            "candidates": len(rows),
            "right": int(y.sum()),
            "folds": FOLDS,
            "repeats": REPEATS,
        },
        "cross_validation": cv,
    }
    return model, log


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--table", action="store_true", help="re-run the extractor and rewrite the table first"
    )
    args = parser.parse_args()
    if args.table:
        table = build_table()
        rows = ",\n".join(
            json.dumps(r) for r in table.pop("rows")
        )  # one candidate a line: diffs stay readable
        TABLE.write_text(json.dumps(table)[:-1] + f', "rows": [\n{rows}\n]}}\n', encoding="utf-8")
    model, log = train(json.loads(TABLE.read_text(encoding="utf-8")))
    MODEL_PATH.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print("\n".join(log))
    print(
        json.dumps({"training": model["training"], "cross_validation": model["cross_validation"]}, indent=1)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
