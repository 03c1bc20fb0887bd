"""The snapshot tests' bundled events (`reference` is the session fixture of tests/conftest.py)."""

from __future__ import annotations

import geopandas as gpd
import pytest

from sitmap.store.load import load_store
from tests.conftest import BUNDLED_EVENTS


@pytest.fixture(scope="module")
def events() -> gpd.GeoDataFrame:
    """Per module: a test may change the frame it is given without reaching another module's tests."""
    return load_store(BUNDLED_EVENTS).events
