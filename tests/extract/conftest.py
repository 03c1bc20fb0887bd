"""Shared by the extraction tests: the bundled reference layers (loaded once per module, as each module
did on its own before)."""

from pathlib import Path

import pytest

from sitmap.reference.layers import Reference, load_reference

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference(ROOT / "geodata")
