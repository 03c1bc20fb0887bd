"""A paragraph's anchors are the places its names resolve to; a village the text puts in another province is
not guessed (review of session 14: village-scale rows of OCHA's list share names across Syria)."""

from __future__ import annotations

import pytest

from sitmap.extract.place_context import report_contexts
from sitmap.reference.gazetteer import Gazetteer, km_between
from tests.extract.one_paragraph import candidates

QUNEITRA_CITY = (33.1256, 35.8244)  # approximate, for a distance bound only

# Our own sentence: Hamidiyah by Quneitra is in no table; OCHA's Al-Hamidiah (Hama) and GeoNames'
# Al Hamidiyah (Tartus) share the name, Iran's Hamidiyeh (Khuzestan) is a listed place spelt alike.
PATROL = (
    "On Wednesday, an Israeli patrol of four vehicles advanced from the Hamidiyah area towards Rasm"
    " al-Hilal, and bulldozed farmland in the central Quneitra countryside."
)


@pytest.fixture(scope="module")
def gaz(reference):
    return Gazetteer.from_reference(reference)


def test_an_anchor_has_the_point_of_its_own_place(gaz):
    ctx = report_contexts([("p1", PATROL)], gaz)["p1"]
    for pid, lat, lon in ctx.points:
        rec = gaz.records[pid]
        assert (lat, lon) == pytest.approx((rec["lat"], rec["lon"])), pid


@pytest.mark.parametrize("dateline", ["", "DAMASCUS, 18 March 2025 — "])  # Damascus: Tartus within 150 km
def test_a_village_the_text_puts_in_another_province_is_not_placed(reference, dateline):
    located = [c for c in candidates(reference, dateline + PATROL) if c.lat is not None and c.lon is not None]
    far = [(c.location, c.admin1, round(km_between(c.lat, c.lon, *QUNEITRA_CITY))) for c in located]
    assert all(km < 60 for _, _, km in far), far
