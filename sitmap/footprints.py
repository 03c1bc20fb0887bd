"""Where an event could be, and when: one footprint and one date label per event, for the map and snapshot.

`event_footprints` gives each event the shape that honestly shows its location uncertainty, so the folium
map (`sitmap.webmap.events`) and the matplotlib snapshot (`sitmap.snapshot.events`) draw the same thing:

- an event with its own polygon or line keeps it (`own_area`);
- a point placed at country precision becomes that country's outline from `geodata/countries.geojson`
  (`country`), at region precision its admin-1 area (`admin1`): by name first, else the unit holding the
  point. A country-level point is never a confident pin, nor a circle spilling over the neighbours;
- a point placed at area precision on an area of the reference layers that gazetteer records name (the
  1974 Area of Separation, Lines A and B, two countries' border) becomes that polygon or line (`zone`);
- any other point is a geodesic circle of its stated `uncertainty_m` (`circle`); an area-precision point
  that no reference unit matches (at sea, say) gets a circle too, of its stated or default radius;
- no geometry, or a point with no stated uncertainty: nothing beyond the marker (`none`).

`period_label` is the one wording of an event's dates ("3 Mar 2025", "Nov 2023 – Dec 2024").
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from sitmap.geometry import GEOD
from sitmap.periods import period_end
from sitmap.reference.area_places import area_shape
from sitmap.reference.countries import COUNTRIES
from sitmap.reference.layers import Reference
from sitmap.vocabulary import GEO_PRECISIONS

KINDS = ("own_area", "country", "admin1", "zone", "circle", "none")
REFERENCE_AREAS = ("country", "admin1", "zone")  # shapes of the reference layers many events may share
AREA_PRECISIONS = ("region", "country")  # placed only to an area: drawn as that area, never as a pin
_COUNTRY_NAMES = {iso: name for name, (iso, _) in COUNTRIES.items()}
CIRCLE_VERTICES = 72  # as `sitmap.geometry.uncertainty_circle`


# ---------------------------------------------------------------- footprints
def drawn_as_area(events: gpd.GeoDataFrame) -> np.ndarray:
    """Which events every map draws as an area and never as a pin (web map, snapshot, KML): those with
    their own polygon or line, and points placed only to a region or country (`AREA_PRECISIONS`)."""
    geoms = np.asarray(events.geometry.array, dtype=object)
    is_point = np.asarray(shapely.get_type_id(geoms) == 0)
    precision = events["geo_precision"].fillna("").astype(str).to_numpy()
    return ~is_point | np.isin(precision, AREA_PRECISIONS)


def _name_index(frame: gpd.GeoDataFrame | None, with_country: bool) -> dict[tuple[str, str], int]:
    """(country, name) or ("", name) -> row position, over `name`, `ne_name` and `iso3`, lower-cased."""
    index: dict[tuple[str, str], int] = {}
    if frame is None or frame.empty:
        return index
    country = frame["country"].fillna("").str.lower().tolist() if with_country else [""] * len(frame)
    for col in ("iso3", "ne_name", "name"):  # later columns win: `name` is the one events use
        if col in frame.columns:
            for pos, (c, v) in enumerate(zip(country, frame[col].tolist(), strict=True)):
                if isinstance(v, str) and v:
                    index[(c, v.strip().lower())] = pos
    return index


def _containing(frame: gpd.GeoDataFrame | None, points: np.ndarray) -> np.ndarray:
    """Row position of the polygon of `frame` containing each point, -1 where none does."""
    out = np.full(len(points), -1, dtype=np.int64)
    if frame is None or frame.empty or not len(points):
        return out
    src, hit = frame.sindex.query(points, predicate="intersects")
    out[src[::-1]] = hit[::-1]  # the first hit per point wins
    return out


def geodesic_circles(
    lons: np.ndarray, lats: np.ndarray, radii_m: np.ndarray, n: int = CIRCLE_VERTICES
) -> np.ndarray:
    """Geodesic circles (EPSG:4326 polygons, counter-clockwise) around many points at once.

    The same construction as `sitmap.geometry.uncertainty_circle` (n azimuths, WGS84 forward problem),
    in one pyproj call for all points instead of one per point.
    """
    k = len(lons)
    if not k:
        return np.empty(0, dtype=object)
    az = np.tile(np.linspace(360.0, 0.0, n, endpoint=False), k)  # decreasing azimuth: CCW ring
    rep = np.repeat
    x, y, _ = GEOD.fwd(rep(lons, n), rep(lats, n), az, rep(np.asarray(radii_m, dtype=float), n))
    rings = np.column_stack([x, y]).reshape(k, n, 2)
    return np.asarray(shapely.polygons(rings), dtype=object)


def _zones(
    events: gpd.GeoDataFrame, area: np.ndarray, reference: Reference | None
) -> dict[int, tuple[str, Any]]:
    """Position -> (record id, geometry) of the area-precision events placed on an area record of the
    reference layers (`area_places.area_shape`: the 1974 zone and lines, a border), by their location."""
    if reference is None or "location" not in events.columns:
        return {}
    locations = events["location"].to_numpy(dtype=object)
    rows = [i for i in np.flatnonzero(area).tolist() if isinstance(locations[i], str) and locations[i]]
    # each name's shape once: many events share a border or the zone, and a border is cut from the
    # country polygons anew on every call
    shapes = {name: area_shape(reference, name, _COUNTRY_NAMES) for name in {locations[i] for i in rows}}
    return {i: hit for i in rows if (hit := shapes[locations[i]]) is not None}


def event_footprints(
    events: gpd.GeoDataFrame, reference: Reference | None, *, circles: bool = True
) -> gpd.GeoDataFrame:
    """The shape that honestly shows where each event could be (see the module docstring).

    Returns a GeoDataFrame (EPSG:4326) with the index of `events` and the columns `kind` (one of
    `KINDS`), `ref_id` (the countries/admin1 feature id for `country`/`admin1`, the area record's id for
    `zone`, else None), `name`
    (that feature's name), `radius_m` (for `circle`, else NaN) and `geometry` (None for `none`).
    `reference` is a `sitmap.reference.layers.Reference` or None (then area-precision points become circles).
    With `circles=False` the circles' outlines are left out (geometry None, kind and radius kept): a
    caller that draws few of many makes them with `with_circles`.
    """
    n = len(events)
    geoms = np.asarray(events.geometry.array, dtype=object)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    is_point = present & (shapely.get_type_id(geoms) == 0)
    precision = events["geo_precision"].fillna("").astype(str).to_numpy()
    unc = pd.to_numeric(events["uncertainty_m"], errors="coerce").to_numpy(dtype=float)
    stated = np.isfinite(unc) & (unc > 0)

    kind = np.full(n, "none", dtype=object)
    kind[present & ~is_point] = "own_area"
    out_geom = np.full(n, None, dtype=object)
    out_geom[present & ~is_point] = geoms[present & ~is_point]
    ref_id = np.full(n, None, dtype=object)
    name = np.full(n, None, dtype=object)
    radius = np.full(n, np.nan)

    # Without reference layers no point can be drawn as its area: those points become circles below.
    countries = reference.countries if reference is not None else None
    admin1 = reference.admin1 if reference is not None else None
    area = is_point & np.isin(precision, AREA_PRECISIONS)
    zoned = _zones(events, area, reference)  # placed on a zone, line or border: drawn as it
    for i, (rid, geom) in zoned.items():
        kind[i], ref_id[i], out_geom[i], name[i] = "zone", rid, geom, events["location"].iat[i]
    rows = np.flatnonzero(area & ~np.isin(np.arange(n), list(zoned)))
    if len(rows):
        is_country = precision[rows] == "country"
        cname = events["country"].fillna("").astype(str).str.strip().str.lower().to_numpy()[rows]
        aname = events["admin1"].fillna("").astype(str).str.strip().str.lower().to_numpy()[rows]
        by_country, by_admin = _name_index(countries, False), _name_index(admin1, True)
        pos = np.array(
            [
                by_country.get(("", c), -1) if is_c else by_admin.get((c, a), -1)
                for c, a, is_c in zip(cname, aname, is_country, strict=True)
            ],
            dtype=np.int64,
        )
        for level, frame, which in (("country", countries, is_country), ("admin1", admin1, ~is_country)):
            todo = np.flatnonzero((pos < 0) & which)
            pos[todo] = _containing(frame, geoms[rows[todo]])  # no name match: the unit holding the point
            hit = np.flatnonzero((pos >= 0) & which)
            if frame is None or not len(hit):
                continue
            at = rows[hit]
            kind[at] = level
            out_geom[at] = np.asarray(frame.geometry.array, dtype=object)[pos[hit]]
            ref_id[at] = frame["id"].astype(str).to_numpy()[pos[hit]]
            name[at] = frame["name"].astype(str).to_numpy()[pos[hit]]
        missed = rows[pos < 0]  # at sea or outside the reference layers: a circle, never a bare pin
        defaults = np.array([GEO_PRECISIONS[p]["default_uncertainty_m"] for p in precision[missed]], float)
        radius[missed] = np.where(stated[missed], unc[missed], defaults)
        kind[missed] = "circle"

    plain = np.flatnonzero(is_point & ~area & stated)
    radius[plain] = unc[plain]
    kind[plain] = "circle"
    at = np.flatnonzero(kind == "circle") if circles else np.empty(0, dtype=np.int64)
    if len(at):
        pts = geoms[at]
        out_geom[at] = geodesic_circles(shapely.get_x(pts), shapely.get_y(pts), radius[at])
    return gpd.GeoDataFrame(
        {"kind": kind, "ref_id": ref_id, "name": name, "radius_m": radius},
        geometry=gpd.GeoSeries(out_geom, index=events.index, crs="EPSG:4326"),
        index=events.index,
        crs="EPSG:4326",
    )


def with_circles(
    events: gpd.GeoDataFrame, footprints: gpd.GeoDataFrame, rows: np.ndarray
) -> gpd.GeoDataFrame:
    """`footprints` (made with `circles=False`) with the outlines of the circles at positions `rows` made,
    exactly as `event_footprints` makes them; other rows are left as they are."""
    geoms = np.asarray(footprints.geometry.array, dtype=object).copy()
    rows = np.asarray(rows, dtype=np.int64)
    at = rows[(footprints["kind"].to_numpy(dtype=object)[rows] == "circle") & shapely.is_missing(geoms[rows])]
    if not len(at):
        return footprints
    pts = np.asarray(events.geometry.array, dtype=object)[at]
    radius = footprints["radius_m"].to_numpy(dtype=float)[at]
    geoms[at] = geodesic_circles(shapely.get_x(pts), shapely.get_y(pts), radius)
    return footprints.set_geometry(gpd.GeoSeries(geoms, index=footprints.index, crs=footprints.crs))


# ---------------------------------------------------------------- dates
def _as_date(value: Any) -> date | None:
    """A day from a Timestamp, datetime64, date or ISO string; None for None/NaT/NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    ts = pd.Timestamp(value)
    return None if pd.isna(ts) else ts.date()


def _fmt(d: date, precision: str, month: str, with_year: bool = True) -> str:
    year = f" {d.year}" if with_year else ""
    if precision == "year":
        return f"{d.year}"
    if precision == "month":
        return f"{d:{month}}{year}"
    return f"{d.day} {d:{month}}{year}"


def period_label(start: Any, end: Any = None, precision: str | None = "day", *, short: bool = True) -> str:
    """An event's dates at its own precision: "3 Mar 2025", "week of 3 Mar 2025", "Apr 2024", "2018",
    and for an event that runs past its first period, the range: "Nov 2023 – Dec 2024", "1–4 Mar 2025".

    `start`/`end` are the event's inclusive bounds (the events frame's `start`/`end`); `end` None means
    the precision's own period. `short=False` writes month names in full ("3 March 2025"). Returns ""
    when `start` is missing.
    """
    first = _as_date(start)
    if first is None:
        return ""
    precision = precision if precision in ("day", "week", "month", "year") else "day"
    month = "%b" if short else "%B"
    last = _as_date(end)
    if last is None or last <= period_end(first, precision):
        head = _fmt(first, precision, month)
        return f"week of {head}" if precision == "week" else head
    if precision == "week":  # a run of weeks: the days it covers
        precision = "day"
    if precision == "year":
        return f"{first.year}–{last.year}"
    tail = _fmt(last, precision, month)
    if first.year != last.year:
        return f"{_fmt(first, precision, month)} – {tail}"
    if precision == "day" and first.month == last.month:
        return f"{first.day}–{tail}"  # 1–4 Mar 2025
    return f"{_fmt(first, precision, month, with_year=False)} – {tail}"  # 28 Feb – 4 Mar 2025, Apr – Jun 2024
