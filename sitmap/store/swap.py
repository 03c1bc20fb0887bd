"""The lat/lon swap check: a point outside its stated country whose swapped reading falls inside it."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from sitmap.model import Problem

_Row = tuple[dict[str, Any], str, str]  # (feature, source file, feature label), as in sitmap.store.load


@functools.lru_cache(maxsize=4)
def _country_shapes(path: str, _mtime_ns: int, _size: int) -> dict[str, Any]:
    """Country polygons by lower-case name and ISO3; cached per file state (the args are the key)."""
    frame = gpd.read_file(path)
    shapes: dict[str, Any] = {}
    for row in frame.itertuples():
        geom = row.geometry
        if geom is None:
            continue
        shapely.prepare(geom)
        for key in (getattr(row, "name", None), getattr(row, "iso3", None)):
            if isinstance(key, str) and key:
                shapes[key.strip().lower()] = geom
    return shapes


def swap_warnings(events: gpd.GeoDataFrame, rows: list[_Row], geodata_dir: Path) -> list[Problem]:
    """A point outside its stated country whose swapped reading falls inside it: likely lat/lon swapped."""
    return swap_warnings_at(events, lambda n: rows[n][1:], geodata_dir)


def swap_warnings_at(
    events: gpd.GeoDataFrame, where: Callable[[int], tuple[str, str]], geodata_dir: Path
) -> list[Problem]:
    """`swap_warnings`, each event's file and feature label given by `where` (its row: no list of rows)."""
    path = Path(geodata_dir) / "countries.geojson"
    if events.empty or not path.is_file():
        return []  # the check is optional: no country layer, no check
    is_point = np.asarray(events.geom_type == "Point") & events["country"].notna().to_numpy()
    if not is_point.any():
        return []
    st = path.stat()
    try:
        shapes = _country_shapes(str(path), st.st_mtime_ns, st.st_size)
    except Exception as e:  # noqa: BLE001 - any unreadable layer means "skip the check", said once
        return [
            Problem(
                str(path), "-", "-", f"country layer unreadable, lat/lon swap check skipped: {e}", "warning"
            )
        ]
    out = []
    xs, ys = shapely.get_x(events.geometry.values), shapely.get_y(events.geometry.values)
    countries = events["country"].to_numpy()
    by_country: dict[str, list[int]] = defaultdict(list)
    for n in np.flatnonzero(is_point):
        by_country[str(countries[n]).strip().lower()].append(int(n))
    for key, rows_of in by_country.items():
        shape = shapes.get(key)
        if shape is None:
            continue
        idx = np.asarray(rows_of)
        x, y = xs[idx], ys[idx]
        # Outside as written, a valid latitude when swapped, and inside when swapped.
        suspect = ~shapely.intersects_xy(shape, x, y) & (np.abs(x) <= 90)
        suspect &= shapely.intersects_xy(shape, y, x)
        for n, lon, lat in zip(idx[suspect], x[suspect], y[suspect], strict=True):
            file, label = where(int(n))
            out.append(
                Problem(
                    file,
                    label,
                    "geometry.coordinates",
                    f"[{lon:g}, {lat:g}] (lon {lon:g}, lat {lat:g}) is outside {countries[n]}, but "
                    f"[{lat:g}, {lon:g}] (lon {lat:g}, lat {lon:g}) is inside it: lat/lon swapped? "
                    "GeoJSON order is [lon, lat]",
                    "warning",
                )
            )
    return out
