"""KML 2.2 for Google Earth: one Placemark per event, styled by type, fields as ExtendedData, geodesic
uncertainty circles in their own folder. Built with ElementTree, which escapes all text, so report text can
never inject markup into the file."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET  # noqa: S405 - used to *build* KML; nothing untrusted is parsed here
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

from sitmap.exports.acled_csv import csv_row, number_or_none, row_sources, text_or_none
from sitmap.vocabulary import event_type

KML_NS = "http://www.opengis.net/kml/2.2"
_GEOD = Geod(ellps="WGS84")


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


def _kml_text(value: str) -> str:
    """Text for a KML name/description/value. Google Earth renders these as HTML *after* XML parsing, so
    ElementTree's XML escaping alone is not enough: `<img onerror>` would come back live. Escaping once more
    here makes the balloon show the report's text literally."""
    return html.escape(value, quote=True)


def _kml_description(row: pd.Series) -> str:
    """Plain-text description, HTML-escaped for Google Earth's balloon (see `_kml_text`)."""
    lines = [text_or_none(row.get("summary")) or ""]
    if quote := text_or_none(row.get("quote")):
        lines.append(f"Report: “{quote}”")
    for s in row_sources(row):
        parts = [text_or_none(s.get(k)) for k in ("publisher", "title", "date", "url")]
        lines.append("Source: " + ", ".join(p for p in parts if p))
    return _kml_text("\n".join(lines))


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
        ET.SubElement(icon, "scale").text = "1.1"  # no <Icon href>: a remote icon would be fetched on open
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
        date_text = text_or_none(row.get("date")) or ""
        ET.SubElement(pm, "name").text = _kml_text(
            f"{etype.label}: {text_or_none(row.get('location')) or row['id']}"
        )
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
            ET.SubElement(item, "value").text = "" if value is None else _kml_text(str(value))
        geom = row.get("geometry")
        if geom is not None and not shapely.is_empty(geom):
            _kml_geometry(pm, geom)
            unc = number_or_none(row.get("uncertainty_m"))
            if geom.geom_type == "Point" and unc:
                circle_pm = ET.SubElement(circles_folder, "Placemark")
                ET.SubElement(circle_pm, "name").text = f"{row['id']}: ± {unc / 1000:g} km"
                ET.SubElement(circle_pm, "styleUrl").text = f"#type-{etype.key}"
                _kml_geometry(circle_pm, geodesic_circle(geom.x, geom.y, unc))
    ET.indent(kml, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(kml, encoding="unicode") + "\n"
