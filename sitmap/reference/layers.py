"""Reference layers from ``geodata/``: the 1974 zone, lines and bands, countries, admin-1, places.

The files are small RFC 7946 GeoJSON built by ``scripts/build_geodata.py``. They are read with the
standard ``json`` module (not GDAL) so list properties such as ``alt_names`` stay Python lists and
every error can name the file it came from. The optional ``gazetteer.csv`` (village-scale names, built
by ``scripts/build_gazetteer.py``) is read as a plain table; `sitmap.reference.Gazetteer` indexes it.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

LAYER_FILES = {
    "zone": "disengagement_1974.geojson",
    "countries": "countries.geojson",
    "admin1": "admin1.geojson",
    "places": "places.geojson",
}
GAZETTEER_FILE = "gazetteer.csv"  # optional: village-scale names built by scripts/build_gazetteer.py
ZONE_IDS = (
    "area-of-separation",
    "line-a",
    "line-b",
    "limitation-0-10-west",
    "limitation-10-20-west",
    "limitation-20-25-west",
    "limitation-0-10-east",
    "limitation-10-20-east",
    "limitation-20-25-east",
)


class GeodataError(ValueError):
    """A geodata file is missing or malformed; the message names the file."""


# ---------------------------------------------------------------- loading
def _read_layer(path: Path) -> gpd.GeoDataFrame:
    """One FeatureCollection -> GeoDataFrame (EPSG:4326) with an ``id`` column."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise GeodataError(f"{path}: geodata file not found (run scripts/build_geodata.py)") from e
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise GeodataError(f"{path}: not valid UTF-8 JSON: {e}") from e
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GeodataError(f"{path}: expected a GeoJSON FeatureCollection")
    rows, geoms = [], []
    for i, feat in enumerate(data.get("features") or []):
        props = dict(feat.get("properties") or {})
        fid = feat.get("id", props.get("id"))
        if not isinstance(fid, str) or not fid:
            raise GeodataError(f"{path}: feature #{i} has no string id")
        try:
            geom = shape(feat["geometry"]) if feat.get("geometry") else None
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise GeodataError(f"{path}: feature #{i} ({fid}) has a bad geometry: {e}") from e
        rows.append({**props, "id": fid})
        geoms.append(geom)
    gdf = gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geoms, crs="EPSG:4326")
    if "id" not in gdf.columns:
        gdf["id"] = pd.Series(dtype=object)
    dupes = sorted(set(gdf.loc[gdf["id"].duplicated(), "id"]))
    if dupes:
        raise GeodataError(f"{path}: duplicate ids {dupes}")
    return gdf


@dataclass
class Reference:
    """The reference layers, each a GeoDataFrame in EPSG:4326 with a default index and ``id``."""

    zone: gpd.GeoDataFrame
    countries: gpd.GeoDataFrame
    admin1: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    gazetteer: pd.DataFrame | None = None  # the village-scale names (gazetteer.csv), no geometry column

    def basemap_bounds(self) -> tuple[float, float, float, float] | None:
        """(W, S, E, N) of the drawn countries, the offline basemap's extent; None when it has none."""
        if self.countries.empty:
            return None
        w, s, e, n = (float(v) for v in self.countries.total_bounds)
        return w, s, e, n

    def _layers(self) -> list[tuple[str, gpd.GeoDataFrame]]:
        return [(name, getattr(self, name)) for name in LAYER_FILES]

    def feature(self, ref_id: str) -> pd.Series:
        """The row (properties + ``geometry``) with this id, searching zone, countries, admin1, places.

        Raises KeyError naming the zone ids and the closest known ids.
        """
        for _, layer in self._layers():
            hit = layer[layer["id"] == ref_id]
            if len(hit):
                return hit.iloc[0]
        known = [i for _, layer in self._layers() for i in layer["id"]]
        close = difflib.get_close_matches(str(ref_id), known, n=5)
        raise KeyError(
            f"unknown reference id {ref_id!r}; zone ids: {', '.join(self.zone['id'])}"
            + (f"; did you mean: {', '.join(close)}" if close else "")
            + f" ({len(known)} ids in zone, countries, admin1 and places)"
        )

    def geometry(self, ref_id: str) -> BaseGeometry:
        """The shapely geometry (EPSG:4326) of a reference feature."""
        return self.feature(ref_id).geometry


def load_reference(geodata_dir: Path) -> Reference:
    """Load the four geodata layers; errors name the offending file."""
    geodata_dir = Path(geodata_dir)
    layers = {name: _read_layer(geodata_dir / fname) for name, fname in LAYER_FILES.items()}
    missing = [i for i in ZONE_IDS if i not in set(layers["zone"]["id"])]
    if missing:
        raise GeodataError(f"{geodata_dir / LAYER_FILES['zone']}: missing zone ids {missing}")
    table = geodata_dir / GAZETTEER_FILE
    gazetteer = pd.read_csv(table, dtype=str, keep_default_na=False) if table.exists() else None
    return Reference(**layers, gazetteer=gazetteer)
