"""The event type's chip in the report panel: its label readable on its colour for every type (white on the
pale grey of "Other" was near-invisible, found in a browser review)."""

from __future__ import annotations

import re

import pytest
import streamlit as st

from sitmap.style import _luminance
from sitmap.ui.map import report_panel
from sitmap.vocabulary import EVENT_TYPES


def _full(colour: str) -> str:
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(_full(a)), _luminance(_full(b))), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("key", sorted(EVENT_TYPES))
def test_every_chip_label_is_readable_on_its_colour(key, monkeypatch) -> None:
    drawn: list[str] = []
    monkeypatch.setattr(st, "html", drawn.append)
    report_panel._chip(key)
    (chip,) = drawn
    ink = re.search(r"[;\"]color:(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b", chip)
    fill = re.search(r"background:(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b", chip)
    assert ink and fill, chip
    ratio = _contrast(ink.group(1), fill.group(1))
    assert ratio >= 3.0, (key, ink.group(1), fill.group(1), ratio)  # WCAG's floor for large or bold text
