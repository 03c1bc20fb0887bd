"""Counts instead of piles: above `sitmap.style.CLUSTER_ABOVE` events on a snapshot, markers are grouped in a
grid of page cells, as the web map groups them (`sitmap/webmap/js/events.js`): a cell holding one event
draws that event, a cell holding more draws one disc with their count in the colour of their most common
type. The selected event is always drawn as itself.

Discs of neighbouring cells can touch or overlap (each sits at its events' mean, anywhere in its cell):
touching discs are merged, pair by pair and round by round, until no two touch (`merge_touching`), so a
dense front reads as a few honest counts rather than a pile of half-hidden ones. Every event stays in
exactly one count.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.font_manager import FontProperties
from matplotlib.path import Path as MplPath
from matplotlib.textpath import TextPath
from matplotlib.transforms import Affine2D, Bbox, IdentityTransform

from sitmap.snapshot.layers import MARKER_PT, LabelPlacer
from sitmap.style import CLUSTER_CELL_MARKERS
from sitmap.vocabulary import event_type

DISC_EDGE_PT = 1.2  # the white ring around a disc
DISC_GAP_PT = 1.0  # discs closer than this (ring to ring) are merged


@dataclass
class Cluster:
    xy: tuple[float, float]  # map coordinates of the disc (the mean of its events)
    n: int
    event_type: str  # the most common type among them (its colour fills the disc)
    members: tuple[int, ...] = ()  # positions of its events in the points grouped


def _cluster(points: np.ndarray, types: np.ndarray, members: list[int]) -> Cluster:
    x, y = points[members].mean(axis=0)
    top = Counter(types[members].tolist()).most_common(1)[0][0]
    return Cluster((float(x), float(y)), len(members), str(top), tuple(members))


def _outer_pt(n: np.ndarray) -> np.ndarray:
    """Each disc's radius to the outside of its white ring, in points (`_radius_pt`, vectorised)."""
    grow = np.minimum(1.6, 1.0 + 0.2 * np.log10(np.maximum(n, 1)))
    return grow * MARKER_PT / 2 + 1.5 + DISC_EDGE_PT / 2


def merge_touching(ax: Axes, points: np.ndarray, types: np.ndarray, clusters: list[Cluster]) -> list[Cluster]:
    """`clusters` with every two discs that touch on the page merged into one, until none touch.

    Each round merges disjoint pairs, the most overlapping first (a pair per disc per round keeps merges
    local: a chain of touching discs along a front does not collapse into one disc at its middle); the
    merged disc sits at the mean of all its events and is counted again in the next round, as it has
    grown and moved. Counts only add up: no event is lost or counted twice."""
    px_per_pt = ax.figure.dpi / 72.0
    while len(clusters) > 1:
        at = ax.transData.transform(np.array([c.xy for c in clusters], dtype=float))
        reach = _outer_pt(np.array([c.n for c in clusters])) * px_per_pt
        gap = DISC_GAP_PT * px_per_pt
        tree = shapely.STRtree(shapely.points(at))
        left, right = tree.query(shapely.points(at), predicate="dwithin", distance=2 * reach.max() + gap)
        pairs = left < right
        left, right = left[pairs], right[pairs]
        slack = np.hypot(*(at[left] - at[right]).T) - reach[left] - reach[right] - gap
        touching = slack < 0
        if not touching.any():
            break
        taken = np.zeros(len(clusters), bool)
        merged: list[Cluster] = []
        for k in np.argsort(slack[touching], kind="stable").tolist():
            i, j = int(left[touching][k]), int(right[touching][k])
            if taken[i] or taken[j]:
                continue
            taken[i] = taken[j] = True
            merged.append(_cluster(points, types, [*clusters[i].members, *clusters[j].members]))
        clusters = [c for c, t in zip(clusters, taken, strict=True) if not t] + merged
    return clusters


def grid_clusters(
    ax: Axes, points: np.ndarray, types: np.ndarray, keep: np.ndarray
) -> tuple[np.ndarray, list[Cluster]]:
    """(positions of the events drawn as themselves, clusters) for `points` (map coordinates); `keep`
    marks events never grouped (the selection)."""
    cell = CLUSTER_CELL_MARKERS * MARKER_PT * ax.figure.dpi / 72.0
    px = ax.transData.transform(np.asarray(points, dtype=float).reshape(-1, 2))
    key = np.floor(px / cell).astype(np.int64)
    lone: list[int] = np.flatnonzero(keep).tolist()
    bins: dict[tuple[int, int], list[int]] = {}
    for i in np.flatnonzero(~keep).tolist():
        bins.setdefault((int(key[i, 0]), int(key[i, 1])), []).append(i)
    clusters = []
    for members in bins.values():
        if len(members) == 1:
            lone.append(members[0])
            continue
        clusters.append(_cluster(points, types, members))
    clusters = merge_touching(ax, points, types, clusters)
    return np.array(sorted(lone), dtype=np.int64), clusters


def _radius_pt(n: int) -> float:
    return float(_outer_pt(np.array([n]))[0]) - DISC_EDGE_PT / 2


@functools.cache
def _count(n: int) -> MplPath:
    text = str(n) if n < 1000 else f"{n / 1000:.1f}k" if n < 10_000 else f"{round(n / 1000)}k"
    size = 6.5 if len(text) < 3 else 5.8
    path = TextPath((0, 0), text, size=size, prop=FontProperties(family="DejaVu Sans", weight="bold"))
    ext = path.get_extents()
    return path.transformed(Affine2D().translate(-(ext.x0 + ext.x1) / 2, -(ext.y0 + ext.y1) / 2))


def draw_clusters(ax: Axes, placer: LabelPlacer, clusters: list[Cluster]) -> None:
    """The count discs (a little see-through, so the lines and zones under them stay readable)."""
    if not clusters:
        return
    unit = MplPath.unit_circle()
    circle = np.asarray(unit.vertices, dtype=float)
    discs = [MplPath(circle * _radius_pt(c.n), unit.codes) for c in clusters]
    at = np.array([c.xy for c in clusters], dtype=float)
    faces = [event_type(c.event_type).colour for c in clusters]
    inks = [event_type(c.event_type).ink for c in clusters]
    counts = [_count(c.n) for c in clusters]
    for paths, style, z in (
        (
            discs,
            {"facecolors": faces, "edgecolors": "white", "linewidths": DISC_EDGE_PT, "alpha": 0.82},
            6.95,
        ),
        (counts, {"facecolors": inks, "edgecolors": "none", "linewidths": 0.0}, 7.15),
    ):
        coll = PathCollection(paths, sizes=[1.0], offsets=at, offset_transform=ax.transData, zorder=z)
        coll.update(style)
        coll.set_transform(IdentityTransform())
        ax.add_collection(coll, autolim=False)
    px = ax.figure.dpi / 72.0
    for c, (cx, cy) in zip(clusters, ax.transData.transform(at), strict=True):
        r = (_radius_pt(c.n) + 1) * px
        placer.block(Bbox.from_extents(cx - r, cy - r, cx + r, cy + r))
