"""Fixtures shared across test modules: the bundled store and reference layers, loaded once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from sitmap.reference.layers import load_reference
from sitmap.settings import load_settings
from sitmap.store.load import load_store

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_EVENTS = ROOT / "events"
GEODATA = ROOT / "geodata"

# Hypothesis's per-example deadline is a timed assertion: on a shared two-core machine a first example that
# pays for a lazy import or a loaded core fails it (test_names' idempotence took 400 ms once under load 14,
# 0.01 ms when replayed). Timings belong in benchmarks/, so no test has a deadline.
settings.register_profile("sitmap", deadline=None)
settings.load_profile("sitmap")


@pytest.fixture(scope="session")
def bundled_store():
    return load_store(BUNDLED_EVENTS, settings=load_settings(env={}), today=date(2026, 11, 22))


@pytest.fixture(scope="session")
def reference():
    return load_reference(GEODATA)
