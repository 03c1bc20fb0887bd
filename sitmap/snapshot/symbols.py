"""APP-6(D) symbols on a snapshot, drawn natively (vector in PNG, SVG and PDF alike).

The frames are `sitmap.symbology.FRAMES` (the web map's milsymbol draws the same codes); the icons are the
few that `sitmap.symbology.UNIT_TYPES` uses, as the standard draws them in its 200 x 200 symbol space:
infantry a cross from corner to corner of the frame's inner box, reconnaissance one diagonal, armour a
track outline, a military installation the letters MIL under a solid bar. Paths are in points around the
symbol's centre, like the snapshot's markers (`sitmap.snapshot.events`).

Why not the Python port of milsymbol (PyPI `milsymbol` 0.2.0, 2026): it is an alpha that replays SVG output
pre-computed from the JS library (milsymbol 3.0.3, not the 3.0.4 the web map serves), and its only output
is SVG text, which matplotlib cannot place without an SVG parser or a rasteriser (the PDF and SVG
snapshots would lose their vector symbols). Four frames and four icons are a few lines of geometry.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from matplotlib.font_manager import FontProperties
from matplotlib.path import Path as MplPath
from matplotlib.textpath import TextPath
from matplotlib.transforms import Affine2D

from sitmap.snapshot.layers import MARKER_PT
from sitmap.symbology import AFFILIATIONS, FRAMES, UNIT_TYPES, Affiliation, parse_sidc

SYMBOL_PT = MARKER_PT * 2.0  # the 200-unit symbol space on the page: a friend frame ~1.5 markers wide

# The icon's box inside each frame (x0, y0, x1, y1 in symbol space): the cross and diagonal run across it.
_ICON_BOX: dict[str, tuple[float, float, float, float]] = {
    "friend": (25, 50, 175, 150),
    "hostile": (60, 70, 140, 130),
    "neutral": (45, 45, 155, 155),
    "unknown": (50, 65, 150, 135),
}


def _pt(points: np.ndarray) -> np.ndarray:
    """Symbol space (y down, centre 100,100) to points around the centre (y up)."""
    k = SYMBOL_PT / 200.0
    return np.column_stack([(points[:, 0] - 100) * k, (100 - points[:, 1]) * k])


@functools.cache
def frame_path(side: Affiliation) -> MplPath:
    """The affiliation's frame as a closed path in points."""
    ring = _pt(np.asarray(FRAMES[side], dtype=float))
    return MplPath(np.vstack([ring, ring[:1]]), closed=True)


def _segments(*pairs: tuple[tuple[float, float], tuple[float, float]]) -> MplPath:
    verts = _pt(np.asarray([p for pair in pairs for p in pair], dtype=float))
    codes = [MplPath.MOVETO, MplPath.LINETO] * len(pairs)
    return MplPath(verts, codes)


def _track() -> MplPath:
    """Armour: a rounded track, 100 wide and 40 high, centred."""
    half: list[tuple[float, float]] = []
    for cx, start in ((125.0, -90.0), (75.0, 90.0)):
        half += [
            (cx + 20 * math.cos(math.radians(a)), 100 + 20 * math.sin(math.radians(a)))
            for a in np.linspace(start, start + 180, 13)
        ]
    ring = _pt(np.asarray(half))
    return MplPath(np.vstack([ring, ring[:1]]), closed=True)


@functools.cache
def _letters(text: str) -> MplPath:
    bold = FontProperties(family="DejaVu Sans", weight="bold")
    path = TextPath((0, 0), text, size=SYMBOL_PT * 0.2, prop=bold)
    ext = path.get_extents()
    return path.transformed(Affine2D().translate(-(ext.x0 + ext.x1) / 2, -(ext.y0 + ext.y1) / 2))


@functools.cache
def icon_paths(code: str) -> tuple[tuple[MplPath, ...], tuple[MplPath, ...]]:
    """(stroked paths, filled paths) of the code's icon, in points around the centre."""
    side, symbol_set, entity = parse_sidc(code)
    icon = next((u[2] for u in UNIT_TYPES.values() if u[:2] == (symbol_set, entity)), "none")
    x0, y0, x1, y1 = _ICON_BOX[side]
    if icon == "infantry":
        return (_segments(((x0, y0), (x1, y1)), ((x0, y1), (x1, y0))),), ()
    if icon == "reconnaissance":
        return (_segments(((x0, y1), (x1, y0))),), ()
    if icon == "armour":
        return (_track(),), ()
    if icon == "military":
        top = min(y for _, y in FRAMES[side])
        bar = _pt(np.asarray([(80, top - 12), (120, top - 12), (120, top), (80, top)], dtype=float))
        return (), (_letters("MIL"), MplPath(np.vstack([bar, bar[:1]]), closed=True))
    return (), ()


def frame_fill(code: str) -> str:
    """The frame's fill colour for a code."""
    return AFFILIATIONS[parse_sidc(code)[0]][1]
