"""A snapshot makes uncertainty circles only where they can move the frame or get drawn: the frame is
the one all circles would give, and every circle drawn is there."""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from sitmap.footprints import event_footprints, with_circles
from sitmap.snapshot.events import drawn_footprints
from sitmap.snapshot.extent import circles_reaching_out, frame_for
from sitmap.view import DEFAULT_OVERLAYS, View

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import synthetic_events  # noqa: E402

OVERLAYS = DEFAULT_OVERLAYS


def _frames(located: gpd.GeoDataFrame) -> tuple[tuple, tuple, int]:
    """(frame from every circle, frame from the circles that might reach out, how many of those)."""
    full = event_footprints(located, None)
    every = frame_for(View(), located, drawn_footprints(located, full, OVERLAYS))
    lazy = event_footprints(located, None, circles=False)
    rows = circles_reaching_out(located, lazy, drawn_footprints(located, lazy, OVERLAYS))
    made = with_circles(located, lazy, rows)
    return every, frame_for(View(), located, drawn_footprints(located, made, OVERLAYS)), len(rows)


def _points(lons, lats, radii) -> gpd.GeoDataFrame:
    n = len(lons)
    return gpd.GeoDataFrame(
        {
            "id": [f"e{i}" for i in range(n)],
            "geo_precision": ["near"] * n,
            "uncertainty_m": list(radii),
            "event_type": ["airstrike"] * n,
            "claim_status": ["confirmed"] * n,
        },
        geometry=shapely.points(np.asarray(lons, float), np.asarray(lats, float)),
        crs=4326,
    )


def test_few_circles_are_made_and_the_frame_is_the_same():
    events = synthetic_events(3000)
    located = events[events.geometry.notna()]
    every, lazy, made = _frames(located)
    assert lazy == every
    circles = int((event_footprints(located, None, circles=False)["kind"] == "circle").sum())
    assert circles > 1000 and made < circles / 5, (made, circles)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-179, 179), st.floats(-84, 84), st.floats(1.0, 900_000.0)),
        min_size=1,
        max_size=25,
    )
)
def test_the_frame_never_changes(rows):
    lons, lats, radii = zip(*rows, strict=True)
    every, lazy, _ = _frames(_points(lons, lats, radii))
    assert lazy == every


def test_with_circles_makes_the_same_outline_as_event_footprints():
    located = _points([35.8, 36.1, 44.0], [33.1, 32.9, 15.4], [2000.0, 50_000.0, 9000.0])
    full = event_footprints(located, None)
    made = with_circles(located, event_footprints(located, None, circles=False), np.array([0, 2]))
    assert made.geometry.iloc[0].equals_exact(full.geometry.iloc[0], 0)
    assert made.geometry.iloc[2].equals_exact(full.geometry.iloc[2], 0)
    assert made.geometry.iloc[1] is None and pd.isna(made["radius_m"].iloc[1]) is False
