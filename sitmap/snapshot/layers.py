"""What a snapshot draws under and around its events: vector basemap, 1974 reference overlays, places.

Everything is drawn in Web Mercator (EPSG:3857), the projection of the interactive map, so a snapshot
looks like the view it was taken from; distances are never read off this projection (the scale bar and the
distance annotation are geodesic, see `sitmap.snapshot.frame`). Colours and glyphs come from
`sitmap.vocabulary`, the same source the folium map uses. Events themselves: `sitmap.snapshot.events`.
"""

from __future__ import annotations

import re
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from pyproj import Transformer

from sitmap.snapshot.labels import LabelPlacer, around
from sitmap.style import ADMIN1, BORDER, LAND, REF_STYLES, SEA, ZONE

TO_MERC = Transformer.from_crs(4326, 3857, always_xy=True)
FROM_MERC = Transformer.from_crs(3857, 4326, always_xy=True)

PLACE = "#3b3b3b"
# The band fills are faint on screen (over tiles); on paper they get this much more opacity to read.
PAPER_FILL_BOOST = 1.6
LINE_DASHES = {"line-a": "-", "line-b": (0, (3.0, 1.7))}  # the app's "9 5" px dash, in line widths
DASH = (0, (2.2, 1.3))  # circles of uncertainty: finer than any claim-status dash


def claim_linestyle(status: str, linewidth: float) -> Any:
    """The app's dash for a claim status (`vocabulary.CLAIM_STATUSES[...]["dash"]`, CSS pixels) as a
    matplotlib linestyle for a line `linewidth` points wide: solid for confirmed events."""
    from sitmap.vocabulary import CLAIM_STATUSES

    dash = CLAIM_STATUSES.get(status, {}).get("dash")
    if not dash:
        return "-"
    # CSS px are 0.75 pt; matplotlib multiplies dash lengths by the line width.
    return (0, tuple(float(v) * 0.75 / linewidth for v in str(dash).split()))


MARKER_PT = 11.0  # marker diameter in points
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_BRACKETS = re.compile(r"\s*\(.*?\)")


def merc(lon: Any, lat: Any) -> tuple[Any, Any]:
    """Lon/lat (degrees) to Web Mercator metres; latitudes are clamped to Mercator's ±85°."""
    return TO_MERC.transform(lon, np.clip(lat, -85.0, 85.0))


def merc_geom(geom: Any) -> Any:
    return shapely.transform(geom, lambda xy: np.column_stack(merc(xy[:, 0], xy[:, 1])))


def _matplotlib_shapes_text() -> bool:
    """True when matplotlib lays text out with libraqm (3.11+): it then joins Arabic letters and orders
    right-to-left runs itself, and pre-shaped text would be reversed a second time."""
    from matplotlib import ft2font

    return bool(getattr(ft2font, "__libraqm_version__", ""))


def rtl(text: str) -> str:
    """Arabic text ready for matplotlib. With libraqm (matplotlib 3.11+) the logical text is right as it is
    (and stays logical in SVG, where the browser shapes it). Older matplotlib lays characters out one by
    one, left to right: there the text is shaped (arabic-reshaper) and put in visual order (python-bidi);
    without those packages the Arabic is dropped rather than drawn as disjoint, reversed letters."""
    if not _ARABIC.search(text) or _matplotlib_shapes_text():
        return text
    try:
        import arabic_reshaper
        from bidi.algorithm import get_display
    except ImportError:
        return _ARABIC.sub("", text).strip()
    return get_display(arabic_reshaper.reshape(text))


def strip_brackets(text: str) -> str:
    """'Tell al Mal (former SAA base)' -> 'Tell al Mal': labels stay short; the legend and notes explain."""
    return _BRACKETS.sub("", text).strip()


def halo(width: float = 2.5) -> list:
    """A white outline for lines drawn over busy ground (not for text: see `LabelPlacer.place`)."""
    return [patheffects.withStroke(linewidth=width, foreground="white")]


def geom_path(geom: Any) -> MplPath | None:
    """A (Multi)Polygon in map coordinates as one matplotlib Path (holes kept), or None if it has no area."""
    polys = [geom] if geom.geom_type == "Polygon" else list(getattr(geom, "geoms", []))
    verts, codes = [], []
    for poly in polys:
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            verts.append(xy)
            codes.append([MplPath.MOVETO] + [MplPath.LINETO] * (len(xy) - 2) + [MplPath.CLOSEPOLY])
    if not verts:
        return None
    return MplPath(np.concatenate(verts), np.concatenate(codes))


def _patch(geom: Any, **style: Any) -> PathPatch | None:
    """A (Multi)Polygon in map coordinates as one PathPatch (holes kept)."""
    path = geom_path(geom)
    return None if path is None else PathPatch(path, **style)


def draw_geom(ax: Axes, geom: Any, **style: Any) -> None:
    """Polygons as patches, lines as lines (`color`, `linewidth`, `linestyle`), in map coordinates.

    Patches are added as plain artists: the caller sets the axes' limits before drawing, and `add_patch`
    would recompute the data limits from every Bezier segment of every shape (most of a 10k-event render's
    time went there, for limits never used)."""
    if geom is None or geom.is_empty:
        return
    kind = geom.geom_type
    if kind in ("Polygon", "MultiPolygon"):
        if (patch := _patch(geom, **style)) is not None:
            ax.add_artist(patch)
    elif kind in ("LineString", "LinearRing", "MultiLineString"):
        parts = list(geom.geoms) if kind == "MultiLineString" else [geom]
        for part in parts:
            xy = np.asarray(part.coords)
            ax.plot(xy[:, 0], xy[:, 1], **style)
    elif kind in ("GeometryCollection", "MultiPoint"):
        for part in getattr(geom, "geoms", []):
            if part.geom_type != "Point":
                draw_geom(ax, part, **style)


def clip_layer(
    frame: gpd.GeoDataFrame | None, bbox_ll: tuple[float, float, float, float]
) -> gpd.GeoDataFrame:
    """Rows near the extent, clipped to it plus a margin, so projecting and drawing stay cheap."""
    if frame is None or frame.empty:
        return gpd.GeoDataFrame({"id": []}, geometry=[], crs=4326)
    w, s, e, n = bbox_ll
    mw, mh = (e - w) * 0.2, (n - s) * 0.2
    box = (w - mw, max(s - mh, -85.0), e + mw, min(n + mh, 85.0))
    hit = frame[frame.geometry.notna() & frame.geometry.intersects(shapely.box(*box))]
    if hit.empty:
        return hit
    return hit.set_geometry(hit.geometry.clip_by_rect(*box))


# --- basemap and reference overlays --------------------------------------------------------------------


def draw_basemap(
    ax: Axes, reference: Any, bbox_ll: tuple, overlays: tuple[str, ...], width_km: float
) -> None:
    """Sea (the axes background), land and country borders; admin-1 borders when that overlay is on."""
    ax.set_facecolor(SEA)
    if reference is None:
        return
    for geom in clip_layer(reference.countries, bbox_ll).geometry.to_crs(3857):
        draw_geom(ax, geom, facecolor=LAND, edgecolor=BORDER, linewidth=0.8, zorder=1)
    if "admin1" in overlays and width_km < 1500:  # province borders are noise on a regional map
        for geom in clip_layer(reference.admin1, bbox_ll).geometry.to_crs(3857):
            draw_geom(ax, geom.boundary, color=ADMIN1, linewidth=0.5, linestyle=(0, (3, 2)), zorder=1.2)


def draw_reference(ax: Axes, reference: Any, bbox_ll: tuple, overlays: tuple[str, ...]) -> list[str]:
    """The 1974 Area of Separation, Lines A/B and limitation bands; returns the ids drawn (for the legend)."""
    if reference is None or reference.zone is None:
        return []
    zone = clip_layer(reference.zone, bbox_ll)
    if zone.empty:
        return []
    zone = zone.set_geometry(zone.geometry.to_crs(3857))
    drawn: list[str] = []
    if "bands" in overlays:
        for _, row in zone[zone["kind"] == "band"].iterrows():
            style = REF_STYLES.get(row["id"], REF_STYLES["default"])
            fill = min(1.0, style.get("fillOpacity", 0.1) * PAPER_FILL_BOOST)
            draw_geom(ax, row.geometry, facecolor=style["color"], alpha=fill, edgecolor="none", zorder=1.5)
            draw_geom(
                ax,
                row.geometry,
                facecolor="none",
                edgecolor=style["color"],
                lw=0.5,
                zorder=1.5,
                linestyle=(0, (1, 2)),
                alpha=style.get("opacity", 0.55),
            )
            drawn.append(row["id"])
    if "zone" in overlays:
        for _, row in zone[zone["kind"] == "zone"].iterrows():
            draw_geom(ax, row.geometry, facecolor=ZONE, alpha=0.25, edgecolor="none", zorder=2)
            # Hatch only: the zone's edges are Lines A and B, drawn in their own styles on top.
            draw_geom(ax, row.geometry, facecolor="none", edgecolor=ZONE, hatch="////", lw=0, zorder=2.1)
            drawn.append(row["id"])
    if "lines" in overlays:
        for ref_id, dash in LINE_DASHES.items():
            for geom in zone.loc[zone["id"] == ref_id].geometry:
                colour = REF_STYLES[ref_id]["color"]
                draw_geom(
                    ax, geom, color=colour, linewidth=2.0, linestyle=dash, zorder=2.5, solid_capstyle="round"
                )
                drawn.append(ref_id)
    return drawn


def draw_reference_labels(placer: LabelPlacer, reference: Any, bbox_ll: tuple, width_km: float) -> None:
    """'Line A' / 'Line B' beside their lines and the zone's name, as the app labels them (local views)."""
    if reference is None or reference.zone is None or width_km > 400:
        return
    view = shapely.box(*bbox_ll)
    zone = reference.zone
    for ref_id, text, side in (("line-a", "Line A", -1), ("line-b", "Line B", 1)):
        rows = zone[zone["id"] == ref_id]
        if rows.empty or not (part := rows.iloc[0].geometry.intersection(view)).length:
            continue
        for frac in (0.3, 0.7, 0.5):  # a few spots along the line, first that fits
            point = part.interpolate(frac, normalized=True)
            x, y = merc(point.x, point.y)
            ha = "right" if side < 0 else "left"
            colour = REF_STYLES[ref_id]["color"]
            if placer.place(
                x,
                y,
                text,
                [(6 * side, 0, ha, "center")],
                halo=2.2,
                fontsize=7.5,
                color=colour,
                fontweight="bold",
                style="italic",
                zorder=5,
            ):
                break
    rows = zone[zone["id"] == "area-of-separation"]
    if not rows.empty and not (part := rows.iloc[0].geometry.intersection(view)).is_empty:
        point = part.representative_point()
        x, y = merc(point.x, point.y)
        placer.place(
            x,
            y,
            "Area of\nSeparation",
            around(0, 1) + around(10),
            halo=2,
            fontsize=6.5,
            color=ZONE,
            style="italic",
            zorder=5,
        )


_PLACE_RANK = {"city": 0, "capital": 0, "town": 1, "base": 2, "site": 2, "hill": 2, "village": 3}


def draw_places(
    ax: Axes, placer: LabelPlacer, reference: Any, bbox_ll: tuple, width_km: float, arabic: bool
) -> int:
    """Place dots and names, most important first, skipping any that would collide; returns how many."""
    if reference is None or reference.places is None or reference.places.empty:
        return 0
    w, s, e, n = bbox_ll
    places = reference.places[reference.places.geometry.within(shapely.box(w, s, e, n))]
    # Wide views keep only cities (and towns under ~600 km across) so the labels stay legible.
    max_rank = 0 if width_km > 1500 else 1 if width_km > 600 else 3
    rank = places["kind"].map(_PLACE_RANK).fillna(3)
    # Within a rank keep the file's order: curated places first, then GeoNames by population.
    places = places.assign(_rank=rank)[rank <= max_rank].sort_values("_rank", kind="stable")
    count = 0
    for _, row in places.head(300).iterrows():
        x, y = merc(row.geometry.x, row.geometry.y)
        if placer.covered(x, y):
            continue  # its dot would sit under a label or marker already placed: skip without measuring
        name = strip_brackets(str(row["name"]))
        if arabic and isinstance(row.get("name_ar"), str) and row["name_ar"]:
            name = f"{name}\n{rtl(row['name_ar'])}"
        size = 8.0 if row["_rank"] == 0 else 7.0
        if placer.place(x, y, name, around(4.5, 4), fontsize=size, color=PLACE, zorder=6, halo=2.2):
            ax.plot([x], [y], marker="o", ms=2.8, color=PLACE, mec="white", mew=0.5, zorder=5.5)
            count += 1
        if count >= 40:
            break
    return count


def draw_country_labels(placer: LabelPlacer, reference: Any, bbox_ll: tuple) -> None:
    if reference is None or reference.countries is None or reference.countries.empty:
        return
    view = shapely.box(*bbox_ll)
    countries = reference.countries[reference.countries.geometry.intersects(view)]
    for _, row in countries.iterrows():
        part = row.geometry.intersection(view)
        if part.is_empty or part.area < 0.03 * view.area:
            continue  # too little of the country is in view to label it without clutter
        point = part.representative_point()
        x, y = merc(point.x, point.y)
        spots = [(dx, dy, "center", "center") for dx, dy in ((0, 0), (0, 14), (0, -14), (28, 0), (-28, 0))]
        placer.place(
            x,
            y,
            str(row["name"]).upper(),
            spots,
            fontsize=9,
            color="#8a8a8a",
            fontweight="bold",
            zorder=3,
            halo=2,
        )
