"""The frame around a snapshot's map: scale bar, north arrow, graticule labels, distance annotation,
legend panel, title block, footer with sources and attribution, and the optional banner.

The scale bar is geodesic: its length is solved on the WGS84 ellipsoid along the parallel where it is
drawn, because Web Mercator's scale changes with latitude (about 1.19x at 33° N, 1.8x at 56° N).

Shapes go in with `add_artist`, not `add_patch`: both axes have their limits set before anything is drawn,
and `add_patch` would recompute the data limits from each shape's Bezier segments for nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Polygon, Rectangle
from matplotlib.transforms import Affine2DBase, ScaledTranslation
from pyproj import Geod

from sitmap.snapshot.layers import (
    FROM_MERC,
    around,
    halo,
    merc,
)

GEOD = Geod(ellps="WGS84")
INK = "#1a1a1a"
MUTED = "#555555"


# --- scale bar -----------------------------------------------------------------------------------------


def geodesic_m(lon0: float, lat0: float, lon1: float, lat1: float) -> float:
    return float(GEOD.inv(lon0, lat0, lon1, lat1)[2])


def lon_at_distance(lon0: float, lat: float, metres: float) -> float:
    """The longitude east of `lon0` on parallel `lat` whose geodesic distance from (lon0, lat) is `metres`."""
    lo, hi = 0.0, 179.0
    for _ in range(60):  # bisection: the distance grows monotonically with the longitude difference
        mid = (lo + hi) / 2
        if geodesic_m(lon0, lat, lon0 + mid, lat) < metres:
            lo = mid
        else:
            hi = mid
    return lon0 + (lo + hi) / 2


def nice_length_km(max_km: float) -> float:
    """The largest 1, 2 or 5 x 10^k km not above `max_km`."""
    exp = math.floor(math.log10(max_km))
    for step in (5, 2, 1):
        if step * 10**exp <= max_km:
            return float(step * 10**exp)
    return float(10 ** (exp - 1) * 5)


@dataclass(frozen=True)
class ScaleBar:
    length_km: float
    lat: float  # the parallel it is true on
    lon0: float
    lon1: float
    x0: float  # map coordinates (Web Mercator metres)
    x1: float
    y: float


def draw_scale_bar(ax: Axes) -> ScaleBar:
    """A two-segment bar in the lower-left corner, true along its own parallel."""
    (x_min, x_max), (y_min, y_max) = ax.get_xlim(), ax.get_ylim()
    x0 = x_min + 0.04 * (x_max - x_min)
    y = y_min + 0.055 * (y_max - y_min)
    lon0, lat = FROM_MERC.transform(x0, y)
    lon_right, _ = FROM_MERC.transform(x_max, y)
    length_km = nice_length_km(0.28 * geodesic_m(lon0, lat, lon_right, lat) / 1000)
    lon1 = lon_at_distance(lon0, lat, length_km * 1000)
    x1 = merc(lon1, lat)[0]
    h = 0.008 * (y_max - y_min)
    ax.add_artist(
        Rectangle(
            (x0 - 0.015 * (x_max - x_min), y - 4.2 * h),
            (x1 - x0) + 0.05 * (x_max - x_min),
            8.5 * h,
            fc="white",
            ec="none",
            alpha=0.8,
            zorder=9,
        )
    )
    mid = (x0 + x1) / 2
    for a, b, colour in ((x0, mid, INK), (mid, x1, "white")):
        ax.add_artist(Rectangle((a, y), b - a, h, fc=colour, ec=INK, lw=0.6, zorder=10))
    half = f"{length_km / 2:g}"
    for xv, text in ((x0, "0"), (mid, half), (x1, f"{length_km:g} km")):
        ax.text(xv, y + 1.6 * h, text, ha="center", va="bottom", fontsize=6.5, color=INK, zorder=10)
    hemi = "N" if lat >= 0 else "S"
    ax.text(
        x0,
        y - 0.9 * h,
        f"scale true at {abs(lat):.1f}° {hemi}",
        ha="left",
        va="top",
        fontsize=5.5,
        color=MUTED,
        zorder=10,
    )
    return ScaleBar(length_km, lat, lon0, lon1, x0, x1, y)


def draw_north_arrow(ax: Axes) -> None:
    """A north arrow in the top-right corner (Web Mercator keeps true north straight up everywhere)."""
    fig = ax.figure
    # Inches from the top-right corner; transAxes is affine (BboxTransformTo), though typed as Transform.
    corner = fig.dpi_scale_trans + ScaledTranslation(1, 1, cast(Affine2DBase, ax.transAxes))
    cx, tip, base = -0.32, -0.2, -0.6
    left = Polygon(
        [(cx, tip), (cx - 0.09, base), (cx, base + 0.09)],
        closed=True,
        transform=corner,
        fc=INK,
        ec=INK,
        lw=0.6,
        zorder=10,
    )
    right = Polygon(
        [(cx, tip), (cx + 0.09, base), (cx, base + 0.09)],
        closed=True,
        transform=corner,
        fc="white",
        ec=INK,
        lw=0.6,
        zorder=10,
    )
    ax.add_artist(left)
    ax.add_artist(right)
    ax.text(
        cx,
        tip + 0.03,
        "N",
        transform=corner,
        ha="center",
        va="bottom",
        fontsize=9,
        fontweight="bold",
        color=INK,
        zorder=10,
    )


def label_graticule(ax: Axes) -> None:
    """Degree labels on the frame (ticks at round degree steps, computed in lon/lat)."""
    (x_min, x_max), (y_min, y_max) = ax.get_xlim(), ax.get_ylim()
    (lon_min, lon_max), (lat_min, lat_max) = FROM_MERC.transform([x_min, x_max], [y_min, y_max])

    def ticks(lo: float, hi: float) -> tuple[np.ndarray, int]:
        for step in (0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20):
            if (hi - lo) / step <= 6:
                break
        decimals = 0 if step >= 1 else 1 if step in (0.1, 0.2, 0.5) else 2
        margin = (hi - lo) * 0.04  # no label in the corners, where it would collide with its neighbour
        return np.arange(math.ceil((lo + margin) / step) * step, hi - margin, step), decimals

    def fmt(v: float, decimals: int, pos: str, neg: str) -> str:
        return f"{abs(v):.{decimals}f}°{pos if v >= 0 else neg}"

    (lons, dx), (lats, dy) = ticks(lon_min, lon_max), ticks(lat_min, lat_max)
    ax.set_xticks(merc(lons, np.zeros(len(lons)))[0], [fmt(v, dx, "E", "W") for v in lons])
    ax.set_yticks(merc(np.zeros(len(lats)), lats)[1], [fmt(v, dy, "N", "S") for v in lats])
    ax.tick_params(labelsize=6, colors=MUTED, direction="in", length=3, pad=2)
    ax.tick_params(axis="y", labelrotation=90)
    for label in ax.get_yticklabels():
        label.set_verticalalignment("center")


def draw_distance(ax: Axes, placer: Any, result: Any) -> None:
    """The measured line from the event to the reference's nearest point, labelled with its range."""
    (ex, ey), (nx, ny) = merc(*result.event_point), merc(*result.nearest_point)
    # Dashed like the app's distance line, with a white casing so it reads over the bands.
    ax.plot([ex, nx], [ey, ny], color=INK, lw=1.4, zorder=6.5, linestyle=(0, (4, 2.5)), path_effects=halo(3))
    ax.plot([nx], [ny], marker="o", ms=3.5, color=INK, mec="white", mew=0.6, zorder=6.6)
    above_first = [around(6)[i] for i in (2, 3, 4, 6, 7, 5, 0, 1)]
    placer.place(
        (ex + nx) / 2,
        (ey + ny) / 2,
        result.label(),
        above_first,
        fontsize=8,
        fontweight="bold",
        color=INK,
        zorder=9,
        halo=3,
    )


# --- title, footer, banner -----------------------------------------------------------------------------


def draw_banner(fig: Figure, text: str, y_in: float, height_in: float) -> None:
    w, h = fig.get_size_inches()
    fig.add_artist(
        Rectangle((0, y_in / h), 1, height_in / h, transform=fig.transFigure, fc="#4d4d4d", ec="none")
    )
    fig.text(
        0.5,
        (y_in + height_in / 2) / h,
        text.upper(),
        ha="center",
        va="center",
        fontsize=8,
        fontweight="bold",
        color="white",
    )
