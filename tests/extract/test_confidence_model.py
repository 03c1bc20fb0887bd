"""The learned confidence: its features, its committed weights (reproducible from the committed table), and
the pipeline scoring every candidate with it."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import pytest
import yaml

from sitmap.extract.candidate import Candidate, Evidence
from sitmap.extract.confidence_model import (
    CONTEXT_CAP,
    FEATURES,
    GROUPS,
    MODEL_PATH,
    features,
    load_model,
    place_layer,
    predict,
    report_shape,
    score_candidates,
)
from sitmap.extract.locate import confidence as rule_confidence
from sitmap.extract.pipeline import extract_candidates
from sitmap.store.reports import Paragraph, Report

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "evaluation" / "confidence_training.json"


def _cand(start: int = 0, **kw) -> Candidate:
    c = Candidate(
        id="x", report_id="r", paragraph_id="p1", start=start, end=start + 10, sentence="s",
        event_type="raid", date="2025-03-03", time_precision="day",
    )  # fmt: skip
    for k, v in kw.items():
        setattr(c, k, v)
    return c


def _trainer():
    spec = importlib.util.spec_from_file_location(
        "train_confidence", ROOT / "scripts" / "train_confidence.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_confidence"] = module
    spec.loader.exec_module(module)
    return module


def test_features_are_the_declared_columns_and_groups_cover_them_once():
    x = features(_cand(), report_shape([_cand()]), None)
    assert list(x) == list(FEATURES)
    assert len(FEATURES) == len(set(FEATURES)) == sum(len(v) for v in GROUPS.values())


def test_one_hot_features_describe_how_the_candidate_was_read():
    c = _cand(geo_precision="country", location="Syria", time_precision="month", event_type="shelling")
    c.evidence["date"] = Evidence("2025-03-03", "no date in the sentence; carried from 'Monday'", 0.6)
    x = features(c, report_shape([c]), None)
    assert x["geo:country"] == x["layer:country"] == x["time:month"] == x["type:fire"] == 1.0
    assert x["date:carried"] == 1.0 and x["date:stated"] == x["date:report"] == 0.0
    assert x["geo:exact"] == x["time:day"] == 0.0
    stated = _cand()
    stated.evidence["date"] = Evidence("2025-03-03", "'on 3 March'", 0.95, (5, 15), "on 3 March")
    assert features(stated, report_shape([stated]), None)["date:stated"] == 1.0


def test_rule_confidence_is_recomputed_from_the_evidence_not_read_from_the_candidate():
    c = _cand(confidence=0.01)  # a model score already set must not feed back into the model
    c.evidence["event_type"] = Evidence("raid", "raided", 0.9)
    c.evidence["location"] = Evidence("x", "exact", 0.8)
    c.evidence["date"] = Evidence("2025-03-03", "on 3 March", 0.95, (0, 1))
    x = features(c, report_shape([c]), None)
    assert (
        x["rule_confidence"] == rule_confidence(c) == pytest.approx((0.9 * 0.8 * 0.95) ** (1 / 3), abs=0.01)
    )
    assert (x["type_evidence"], x["place_evidence"], x["date_evidence"]) == (0.9, 0.8, 0.95)


def test_report_structure_counts_sentence_mates_same_place_and_position():
    a, b = _cand(0, place_id="p", location="P"), _cand(0, place_id="q", location="Q")
    c = _cand(40, place_id="p", location="P", actors=["Israel"])
    c.evidence["mentions"] = Evidence(["P", "P town"], "named two ways", 0.8)
    others = [a, b, c]
    shape = report_shape(others)
    xa, xc = features(a, shape, None), features(c, shape, None)
    assert xa["report_candidates"] == pytest.approx(math.log1p(3))
    assert xa["sentence_candidates"] == pytest.approx(math.log1p(1)) and xc["sentence_candidates"] == 0.0
    assert xa["same_place_candidates"] == pytest.approx(math.log1p(1))
    assert (xa["position"], xa["first_sentence"]) == (0.0, 1.0)
    assert (xc["position"], xc["first_sentence"]) == (1.0, 0.0)
    assert (xa["merged"], xc["merged"], xa["actors_named"], xc["actors_named"]) == (0.0, 1.0, 0.0, 1.0)


def test_place_layer_tells_the_gazetteer_part_apart(gaz):
    kinds = {}
    for pid, rec in gaz.records.items():
        key = (rec.get("layer"), rec.get("kind"))
        kinds.setdefault(key, pid)
    village = kinds[("villages", "village")]
    wadi = kinds[("villages", "wadi")]
    town = next(pid for (layer, kind), pid in kinds.items() if layer is None and kind == "town")
    assert place_layer(_cand(place_id=village, geo_precision="exact"), gaz) == "village"
    assert place_layer(_cand(place_id=wadi, geo_precision="near"), gaz) == "feature"
    assert place_layer(_cand(place_id=town, geo_precision="exact"), gaz) == "listed_town"
    assert (
        place_layer(_cand(location="Tell X", unresolved=["Tell X"], geo_precision="region"), gaz)
        == "unresolved"
    )
    assert place_layer(_cand(location="Quneitra", geo_precision="region"), gaz) == "admin_area"
    assert place_layer(_cand(geo_precision="country"), gaz) == "none"


def test_predict_is_the_logistic_of_standardised_inputs():
    model = {"features": ["a", "b"], "weights": [2.0, -1.0], "means": [0.5, 0.0], "scales": [0.5, 2.0],
             "intercept": 0.25}  # fmt: skip
    z = 0.25 + 2.0 * (1.0 - 0.5) / 0.5 - 1.0 * (4.0 - 0.0) / 2.0
    assert predict({"a": 1.0, "b": 4.0}, model) == pytest.approx(1 / (1 + math.exp(-z)))


def test_context_candidates_keep_their_cap():
    model = {"features": [], "weights": [], "means": [], "scales": [], "intercept": 3.0}  # p = 0.95
    event, context = _cand(), _cand(reason="background: an earlier raid")
    score_candidates([event, context], None, model)
    assert event.confidence == pytest.approx(0.953, abs=0.001)
    assert context.confidence == CONTEXT_CAP


def test_committed_model_is_what_training_on_the_committed_table_gives():
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    model, _ = _trainer().train(table)
    committed = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert model.keys() == committed.keys()
    for key, value in committed.items():
        assert model[key] == pytest.approx(value, abs=2e-6), key
    assert committed["training"]["candidates"] == len(table["rows"])
    assert set(committed["features"]) <= set(FEATURES)


def test_training_table_holds_tune_and_dev_passages_only_and_no_text():
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    splits = {
        p["id"]: p["split"]
        for p in yaml.safe_load((ROOT / "evaluation" / "passages.yaml").read_text())["passages"]
    }
    assert table["features"] == list(FEATURES)
    assert {splits[r["passage"]] for r in table["rows"]} <= {"tune", "dev"}
    assert all(set(r) == {"passage", "right", "x"} and len(r["x"]) == len(FEATURES) for r in table["rows"])


def test_pipeline_scores_candidates_by_the_model_a_country_alone_low(gaz):
    text = (
        "Israeli forces raided Tell al Mal in Quneitra Province on 3 March. "
        "On 4 March Israeli aircraft struck targets in Syria."
    )
    report = Report(
        id="r", title="T", publisher="P", date="2025-03-05", url="https://example.org/r",
        paragraphs=(Paragraph("p1", text),),
    )  # fmt: skip
    cands = extract_candidates(report, None, gazetteer=gaz)
    by_precision = {c.geo_precision: c for c in cands}
    assert {"country"} < set(by_precision)
    model = load_model()
    shape = report_shape(cands)
    for c in cands:
        assert c.confidence == round(predict(features(c, shape, gaz), model), 3)
    placed = max(c.confidence for c in cands if c.geo_precision != "country")
    assert by_precision["country"].confidence < 0.5 < placed
