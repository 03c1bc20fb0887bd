"""The events of a view as the columnar payload the browser's events layer draws (`sitmap.map_js`).

Region and country precision become areas (never a confident pin), events without geometry are left
out, and every text value is HTML-escaped here, before it reaches JSON, JS or a template.
"""

from __future__ import annotations

import html
import math
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from sitmap.filters import View
from sitmap.legend import MARKER_RADIUS, TIME_ALPHA
from sitmap.vocabulary import CLAIM_STATUSES, EVENT_TYPES, GEO_PRECISIONS, TIME_PRECISIONS, event_type

CLUSTER_ABOVE = 2500  # more points than this in view -> aggregate (below CLUSTER_MAX_ZOOM)
CLUSTER_MAX_ZOOM = 11
NEAR_REFERENCE_M = 150_000  # the distance line is drawn for a selected event this close
SUMMARY_CHARS = 600  # popups show this much; the app's side panel shows the full text


def escape_text(value: object) -> str:
    """Untrusted text (from reports) made safe for HTML and for folium's Jinja templates.

    `html.escape` covers tags, attributes and `</script>`; braces become entities so the text can
    never open a Jinja block (`{{`, `{%`) when folium renders a script's output again.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def _escape_series(values: pd.Series) -> list[str]:
    return [escape_text(v) for v in values.tolist()]


def _date_labels(events: pd.DataFrame) -> list[str]:
    start = pd.to_datetime(events["start"])
    end = pd.to_datetime(events["end"])
    prec = events["time_precision"].fillna("day").to_numpy()

    def fmt(ts: pd.Series) -> np.ndarray:
        day = ts.dt.day.astype("Int64").astype(str) + " " + ts.dt.strftime("%b %Y")
        out = np.where(prec == "month", ts.dt.strftime("%b %Y"), day)
        out = np.where(prec == "year", ts.dt.strftime("%Y"), out)
        return out.astype(object)

    first, last = fmt(start), fmt(end)
    label = np.where(prec == "week", "week of " + first.astype(str), first)
    ranged = events["date_end"].notna().to_numpy() & (first != last)
    label = np.where(ranged, first.astype(str) + " – " + last.astype(str), label)
    raw = events["date"].fillna("").astype(str).to_numpy()
    return [
        escape_text(lab if isinstance(lab, str) and "NaT" not in lab else r)
        for lab, r in zip(label, raw, strict=True)
    ]


def _area_lookup(frame: gpd.GeoDataFrame | None, names: list[str]) -> pd.Series:
    """Row position in `frame` for each name (case-insensitive on name, ne_name or iso3), -1 if none."""
    if frame is None or frame.empty:
        return pd.Series(-1, index=range(len(names)))
    index: dict[str, int] = {}
    for col in ("iso3", "ne_name", "name"):  # later columns win: `name` is the one written in events
        if col in frame.columns:
            for pos, v in enumerate(frame[col].tolist()):
                if isinstance(v, str) and v:
                    index[v.strip().lower()] = pos
    return pd.Series([index.get(str(n).strip().lower(), -1) if n else -1 for n in names])


def _containing(frame: gpd.GeoDataFrame | None, point: Any) -> int:
    if frame is None or frame.empty or point is None:
        return -1
    hits = frame.sindex.query(point, predicate="intersects")
    return int(hits[0]) if len(hits) else -1


def event_payload(
    events: gpd.GeoDataFrame,
    view: View,
    reference: Any,
    *,
    distance_to: str = "area-of-separation",
    cluster_above: int = CLUSTER_ABOVE,
) -> dict:
    """The columnar data the browser's events layer draws (public for tests and benchmarks)."""
    ev = events[events.geometry.notna() & ~events.geometry.is_empty].reset_index(drop=True)
    n = len(ev)
    type_keys = [event_type(k).key for k in ev["event_type"].tolist()]
    present = sorted(set(type_keys), key=list(EVENT_TYPES).index)
    t_codes = pd.Categorical(type_keys, categories=present).codes
    claims, tps, gps = list(CLAIM_STATUSES), list(TIME_PRECISIONS), list(GEO_PRECISIONS)
    c_codes = pd.Categorical(ev["claim_status"], categories=claims).codes.clip(min=0)
    tp_codes = pd.Categorical(ev["time_precision"], categories=tps).codes.clip(min=0)
    gp_codes = pd.Categorical(ev["geo_precision"], categories=gps).codes.clip(min=0)

    geoms = ev.geometry.array
    is_point = np.asarray(shapely.get_type_id(geoms) == 0)
    precision = ev["geo_precision"].to_numpy()
    as_area = ~is_point | np.isin(precision, ["region", "country"])
    xs = np.where(is_point, shapely.get_x(geoms), np.nan)
    ys = np.where(is_point, shapely.get_y(geoms), np.nan)
    unc = ev["uncertainty_m"].astype(float).to_numpy()

    def nullable(values: np.ndarray, mask: np.ndarray, digits: int) -> list:
        return [None if (m or v != v) else round(float(v), digits) for v, m in zip(values, mask, strict=True)]

    ids = _escape_series(ev["id"])
    areas, shapes = _areas(ev, as_area, is_point, reference, ids)
    selected = (
        ids.index(escape_text(view.selected)) if view.selected and escape_text(view.selected) in ids else None
    )
    summaries = (
        ev["summary"]
        .fillna("")
        .astype(str)
        .str.slice(0, SUMMARY_CHARS)
        .where(
            ev["summary"].fillna("").str.len() <= SUMMARY_CHARS,
            ev["summary"].str.slice(0, SUMMARY_CHARS) + "…",
        )
    )
    return {
        "id": ids,
        "x": nullable(xs, as_area, 5),
        "y": nullable(ys, as_area, 5),
        "t": t_codes.tolist(),
        "c": c_codes.tolist(),
        "tp": tp_codes.tolist(),
        "gp": gp_codes.tolist(),
        "u": nullable(unc, np.zeros(n, dtype=bool), 0),
        "d": _date_labels(ev),
        "loc": _escape_series(ev["location"]),
        "sum": _escape_series(summaries),
        "types": [
            {
                "key": k,
                "label": escape_text(event_type(k).label),
                "colour": event_type(k).colour,
                "glyph": event_type(k).marker,
            }
            for k in present
        ],
        "counts": np.bincount(t_codes, minlength=len(present)).tolist() if n else [],
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
        "distance": _distance(ev, selected, reference, distance_to),
        "uncertainty": "uncertainty" in view.overlays,
        "radius": MARKER_RADIUS,
        "clusterAbove": int(cluster_above),
        "clusterMaxZoom": CLUSTER_MAX_ZOOM,
    }


def _areas(
    ev: gpd.GeoDataFrame, as_area: np.ndarray, is_point: np.ndarray, reference: Any, ids: list[str]
) -> tuple[list[dict], dict[str, Any]]:
    """Region/country events become areas (never pins); events with their own polygon draw it.

    Country precision: the country's outline from geodata (by name, else the country containing the
    point); region precision: the admin-1 area (by name, else containing). Events sharing an area and
    type share one drawn shape. With no reference match, a circle of the uncertainty radius.
    """
    countries = getattr(reference, "countries", None)
    admin1 = getattr(reference, "admin1", None)
    rows = np.flatnonzero(as_area)
    country_pos = _area_lookup(countries, ev["country"].iloc[rows].tolist()).to_numpy()
    admin_names = ev["admin1"].iloc[rows].fillna("").tolist()
    groups: dict[tuple, dict] = {}
    shapes: dict[str, Any] = {}
    areas: list[dict] = []
    for k, i in enumerate(rows):
        geom = ev.geometry.iloc[i]
        precision = ev["geo_precision"].iloc[i]
        etype = event_type(ev["event_type"].iloc[i]).key
        frame, pos, kind = None, -1, "own"
        if not is_point[i]:
            key = f"e{i}"
            shapes[key] = shapely.geometry.mapping(geom)
            areas.append(
                {
                    "kind": "own",
                    "shape": key,
                    "idx": [int(i)],
                    "name": "",
                    "label": escape_text(ev["location"].iloc[i] or "area"),
                }
            )
            continue
        if precision == "country":
            frame, pos, kind = countries, int(country_pos[k]), "country"
            if pos < 0:
                pos = _containing(countries, geom)
        else:
            frame, kind = admin1, "admin1"
            pos = _admin1_position(admin1, ev["country"].iloc[i], admin_names[k])
            if pos < 0:
                pos = _containing(admin1, geom)
        if pos >= 0:
            ref_id = str(frame["id"].iloc[pos])
            name = str(frame["name"].iloc[pos])
            key = f"{kind}:{ref_id}"
            if key not in shapes:
                shapes[key] = shapely.geometry.mapping(frame.geometry.iloc[pos])
            group = groups.get((key, etype))
            if group is None:
                label = f"{name} ({'country' if kind == 'country' else 'province/region'}-level placement)"
                group = {
                    "kind": kind,
                    "shape": key,
                    "idx": [],
                    "name": escape_text(name),
                    "label": escape_text(label),
                }
                groups[(key, etype)] = group
                areas.append(group)
            group["idx"].append(int(i))
        else:
            unc = ev["uncertainty_m"].iloc[i]
            radius = (
                float(unc)
                if unc == unc and unc
                else float(GEO_PRECISIONS[precision]["default_uncertainty_m"])
            )
            areas.append(
                {
                    "kind": "circle",
                    "circle": [round(geom.x, 5), round(geom.y, 5), radius],
                    "idx": [int(i)],
                    "name": "",
                    "label": escape_text(f"{precision}-level placement, ± {radius / 1000:.0f} km"),
                }
            )
    return areas, shapes


def _admin1_position(admin1: gpd.GeoDataFrame | None, country: object, name: object) -> int:
    if admin1 is None or not name:
        return -1
    wanted = str(name).strip().lower()
    same_country = admin1["country"].fillna("").str.lower() == str(country or "").strip().lower()
    for col in ("name", "ne_name"):
        if col in admin1.columns:
            hit = np.flatnonzero(
                same_country.to_numpy() & (admin1[col].fillna("").str.lower() == wanted).to_numpy()
            )
            if len(hit):
                return int(hit[0])
    return -1


def _distance(ev: gpd.GeoDataFrame, selected: int | None, reference: Any, ref_id: str) -> dict | None:
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
