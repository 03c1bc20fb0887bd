"""Fixtures shared across test modules: the bundled store and reference layers, loaded once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitmap.reference.layers import load_reference
from sitmap.settings import load_settings
from sitmap.store.load import load_store

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_EVENTS = ROOT / "events"
GEODATA = ROOT / "geodata"


@pytest.fixture(scope="session")
def bundled_store():
    return load_store(BUNDLED_EVENTS, settings=load_settings(env={}), today=date(2026, 11, 22))


@pytest.fixture(scope="session")
def reference():
    return load_reference(GEODATA)
