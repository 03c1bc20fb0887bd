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
from matplotlib.patches import Circle, Polygon, Rectangle
from matplotlib.transforms import Affine2DBase, ScaledTranslation
from pyproj import Geod

from sitmap.snapshot.layers import (
    DASH,
    FROM_MERC,
    LINE_DASHES,
    MARKER_PT,
    PAPER_FILL_BOOST,
    around,
    claim_linestyle,
    halo,
    merc,
)
from sitmap.snapshot.text import wrap
from sitmap.style import REF_STYLES, TIME_ALPHA, ZONE
from sitmap.symbology import AFFILIATIONS, FRAMES
from sitmap.vocabulary import CLAIM_STATUSES, TIME_PRECISIONS, event_type

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


# --- legend panel --------------------------------------------------------------------------------------


@dataclass
class LegendEntry:
    kind: str  # header | marker | status | patch | line | circle | text | symbol | cluster
    label: str
    style: dict


def legend_entries(
    types: list[str],
    statuses: list[str],
    precisions: list[str],
    refs: list[str],
    circles: bool,
    distance: bool,
) -> list[LegendEntry]:
    """Legend rows for what is on this map only (types, statuses, precisions and overlays drawn)."""
    out = [LegendEntry("header", "Events", {})] if types else []  # an empty map gets no empty section
    out += [LegendEntry("marker", event_type(t).label, {"key": t}) for t in types]
    if statuses:
        out.append(LegendEntry("header", "Claim status", {}))
        out += [LegendEntry("status", CLAIM_STATUSES[s]["label"], {"key": s}) for s in statuses]
    if any(p != "day" for p in precisions):
        out.append(LegendEntry("header", "Date precision", {}))
        for key in precisions:
            label = TIME_PRECISIONS[key]["label"] + ("" if key == "day" else f" (on for the whole {key})")
            out.append(LegendEntry("precision", label, {"alpha": TIME_ALPHA[key]}))
    if circles:
        out.append(LegendEntry("circle", "Location uncertainty (radius)", {}))
    if refs:
        out.append(LegendEntry("header", "1974 Disengagement Agreement", {}))
        if "area-of-separation" in refs:
            style = {"fc": ZONE, "ec": ZONE, "hatch": "////"}
            out.append(LegendEntry("patch", "Area of Separation (UNDOF)", style))
        for ref_id, name in (("line-a", "Line A (Israeli side)"), ("line-b", "Line B (Syrian side)")):
            if ref_id in refs:
                out.append(
                    LegendEntry(
                        "line", name, {"ls": LINE_DASHES[ref_id], "colour": REF_STYLES[ref_id]["color"]}
                    )
                )
        for side, name in (
            ("west", "Limitation bands, Israeli side"),
            ("east", "Limitation bands, Syrian side"),
        ):
            bands = [r for r in refs if r.startswith("limitation-") and r.endswith(f"-{side}")]
            if bands:
                out.append(LegendEntry("bands", name, {"side": side}))
    if distance:
        out.append(LegendEntry("line", "Measured distance (geodesic)", {"ls": (0, (4, 2.5)), "colour": INK}))
    return out


def draw_legend(ax: Axes, entries: list[LegendEntry], notes: list[str]) -> list[str]:
    """The panel beside the map; `ax` spans it with data units in inches. Returns the labels drawn."""
    width, height = ax.get_xlim()[1], ax.get_ylim()[1]
    labels = {id(e): wrap(e.label, width - 0.5, 7.5) for e in entries if e.kind != "header"}
    wrapped_notes = [wrap(note, width - 0.15, 6.5) for note in notes]
    needed = (
        0.42
        + 0.12
        + sum(0.26 if e.kind == "header" else 0.21 + 0.13 * labels[id(e)].count("\n") for e in entries)
    )
    needed += sum(0.13 * (n.count("\n") + 1) + 0.08 for n in wrapped_notes)
    k = max(0.55, min(1.0, (height - 0.15) / needed))  # a short page packs the rows closer
    y = height - 0.1
    ax.text(0.05, y, "Legend", fontsize=10, fontweight="bold", va="top", color=INK)
    y -= 0.32 * k
    drawn = []
    hx = 0.2  # handle centre
    for e in entries:
        if e.kind == "header":
            y -= 0.06 * k
            ax.text(0.05, y, e.label, fontsize=7.5, fontweight="bold", va="center", color=MUTED)
            y -= 0.2 * k
            drawn.append(e.label)
            continue
        r = MARKER_PT / 2 / 72
        if e.kind == "marker":
            et = event_type(e.style["key"])
            ax.add_artist(Circle((hx, y), r, fc=et.colour, ec="white", lw=1.0))
            ax.text(
                hx,
                y,
                et.marker,
                fontsize=6.5,
                fontweight="bold",
                color=et.ink,
                ha="center",
                va="center_baseline",
            )
        elif e.kind == "status":
            if CLAIM_STATUSES[e.style["key"]]["solid"]:
                ax.add_artist(Circle((hx, y), r, fc="#666666", ec="white", lw=1.0))
            else:
                dash = claim_linestyle(e.style["key"], 2.0)
                ax.add_artist(Circle((hx, y), r - 1 / 72, fc="white", ec="#666666", lw=2.0, linestyle=dash))
        elif e.kind == "cluster":
            ax.add_artist(Circle((hx, y), r * 1.25, fc="#555555", ec="white", lw=1.0, alpha=0.82))
            ax.text(hx, y, "12", fontsize=5.5, fontweight="bold", color="white", ha="center", va="center")
        elif e.kind == "symbol":  # an affiliation's frame (sitmap.symbology), as the map draws it
            pts = [(hx + (fx - 100) * 0.0016, y - (fy - 100) * 0.0016) for fx, fy in FRAMES[e.style["side"]]]
            ax.add_artist(Polygon(pts, closed=True, fc=AFFILIATIONS[e.style["side"]][1], ec=INK, lw=0.8))
        elif e.kind == "precision":
            ax.add_artist(Circle((hx, y), r, fc="#444444", ec="white", lw=1.0, alpha=e.style["alpha"]))
        elif e.kind == "circle":
            ax.add_artist(Circle((hx, y), 0.09, fc="#888888", alpha=0.15, ec="none"))
            ax.add_artist(Circle((hx, y), 0.09, fc="none", ec="#666666", lw=0.8, linestyle=DASH))
        elif e.kind == "patch":
            ax.add_artist(
                Rectangle((hx - 0.12, y - 0.06), 0.24, 0.12, fc=e.style["fc"], alpha=0.3, ec="none")
            )
            ax.add_artist(
                Rectangle(
                    (hx - 0.12, y - 0.06),
                    0.24,
                    0.12,
                    fc="none",
                    ec=e.style["ec"],
                    lw=0.6,
                    hatch=e.style.get("hatch"),
                )
            )
        elif e.kind == "bands":  # three swatches, nearest band darkest, as on the map
            for i, band in enumerate(("0-10", "10-20", "20-25")):
                style = REF_STYLES[f"limitation-{band}-{e.style['side']}"]
                alpha = min(1.0, style["fillOpacity"] * PAPER_FILL_BOOST)
                ax.add_artist(
                    Rectangle(
                        (hx - 0.12 + i * 0.08, y - 0.06),
                        0.08,
                        0.12,
                        fc=style["color"],
                        alpha=alpha,
                        ec="none",
                    )
                )
            ax.add_artist(Rectangle((hx - 0.12, y - 0.06), 0.24, 0.12, fc="none", ec="#999999", lw=0.4))
        elif e.kind == "line":
            ax.plot(
                [hx - 0.13, hx + 0.13],
                [y, y],
                color=e.style.get("colour", INK),
                lw=2.0,
                linestyle=e.style["ls"],
            )
        label = labels[id(e)]
        ax.text(0.42, y, label, fontsize=7.5, va="center", color=INK, linespacing=1.15)
        drawn.append(e.label)
        y -= (0.21 + 0.13 * label.count("\n")) * k
    y -= 0.12 * k
    for wrapped in wrapped_notes:  # most important first (see snapshot_text.notes)
        if y - 0.13 * (wrapped.count("\n") + 1) < 0:
            break  # even packed, the panel is full: the legend above matters more than the last notes
        ax.text(0.05, y, wrapped, fontsize=6.5, va="top", color=MUTED, linespacing=1.3)
        y -= 0.13 * (wrapped.count("\n") + 1) + 0.08 * k
    return drawn


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
