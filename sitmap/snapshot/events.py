"""Events on a snapshot: footprints (areas, geodesic uncertainty circles), markers and their labels.

Markers follow the app: the event type's colour and glyph (`sitmap.vocabulary`); confirmed events are filled
discs, reported/claimed/assessed ones hollow dashed rings. Markers closer together on the page than their
own width are spread on a small ring (like the map's spiderfy) and share one label.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Circle
from matplotlib.transforms import Bbox, ScaledTranslation, offset_copy

from sitmap.footprints import AREA_PRECISIONS, period_label
from sitmap.snapshot.layers import (
    DASH,
    MARKER_PT,
    LabelPlacer,
    around,
    claim_linestyle,
    draw_geom,
    merc,
    merc_geom,
    rtl,
    strip_brackets,
)
from sitmap.style import TIME_ALPHA
from sitmap.vocabulary import CLAIM_STATUSES, event_type


def _place_name(row: pd.Series) -> str:
    return rtl(strip_brackets(str(row.get("location") or row["id"])))


@dataclass
class DrawnEvent:
    id: str
    xy: tuple[float, float]  # map coordinates of the marker's anchor
    offset_pt: tuple[float, float]  # marker centre relative to the anchor (co-located events spread out)
    colour: str
    solid: bool


def _ring(n: int) -> list[tuple[float, float]]:
    """Co-located markers are spread on a small ring (like the map's spiderfy) so each stays visible."""
    if n == 1:
        return [(0.0, 0.0)]
    r = MARKER_PT * 0.7
    return [(r * np.cos(a), r * np.sin(a)) for a in np.linspace(np.pi / 2, np.pi / 2 + 2 * np.pi, n, False)]


def _is_solid(row: pd.Series) -> bool:
    return bool(CLAIM_STATUSES.get(row["claim_status"], {}).get("solid", False))


def draw_footprints(
    ax: Axes, located: gpd.GeoDataFrame, footprints: gpd.GeoDataFrame, overlays: tuple[str, ...]
) -> None:
    """Each event's footprint (`sitmap.footprints.event_footprints`, the map's too), under the markers.

    Own areas and lines, and the country or admin-1 area of a region/country-precision event, are always
    drawn (one shape per area and type, as on the map); a point's geodesic uncertainty circle only with
    the `uncertainty` overlay, unless it stands for an area no reference unit matched."""
    seen: set[tuple] = set()
    for (_, row), (_, fp) in zip(located.iterrows(), footprints.loc[located.index].iterrows(), strict=True):
        kind, geom = fp["kind"], fp.geometry
        if kind == "none" or geom is None or geom.is_empty:
            continue
        colour = event_type(row["event_type"]).colour
        dash = claim_linestyle(row["claim_status"], 1.2)
        fade = TIME_ALPHA.get(row.get("time_precision") or "day", 1.0)
        if kind == "circle":
            if "uncertainty" not in overlays and row["geo_precision"] not in AREA_PRECISIONS:
                continue
            shape = merc_geom(geom)
            draw_geom(ax, shape, facecolor=colour, alpha=0.10, edgecolor="none", zorder=3.2)
            draw_geom(ax, shape, facecolor="none", edgecolor=colour, lw=0.8, linestyle=DASH, zorder=3.2)
            continue
        if kind in ("country", "admin1"):
            key = (kind, fp["ref_id"], row["event_type"], row["claim_status"])
            if key in seen:
                continue
            seen.add(key)
        shape = merc_geom(geom)
        draw_geom(ax, shape, facecolor=colour, alpha=0.16 * fade, edgecolor="none", zorder=3)
        draw_geom(ax, shape, facecolor="none", edgecolor=colour, lw=1.2, linestyle=dash, zorder=3)


def draw_events(
    ax: Axes, placer: LabelPlacer, located: gpd.GeoDataFrame, selected: str | None
) -> list[DrawnEvent]:
    """Markers with their type glyph, then one label per location (place name and dates)."""
    drawn: list[DrawnEvent] = []
    anchors = located.geometry.map(lambda g: g if g.geom_type == "Point" else g.representative_point())
    groups = _group_close(ax, [merc(p.x, p.y) for p in anchors])
    labels = []
    for (x, y), members in groups:
        rows = located.iloc[members]
        for (_, row), (dx, dy) in zip(rows.iterrows(), _ring(len(members)), strict=True):
            drawn.append(_marker(ax, row, x, y, dx, dy, selected))
            placer.block(_marker_box(ax, x, y, dx, dy))
        names = "; ".join(dict.fromkeys(_place_name(r) for _, r in rows.iterrows()))
        dates = "; ".join(
            dict.fromkeys(
                period_label(r["start"], r["end"], r.get("time_precision")) for _, r in rows.iterrows()
            )
        )
        pad = MARKER_PT * (1.45 if len(members) > 1 else 0.8) + (4.0 if selected in set(rows["id"]) else 0.0)
        labels.append((x, y, f"{names}\n{dates}", pad))
    for x, y, text, pad in labels:  # after every marker is down, so no label covers a marker
        placer.place(
            x,
            y,
            text,
            around(pad),
            fontsize=7.5,
            fontweight="bold",
            color="#1a1a1a",
            zorder=8,
            halo=2.6,
            linespacing=1.05,
        )
    return drawn


def _group_close(ax: Axes, points: list[tuple[float, float]]) -> list[tuple[tuple[float, float], list[int]]]:
    """Markers closer than a marker's width on the page form one group (drawn on a ring, one label).

    Greedy in input order, so the grouping is deterministic; the group sits at its first member."""
    px = ax.transData.transform(np.asarray(points, dtype=float).reshape(-1, 2)) if points else []
    limit = MARKER_PT * ax.figure.dpi / 72.0
    groups: list[tuple[tuple[float, float], list[int]]] = []
    centres: list[np.ndarray] = []
    for i, p in enumerate(px):
        for g, c in enumerate(centres):
            if np.hypot(*(p - c)) < limit:
                groups[g][1].append(i)
                break
        else:
            groups.append((points[i], [i]))
            centres.append(p)
    return groups


def _marker_box(ax: Axes, x: float, y: float, dx: float, dy: float) -> Bbox:
    px = ax.figure.dpi / 72.0
    cx, cy = ax.transData.transform((x, y)) + np.array([dx, dy]) * px
    r = (MARKER_PT / 2 + 1) * px
    return Bbox.from_extents(cx - r, cy - r, cx + r, cy + r)


def _marker(ax: Axes, row: pd.Series, x: float, y: float, dx: float, dy: float, selected: str | None):
    """One event marker: confirmed events a filled disc, the rest a hollow dashed ring; the type's glyph
    inside. Sized in points, not map units, through a transform anchored at the map point."""
    etype = event_type(row["event_type"])
    solid = _is_solid(row)
    alpha = TIME_ALPHA.get(row.get("time_precision") or "day", 1.0)  # as on the map: vaguer dates fade
    fig = ax.figure
    at_point = fig.dpi_scale_trans + ScaledTranslation(x, y, ax.transData)  # inches around the point
    centre = (dx / 72.0, dy / 72.0)
    radius = MARKER_PT / 2 / 72.0
    if row["id"] == selected:
        ax.add_patch(
            Circle(
                centre, radius + 3.5 / 72, transform=at_point, fill=False, ec="#111111", lw=1.6, zorder=6.9
            )
        )
    if solid:
        disc = Circle(
            centre, radius, transform=at_point, fc=etype.colour, ec="white", lw=1.2, zorder=7, alpha=alpha
        )
    else:
        disc = Circle(
            centre,
            radius - 1 / 72,
            transform=at_point,
            fc="white",
            ec=etype.colour,
            lw=2.0,
            linestyle=claim_linestyle(row["claim_status"], 2.0),
            zorder=7,
            alpha=alpha,
        )
    ax.add_patch(disc)
    glyph_at = offset_copy(ax.transData, fig=fig, x=dx, y=dy, units="points")
    ax.text(
        x,
        y,
        etype.marker,
        transform=glyph_at,
        ha="center",
        va="center_baseline",
        fontsize=6.5,
        fontweight="bold",
        color="white" if solid else etype.colour,
        zorder=7.2,
        alpha=alpha,
    )
    return DrawnEvent(str(row["id"]), (x, y), (dx, dy), etype.colour, solid)
