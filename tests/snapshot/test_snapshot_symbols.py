"""APP-6(D) symbols on the snapshot (the `symbols` overlay): the affiliation's frame and the unit's icon
drawn as vector paths where the map draws milsymbol's symbol, in the legend too; nothing without it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from sitmap.cli.commands import main
from sitmap.reference.layers import load_reference
from sitmap.snapshot.extent import bbox_around
from sitmap.snapshot.render import build_snapshot
from sitmap.snapshot.symbols import SYMBOL_PT, frame_path, icon_paths
from sitmap.store.load import load_store
from sitmap.symbology import AFFILIATIONS
from sitmap.view import View

ROOT = Path(__file__).resolve().parents[2]
GOLAN = View(bbox=bbox_around(36.04, 33.095, 22), overlays=("zone", "lines", "symbols"))
IDF_HOSTILE = {"israel defense forces": "hostile"}


@pytest.fixture(scope="module")
def parts():
    return load_store(ROOT / "events").events, load_reference(ROOT / "geodata")


def _faces(snap) -> list[tuple[float, ...]]:
    return [tuple(f) for c in snap.map_ax.collections for f in np.atleast_2d(c.get_facecolors())]


def test_units_by_a_known_actor_are_drawn_in_their_sides_frame(parts):
    events, reference = parts
    snap = build_snapshot(events, reference, GOLAN, title="T", dpi=40, affiliations=IDF_HOSTILE)
    hostile = to_rgba(AFFILIATIONS["hostile"][1])
    assert sum(np.allclose(f, hostile) for f in _faces(snap)) == 2  # the raid and the patrol
    assert "APP-6D: hostile" in snap.legend_labels
    unknown = build_snapshot(events, reference, GOLAN, title="T", dpi=40)
    assert "APP-6D: unknown" in unknown.legend_labels  # no side configured: unknown, never guessed
    plain = build_snapshot(events, reference, GOLAN.with_(overlays=("zone", "lines")), title="T", dpi=40)
    assert not any(label.startswith("APP-6D") for label in plain.legend_labels)
    assert not any(np.allclose(f, hostile) for f in _faces(plain))


def test_frames_and_icons_follow_the_standard_shapes():
    friend, hostile = frame_path("friend").get_extents(), frame_path("hostile").get_extents()
    assert friend.width == pytest.approx(1.5 * friend.height)  # a 3:2 rectangle
    assert hostile.width == pytest.approx(hostile.height) and hostile.width < SYMBOL_PT  # a diamond
    strokes, _ = icon_paths("10061000001211000000")  # hostile infantry: a cross inside the diamond
    assert len(strokes) == 1 and len(strokes[0].vertices) == 4
    assert frame_path("hostile").contains_points(strokes[0].vertices * 0.99).all()
    assert icon_paths("10031000000000000000") == ((), ())  # a unit of no stated kind: the frame only


def test_cli_snapshot_reads_the_sides_from_the_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("SITMAP_AFFILIATIONS", "Israel Defense Forces=friend")
    out = tmp_path / "s.svg"
    where = ["--events", str(ROOT / "events"), "--geodata", str(ROOT / "geodata")]
    around = ["--around", "syr-2025-03-03-tell-al-mal-raid", "--radius-km", "22"]
    code = main(["snapshot", *where, *around, "--overlays", "zone,lines,symbols", "--out", str(out)])
    assert code == 0
    assert AFFILIATIONS["friend"][1].lower() in out.read_text(encoding="utf-8").lower()
