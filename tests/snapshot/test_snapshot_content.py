"""What a snapshot draws, element by element, stays the same when the drawing gets faster.

The inventory lists every element drawn on the map: each path of every patch, collection and line (its
zorder, vertex count, face and edge colours, line width) and every label (text, anchor, zorder), however
it is grouped into artists. Turning one patch per shape into one collection of shapes leaves it unchanged;
dropping a footprint, a marker, a reference shape or a label does not. The expected inventories were
recorded on the renderer before the speed work (s5-integ); a deliberate change of what is drawn
re-records them with `SITMAP_RECORD_INVENTORY=1 pytest tests/snapshot/test_snapshot_content.py`.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from matplotlib.collections import Collection
from matplotlib.colors import to_rgba_array
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from sitmap.snapshot.render import build_snapshot
from sitmap.view import DEFAULT_OVERLAYS, View

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import synthetic_events  # noqa: E402

EXPECTED = Path(__file__).with_name("content_inventory.json")
CASES = {
    "region-1500": (1500, View(overlays=(*DEFAULT_OVERLAYS, "symbols"))),
    "golan-1500": (1500, View(bbox=(35.55, 32.6, 36.2, 33.45))),
    "levant-250": (250, View(bbox=(34.0, 29.0, 44.0, 38.0))),  # under the clustering threshold
}


def _rgba(colours: Any, n: int) -> list[tuple[float, ...]]:
    arr = to_rgba_array(colours) if len(colours) else np.zeros((1, 4))
    return [tuple(round(float(v), 3) for v in arr[i % len(arr)]) for i in range(n)]


def _elements(artist: Any) -> list[tuple]:
    """One row per drawn shape: (zorder, vertices, face, edge, line width)."""
    z = round(float(artist.get_zorder()), 3)
    if isinstance(artist, Patch):
        face, edge = artist.get_facecolor(), artist.get_edgecolor()
        verts = len(artist.get_path().vertices)
        return [(z, verts, _rgba([face], 1)[0], _rgba([edge], 1)[0], round(artist.get_linewidth(), 2))]
    if isinstance(artist, Collection):
        paths = artist.get_paths()
        n = max(len(paths), len(artist.get_offsets()) if artist.get_offsets() is not None else 0)
        if not paths:
            return []
        faces, edges = _rgba(artist.get_facecolor(), n), _rgba(artist.get_edgecolor(), n)
        widths = np.atleast_1d(artist.get_linewidth())
        return [
            (
                z,
                len(paths[i % len(paths)].vertices),
                faces[i],
                edges[i],
                round(float(widths[i % len(widths)]), 2),
            )
            for i in range(n)
        ]
    if isinstance(artist, Line2D):
        colour = _rgba([artist.get_color()], 1)[0] if artist.get_linestyle() != "None" else None
        return [(z, len(artist.get_xdata()), colour, artist.get_marker(), round(artist.get_linewidth(), 2))]
    return []


def inventory(snap: Any) -> dict[str, Any]:
    ax = snap.map_ax
    shapes: Counter = Counter()
    for artist in [*ax.patches, *ax.collections, *ax.lines]:
        shapes.update(json.dumps(row) for row in _elements(artist))
    labels = sorted(
        json.dumps(
            [
                t.get_text(),
                round(float(t.get_zorder()), 3),
                [round(float(v)) for v in getattr(t, "xy", t.get_position())],
            ]
        )
        for t in ax.texts
    )
    digest = hashlib.sha256("\n".join(sorted(f"{k} x{v}" for k, v in shapes.items())).encode()).hexdigest()
    return {
        "shapes": sum(shapes.values()),
        "by_zorder": dict(sorted(Counter(json.loads(k)[0] for k in shapes.elements()).items())),
        "shapes_sha256": digest,
        "labels": labels,
        "events": len(snap.events),
        "clusters": sorted((c.n, c.event_type) for c in snap.clusters),
        "legend": snap.legend_labels,
    }


@pytest.fixture(scope="module")
def inventories(reference) -> dict[str, Any]:
    out = {}
    for name, (n, view) in CASES.items():
        snap = build_snapshot(synthetic_events(n), reference, view, title="T", dpi=60, size_in=(10, 7.5))
        out[name] = json.loads(json.dumps(inventory(snap)))  # tuples as lists, like the file
    if os.environ.get("SITMAP_RECORD_INVENTORY"):
        EXPECTED.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


@pytest.mark.parametrize("case", list(CASES))
def test_a_snapshot_draws_the_same_elements_as_recorded(inventories, case):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))[case]
    got = inventories[case]
    assert got["events"] == expected["events"]
    assert got["clusters"] == [list(c) for c in expected["clusters"]]
    assert got["labels"] == expected["labels"]
    assert got["legend"] == expected["legend"]
    assert got["by_zorder"] == expected["by_zorder"]
    assert got["shapes"] == expected["shapes"]
    assert got["shapes_sha256"] == expected["shapes_sha256"]
