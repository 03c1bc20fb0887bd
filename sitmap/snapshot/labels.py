"""Label placement with collision avoidance on a snapshot, indexed so thousands of labels stay cheap.

Every box taken (markers, labels, the corners of the scale bar and north arrow) goes into a grid of square
cells in display pixels; a candidate box is checked only against the boxes in the cells it touches, not
against every box placed before (that all-pairs check made a 10k-event snapshot quadratic). A label whose
smallest possible box (a lower bound of its size, from its character count) already collides at every
offset is rejected without measuring its text, which is what most labels of a crowded map are.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

CELL_PX = 48.0  # grid cell side, display pixels: about a label's height at 300 dpi
# Lower bounds of a label's size, per character and per line, in ems of its font size. DejaVu Sans' narrowest
# printable ASCII advance is 0.275 em ("'"), regular or bold; a line is at least as tall as "lp" (~1.17 em).
MIN_ADVANCE_EM = 0.25
MIN_LINE_EM = 0.7
EXPAND = (1.04, 1.1)  # a label's box is kept this much larger than its text (a little air around it)
_SIZE_KEYS = ("fontsize", "fontweight", "style", "linespacing", "fontfamily")
_H_SHIFT = {"left": 0.0, "center": 0.5, "right": 1.0}
_V_SHIFT = {"bottom": 0.0, "center": 0.5, "top": 1.0}


def min_size_pt(text: str, fontsize: float) -> tuple[float, float]:
    """A size (points) no smaller than `text` can be drawn at `fontsize`: only printable ASCII characters
    count towards the width (accents, Arabic, combining marks may be narrower or join)."""
    if not text:
        return 0.0, 0.0  # matplotlib gives empty text no box at all
    lines = text.split("\n")
    ascii_chars = max(sum(1 for c in line if " " <= c <= "~") for line in lines)
    return ascii_chars * MIN_ADVANCE_EM * fontsize, len(lines) * MIN_LINE_EM * fontsize


@dataclass
class LabelPlacer:
    """Places text only where it overlaps nothing placed before (display coordinates)."""

    ax: Axes
    renderer: Any
    taken: list[Bbox] = field(default_factory=list)
    _grid: dict[tuple[int, int], list[Bbox]] = field(default_factory=lambda: defaultdict(list), repr=False)
    measured: int = 0  # how many labels had their text measured (the rest were rejected unmeasured)

    def _cells(self, box: Bbox) -> list[tuple[int, int]]:
        i0, i1 = math.floor(box.x0 / CELL_PX), math.floor(box.x1 / CELL_PX)
        j0, j1 = math.floor(box.y0 / CELL_PX), math.floor(box.y1 / CELL_PX)
        return [(i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)]

    def block(self, box: Bbox) -> None:
        self.taken.append(box)
        for cell in self._cells(box):
            self._grid[cell].append(box)

    def _near(self, box: Bbox) -> list[Bbox]:
        """The boxes taken in the cells `box` touches: every box it could overlap, and a few more."""
        found: dict[int, Bbox] = {}
        for cell in self._cells(box):
            for t in self._grid.get(cell, ()):
                found[id(t)] = t
        return list(found.values())

    def free(self, box: Bbox) -> bool:
        frame = self.ax.bbox
        inside = box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1
        return inside and not any(box.overlaps(t) for t in self._near(box))

    def covered(self, x: float, y: float) -> bool:
        px, py = self.ax.transData.transform((x, y))
        cell = (math.floor(px / CELL_PX), math.floor(py / CELL_PX))
        return any(t.contains(px, py) for t in self._grid.get(cell, ()))

    def size(self, text: str, style: dict) -> tuple[float, float]:
        """Width and height in display pixels of `text` in `style`, measured once on a detached probe."""
        self.measured += 1
        probe = Text(0, 0, text, **{k: v for k, v in style.items() if k in _SIZE_KEYS})
        probe.set_figure(self.ax.figure)
        box = probe.get_window_extent(self.renderer)
        return box.width, box.height

    def _box(self, px: float, py: float, offset: tuple, width: float, height: float) -> Bbox:
        dx, dy, ha, va = offset
        scale = self.ax.figure.dpi / 72.0
        x0 = px + dx * scale - _H_SHIFT[ha] * width
        y0 = py + dy * scale - _V_SHIFT[va] * height
        return Bbox.from_bounds(x0, y0, width, height).expanded(*EXPAND)

    def place(
        self, x: float, y: float, text: str, offsets: list[tuple], halo: float = 0.0, **style: Any
    ) -> Annotation | None:
        """Try each (dx pt, dy pt, ha, va) offset around map point (x, y); keep the first that fits.

        Candidate boxes are computed arithmetically from one measurement, so rejected spots cost no
        artist. A halo is a white-stroked twin drawn just below the label rather than a path effect on
        it: path effects turn text into outlines, and SVG/PDF text must stay real text (searchable)."""
        px, py = self.ax.transData.transform((x, y))
        # The smallest box the text could have sits inside its real box at the same anchor: where even
        # that collides at every offset, the label cannot fit, and measuring it would be wasted.
        scale = self.ax.figure.dpi / 72.0
        lo_w, lo_h = (v * scale for v in min_size_pt(text, float(style.get("fontsize", 10.0))))
        if not any(self.free(self._box(px, py, o, lo_w, lo_h)) for o in offsets):
            return None
        width, height = self.size(text, style)
        for offset in offsets:
            box = self._box(px, py, offset, width, height)
            if not self.free(box):
                continue
            self.block(box)
            dx, dy, ha, va = offset
            where = {"xytext": (dx, dy), "textcoords": "offset points", "ha": ha, "va": va}
            label = self.ax.annotate(text, (x, y), **where, **style)
            if halo:
                twin = {**style, "color": "white", "zorder": label.get_zorder() - 0.01}
                twin["path_effects"] = [patheffects.Stroke(linewidth=halo, foreground="white")]
                self.ax.annotate(text, (x, y), **where, **twin)
            return label
        return None


AROUND = [
    (1, 0, "left", "center"),
    (-1, 0, "right", "center"),
    (0, 1, "center", "bottom"),
    (0, -1, "center", "top"),
    (0.8, 0.8, "left", "bottom"),
    (-0.8, -0.8, "right", "top"),
    (0.8, -0.8, "left", "top"),
    (-0.8, 0.8, "right", "bottom"),
]


def around(pad: float, n: int = len(AROUND)) -> list[tuple]:
    """The first `n` of the eight spots around a point, `pad` points away."""
    return [(dx * pad, dy * pad, ha, va) for dx, dy, ha, va in AROUND[:n]]
