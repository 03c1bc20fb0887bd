"""Snapshots at volume: a handful of artists however many events, label placement against nearby boxes
only, and the indexed versions agreeing with the plain all-pairs rules they replace."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from sitmap.snapshot.render import build_snapshot
from sitmap.store.load import load_store
from sitmap.style import CLUSTER_ABOVE
from sitmap.view import View

ROOT = Path(__file__).resolve().parents[2]
LEVANT = (34.0, 29.0, 44.0, 38.0)


@pytest.fixture(scope="module")
def many():
    """The bundled events drawn as pins (located points placed finer than a region), repeated to 600 and
    spread over the Levant (fixed seed)."""
    events = load_store(ROOT / "events").events
    points = events[events.geometry.notna() & (events.geometry.geom_type == "Point")]
    points = points[~points["geo_precision"].isin(["region", "country"])]  # those are areas, not pins
    rng = np.random.default_rng(3)
    rows = points.sample(600, replace=True, random_state=3).reset_index(drop=True)
    w, s, e, n = LEVANT
    x, y = rng.uniform(w, e, len(rows)), rng.uniform(s, n, len(rows))
    rows["id"] = [f"vol-{i}" for i in range(len(rows))]
    return rows.set_geometry(shapely.points(x, y))


def _axes(dpi: float = 100) -> tuple[Figure, object, object]:
    fig = Figure(figsize=(8, 6), dpi=dpi)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 800)
    ax.set_ylim(0, 600)
    return fig, ax, canvas.get_renderer()


def test_markers_are_a_few_collections_not_one_patch_per_event(many, reference):
    many = many.iloc[:CLUSTER_ABOVE]  # more would be grouped into counts (the next test)
    view = View(bbox=LEVANT, overlays=("uncertainty",))
    snap = build_snapshot(many, reference, view, title="T", dpi=40, size_in=(8, 6))
    ax = snap.map_ax
    assert len(snap.events) == len(many)
    # Every marker sits in one collection, at its event's anchor, in the order the events are drawn.
    markers = [c for c in ax.collections if len(c.get_offsets()) == len(many)]
    assert markers, "no collection holds every marker"
    xy = np.array([d.xy for d in snap.events])
    assert np.allclose(markers[0].get_offsets(), xy)
    # Per-event artists would be thousands here; what remains is bounded by the page (labels) and the
    # reference layers, not by the number of events.
    per_event = len(ax.patches) + len(ax.texts) + len(ax.lines)
    assert per_event < len(many) / 3, per_event
    assert len(ax.collections) < 12


def test_above_the_web_maps_threshold_crowded_markers_become_counts(many, reference):
    """Like the web map: every event is drawn once, as itself or in one count; the selected one as itself;
    no two things drawn closer than a marker's width apart pile up in one cell."""
    chosen = str(many["id"].iloc[7])
    view = View(bbox=LEVANT, overlays=("uncertainty",), selected=chosen)
    snap = build_snapshot(many, reference, view, title="T", dpi=40, size_in=(8, 6))
    assert snap.clusters and len(snap.events) + sum(c.n for c in snap.clusters) == len(many)
    assert chosen in {d.id for d in snap.events}
    assert "Grouped events (count)" in snap.legend_labels
    assert len(snap.map_ax.collections) < 14


def test_a_free_spot_is_checked_against_nearby_boxes_only(monkeypatch):
    from sitmap.snapshot.layers import LabelPlacer

    _, ax, renderer = _axes()
    placer = LabelPlacer(ax, renderer)
    for i in range(40):
        for j in range(30):
            placer.block(Bbox.from_bounds(i * 20 + 2, j * 20 + 2, 6, 6))  # 1,200 small boxes everywhere
    calls = []
    real = Bbox.overlaps
    monkeypatch.setattr(Bbox, "overlaps", lambda self, other: calls.append(1) or real(self, other))
    assert placer.free(Bbox.from_bounds(409, 309, 12, 12))  # between boxes
    assert not placer.free(Bbox.from_bounds(400, 300, 12, 12))  # on one
    assert len(calls) < 60, len(calls)  # the old all-pairs check made 1,200 per question


_box = st.tuples(
    st.floats(-50, 850, allow_nan=False),
    st.floats(-50, 650, allow_nan=False),
    st.floats(0.5, 120),
    st.floats(0.5, 80),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_box, max_size=60), st.lists(_box, min_size=1, max_size=20))
def test_the_indexed_placer_answers_as_the_all_pairs_rule(taken, asked):
    from sitmap.snapshot.layers import LabelPlacer

    _, ax, renderer = _axes()
    placer = LabelPlacer(ax, renderer)
    boxes = [Bbox.from_bounds(*b) for b in taken]
    for b in boxes:
        placer.block(b)
    frame = ax.bbox
    for q in (Bbox.from_bounds(*b) for b in asked):
        inside = q.x0 >= frame.x0 and q.x1 <= frame.x1 and q.y0 >= frame.y0 and q.y1 <= frame.y1
        assert placer.free(q) == (inside and not any(q.overlaps(t) for t in boxes))
        cx, cy = ax.transData.inverted().transform((q.x0, q.y0))
        assert placer.covered(cx, cy) == any(t.contains(q.x0, q.y0) for t in boxes)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=30), min_size=1, max_size=3),
    st.sampled_from([6.5, 7.5, 8.0, 9.0]),
    st.sampled_from(["normal", "bold"]),
)
def test_the_size_lower_bound_never_exceeds_the_drawn_text(lines, fontsize, weight):
    import matplotlib

    from sitmap.snapshot.labels import min_size_pt
    from sitmap.snapshot.text import RC

    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    with matplotlib.rc_context(RC):
        fig, ax, renderer = _axes(dpi=72)  # one pixel is one point
        from sitmap.snapshot.layers import LabelPlacer

        width, height = LabelPlacer(ax, renderer).size(
            text, {"fontsize": fontsize, "fontweight": weight, "linespacing": 1.05}
        )
    lo_w, lo_h = min_size_pt(text, fontsize)
    assert lo_w <= width + 1e-6 and lo_h <= height + 1e-6, (text, lo_w, width, lo_h, height)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 800), st.floats(0, 600)), max_size=80))
def test_marker_groups_match_the_greedy_all_pairs_grouping(points):
    from sitmap.snapshot.events import _group_close
    from sitmap.snapshot.layers import MARKER_PT

    _, ax, _ = _axes()
    pts = np.array(points, dtype=float).reshape(-1, 2)
    limit = MARKER_PT * 100 / 72.0
    expected: list[list[int]] = []
    centres: list[np.ndarray] = []
    px = ax.transData.transform(pts) if len(pts) else pts
    for i, p in enumerate(px):  # the rule as stated: the first group whose first member is within reach
        for g, c in enumerate(centres):
            if np.hypot(*(p - c)) < limit:
                expected[g].append(i)
                break
        else:
            expected.append([i])
            centres.append(p)
    assert [members for _, members in _group_close(ax, [tuple(p) for p in pts])] == expected


def test_a_crowded_map_measures_few_labels(many, reference, monkeypatch):
    """Labels that cannot fit anywhere are turned down before their text is measured."""
    import sitmap.snapshot.layers as layers

    asked, measured = [], []
    real_place, real_size = layers.LabelPlacer.place, layers.LabelPlacer.size

    def place(self, x, y, text, *args, **kwargs):
        asked.append(text)
        return real_place(self, x, y, text, *args, **kwargs)

    def size(self, text, style):
        measured.append(text)
        return real_size(self, text, style)

    monkeypatch.setattr(layers.LabelPlacer, "place", place)
    monkeypatch.setattr(layers.LabelPlacer, "size", size)
    many = many.iloc[:CLUSTER_ABOVE]
    snap = build_snapshot(many, reference, View(bbox=LEVANT, overlays=()), title="T", dpi=100, size_in=(8, 6))
    assert len(snap.events) == len(many)
    assert len(asked) > 100
    assert len(measured) < len(asked) / 2, (len(measured), len(asked))


def _footprint_faces(snap) -> list[tuple[float, ...]]:
    """Face colours of what the events' footprints drew (zorder 3 to 3.2: areas, circles, own shapes)."""
    ax, out = snap.map_ax, []
    for artist in [*ax.patches, *ax.collections]:
        if 3.0 <= artist.get_zorder() <= 3.2:
            faces = np.atleast_2d(artist.get_facecolor())
            if hasattr(artist, "get_paths") and not faces.size:  # a collection of outlines: no face at all
                faces = np.zeros((len(artist.get_paths()), 4))
            out += [tuple(f) for f in faces]
    return out


def test_country_and_province_footprints_are_outlines_and_follow_the_uncertainty_overlay(reference):
    """Stacked fills buried the map at volume: footprints are never filled, and without the Location
    uncertainty overlay none is drawn (as on the web map)."""
    events = load_store(ROOT / "events").events
    points = events[events.geometry.notna() & (events.geometry.geom_type == "Point")]
    vague = points[points["geo_precision"].isin(["country", "region", "near"])]  # own polygons keep a tint
    assert len(vague) >= 3
    on = build_snapshot(vague, reference, View(), title="T", dpi=40, size_in=(8, 6))
    faces = _footprint_faces(on)
    assert faces, "the vague events' areas and circles are drawn"
    assert all(f[3] == 0 for f in faces), faces  # outlines only
    off = build_snapshot(vague, reference, View(overlays=("zone", "lines")), title="T", dpi=40)
    assert _footprint_faces(off) == []
