"""The extraction tests' gazetteer, built once per module from the session's reference layers."""

import pytest

from sitmap.reference.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz(reference) -> Gazetteer:
    return Gazetteer.from_reference(reference)
