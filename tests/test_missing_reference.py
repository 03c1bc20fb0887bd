"""Without reference layers: a clear refusal that says what is missing, never an AttributeError on None."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sitmap.extract.pipeline import extract_candidates
from sitmap.store.reports import Paragraph, Report
from sitmap.ui.text import md_escape

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "tests" / "data" / "review" / "review_app.py"


def test_extraction_needs_reference_layers_or_a_gazetteer():
    report = Report(
        id="r", title="T", publisher="P", date="2025-03-04", url="https://example.org/r",
        paragraphs=(Paragraph("p1", "Israeli forces raided Tell al-Mal on 3 March."),),
    )  # fmt: skip
    with pytest.raises(ValueError, match="reference layers or a gazetteer"):
        extract_candidates(report, None)


def test_review_page_names_the_geodata_file_it_could_not_load(tmp_path, monkeypatch):
    events = tmp_path / "events"
    shutil.copytree(ROOT / "events" / "reports", events / "reports")
    monkeypatch.setenv("SITMAP_EVENTS", str(events))
    monkeypatch.setenv("SITMAP_GEODATA", str(tmp_path / "no-geodata"))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "could not be loaded" in errors[0], errors
    missing = tmp_path / "no-geodata" / "disengagement_1974.geojson"  # the first layer read
    assert md_escape(f"{missing}: geodata file not found") in errors[0], errors
    assert not at.selectbox  # nothing to review without a gazetteer: no candidate list is drawn
