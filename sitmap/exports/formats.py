"""Data exports of the events a view shows: GeoJSON, ACLED-style CSV, KML, GeoPackage and standalone HTML.

Every function takes the *filtered* events GeoDataFrame (`filters.apply_view(store.events, view)`), so an
export holds exactly what the map shows. Text formats come back as `str`, binary ones as `bytes`, so the app
can hand them to a download button and the CLI can write them to a file (`write_export`).

The formats live beside this module: `sitmap.exports.acled_csv` (event rows, ACLED-style CSV with formula
injection neutralised), `sitmap.exports.kml` (KML), `sitmap.exports.html` (the HTML page's title, sources
block and popup details) and `sitmap.exports.text` (characters no format may carry); GeoJSON, GeoPackage,
the HTML entry point and `export_bytes`, `write_export`, `FORMATS` are here, and every public name is
importable from here. What each format keeps and loses: the README's Interchange section.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np

from sitmap.exports.acled_csv import (
    CSV_COLUMNS,
    acled_date,
    csv_row,
    event_feature,
    event_features,
    events_to_csv,
    neutralise_cell,
    plain,
)
from sitmap.exports.html import DEFAULT_TITLE, add_page_parts
from sitmap.exports.kml import KML_NS, events_to_kml, geodesic_circle
from sitmap.exports.text import xml_safe
from sitmap.store.atomic import atomic_write_bytes

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "KML_NS",
    "ExportError",
    "ExportFormat",
    "acled_date",
    "csv_row",
    "default_filename",
    "event_feature",
    "event_features",
    "events_to_csv",
    "export_source_path",
    "events_to_geojson",
    "events_to_gpkg",
    "events_to_html",
    "events_to_kml",
    "export_bytes",
    "geodesic_circle",
    "neutralise_cell",
    "validate_geojson_text",
    "write_export",
    "write_gpkg",
]


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str
    extension: str
    mime: str
    binary: bool


FORMATS: dict[str, ExportFormat] = {
    f.key: f
    for f in (
        ExportFormat("geojson", "GeoJSON (RFC 7946)", ".geojson", "application/geo+json", False),
        ExportFormat("csv", "CSV (ACLED columns)", ".csv", "text/csv", False),
        ExportFormat("kml", "KML (Google Earth)", ".kml", "application/vnd.google-earth.kml+xml", False),
        ExportFormat("gpkg", "GeoPackage (QGIS)", ".gpkg", "application/geopackage+sqlite3", True),
        ExportFormat("html", "Interactive HTML map (offline)", ".html", "text/html", False),
    )
}


class ExportError(ValueError):
    """An export that cannot be produced (unknown format, missing map modules, invalid features)."""


# --- GeoJSON -------------------------------------------------------------------------------------------


def events_to_geojson(events: gpd.GeoDataFrame, *, validate: bool = True) -> str:
    """An RFC 7946 FeatureCollection of the events, in the store's own file layout.

    With `validate`, the text is read back through the store's strict reader and validators; any error
    raises `ExportError`, so an export never hands out a file sitmap itself would refuse.
    """
    from sitmap.store.geojson_io import dumps_feature_collection

    text = dumps_feature_collection(event_features(events))
    if validate:
        problems = [p for p in validate_geojson_text(text) if p.is_error]
        if problems:
            raise ExportError("exported GeoJSON does not validate: " + "; ".join(map(str, problems[:5])))
    return text


def validate_geojson_text(text: str, *, label: str = "export.geojson") -> list:
    """Problems the store's strict reader and feature validator find in a GeoJSON text (empty when clean)."""
    from sitmap.store.geojson_io import parse_feature_collection
    from sitmap.store.load import validate_features

    features, problems = parse_feature_collection(text.encode("utf-8"), file=label, max_depth=64)
    if features is not None:
        problems += validate_features(features, file=label)[0]
    return problems


# --- GeoPackage ----------------------------------------------------------------------------------------


def export_source_path(value: object, events_dir: Path | None) -> str | None:
    """A stored `source_file` as an export may show it: relative to the store's folder, never absolute.

    The embedded store keeps absolute server paths; a file handed outside the team must not reveal them.
    A path outside `events_dir` (or with no folder known) keeps its file name only.
    """
    if not isinstance(value, str) or not value:
        return None
    path = Path(value)
    if events_dir is not None and path.is_absolute():
        try:
            return path.relative_to(events_dir).as_posix()
        except ValueError:
            pass
    if path.is_absolute() or ".." in path.parts:
        return path.name
    return path.as_posix()  # already relative (PostGIS stores it so)


def gpkg_frame(events: gpd.GeoDataFrame, *, events_dir: Path | None = None) -> gpd.GeoDataFrame:
    """The events with every column GeoPackage can hold: lists and dicts as JSON text (QGIS reads them
    with `json_extract`); `start`/`end` stay datetimes so QGIS's temporal controller can use them;
    `source_file` relative to `events_dir` (`export_source_path`).

    Every column is copied by position (`to_numpy`/lists), never by index label: a filtered view's index
    is not 0..n-1, and label alignment once gave events each other's actors and tags.
    """
    out = gpd.GeoDataFrame(geometry=events.geometry.to_numpy(), crs=events.crs or "EPSG:4326")
    for column in events.columns:
        if column == events.geometry.name:
            continue
        values = events[column].to_numpy()
        if column == "source_file":
            out[column] = [export_source_path(v, events_dir) for v in values]
        elif any(isinstance(v, list | tuple | dict | np.ndarray) for v in values):
            # json.dumps writes control characters as \u escapes, so NUL cannot cut these strings.
            out[column] = [None if v is None else json.dumps(plain(v), ensure_ascii=False) for v in values]
        elif any(isinstance(v, str) for v in values):
            # GDAL hands strings to SQLite as C strings: a NUL would silently cut the rest of the text.
            out[column] = [xml_safe(v) if isinstance(v, str) else v for v in values]
        else:
            out[column] = values
    return out


def events_to_gpkg(
    events: gpd.GeoDataFrame, *, layer: str = "events", events_dir: Path | None = None
) -> bytes:
    """A GeoPackage (one layer, EPSG:4326) of the events, as bytes. Mixed geometry types share one
    generic-geometry layer; `source_file` is relative to `events_dir`."""
    import pyogrio

    frame = gpkg_frame(events, events_dir=events_dir)
    kinds = set(frame.geometry.dropna().geom_type)
    geometry_type = kinds.pop() if len(kinds) == 1 else "Unknown"
    # GDAL writes a GeoPackage in place, page by page: it goes to a fresh temp file, never to the target.
    with tempfile.TemporaryDirectory(prefix="sitmap-gpkg-") as tmp:
        path = Path(tmp) / "events.gpkg"
        # GeoPackage 1.2: GDAL before 3.7 (common in QGIS installs) warns on the 1.4 files newer GDAL writes.
        pyogrio.write_dataframe(
            frame,
            path,
            layer=layer,
            driver="GPKG",
            geometry_type=geometry_type,
            promote_to_multi=False,  # a Point beside a MultiPoint stays a Point (pyogrio would promote it)
            dataset_options={"VERSION": "1.2"},
        )
        return path.read_bytes()


def write_gpkg(
    events: gpd.GeoDataFrame, path: Path | str, *, layer: str = "events", events_dir: Path | None = None
) -> Path:
    """Write the events as a GeoPackage file, atomically: a failed write leaves any previous file."""
    path = Path(path)
    atomic_write_bytes(path, events_to_gpkg(events, layer=layer, events_dir=events_dir))
    return path


# --- standalone HTML -----------------------------------------------------------------------------------


def events_to_html(
    events: gpd.GeoDataFrame,
    reference: Any,
    view: Any,
    settings: Any = None,
    *,
    title: str = DEFAULT_TITLE,
) -> str:
    """The view as one self-contained HTML page (Leaflet and every asset inlined; opens offline), with a
    title, the date window, a sources block and each event's actors, quote and sources in its popup."""
    try:
        from sitmap.webmap.maps import build_map
        from sitmap.webmap.offline import offline_html
    except ImportError as e:  # the map modules belong to other areas; say clearly what is missing
        raise ExportError(f"the HTML export needs sitmap.webmap.maps and sitmap.webmap.offline: {e}") from e
    if settings is None:
        from sitmap.settings import load_settings

        settings = load_settings()
    m = build_map(events, reference, settings, view)
    page = offline_html(m)
    return add_page_parts(page, events, view, settings, map_name=m.get_name(), title=title)


# --- one entry point -----------------------------------------------------------------------------------


def export_bytes(
    events: gpd.GeoDataFrame,
    fmt: str,
    *,
    reference: Any = None,
    view: Any = None,
    settings: Any = None,
    title: str = DEFAULT_TITLE,
) -> bytes:
    """The export in format `fmt` (a key of `FORMATS`) as bytes, ready for a download button. `settings`
    also gives the store's folder, so the GeoPackage's `source_file` is relative to it."""
    text_makers: dict[str, Callable[[], str]] = {
        "geojson": lambda: events_to_geojson(events),
        "csv": lambda: events_to_csv(events),
        "kml": lambda: events_to_kml(events, reference=reference),
        "html": lambda: events_to_html(events, reference, view, settings, title=title),
    }
    if fmt == "gpkg":
        return events_to_gpkg(events, events_dir=getattr(settings, "events_dir", None))
    if fmt not in text_makers:
        raise ExportError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    return text_makers[fmt]().encode("utf-8")


def write_export(events: gpd.GeoDataFrame, fmt: str, out: Path | str, **kwargs: Any) -> Path:
    """Write the export to `out` atomically (temp file + fsync + rename) and return the path."""
    out = Path(out)
    atomic_write_bytes(out, export_bytes(events, fmt, **kwargs))
    return out


def default_filename(view: Any, fmt: str, *, stem: str = "sitmap") -> str:
    """A download name that says what the file holds, e.g. ``sitmap_2025-03-01_2025-03-04.csv``."""
    ext = FORMATS[fmt].extension if fmt in FORMATS else f".{fmt}"
    start = getattr(view, "start", None)
    end = getattr(view, "end", None)
    if start or end:
        span = f"{start.isoformat() if start else 'start'}_{end.isoformat() if end else 'latest'}"
        return f"{stem}_{span}{ext}"
    return f"{stem}_all{ext}"
