"""Events on a snapshot: footprints (areas, geodesic uncertainty circles), markers and their labels.

Markers follow the app: the event type's colour and glyph (`sitmap.vocabulary`); confirmed events are filled
discs, reported/claimed/assessed ones hollow dashed rings. Markers closer together on the page than their
own width are spread on a small ring (like the map's spiderfy) and share one label.

Drawn at volume: all markers are one collection and all glyphs another (per-marker colours, dashes and
fades, in the events' order), footprints one collection per style, so 10k events cost a handful of artists
rather than 30k, and the axes' limits (set once by the caller) are never recomputed per artist.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_rgba, to_rgba_array
from matplotlib.font_manager import FontProperties
from matplotlib.path import Path as MplPath
from matplotlib.textpath import TextPath
from matplotlib.transforms import Affine2D, Bbox, IdentityTransform

from sitmap.footprints import REFERENCE_AREAS, period_label
from sitmap.snapshot.clusters import Cluster, draw_clusters, grid_clusters
from sitmap.snapshot.layers import (
    DASH,
    MARKER_PT,
    LabelPlacer,
    around,
    claim_linestyle,
    geom_path,
    merc,
    merc_geom,
    rtl,
    strip_brackets,
)
from sitmap.snapshot.symbols import SYMBOL_PT, frame_fill, frame_path, icon_paths
from sitmap.style import CLUSTER_ABOVE, TIME_ALPHA
from sitmap.symbology import parse_sidc
from sitmap.vocabulary import CLAIM_STATUSES, event_type

LABEL_COLUMNS = ("location", "start", "end", "time_precision")


def _place_name(location: object, event_id: str) -> str:
    return rtl(strip_brackets(str(location or event_id) if isinstance(location, str) else event_id))


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


def _is_solid(status: str) -> bool:
    return bool(CLAIM_STATUSES.get(status, {}).get("solid", False))


def drawn_footprints(
    located: gpd.GeoDataFrame, footprints: gpd.GeoDataFrame, overlays: tuple[str, ...]
) -> pd.Series:
    """The footprints a snapshot draws (lon/lat geometries, indexed like `located`): every own area or
    line, one country or admin-1 area per (area, type, claim status), as on the map, and a point's
    uncertainty circle; none without the `uncertainty` overlay, which governs every footprint (as on the
    web map)."""
    fp = footprints.loc[located.index]
    geoms = np.asarray(fp.geometry.array, dtype=object)
    kind = fp["kind"].to_numpy(dtype=object)
    keep = (kind != "none") & ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if "uncertainty" not in overlays:
        keep &= kind == "own_area"  # an event's own polygon or line is the event, not a footprint
    ref_area = np.isin(kind, REFERENCE_AREAS)
    keys = pd.DataFrame(
        {"k": kind, "r": fp["ref_id"].to_numpy(), "t": located["event_type"], "c": located["claim_status"]},
        index=located.index,
    )
    repeat = ref_area & keys.duplicated(keep="first").to_numpy()
    # A repeat of a drawn key is dropped only when the first of its key is itself drawn (always, for areas).
    return pd.Series(geoms[keep & ~repeat], index=located.index[keep & ~repeat], dtype=object)


def _rgba(colours: list[str], alpha: np.ndarray) -> np.ndarray:
    out = to_rgba_array(colours)
    out[:, 3] *= alpha
    return out


def draw_footprints(
    ax: Axes,
    located: gpd.GeoDataFrame,
    footprints: gpd.GeoDataFrame,
    overlays: tuple[str, ...],
    alone: set[str] | None = None,
) -> None:
    """Each drawn footprint (`drawn_footprints`) under the markers: circles finely dashed, one outline per
    event type (the union of its circles; zorder 3.2),
    areas and lines in the claim status' dash with the date precision's fade (zorder 3). Country and
    province footprints and circles are outlines only: at volume, stacked fills bury the points, the
    reference zones and the labels (an event's own small polygon keeps a faint tint). With `alone` (the ids
    drawn as themselves, not in a count), a circle is drawn only around those."""
    shapes = drawn_footprints(located, footprints, overlays)
    if alone is not None:
        circle = footprints.loc[shapes.index, "kind"].to_numpy() == "circle"
        grouped = ~located.loc[shapes.index, "id"].astype(str).isin(alone).to_numpy()
        shapes = shapes[~(circle & grouped)]
    if shapes.empty:
        return
    rows = located.loc[shapes.index]
    kind = footprints.loc[shapes.index, "kind"].to_numpy(dtype=object)
    merc_shapes = merc_geom(np.asarray(shapes.to_numpy(), dtype=object))  # one projection call for all
    colour = [event_type(t).colour for t in rows["event_type"]]
    fade = np.array([TIME_ALPHA.get(p or "day", 1.0) for p in rows["time_precision"]], dtype=float)
    circle = kind == "circle"
    if circle.any():
        # One outline per type: the union of its circles. Each event could be anywhere in its circle, so the
        # union says the same; 50 crossing circles of region-level events over a sea read as a tangle.
        by_colour: dict[str, list] = {}
        for i in np.flatnonzero(circle).tolist():
            by_colour.setdefault(colour[i], []).append(merc_shapes[i])
        made = [(c, geom_path(shapely.union_all(shapes))) for c, shapes in by_colour.items()]
        paths = [p for _, p in made if p is not None]
        cols = [c for c, p in made if p is not None]
        ax.add_collection(
            PathCollection(
                paths, facecolors="none", edgecolors=cols, linewidths=0.8, linestyles=[DASH], zorder=3.2
            ),
            autolim=False,
        )
    statuses = rows["claim_status"].to_numpy(dtype=object)
    ref_area = np.isin(kind, REFERENCE_AREAS)
    # One outline per area and style (bounded by the reference), all in one collection.
    areas = [(k, path) for k in np.flatnonzero(ref_area).tolist() if (path := geom_path(merc_shapes[k]))]
    if areas:
        ax.add_collection(
            PathCollection(
                [path for _, path in areas],
                facecolors="none",
                edgecolors=[to_rgba(colour[k], 0.75 * fade[k]) for k, _ in areas],
                linewidths=1.2,
                linestyles=[claim_linestyle(statuses[k], 1.2) for k, _ in areas],
                joinstyle="miter",  # as the patches it replaces
                zorder=3,
            ),
            autolim=False,
        )
    own = np.flatnonzero(~circle & ~ref_area)
    polys: list[tuple[int, MplPath]] = []
    lines: list[tuple[int, np.ndarray]] = []
    for i in own.tolist():
        if (path := geom_path(merc_shapes[i])) is not None:
            polys.append((i, path))
        for part in shapely.get_parts(shapely.get_parts(merc_shapes[i])):
            if part.geom_type in ("LineString", "LinearRing"):
                lines.append((i, np.asarray(part.coords)[:, :2]))
    if polys:
        at = [i for i, _ in polys]
        paths = [p for _, p in polys]
        dashes = [claim_linestyle(statuses[i], 1.2) for i in at]
        cols = [colour[i] for i in at]
        ax.add_collection(
            PathCollection(paths, facecolors=_rgba(cols, 0.16 * fade[at]), edgecolors="none", zorder=3),
            autolim=False,
        )
        ax.add_collection(
            PathCollection(
                paths, facecolors="none", edgecolors=cols, linewidths=1.2, linestyles=dashes, zorder=3
            ),
            autolim=False,
        )
    if lines:
        at = [i for i, _ in lines]
        ax.add_collection(
            LineCollection(
                [xy for _, xy in lines],
                colors=[colour[i] for i in at],
                linewidths=1.2,
                linestyles=[claim_linestyle(statuses[i], 1.2) for i in at],
                zorder=3,
            ),
            autolim=False,
        )


def draw_events(
    ax: Axes,
    placer: LabelPlacer,
    located: gpd.GeoDataFrame,
    selected: str | None,
    codes: list[str | None] | None = None,
) -> tuple[list[DrawnEvent], list[Cluster]]:
    """Markers with their type glyph (or, where `codes` has one, the event's APP-6(D) symbol), then one
    label per location (place name and dates). Above `CLUSTER_ABOVE` events, crowded markers become counts
    (`sitmap.snapshot.clusters`); returns the events drawn as themselves and the counts."""
    drawn: list[DrawnEvent] = []
    if located.empty:
        return drawn, []
    geoms = np.asarray(located.geometry.array, dtype=object)
    points = shapely.get_type_id(geoms) == 0
    anchors = geoms.copy()
    anchors[~points] = shapely.point_on_surface(geoms[~points])
    xs, ys = merc(shapely.get_x(anchors), shapely.get_y(anchors))
    ids = located["id"].astype(str).to_numpy()
    types = located["event_type"].to_numpy(dtype=object)
    xy = np.column_stack([xs, ys])
    lone, clusters = np.arange(len(located)), list[Cluster]()
    if len(located) > CLUSTER_ABOVE:
        lone, clusters = grid_clusters(ax, xy, types, ids == selected)
        draw_clusters(ax, placer, clusters)
    groups = [(at, [int(lone[m]) for m in members]) for at, members in _group_close(ax, xy[lone])]
    statuses = located["claim_status"].to_numpy(dtype=object)
    # Label text only for the events drawn as themselves (a count's members get none).
    places, starts, ends, precision = (located[c].to_numpy(dtype=object) for c in LABEL_COLUMNS)
    names = {int(i): _place_name(places[i], ids[i]) for i in lone}
    periods = {int(i): period_label(starts[i], ends[i], precision[i]) for i in lone}
    order, at, labels = [], [], []
    for (x, y), members in groups:
        for i, (dx, dy) in zip(members, _ring(len(members)), strict=True):
            order.append(i)
            at.append((x, y, dx, dy))
            placer.block(_marker_box(ax, x, y, dx, dy))
        text = "; ".join(dict.fromkeys(names[i] for i in members))
        text += "\n" + "; ".join(dict.fromkeys(periods[i] for i in members))
        chosen = selected is not None and selected in {ids[i] for i in members}
        pad = MARKER_PT * (1.45 if len(members) > 1 else 0.8) + (4.0 if chosen else 0.0)
        labels.append((x, y, text, pad))
    fades = np.array([TIME_ALPHA.get(p or "day", 1.0) for p in located["time_precision"]], dtype=float)
    for i, (x, y, dx, dy) in zip(order, at, strict=True):
        etype = event_type(types[i])
        drawn.append(DrawnEvent(str(ids[i]), (x, y), (dx, dy), etype.colour, _is_solid(statuses[i])))
    symbols: list[str | None] = [codes[i] for i in order] if codes is not None else [None] * len(order)
    _draw_markers(
        ax, drawn, [types[i] for i in order], [statuses[i] for i in order], fades[order], selected, symbols
    )
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
    return drawn, clusters


def _group_close(ax: Axes, points: np.ndarray) -> list[tuple[tuple[float, float], list[int]]]:
    """Markers closer than a marker's width on the page form one group (drawn on a ring, one label).

    Greedy in input order, so the grouping is deterministic; the group sits at its first member, and a
    marker joins the earliest group within reach. Group centres are bucketed in a grid of cells as wide
    as that reach, so each marker looks at the groups of its 3 x 3 cells only, not at every group."""
    if not len(points):
        return []
    px = ax.transData.transform(np.asarray(points, dtype=float).reshape(-1, 2))
    limit = MARKER_PT * ax.figure.dpi / 72.0
    groups: list[tuple[tuple[float, float], list[int]]] = []
    cells: dict[tuple[int, int], list[int]] = {}
    centres: list[np.ndarray] = []
    for i, p in enumerate(px):
        ci, cj = int(np.floor(p[0] / limit)), int(np.floor(p[1] / limit))
        near = [g for di in (-1, 0, 1) for dj in (-1, 0, 1) for g in cells.get((ci + di, cj + dj), ())]
        hits = [g for g in near if np.hypot(*(p - centres[g])) < limit]
        if hits:
            groups[min(hits)][1].append(i)
            continue
        cells.setdefault((ci, cj), []).append(len(groups))
        groups.append(((float(points[i][0]), float(points[i][1])), [i]))
        centres.append(p)
    return groups


def _marker_box(ax: Axes, x: float, y: float, dx: float, dy: float) -> Bbox:
    px = ax.figure.dpi / 72.0
    cx, cy = ax.transData.transform((x, y)) + np.array([dx, dy]) * px
    r = (MARKER_PT / 2 + 1) * px
    return Bbox.from_extents(cx - r, cy - r, cx + r, cy + r)


@functools.cache
def _glyph(text: str) -> MplPath:
    """A type's glyph as a path in points, centred on (0, 0): drawn like the 6.5 pt bold label it was."""
    path = TextPath((0, 0), text, size=6.5, prop=FontProperties(family="DejaVu Sans", weight="bold"))
    ext = path.get_extents()
    return path.transformed(Affine2D().translate(-(ext.x0 + ext.x1) / 2, -(ext.y0 + ext.y1) / 2))


def _draw_markers(
    ax: Axes,
    drawn: list[DrawnEvent],
    types: list[str],
    statuses: list[str],
    fades: np.ndarray,
    selected: str | None,
    symbols: list[str | None],
) -> None:
    """All markers as one collection and all glyphs as another, in the events' order. Each element's path
    is in points around its anchor (sizes of 1 make path units points), so the markers keep their size
    on the page at any dpi and in SVG/PDF, as the point-anchored patches they replace did.

    Confirmed events are a filled disc (white rim), the rest a hollow ring in the status' dash; the
    selected event gets a dark ring around its marker. An event with a symbol code is its frame and icon
    instead (`sitmap.snapshot.symbols`), in the same layers."""
    unit = MplPath.unit_circle()
    circle_xy, circle_codes = np.asarray(unit.vertices, dtype=float), unit.codes
    radius = MARKER_PT / 2
    ring: list[MplPath] = []
    ring_at: list[tuple[float, float]] = []
    discs, glyphs, faces, edges, widths, dashes, glyph_colour = [], [], [], [], [], [], []
    disc_at, frames = [], _Frames()
    for d, etype_key, status, fade, code in zip(drawn, types, statuses, fades, symbols, strict=True):
        if d.id == selected:
            r = radius + 3.5 + (SYMBOL_PT * 0.3 if code else 0.0)
            ring.append(MplPath(circle_xy * r + np.asarray(d.offset_pt), circle_codes))
            ring_at.append(d.xy)
        if code:
            frames.add(code, d, fade)
            continue
        disc_at.append(d.xy)
        etype = event_type(etype_key)
        r = radius if d.solid else radius - 1
        discs.append(MplPath(circle_xy * r + np.asarray(d.offset_pt), circle_codes))
        glyphs.append(_glyph(etype.marker).transformed(Affine2D().translate(*d.offset_pt)))
        faces.append(to_rgba(etype.colour if d.solid else "white", fade))
        edges.append(to_rgba("white" if d.solid else etype.colour, fade))
        widths.append(1.2 if d.solid else 2.0)
        dashes.append("-" if d.solid else claim_linestyle(status, 2.0))
        glyph_colour.append(to_rgba(etype.ink if d.solid else etype.colour, fade))
    offsets = np.array(disc_at, dtype=float).reshape(-1, 2)
    selected_style = {"facecolors": "none", "edgecolors": "#111111", "linewidths": 1.6}
    disc_style = {"facecolors": faces, "edgecolors": edges, "linewidths": widths, "linestyles": dashes}
    glyph_style = {"facecolors": glyph_colour, "edgecolors": "none", "linewidths": 0.0}
    for paths, at, style, z in (
        (ring, np.array(ring_at, dtype=float).reshape(-1, 2), selected_style, 6.9),
        (discs, offsets, disc_style, 7.0),
        (glyphs, offsets, glyph_style, 7.2),
        *frames.layers(),
    ):
        if not paths:
            continue
        coll = PathCollection(paths, sizes=[1.0], offsets=at, offset_transform=ax.transData, zorder=z)
        coll.update(style)
        coll.set_transform(IdentityTransform())
        ax.add_collection(coll, autolim=False)


class _Frames:
    """The symbols' frames, icon strokes and icon fills, gathered for one collection each."""

    def __init__(self) -> None:
        self.frames: list[MplPath] = []
        self.faces: list[tuple[float, float, float, float]] = []
        self.frame_at: list[tuple[float, float]] = []
        self.strokes: list[MplPath] = []
        self.stroke_at: list[tuple[float, float]] = []
        self.fills: list[MplPath] = []
        self.fill_at: list[tuple[float, float]] = []

    def add(self, code: str, d: DrawnEvent, fade: float) -> None:
        move = Affine2D().translate(*d.offset_pt)
        side = parse_sidc(code)[0]
        self.frames.append(frame_path(side).transformed(move))
        self.faces.append(to_rgba(frame_fill(code), fade))
        self.frame_at.append(d.xy)
        strokes, fills = icon_paths(code)
        self.strokes += [p.transformed(move) for p in strokes]
        self.stroke_at += [d.xy] * len(strokes)
        self.fills += [p.transformed(move) for p in fills]
        self.fill_at += [d.xy] * len(fills)

    def layers(self) -> list[tuple[list[MplPath], np.ndarray, dict, float]]:
        def at(points: list[tuple[float, float]]) -> np.ndarray:
            return np.array(points, dtype=float).reshape(-1, 2)

        ink = {"edgecolors": "#000000", "linewidths": 1.0}
        return [
            (self.frames, at(self.frame_at), {"facecolors": self.faces, **ink}, 7.0),
            (self.strokes, at(self.stroke_at), {"facecolors": "none", **ink}, 7.1),
            (self.fills, at(self.fill_at), {"facecolors": "#000000", "edgecolors": "none"}, 7.1),
        ]
