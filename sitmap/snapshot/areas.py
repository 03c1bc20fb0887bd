"""Labels of the events a snapshot draws as an area, not a pin (`sitmap.footprints.drawn_as_area`, the
web map's rule): a country or province outline, an event's own polygon or line, or the circle of an
area-level point that no reference unit holds. With no marker there, the label says what the outline is.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from sitmap.footprints import REFERENCE_AREAS, period_label
from sitmap.snapshot.events import drawn_footprints
from sitmap.snapshot.labels import LabelPlacer, around
from sitmap.snapshot.layers import merc, rtl, strip_brackets

SHOWN_NAMES = 3  # a label names this many places (or periods) of an area's events, then counts the rest
# Labels tried at most, areas with the most events first: at region scale a thousand vague events fill a
# hundred provinces, and each label tried is measured and costs the page room its pins need.
MAX_TRIED = 12


def _joined(values: list[str]) -> str:
    unique = list(dict.fromkeys(v for v in values if v))
    more = len(unique) - SHOWN_NAMES
    return "; ".join(unique[:SHOWN_NAMES]) + (f" +{more} more" if more > 0 else "")


def _area_keys(footprints: gpd.GeoDataFrame) -> list[str]:
    """What an event's label is shared by: its reference area, else the event alone."""
    kinds, refs = footprints["kind"].tolist(), footprints["ref_id"].tolist()
    return [
        f"{k}:{r}" if k in REFERENCE_AREAS else f"event:{i}"
        for k, r, i in zip(kinds, refs, range(len(kinds)), strict=True)
    ]


def areas_left_off(located: gpd.GeoDataFrame, as_area: np.ndarray, overlays: tuple[str, ...]) -> int:
    """How many region/country-level points have no shape at all: without the uncertainty overlay, which
    governs every footprint (as on the web map), they are not drawn."""
    points = np.asarray(shapely.get_type_id(np.asarray(located.geometry.array, dtype=object)) == 0)
    return 0 if "uncertainty" in overlays else int((as_area & points).sum())


def label_areas(
    placer: LabelPlacer,
    located: gpd.GeoDataFrame,
    as_area: np.ndarray,
    footprints: gpd.GeoDataFrame,
    overlays: tuple[str, ...],
) -> int:
    """One label (place names and dates; for many events the area, their number and months) per drawn
    area of the events drawn as areas (`as_area`): events sharing a reference area share it. Placed on the
    first event's point, else inside its area. Returns how many labels were placed."""
    drawn = drawn_footprints(located, footprints, overlays)  # one event per drawn area
    areas = located[as_area]
    if areas.empty or drawn.empty:
        return 0
    fp = footprints.loc[areas.index]
    keys = _area_keys(fp)
    shown = {keys[pos] for pos in np.flatnonzero(areas.index.isin(drawn.index))}
    geoms = np.asarray(areas.geometry.array, dtype=object)
    points = np.asarray(shapely.get_type_id(geoms) == 0)
    anchors = geoms.copy()
    anchors[~points] = shapely.point_on_surface(geoms[~points])
    xs, ys = merc(shapely.get_x(anchors), shapely.get_y(anchors))
    shapes = np.asarray(fp.geometry.array, dtype=object)
    groups: dict[str, list[int]] = {}
    for pos, key in enumerate(keys):
        if key in shown:
            groups.setdefault(key, []).append(pos)
    ids = areas["id"].astype(str).tolist()
    names = [
        rtl(strip_brackets(p)) if isinstance(p, str) and p else i
        for p, i in zip(areas["location"], ids, strict=True)
    ]
    periods = [
        period_label(s, e, p)
        for s, e, p in zip(areas["start"], areas["end"], areas["time_precision"], strict=True)
    ]
    spots = [(0.0, 0.0, "center", "center"), *around(4.0), *around(16.0), *around(32.0)]
    style: dict[str, Any] = {
        "fontsize": 7.5,
        "fontweight": "bold",
        "style": "italic",  # italic: an area's name, where a pin's label is upright
        "color": "#1a1a1a",
        "zorder": 8,
        "halo": 2.6,
        "linespacing": 1.05,
    }
    area_names = fp["name"].tolist()
    starts, ends = areas["start"].tolist(), areas["end"].tolist()
    placed = 0
    for members in sorted(groups.values(), key=len, reverse=True)[:MAX_TRIED]:
        at = members[0]
        if len({names[m] for m in members}) <= SHOWN_NAMES:
            text = _joined([names[m] for m in members]) + "\n" + _joined([periods[m] for m in members])
        else:  # many events in one area: the area, how many, and the months they span
            area = area_names[at] if isinstance(area_names[at], str) else ""
            span = period_label(min(starts[m] for m in members), max(ends[m] for m in members), "month")
            text = f"{area + ': ' if area else ''}{len(members)} events\n{span}"
        label = placer.place(xs[at], ys[at], text, spots, **style)
        shape = shapes[at]
        if label is None and shape is not None and not shape.is_empty:
            # A second place: inside the drawn area itself (a country's point may sit under a pin's label).
            ix, iy = merc(*shapely.point_on_surface(shape).coords[0])
            label = placer.place(ix, iy, text, spots, **style)
        placed += label is not None
    return placed
