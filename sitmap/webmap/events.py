"""The events of a view as the columnar payload the browser's events layer draws (`sitmap.webmap.js`).

Region and country precision become areas (never a confident pin), events without geometry are left
out, and every text value is HTML-escaped here, before it reaches JSON, JS or a template.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from sitmap.bidi import FSI, PDI
from sitmap.footprints import drawn_as_area, event_footprints, period_label
from sitmap.reference.layers import Reference
from sitmap.style import CLUSTER_ABOVE, CLUSTER_CELL_MARKERS, MARKER_RADIUS, TIME_ALPHA
from sitmap.symbology import Affiliation, event_sidcs
from sitmap.view import View
from sitmap.vocabulary import CLAIM_STATUSES, EVENT_TYPES, GEO_PRECISIONS, TIME_PRECISIONS, event_type
from sitmap.webmap.cells import GridCounts, cell_payload

# The grid of counts (sitmap.style.CLUSTER_ABOVE) applies below this zoom.
CLUSTER_MAX_ZOOM = 13
NEAR_REFERENCE_M = 150_000  # the distance line is drawn for a selected event this close
SUMMARY_CHARS = 300  # popups show this much; the side panel shows the full text (and a capped map
# layer, sitmap.webmap.cells, stays a few MB with the longest summaries)


def escape_text(value: object) -> str:
    """Untrusted text (from reports) made safe for HTML and for folium's Jinja templates.

    `html.escape` covers tags, attributes and `</script>`; braces become entities so the text can
    never open a Jinja block (`{{`, `{%`) when folium renders a script's output again.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"),
            ("{", "&#123;"), ("}", "&#125;"))  # fmt: skip


def _escape_series(values: pd.Series) -> list[str]:
    """`escape_text` over a column, vectorised (the same replacements, `&` first)."""
    text = values.astype(object).where(values.notna(), "").astype(str)
    for old, new in _ESCAPES:
        text = text.str.replace(old, new, regex=False)
    return text.tolist()


def _isolated(values: pd.Series) -> pd.Series:
    """Place names as bidi isolates (`sitmap.bidi`): an Arabic name cannot reorder the line around it."""
    text = values.astype(object).where(values.notna(), "").astype(str)
    return text.where(text == "", FSI + text + PDI)


def _date_labels(events: pd.DataFrame) -> list[str]:
    """`footprints.period_label` per event, escaped (formatted once per distinct period: events share a
    few hundred periods, not one each); the raw date where the bounds are missing."""
    keys = pd.DataFrame(
        {
            "start": pd.to_datetime(events["start"]).to_numpy(),
            "end": pd.to_datetime(events["end"]).to_numpy(),
            "prec": events["time_precision"].fillna("day").to_numpy(),
            "raw": events["date"].fillna("").astype(str).to_numpy(),
        }
    )
    codes, uniques = pd.MultiIndex.from_frame(keys).factorize()
    labels = [
        escape_text(raw if pd.isna(start) or pd.isna(end) else period_label(start, end, prec))
        for start, end, prec, raw in uniques
    ]
    return [labels[c] for c in codes]


DAY_NS = 86_400 * 10**9


def day_numbers(events: pd.DataFrame) -> tuple[list[int | None], list[int | None]]:
    """Each event's first and last day as days since 1970-01-01, for the browser's time filter
    (`js/timefilter.js`): a window [a, b] of days shows an event when `te >= a` and `ts <= b`, which is
    `sitmap.view.filtering.time_mask`'s rule (the start rounded up, the end down: a start at 10:00 is not
    on or before that day's midnight). None where the bound is missing (never shown in a window)."""
    out = []
    for column, rounding in (("start", np.ceil), ("end", np.floor)):
        ns = pd.to_datetime(events[column]).to_numpy(dtype="datetime64[ns]").astype("int64")
        days = rounding(ns / DAY_NS)
        missing = pd.isna(events[column]).to_numpy()
        out.append([None if m else int(d) for d, m in zip(days, missing, strict=True)])
    return out[0], out[1]


def event_payload(
    events: gpd.GeoDataFrame,
    view: View,
    reference: Reference | None,
    *,
    distance_to: str = "area-of-separation",
    cluster_above: int = CLUSTER_ABOVE,
    cell_deg: float | GridCounts | None = None,
    note: str = "",
    affiliations: Mapping[str, Affiliation] | None = None,
    radius: int = MARKER_RADIUS,
) -> dict:
    """The columnar data the browser's events layer draws (public for tests and benchmarks).

    `radius`: the markers' size in px; the clustering rule is in marker sizes (`cluster_rule`).

    With `cell_deg`, the events are counted per grid cell instead (`sitmap.webmap.cells`) and the event
    columns are empty; `note` is a line the map shows over the layer (what it holds, when not everything).
    With the `symbols` overlay, `sidc` holds each event's APP-6(D) code (`sitmap.symbology`; None for a plain
    marker), its actors' sides from `affiliations` (every actor unknown without it)."""
    counted = cell_payload(events, cell_deg) if cell_deg is not None else None
    if counted is not None:
        events = events.iloc[:0]
    ev = events[events.geometry.notna() & ~events.geometry.is_empty].reset_index(drop=True)
    n = len(ev)
    type_keys = [event_type(k).key for k in ev["event_type"].tolist()]
    present = sorted(set(type_keys), key=list(EVENT_TYPES).index)
    if counted is not None:
        present = counted["type_keys"]
    t_codes = pd.Categorical(type_keys, categories=present).codes
    claims, tps, gps = list(CLAIM_STATUSES), list(TIME_PRECISIONS), list(GEO_PRECISIONS)
    c_codes = pd.Categorical(ev["claim_status"], categories=claims).codes.clip(min=0)
    tp_codes = pd.Categorical(ev["time_precision"], categories=tps).codes.clip(min=0)
    gp_codes = pd.Categorical(ev["geo_precision"], categories=gps).codes.clip(min=0)

    geoms = ev.geometry.array
    is_point = np.asarray(shapely.get_type_id(geoms) == 0)
    as_area = drawn_as_area(ev)
    xs = np.where(is_point, shapely.get_x(geoms), np.nan)
    ys = np.where(is_point, shapely.get_y(geoms), np.nan)
    unc = ev["uncertainty_m"].astype(float).to_numpy()

    def nullable(values: np.ndarray, mask: np.ndarray, digits: int) -> list:
        return [None if (m or v != v) else round(float(v), digits) for v, m in zip(values, mask, strict=True)]

    ids = _escape_series(ev["id"])
    # The "Location uncertainty" overlay governs every footprint: off, vague events are left off the map
    # (they stay in the payload's columns, the list and the counts) rather than drawn as a confident pin.
    uncertainty = "uncertainty" in view.overlays
    areas, shapes = _areas(ev, as_area, reference, type_keys) if uncertainty else ([], {})
    selected = (
        ids.index(escape_text(view.selected)) if view.selected and escape_text(view.selected) in ids else None
    )
    texts = ev["summary"].fillna("").astype(str)  # str: an empty frame's columns may be of floats
    summaries = texts.str.slice(0, SUMMARY_CHARS).where(
        texts.str.len() <= SUMMARY_CHARS, texts.str.slice(0, SUMMARY_CHARS) + "…"
    )
    ts, te = day_numbers(ev)
    counts = np.bincount(t_codes, minlength=len(present)).tolist() if n else []
    if counted is not None:
        counts = counted["counts"]
    with_symbols = "symbols" in view.overlays
    symbols = event_sidcs(type_keys, ev["actors"].tolist(), affiliations or {}) if with_symbols else []
    return {
        "id": ids,
        "ts": ts,
        "te": te,
        "x": nullable(xs, as_area, 5),
        "y": nullable(ys, as_area, 5),
        "t": t_codes.tolist(),
        "c": c_codes.tolist(),
        "tp": tp_codes.tolist(),
        "gp": gp_codes.tolist(),
        "u": nullable(unc, np.zeros(n, dtype=bool), 0),
        "d": _date_labels(ev),
        "loc": _escape_series(_isolated(ev["location"])),
        "sum": _escape_series(summaries),
        "types": [
            {
                "key": k,
                "label": escape_text(event_type(k).label),
                "colour": event_type(k).colour,
                "glyph": event_type(k).marker,
                "ink": event_type(k).ink,
            }
            for k in present
        ],
        "counts": counts,
        "claims": [
            {"key": k, "label": escape_text(v["label"]), "solid": bool(v["solid"]), "dash": v["dash"]}
            for k, v in CLAIM_STATUSES.items()
        ],
        "tps": [
            {"key": k, "label": escape_text(v["label"]), "alpha": TIME_ALPHA.get(k, 1.0)}
            for k, v in TIME_PRECISIONS.items()
        ],
        "gps": [{"key": k, "label": escape_text(v["label"])} for k, v in GEO_PRECISIONS.items()],
        "areas": areas,
        "shapes": shapes,
        "selected": selected,
        "sidc": symbols,
        "distance": _distance(ev, selected, reference, distance_to),
        "uncertainty": uncertainty,
        "radius": radius,
        "clusterAbove": cluster_rule(cluster_above, radius)[0],
        "clusterMaxZoom": CLUSTER_MAX_ZOOM,
        "cells": counted["cells"] if counted else None,
        "note": escape_text(note),
        "clusterCell": cluster_rule(cluster_above, radius)[1],
    }


def cluster_rule(cluster_above: int, radius: int) -> tuple[int, int]:
    """(events in view above which markers of `radius` px are grouped, the grid's cell in px): grouped
    when they would cover as much of the screen as `cluster_above` markers of the map page's size, on a
    grid of `CLUSTER_CELL_MARKERS` marker widths; so larger markers (briefing's) group sooner."""
    return round(cluster_above * (MARKER_RADIUS / radius) ** 2), round(CLUSTER_CELL_MARKERS * 2 * radius)


def _areas(
    ev: gpd.GeoDataFrame, as_area: np.ndarray, reference: Reference | None, type_keys: list[str]
) -> tuple[list[dict], dict[str, Any]]:
    """Region/country events become areas (never pins); events with their own polygon draw it.

    The shape is `footprints.event_footprints`' (the snapshot draws the same): the country's outline,
    the admin-1 area, the event's own geometry, or, with no reference match, a circle of the
    uncertainty radius. Events sharing a reference area and a type share one drawn shape.
    """
    rows = np.flatnonzero(as_area)
    fp = event_footprints(ev.iloc[rows], reference)
    kinds, ref_ids, names = fp["kind"].tolist(), fp["ref_id"].tolist(), fp["name"].tolist()
    radii, shapes_ = fp["radius_m"].to_numpy(), fp.geometry.array
    geoms, precision = ev.geometry.array[rows], ev["geo_precision"].to_numpy()[rows]
    locations = ev["location"].tolist()
    groups: dict[tuple, dict] = {}
    shapes: dict[str, Any] = {}
    areas: list[dict] = []
    for k, i in enumerate(rows.tolist()):
        kind = kinds[k]
        if kind == "own_area":
            shapes[f"e{i}"] = shapely.geometry.mapping(geoms[k])
            label = escape_text(locations[i] or "area")
            areas.append({"kind": "own", "shape": f"e{i}", "idx": [i], "name": "", "label": label})
            continue
        if kind == "circle":
            radius = float(radii[k])
            label = escape_text(f"{precision[k]}-level placement, ± {radius / 1000:.0f} km")
            circle = [round(geoms[k].x, 5), round(geoms[k].y, 5), radius]
            areas.append({"kind": "circle", "circle": circle, "idx": [i], "name": "", "label": label})
            continue
        key = f"{kind}:{ref_ids[k]}"
        group = groups.get((key, type_keys[i]))
        if group is None:
            if key not in shapes:
                shapes[key] = shapely.geometry.mapping(shapes_[k])
            what = {"country": "country", "zone": "area"}.get(kind, "province/region")
            label = escape_text(f"{names[k]} ({what}-level placement)")
            group = {"kind": kind, "shape": key, "idx": [], "name": escape_text(names[k]), "label": label}
            groups[(key, type_keys[i])] = group
            areas.append(group)
        group["idx"].append(i)
    return areas, shapes


def _distance(
    ev: gpd.GeoDataFrame, selected: int | None, reference: Reference | None, ref_id: str
) -> dict | None:
    """The line from the selected event to the nearest point of `ref_id`, if it is near."""
    if selected is None or reference is None:
        return None
    from sitmap.geometry import distance_to_reference

    try:
        ref_geom = reference.geometry(ref_id)
    except (KeyError, AttributeError):
        return None
    unc = ev["uncertainty_m"].iloc[selected]
    result = distance_to_reference(
        ev.geometry.iloc[selected], ref_geom, float(unc) if unc == unc and unc else 0.0, ref_id
    )
    if result.distance_km * 1000 > NEAR_REFERENCE_M:
        return None
    (elon, elat), (nlon, nlat) = result.event_point, result.nearest_point
    return {
        "from": [elat, elon],
        "to": [nlat, nlon],
        "label": escape_text(result.label()),
        "km": result.distance_km,
    }
