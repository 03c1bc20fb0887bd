"""Count discs never overlap one another, and every event is counted once (issue 13)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from sitmap.footprints import drawn_as_area
from sitmap.snapshot.clusters import grid_clusters
from sitmap.snapshot.render import build_snapshot
from sitmap.vocabulary import EVENT_TYPES

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import synthetic_events  # noqa: E402

# --- count discs -----------------------------------------------------------------------------------------


def _drawn_discs(ax) -> tuple[np.ndarray, np.ndarray]:
    """(centres in pixels, outer radii in pixels, edge included) of the count discs as drawn."""
    colls = [c for c in ax.collections if isinstance(c, PathCollection) and c.get_zorder() == 6.95]
    if not colls:
        return np.zeros((0, 2)), np.zeros(0)
    coll = colls[0]
    centres = ax.transData.transform(coll.get_offsets())
    px = ax.figure.dpi / 72.0
    edge = float(np.atleast_1d(coll.get_linewidths())[0]) / 2
    radii = np.array([(p.get_extents().width / 2 + edge) * px for p in coll.get_paths()])
    return centres, radii


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(2, 900),
    spread=st.floats(20, 800),
    seed=st.integers(0, 2**31),
    kept=st.integers(0, 3),
)
def test_count_discs_never_overlap_and_count_every_event_once(n, spread, seed, kept):
    from sitmap.snapshot.clusters import draw_clusters
    from sitmap.snapshot.layers import LabelPlacer

    rng = np.random.default_rng(seed)
    centre = rng.uniform(100, 700, 2)
    points = centre + rng.normal(0, spread / 4, (n, 2))
    types = np.array(list(EVENT_TYPES))[rng.integers(0, 5, n)].astype(object)
    keep = np.zeros(n, bool)
    keep[rng.choice(n, min(kept, n), replace=False)] = True
    fig = Figure(figsize=(8, 6), dpi=72)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 800)
    ax.set_ylim(0, 600)
    lone, clusters = grid_clusters(ax, points, types, keep)
    draw_clusters(ax, LabelPlacer(ax, canvas.get_renderer()), clusters)
    centres, radii = _drawn_discs(ax)
    assert len(centres) == len(clusters)
    for i in range(len(centres)):
        d = np.hypot(*(centres[i + 1 :] - centres[i]).T)
        assert (d >= radii[i + 1 :] + radii[i]).all(), (i, d.min())
    # Exact totals: each event once, as itself or in exactly one count.
    assert sum(c.n for c in clusters) + len(lone) == n
    assert set(np.flatnonzero(keep).tolist()) <= set(lone.tolist())
    members = np.concatenate([np.asarray(c.members, dtype=np.int64) for c in clusters] + [lone])
    assert sorted(members.tolist()) == list(range(n))
    assert all(c.n == len(c.members) and c.n >= 2 for c in clusters)


def test_discs_of_a_dense_real_volume_do_not_overlap(reference):
    from sitmap.view import View

    snap = build_snapshot(synthetic_events(10_000), reference, View(), title="T", dpi=60, size_in=(10, 7.5))
    centres, radii = _drawn_discs(snap.map_ax)
    assert len(centres) > 10
    for i in range(len(centres)):
        d = np.hypot(*(centres[i + 1 :] - centres[i]).T)
        assert (d >= radii[i + 1 :] + radii[i]).all()
    located = synthetic_events(10_000)
    located = located[located.geometry.notna()]
    pins = located[~drawn_as_area(located)]  # region/country events are their areas, never a pin or count
    assert 0 < len(pins) < len(located)
    assert len(snap.events) + sum(c.n for c in snap.clusters) == len(pins)
