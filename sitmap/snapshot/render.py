"""Publication-grade map snapshots (PNG, SVG, PDF) of a view, rendered server-side with matplotlib.

No browser, no tiles, no network: the basemap is the vector reference data in `geodata/` (Natural Earth
countries and admin-1, GeoNames places) and the 1974 zone layers. `render_snapshot` takes the same `View`
as the map, so "export what I see" holds: `filters.apply_view` decides which events, `view.bbox`, else the
map's extent at `view.center`/`view.zoom`, else a box around the drawn footprints decides the extent
(`sitmap.snapshot.extent`). SVG and PDF are true vector files with real, searchable text
(`svg.fonttype: none`, `pdf.fonttype: 42`); PNG is written at exactly `size_in` x `dpi` pixels.

Layers and markers: `sitmap.snapshot.layers`; scale bar, title and footer: `sitmap.snapshot.frame`; the
legend panel, fitted to its box: `sitmap.snapshot.legend`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import matplotlib
import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from sitmap.footprints import drawn_as_area, event_footprints, with_circles
from sitmap.snapshot import events as events_layer
from sitmap.snapshot import frame, layers, legend, text
from sitmap.snapshot.areas import areas_left_off, label_areas
from sitmap.snapshot.clusters import Cluster
from sitmap.snapshot.extent import DEFAULT_BBOX as DEFAULT_BBOX  # re-exported: the extent's public names
from sitmap.snapshot.extent import bbox_around as bbox_around
from sitmap.snapshot.extent import circles_reaching_out, fit_to_aspect, frame_for
from sitmap.snapshot.extent import events_bbox as events_bbox
from sitmap.store.atomic import atomic_write_bytes
from sitmap.symbology import AFFILIATIONS, Affiliation, event_sidcs, parse_sidc
from sitmap.view import View, apply_view
from sitmap.vocabulary import CLAIM_STATUSES, EVENT_TYPES, TIME_PRECISIONS

FORMATS = ("png", "svg", "pdf")
PANEL_IN = 2.3  # legend panel width
MARGIN_IN = 0.3


class SnapshotError(ValueError):
    """A snapshot that cannot be made as asked (unknown format, unknown event or reference id)."""


@dataclass
class Snapshot:
    """A rendered figure and what was drawn on it (tests and the app inspect this)."""

    figure: Figure
    map_ax: Axes
    legend_ax: Axes
    bbox: tuple[float, float, float, float]  # W, S, E, N of the map frame, degrees
    events: list[events_layer.DrawnEvent]
    not_located: list[str]
    scale_bar: frame.ScaleBar
    legend_labels: list[str]
    texts: dict[str, str] = field(default_factory=dict)
    distance: Any = None
    clusters: list[Cluster] = field(default_factory=list)  # counts drawn for crowded events

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        """(column, row) of a lon/lat in the saved PNG (row 0 at the top)."""
        x, y = self.map_ax.transData.transform(layers.merc(lon, lat))
        return float(x), float(self.figure.bbox.height - y)


# --- rendering -----------------------------------------------------------------------------------------


def _located(shown: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return shown[shown.geometry.notna() & ~shown.geometry.is_empty]


def _distance(events: gpd.GeoDataFrame, reference: Any, view: View, distance_to: Any) -> Any:
    """The DistanceResult for `distance_to` (a reference id measured from the selected event, or a pair
    (event id, reference id))."""
    from sitmap.geometry import distance_to_reference

    event_id, ref_id = distance_to if isinstance(distance_to, tuple) else (view.selected, distance_to)
    if not event_id:
        raise SnapshotError("a distance annotation needs an event: select one (view.selected) or pass a pair")
    rows = events[events["id"] == event_id]
    if rows.empty or rows.iloc[0].geometry is None or rows.iloc[0].geometry.is_empty:
        raise SnapshotError(f"no located event {event_id!r} to measure from")
    if reference is None:
        raise SnapshotError("a distance annotation needs the reference layers")
    try:
        ref_geom = reference.geometry(ref_id)
    except KeyError as e:
        raise SnapshotError(str(e).strip("'\"")) from e
    row = rows.iloc[0]
    unc = row["uncertainty_m"] if row["uncertainty_m"] == row["uncertainty_m"] else 0.0
    return distance_to_reference(row.geometry, ref_geom, uncertainty_m=float(unc or 0.0), ref_id=ref_id)


@text.with_snapshot_rc
def build_snapshot(
    events: gpd.GeoDataFrame,
    reference: Any,
    view: View,
    *,
    title: str,
    caption: str | None = None,
    dpi: float = 200,
    size_in: tuple[float, float] = (10, 7.5),
    banner: str | None = None,
    distance_to: str | tuple[str, str] | None = None,
    arabic_names: bool = False,
    as_of: date | None = None,
    affiliations: Mapping[str, Affiliation] | None = None,
) -> Snapshot:
    """Draw the snapshot figure (not saved). See `render_snapshot` for the arguments."""
    shown = apply_view(events, view)
    located = _located(shown)
    distance = _distance(events, reference, view, distance_to) if distance_to else None
    # Circles' outlines are made only where they can move the frame or get drawn (most at 10k do neither).
    footprints = event_footprints(located, reference, circles=False)
    drawn_fp = events_layer.drawn_footprints(located, footprints, view.overlays)
    if (view.bbox is None and (view.center is None or view.zoom is None)) and "uncertainty" in view.overlays:
        footprints = with_circles(located, footprints, circles_reaching_out(located, footprints, drawn_fp))
        drawn_fp = events_layer.drawn_footprints(located, footprints, view.overlays)
    bbox = frame_for(view, located, drawn_fp)
    width_in, height_in = size_in
    notes_text = caption or ""

    fig = Figure(figsize=size_in, dpi=dpi)
    canvas = FigureCanvasAgg(fig)
    banner_in = 0.24 if banner else 0.0
    footer_w = width_in - 2 * MARGIN_IN
    sources, footer = text.sources_footer(
        shown, footer_w, max_lines=int(height_in * 0.2 / text.line_height_in(6.5, 1))
    )
    footer_in = text.line_height_in(6.5, footer.count("\n") + 1) + 0.18
    caption_text = text.wrap(notes_text, footer_w, 8) if notes_text else ""
    caption_in = text.line_height_in(8, caption_text.count("\n") + 1) + 0.12 if caption_text else 0.0
    title_in = 0.78
    map_bottom = banner_in + footer_in + caption_in + 0.2  # room for the degree labels
    map_top = height_in - banner_in - title_in
    map_w, map_h = width_in - PANEL_IN - MARGIN_IN - 0.15, map_top - map_bottom
    ax = fig.add_axes((MARGIN_IN / width_in, map_bottom / height_in, map_w / width_in, map_h / height_in))
    x0, x1, y0, y1 = fit_to_aspect(bbox, map_w, map_h)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    (lw, le), (ls, ln) = layers.FROM_MERC.transform([x0, x1], [y0, y1])
    frame_bbox = (float(lw), float(ls), float(le), float(ln))
    # What the page shows: the header's count, the legend and the notes speak of the events in the frame, not
    # of every event of the filters (a linked view frames a few of them).
    in_frame = located[located.intersects(shapely.box(*frame_bbox))]
    width_km = frame.geodesic_m(lw, (ls + ln) / 2, le, (ls + ln) / 2) / 1000

    layers.draw_basemap(ax, reference, frame_bbox, view.overlays, width_km)
    refs = layers.draw_reference(ax, reference, frame_bbox, view.overlays)
    placer = layers.LabelPlacer(ax, canvas.get_renderer())
    # The scale bar's and north arrow's corners are taken before any label is placed: an event's label put
    # there first was half hidden under the scale bar's white box.
    for box in _corner_boxes(ax):
        placer.block(box)
    # Region/country-level events and own shapes are their area, never a pin (the web map's rule).
    as_area = drawn_as_area(located)
    pinned = located[~as_area]
    codes = (
        event_sidcs(pinned["event_type"].tolist(), pinned["actors"].tolist(), affiliations or {})
        if "symbols" in view.overlays
        else None
    )
    drawn, clusters = events_layer.draw_events(ax, placer, pinned, view.selected, codes)
    # Under the markers by zorder; a grouped event's circle is left out with its marker (as on the web map).
    alone = {d.id for d in drawn} | set(located.loc[as_area, "id"].astype(str)) if clusters else None
    mine = (
        located["id"].astype(str).isin(alone).to_numpy() if alone is not None else np.ones(len(located), bool)
    )
    footprints = with_circles(located, footprints, np.flatnonzero(mine))
    events_layer.draw_footprints(ax, located, footprints, view.overlays, alone)
    label_areas(placer, located, as_area, footprints, view.overlays)
    if distance is not None:
        frame.draw_distance(ax, placer, distance)
    scale = frame.draw_scale_bar(ax)
    frame.draw_north_arrow(ax)
    if {"lines", "zone"} & set(view.overlays):
        layers.draw_reference_labels(placer, reference, frame_bbox, width_km)
    layers.draw_country_labels(placer, reference, frame_bbox)
    if "places" in view.overlays:
        layers.draw_places(ax, placer, reference, frame_bbox, width_km, arabic_names)
    frame.label_graticule(ax)
    for spine in ax.spines.values():
        spine.set_linewidth(0.8)
        spine.set_color("#444444")

    legend_ax = fig.add_axes(
        (
            (width_in - PANEL_IN - 0.1) / width_in,
            map_bottom / height_in,
            PANEL_IN / width_in,
            map_h / height_in,
        )
    )
    legend_ax.set_xlim(0, PANEL_IN)
    legend_ax.set_ylim(0, map_h)
    legend_ax.set_axis_off()
    present = {c: set(in_frame[c].unique()) for c in ("event_type", "claim_status", "time_precision")}
    types = [k for k in EVENT_TYPES if k in present["event_type"]]
    statuses = [k for k in CLAIM_STATUSES if k in present["claim_status"]]
    has_circle = (footprints["kind"] == "circle").to_numpy()
    circles = bool(has_circle.any()) and "uncertainty" in view.overlays
    precisions = [k for k in TIME_PRECISIONS if k in present["time_precision"]]
    counts = in_frame["event_type"].value_counts().to_dict()  # a full panel leaves the rarest types out
    entries = legend.legend_entries(
        types, statuses, precisions, sorted(set(refs)), circles, distance is not None, counts
    )
    sides = sorted({parse_sidc(c)[0] for c in codes or () if c}, key=list(AFFILIATIONS).index)
    entries += [legend.LegendEntry("symbol", f"APP-6D: {side}", {"side": side}) for side in sides]
    if clusters:
        entries.append(legend.LegendEntry("cluster", "Grouped events (count)", {}))
    notes = text.notes(
        shown,
        located,
        distance,
        bands=any(r.startswith("limitation-") for r in refs),
        footprints="uncertainty" in view.overlays,
        areas_left_off=areas_left_off(located, as_area, view.overlays),
        outside=(len(apply_view(events, view.with_(bbox=None))) - len(shown) if view.bbox else 0)
        + len(located)
        - len(in_frame),
    )
    legend_labels = legend.draw_legend(legend_ax, entries, notes)

    subtitle = text.window_line(view, shown, as_of, drawn=len(in_frame))
    top = height_in - banner_in
    title_line, title_pt = text.fit_line(title, width_in - 2 * MARGIN_IN, 15, 11, "bold")
    fig.text(
        MARGIN_IN / width_in,
        (top - 0.16) / height_in,
        title_line,
        fontsize=title_pt,
        fontweight="bold",
        va="top",
        color=frame.INK,
    )
    fig.text(
        MARGIN_IN / width_in, (top - 0.52) / height_in, subtitle, fontsize=9, va="top", color=frame.MUTED
    )
    if caption_text:
        fig.text(
            MARGIN_IN / width_in,
            (map_bottom - 0.2) / height_in,
            caption_text,
            fontsize=8,
            va="top",
            color=frame.INK,
            style="italic",
        )
    fig.text(
        MARGIN_IN / width_in,
        (banner_in + footer_in - 0.08) / height_in,
        footer,
        fontsize=6.5,
        va="top",
        color=frame.MUTED,
        linespacing=1.3,
    )
    if banner:
        frame.draw_banner(fig, banner, height_in - banner_in, banner_in)
        frame.draw_banner(fig, banner, 0.0, banner_in)
    return Snapshot(
        figure=fig,
        map_ax=ax,
        legend_ax=legend_ax,
        bbox=frame_bbox,
        events=drawn,
        not_located=list(shown.loc[~shown.index.isin(located.index), "id"]),
        scale_bar=scale,
        legend_labels=legend_labels,
        texts={
            "title": title,
            "subtitle": subtitle,
            "sources": sources,
            "attribution": text.ATTRIBUTION,
            "caption": notes_text,
            "banner": banner or "",
        },
        distance=distance,
        clusters=clusters,
    )


def _corner_boxes(ax: Axes) -> list:
    """Display boxes of the scale bar and north arrow corners, kept free of labels."""
    from matplotlib.transforms import Bbox

    b = ax.bbox
    px = ax.figure.dpi
    return [
        Bbox.from_extents(b.x0, b.y0, b.x0 + 0.36 * b.width, b.y0 + 0.13 * b.height),
        Bbox.from_extents(b.x1 - 0.55 * px, b.y1 - 0.75 * px, b.x1, b.y1),
    ]


def _format(out_path: Path, fmt: str | None) -> str:
    fmt = (fmt or out_path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise SnapshotError(f"snapshot format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    return fmt


def _save(snap: Snapshot, target: Any, fmt: str, dpi: float) -> None:
    title = snap.texts["title"]
    by_format: dict[str, dict[str, Any]] = {
        "png": {"Title": title, "Software": "sitmap"},
        "svg": {"Title": title, "Creator": "sitmap", "Date": None},
        "pdf": {"Title": title, "Creator": "sitmap", "Producer": "sitmap (matplotlib)", "CreationDate": None},
    }
    with matplotlib.rc_context(text.RC):
        # PNG at zlib's default level, not PIL's `optimize`: on a 300 dpi page that search took 7.3 s of a
        # render to save 1.5% of the file (2.11 MB against 2.15 MB, measured on the Golan benchmark page).
        snap.figure.savefig(target, format=fmt, dpi=dpi, metadata=by_format[fmt])


def render_snapshot(
    events: gpd.GeoDataFrame,
    reference: Any,
    view: View,
    out_path: Path | str,
    *,
    title: str,
    caption: str | None = None,
    dpi: float = 200,
    size_in: tuple[float, float] = (10, 7.5),
    banner: str | None = None,
    distance_to: str | tuple[str, str] | None = None,
    arabic_names: bool = False,
    as_of: date | None = None,
    affiliations: Mapping[str, Affiliation] | None = None,
) -> Path:
    """Render the view to a PNG, SVG or PDF file (format from the suffix) and return its path.

    `events` is the whole store's frame (the view filters it); `reference` the loaded geodata (None draws
    events on a plain background); `distance_to` a reference id measured from `view.selected`, or an
    (event id, reference id) pair; `banner` an optional caveat/classification line drawn top and bottom;
    `affiliations` each actor's side for the `symbols` overlay (`sitmap.symbology`; unknown without it).
    """
    out_path = Path(out_path)
    fmt = _format(out_path, None)
    snap = build_snapshot(
        events,
        reference,
        view,
        title=title,
        caption=caption,
        dpi=dpi,
        size_in=size_in,
        banner=banner,
        distance_to=distance_to,
        arabic_names=arabic_names,
        as_of=as_of,
        affiliations=affiliations,
    )
    # Rendered in memory, then swapped in: a failed render leaves any previous file as it was.
    buf = io.BytesIO()
    _save(snap, buf, fmt, dpi)
    atomic_write_bytes(out_path, buf.getvalue())
    return out_path


def snapshot_bytes(
    events: gpd.GeoDataFrame, reference: Any, view: View, fmt: str = "png", **kwargs: Any
) -> bytes:
    """The snapshot as bytes (for a download button); same keyword arguments as `render_snapshot`."""
    fmt = _format(Path(f"x.{fmt}"), fmt)
    snap = build_snapshot(events, reference, view, **kwargs)
    buf = io.BytesIO()
    _save(snap, buf, fmt, kwargs.get("dpi", 200))
    return buf.getvalue()
