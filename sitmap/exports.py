"""Data exports of the events a view shows: GeoJSON, ACLED-style CSV, KML, GeoPackage and standalone HTML.

Every function takes the *filtered* events GeoDataFrame (`filters.apply_view(store.events, view)`), so an
export holds exactly what the map shows. Text formats come back as `str`, binary ones as `bytes`, so the app
can hand them to a download button and the CLI can write them to a file (`write_export`).

CSV cells are neutralised against spreadsheet formula injection: a text cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a leading apostrophe (OWASP "CSV Injection"), so Excel,
LibreOffice and Google Sheets show it as text instead of evaluating it. Numeric columns are written as
numbers and left alone (a negative longitude stays a number).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import tempfile
import xml.etree.ElementTree as ET  # noqa: S405 - used to *build* KML; nothing untrusted is parsed here
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

from sitmap.model import DateError, parse_event_date
from sitmap.vocabulary import GEO_PRECISIONS, TIME_PRECISIONS, event_type

_GEOD = Geod(ellps="WGS84")

# ACLED's own column names first (acleddata.com codebook), then sitmap's extras under a `sitmap_` prefix.
CSV_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "tags",
    "sitmap_event_type",
    "sitmap_claim_status",
    "sitmap_uncertainty_m",
    "sitmap_report",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
KML_NS = "http://www.opengis.net/kml/2.2"


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


# --- shared helpers ------------------------------------------------------------------------------------


def _as_list(value: Any) -> list:
    """A list from a list-valued cell, whatever shape the loader left it in (list, tuple, array, None)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, list | tuple | np.ndarray):
        return list(value)
    return [value]


def _text(value: Any) -> str | None:
    """A string cell, or None for missing values (None, NaN, NaT, empty)."""
    if value is None or (np.ndim(value) == 0 and pd.isna(value)):
        return None
    text = str(value)
    return text or None


def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _geometry_dict(geom: Any) -> dict | None:
    if geom is None or shapely.is_empty(geom):
        return None
    return shapely.geometry.mapping(geom)


def _lists_to_plain(value: Any) -> Any:
    """numpy arrays and tuples (from pandas cells) to JSON-ready lists, recursively."""
    if isinstance(value, np.ndarray | tuple | list):
        return [_lists_to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists_to_plain(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        return value.item()
    return value


def event_feature(row: pd.Series) -> dict:
    """One events-GeoDataFrame row back to the event Feature of docs/architecture.md."""
    props: dict[str, Any] = {
        "date": _text(row.get("date")),
        "time_precision": _text(row.get("time_precision")),
        "event_type": _text(row.get("event_type")),
        "actors": [str(a) for a in _as_list(row.get("actors"))],
        "geo_precision": _text(row.get("geo_precision")),
        "claim_status": _text(row.get("claim_status")),
        "summary": _text(row.get("summary")) or "",
        "date_end": _text(row.get("date_end")),
    }
    for name in ("country", "admin1", "location", "quote"):
        if (value := _text(row.get(name))) is not None:
            props[name] = value
    if (unc := _number(row.get("uncertainty_m"))) is not None:
        props["uncertainty_m"] = int(unc) if unc.is_integer() else unc
    if (report_id := _text(row.get("report_id"))) is not None:
        props["report"] = {"id": report_id, "paragraph": _text(row.get("report_paragraph"))}
    sources = _lists_to_plain(_as_list(row.get("sources")))
    if sources:
        props["sources"] = sources
    tags = [str(t) for t in _as_list(row.get("tags"))]
    if tags:
        props["tags"] = tags
    return {
        "type": "Feature",
        "id": str(row["id"]),
        "geometry": _geometry_dict(row.get("geometry")),
        "properties": props,
    }


def event_features(events: gpd.GeoDataFrame) -> list[dict]:
    """All rows as event Features, in the frame's order."""
    return [event_feature(row) for _, row in events.iterrows()]


def _location_point(geom: Any) -> tuple[float, float] | None:
    """(lat, lon) to stand for an event: the point itself, or a point inside a line/area footprint."""
    if geom is None or shapely.is_empty(geom):
        return None
    point = geom if geom.geom_type == "Point" else geom.representative_point()
    return point.y, point.x


def _sources(row: pd.Series) -> list[dict]:
    return [s for s in _as_list(row.get("sources")) if isinstance(s, dict)]


# --- GeoJSON -------------------------------------------------------------------------------------------


def events_to_geojson(events: gpd.GeoDataFrame, *, validate: bool = True) -> str:
    """An RFC 7946 FeatureCollection of the events, in the store's own file layout.

    With `validate`, the text is read back through the store's strict reader and validators; any error
    raises `ExportError`, so an export never hands out a file sitmap itself would refuse.
    """
    from sitmap.geojson_io import dumps_feature_collection

    text = dumps_feature_collection(event_features(events))
    if validate:
        problems = [p for p in validate_geojson_text(text) if p.is_error]
        if problems:
            raise ExportError("exported GeoJSON does not validate: " + "; ".join(map(str, problems[:5])))
    return text


def validate_geojson_text(text: str, *, label: str = "export.geojson") -> list:
    """Problems the store's strict reader and feature validator find in a GeoJSON text (empty when clean)."""
    from sitmap.geojson_io import parse_feature_collection
    from sitmap.store import validate_features

    features, problems = parse_feature_collection(text.encode("utf-8"), file=label, max_depth=64)
    if features is not None:
        problems += validate_features(features, file=label)[0]
    return problems


# --- CSV (ACLED columns) -------------------------------------------------------------------------------


def neutralise_cell(value: str) -> str:
    """A text cell made safe for spreadsheets: formula-like starts get a leading apostrophe."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def acled_date(day: date | None) -> str:
    """ACLED's export date format, e.g. ``04 March 2025`` (English month names, never locale-dependent).

    Day-first with the month spelled out cannot be misread the way 03/04/2025 can.
    """
    if day is None or day is pd.NaT:
        return ""
    return f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}"


def _start_day(row: pd.Series) -> date | None:
    """The first day of the event's period (the loader's `start`, or parsed from `date`)."""
    start = row.get("start")
    if isinstance(start, pd.Timestamp) and start is not pd.NaT:
        return start.date()
    text = _text(row.get("date"))
    if text is None:
        return None
    try:
        return parse_event_date(text, _text(row.get("time_precision")) or "day")
    except DateError:
        return None


def csv_row(row: pd.Series) -> dict[str, Any]:
    """One event as a dict keyed by `CSV_COLUMNS` (text not yet neutralised)."""
    etype = event_type(str(row.get("event_type")))
    actors = [str(a) for a in _as_list(row.get("actors"))]
    start = _start_day(row)
    where = _location_point(row.get("geometry"))
    gp = GEO_PRECISIONS.get(str(row.get("geo_precision")), {})
    tp = TIME_PRECISIONS.get(str(row.get("time_precision")), {})
    publishers = dict.fromkeys(
        _text(s.get("publisher")) or _text(s.get("title")) or "" for s in _sources(row)
    )
    report = _text(row.get("report_id"))
    if report and (para := _text(row.get("report_paragraph"))):
        report = f"{report}#{para}"
    unc = _number(row.get("uncertainty_m"))
    return {
        "event_id_cnty": str(row["id"]),
        "event_date": acled_date(start),
        "year": start.year if start else None,
        "time_precision": tp.get("acled"),
        "event_type": etype.acled_event_type,
        "sub_event_type": etype.acled_sub_event_type,
        "actor1": actors[0] if actors else "",
        "actor2": actors[1] if len(actors) > 1 else "",
        # ACLED separates several associated actors with "; "; sitmap has no actor roles beyond order.
        "assoc_actor_1": "; ".join(actors[2:]),
        "country": _text(row.get("country")) or "",
        "admin1": _text(row.get("admin1")) or "",
        "location": _text(row.get("location")) or "",
        "latitude": round(where[0], 6) if where else None,
        "longitude": round(where[1], 6) if where else None,
        "geo_precision": gp.get("acled"),
        "source": "; ".join(p for p in publishers if p),
        "notes": _text(row.get("summary")) or "",
        "tags": "; ".join(str(t) for t in _as_list(row.get("tags"))),
        "sitmap_event_type": _text(row.get("event_type")) or "",
        "sitmap_claim_status": _text(row.get("claim_status")) or "",
        "sitmap_uncertainty_m": (int(unc) if unc is not None and unc.is_integer() else unc),
        "sitmap_report": report or "",
    }


def events_to_csv(events: gpd.GeoDataFrame) -> str:
    """The events as CSV with ACLED column names, UTF-8 text, CRLF rows (RFC 4180), formula-safe."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for _, row in events.iterrows():
        record = csv_row(row)
        writer.writerow(
            {
                k: (neutralise_cell(v) if isinstance(v, str) else ("" if v is None else v))
                for k, v in record.items()
            }
        )
    return buf.getvalue()


# --- KML -----------------------------------------------------------------------------------------------


def _kml_colour(hex_colour: str, alpha: int = 255) -> str:
    """KML's aabbggrr from #rrggbb."""
    h = hex_colour.lstrip("#")
    return f"{alpha:02x}{h[4:6]}{h[2:4]}{h[0:2]}"


def _kml_coords(coords: Any) -> str:
    return " ".join(f"{x:.6f},{y:.6f}" for x, y, *_ in coords)


def _kml_geometry(parent: ET.Element, geom: Any) -> None:
    kind = geom.geom_type
    if kind == "Point":
        ET.SubElement(ET.SubElement(parent, "Point"), "coordinates").text = _kml_coords([geom.coords[0]])
    elif kind == "LineString":
        line = ET.SubElement(parent, "LineString")
        ET.SubElement(line, "tessellate").text = "1"
        ET.SubElement(line, "coordinates").text = _kml_coords(geom.coords)
    elif kind == "Polygon":
        poly = ET.SubElement(parent, "Polygon")
        ET.SubElement(poly, "tessellate").text = "1"
        outer = ET.SubElement(ET.SubElement(poly, "outerBoundaryIs"), "LinearRing")
        ET.SubElement(outer, "coordinates").text = _kml_coords(geom.exterior.coords)
        for ring in geom.interiors:
            inner = ET.SubElement(ET.SubElement(poly, "innerBoundaryIs"), "LinearRing")
            ET.SubElement(inner, "coordinates").text = _kml_coords(ring.coords)
    else:  # Multi*: one MultiGeometry holding the parts
        multi = ET.SubElement(parent, "MultiGeometry")
        for part in geom.geoms:
            _kml_geometry(multi, part)


def geodesic_circle(lon: float, lat: float, radius_m: float, n: int = 72) -> shapely.Polygon:
    """A circle of `radius_m` metres on the WGS84 ellipsoid around (lon, lat), as a lon/lat polygon."""
    azimuths = np.linspace(0.0, 360.0, n, endpoint=False)
    lons, lats, _ = _GEOD.fwd(np.full(n, lon), np.full(n, lat), azimuths, np.full(n, float(radius_m)))
    return shapely.Polygon(np.column_stack([lons, lats]))


def _kml_description(row: pd.Series) -> str:
    """Plain-text description (ElementTree escapes it, so report text can never inject markup)."""
    lines = [_text(row.get("summary")) or ""]
    if quote := _text(row.get("quote")):
        lines.append(f"Report: “{quote}”")
    for s in _sources(row):
        parts = [_text(s.get(k)) for k in ("publisher", "title", "date", "url")]
        lines.append("Source: " + ", ".join(p for p in parts if p))
    return "\n".join(lines)


def events_to_kml(events: gpd.GeoDataFrame, *, name: str = "sitmap events") -> str:
    """A KML 2.2 document: one Placemark per event (events without a location carry no geometry), styled by
    event type, with the event's fields as ExtendedData and geodesic uncertainty circles in a second folder.
    """
    ET.register_namespace("", KML_NS)
    kml = ET.Element("kml", xmlns=KML_NS)
    doc = ET.SubElement(kml, "Document")
    ET.SubElement(doc, "name").text = name
    used_types = sorted({str(t) for t in events.get("event_type", pd.Series(dtype=str)).dropna()})
    for key in used_types:
        etype = event_type(key)
        style = ET.SubElement(doc, "Style", id=f"type-{etype.key}")
        icon = ET.SubElement(style, "IconStyle")
        ET.SubElement(icon, "color").text = _kml_colour(etype.colour)
        ET.SubElement(icon, "scale").text = "1.1"
        ET.SubElement(
            ET.SubElement(icon, "Icon"), "href"
        ).text = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"
        ET.SubElement(ET.SubElement(style, "LineStyle"), "color").text = _kml_colour(etype.colour)
        poly = ET.SubElement(style, "PolyStyle")
        ET.SubElement(poly, "color").text = _kml_colour(etype.colour, 0x55)
    events_folder = ET.SubElement(doc, "Folder")
    ET.SubElement(events_folder, "name").text = "Events"
    circles_folder = ET.SubElement(doc, "Folder")
    ET.SubElement(circles_folder, "name").text = "Location uncertainty"
    for _, row in events.iterrows():
        etype = event_type(str(row.get("event_type")))
        pm = ET.SubElement(events_folder, "Placemark", id=str(row["id"]))
        date_text = _text(row.get("date")) or ""
        ET.SubElement(pm, "name").text = f"{etype.label}: {_text(row.get('location')) or row['id']}"
        ET.SubElement(pm, "description").text = _kml_description(row)
        span = ET.SubElement(pm, "TimeSpan")
        if isinstance(row.get("start"), pd.Timestamp):
            ET.SubElement(span, "begin").text = row["start"].date().isoformat()
            ET.SubElement(span, "end").text = row["end"].date().isoformat()
        else:
            ET.SubElement(span, "begin").text = date_text
        ET.SubElement(pm, "styleUrl").text = f"#type-{etype.key}"
        data = ET.SubElement(pm, "ExtendedData")
        for field, value in csv_row(row).items():
            item = ET.SubElement(data, "Data", name=field)
            ET.SubElement(item, "value").text = "" if value is None else str(value)
        geom = row.get("geometry")
        if geom is not None and not shapely.is_empty(geom):
            _kml_geometry(pm, geom)
            unc = _number(row.get("uncertainty_m"))
            if geom.geom_type == "Point" and unc:
                circle_pm = ET.SubElement(circles_folder, "Placemark")
                ET.SubElement(circle_pm, "name").text = f"{row['id']}: ± {unc / 1000:g} km"
                ET.SubElement(circle_pm, "styleUrl").text = f"#type-{etype.key}"
                _kml_geometry(circle_pm, geodesic_circle(geom.x, geom.y, unc))
    ET.indent(kml, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(kml, encoding="unicode") + "\n"


# --- GeoPackage ----------------------------------------------------------------------------------------


def gpkg_frame(events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The events with every column GeoPackage can hold: lists and dicts as JSON text (QGIS reads them
    with `json_extract`); `start`/`end` stay datetimes so QGIS's temporal controller can use them."""
    out = gpd.GeoDataFrame(geometry=events.geometry.values, crs=events.crs or "EPSG:4326")
    for column in events.columns:
        if column == events.geometry.name:
            continue
        values = events[column]
        if any(isinstance(v, list | tuple | dict | np.ndarray) for v in values):
            out[column] = values.map(
                lambda v: None if v is None else json.dumps(_lists_to_plain(v), ensure_ascii=False)
            )
        else:
            out[column] = values.to_numpy()
    return out


def events_to_gpkg(events: gpd.GeoDataFrame, *, layer: str = "events") -> bytes:
    """A GeoPackage (one layer, EPSG:4326) of the events, as bytes."""
    with tempfile.TemporaryDirectory(prefix="sitmap-gpkg-") as tmp:
        path = Path(tmp) / "events.gpkg"
        write_gpkg(events, path, layer=layer)
        return path.read_bytes()


def write_gpkg(events: gpd.GeoDataFrame, path: Path | str, *, layer: str = "events") -> Path:
    """Write the events as a GeoPackage layer. Mixed geometry types share one generic-geometry layer."""
    import pyogrio

    frame = gpkg_frame(events)
    kinds = set(frame.geometry.dropna().geom_type)
    geometry_type = kinds.pop() if len(kinds) == 1 else "Unknown"
    path = Path(path)
    path.unlink(missing_ok=True)  # GDAL would otherwise add a layer to an old file
    pyogrio.write_dataframe(frame, path, layer=layer, driver="GPKG", geometry_type=geometry_type)
    return path


# --- standalone HTML -----------------------------------------------------------------------------------


def events_to_html(events: gpd.GeoDataFrame, reference: Any, view: Any, settings: Any = None) -> str:
    """The view as one self-contained HTML page (Leaflet and every asset inlined; opens offline)."""
    try:
        from sitmap.maps import build_map
        from sitmap.offline import offline_html
    except ImportError as e:  # the map modules belong to other areas; say clearly what is missing
        raise ExportError(f"the HTML export needs sitmap.maps and sitmap.offline: {e}") from e
    if settings is None:
        from sitmap.settings import load_settings

        settings = load_settings()
    return offline_html(build_map(events, reference, settings, view))


# --- one entry point -----------------------------------------------------------------------------------


def export_bytes(
    events: gpd.GeoDataFrame,
    fmt: str,
    *,
    reference: Any = None,
    view: Any = None,
    settings: Any = None,
) -> bytes:
    """The export in format `fmt` (a key of `FORMATS`) as bytes, ready for a download button."""
    text_makers: dict[str, Callable[[], str]] = {
        "geojson": lambda: events_to_geojson(events),
        "csv": lambda: events_to_csv(events),
        "kml": lambda: events_to_kml(events),
        "html": lambda: events_to_html(events, reference, view, settings),
    }
    if fmt == "gpkg":
        return events_to_gpkg(events)
    if fmt not in text_makers:
        raise ExportError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    return text_makers[fmt]().encode("utf-8")


def write_export(events: gpd.GeoDataFrame, fmt: str, out: Path | str, **kwargs: Any) -> Path:
    """Write the export to `out` atomically (temp file + fsync + rename) and return the path."""
    data = export_bytes(events, fmt, **kwargs)
    out = Path(out)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
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
