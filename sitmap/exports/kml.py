"""KML 2.2 for Google Earth: one Placemark per event, styled by type, fields as ExtendedData, geodesic
uncertainty circles in their own folder.

An event placed only to a region or country is drawn as the web map draws it (`sitmap.footprints`): its
area's outline is the placemark's geometry, never a pin with a circle as wide as the country; the store's
point stays in the `point` field (WKT).

Text is escaped exactly once, by ElementTree, so every reader (Google Earth, GDAL's KML and LIBKML
drivers) gets the report's own characters back. The one exception is `description`, which KML defines as
HTML: there the text is HTML-escaped first (so report text can never become live markup in a balloon) and
the lines joined with `<br>`. Characters XML 1.0 cannot carry are made visible (`sitmap.exports.text`),
and carriage returns are written as `&#13;` because XML parsers turn a literal CR into LF.
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET  # noqa: S405 - used to *build* KML; nothing untrusted is parsed here
from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

from sitmap.exports.acled_csv import as_list, number_or_none, plain, row_sources, text_or_none
from sitmap.exports.text import xml_safe
from sitmap.footprints import drawn_as_area, event_footprints
from sitmap.vocabulary import event_type

KML_NS = "http://www.opengis.net/kml/2.2"
_GEOD = Geod(ellps="WGS84")
# Vertices of an exported uncertainty ring: a 36-gon strays at most 0.4 % of the radius inside the circle
# (1 - cos 5°), far below how well any radius is known, at half the bytes of 72.
RING_VERTICES = 36


def _kml_colour(hex_colour: str, alpha: int = 255) -> str:
    """KML's aabbggrr from #rrggbb."""
    h = hex_colour.lstrip("#")
    return f"{alpha:02x}{h[4:6]}{h[2:4]}{h[0:2]}"


def _kml_coords(coords: Any, digits: int = 6) -> str:
    return " ".join(f"{x:.{digits}f},{y:.{digits}f}" for x, y, *_ in coords)


# An area drawn for a region- or country-level event (a reference outline or a circle tens of km wide):
# 4 decimals (~11 m) is finer than the Natural Earth outlines themselves, at two thirds of 6's bytes.
AREA_DIGITS = 4


# 5 decimals put a vertex within ~0.8 m of the geodesic circle: enough for a ring of 100 m or more, and
# fewer bytes than 6 (the rings were 4.8 MB of the review's 11.1 MB KML at 5,000 events). Smaller keep 6.
FINE_RING_MAX_M = 100.0


def _ring_coords(lons: np.ndarray, lats: np.ndarray, radius_m: float) -> str:
    """A closed ring's coordinates (first vertex repeated at the end, as KML asks)."""
    d = 6 if radius_m < FINE_RING_MAX_M else 5
    return " ".join(f"{x:.{d}f},{y:.{d}f}" for x, y in zip([*lons, lons[0]], [*lats, lats[0]], strict=True))


def _kml_geometry(parent: ET.Element, geom: Any, digits: int = 6) -> None:
    kind = geom.geom_type
    if kind == "Point":
        ET.SubElement(ET.SubElement(parent, "Point"), "coordinates").text = _kml_coords(
            [geom.coords[0]], digits
        )
    elif kind == "LineString":
        line = ET.SubElement(parent, "LineString")
        ET.SubElement(line, "tessellate").text = "1"
        ET.SubElement(line, "coordinates").text = _kml_coords(geom.coords, digits)
    elif kind == "Polygon":
        poly = ET.SubElement(parent, "Polygon")
        ET.SubElement(poly, "tessellate").text = "1"
        outer = ET.SubElement(ET.SubElement(poly, "outerBoundaryIs"), "LinearRing")
        ET.SubElement(outer, "coordinates").text = _kml_coords(geom.exterior.coords, digits)
        for ring in geom.interiors:
            inner = ET.SubElement(ET.SubElement(poly, "innerBoundaryIs"), "LinearRing")
            ET.SubElement(inner, "coordinates").text = _kml_coords(ring.coords, digits)
    else:  # Multi*: one MultiGeometry holding the parts
        multi = ET.SubElement(parent, "MultiGeometry")
        for part in geom.geoms:
            _kml_geometry(multi, part, digits)


def geodesic_circle(lon: float, lat: float, radius_m: float, n: int = 72) -> shapely.Polygon:
    """A circle of `radius_m` metres on the WGS84 ellipsoid around (lon, lat), as a lon/lat polygon."""
    azimuths = np.linspace(0.0, 360.0, n, endpoint=False)
    lons, lats, _ = _GEOD.fwd(np.full(n, lon), np.full(n, lat), azimuths, np.full(n, float(radius_m)))
    return shapely.Polygon(np.column_stack([lons, lats]))


NO_LOCATION_FOLDER = "Events without a location"
# ExtendedData fields, in sitmap's own names; lists and objects as JSON text (as in the GeoPackage).
KML_FIELDS = (
    "id",
    "date",
    "date_end",
    "time_precision",
    "event_type",
    "actors",
    "country",
    "admin1",
    "location",
    "geo_precision",
    "uncertainty_m",
    "claim_status",
    "summary",
    "quote",
    "report",
    "sources",
    "tags",
)


def _text(value: Any) -> str:
    """Any value as text XML can carry (escaping is left to ElementTree: once, never twice)."""
    return xml_safe(str(value))


def kml_fields(row: Mapping[str, Any]) -> dict[str, str]:
    """The event's fields for ExtendedData; absent values are left out (a reader sees them as empty)."""
    out: dict[str, str] = {}
    for name in KML_FIELDS:
        if name in ("actors", "tags", "sources"):
            items = plain(as_list(row.get(name)))
            if items:
                out[name] = json.dumps(items, ensure_ascii=False)
        elif name == "uncertainty_m":
            if (unc := number_or_none(row.get(name))) is not None:
                out[name] = str(int(unc)) if unc.is_integer() else repr(unc)  # never 1e+06
        elif name == "report":
            if report := text_or_none(row.get("report_id")):
                para = text_or_none(row.get("report_paragraph"))
                out[name] = f"{report}#{para}" if para else report
        elif (value := text_or_none(row.get(name))) is not None:
            out[name] = value
    return out


def _html_line(text: str) -> str:
    # quote=False: apostrophes and double quotes are plain in HTML text, and GDAL users read them as such.
    return html.escape(text, quote=False).replace("\n", "<br>")


def kml_description(row: Mapping[str, Any]) -> str:
    """The balloon's HTML: summary, quote and sources, every piece of report text HTML-escaped."""
    lines = [_html_line(text_or_none(row.get("summary")) or "")]
    if quote := text_or_none(row.get("quote")):
        lines.append(f"Report: “{_html_line(quote)}”")
    for s in row_sources(row):
        parts = [text_or_none(s.get(k)) for k in ("publisher", "title", "date")]
        line = "Source: " + _html_line(", ".join(p for p in parts if p))
        url = text_or_none(s.get("url"))
        if url and url.lower().startswith(("https://", "http://")):  # never a javascript: link
            line += f' <a href="{html.escape(url, quote=True)}">{html.escape(url, quote=False)}</a>'
        lines.append(line)
    return "<br>".join(lines)


def _add_styles(doc: ET.Element, events: gpd.GeoDataFrame) -> None:
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


def _placemark(folder: ET.Element, row: Mapping[str, Any], point: Any = None) -> ET.Element:
    etype = event_type(str(row.get("event_type")))
    pm = ET.SubElement(folder, "Placemark", id=_text(row["id"]))
    ET.SubElement(pm, "name").text = _text(f"{etype.label}: {text_or_none(row.get('location')) or row['id']}")
    ET.SubElement(pm, "description").text = _text(kml_description(row))
    span = ET.SubElement(pm, "TimeSpan")
    if isinstance(row.get("start"), pd.Timestamp) and isinstance(row.get("end"), pd.Timestamp):
        ET.SubElement(span, "begin").text = row["start"].date().isoformat()
        ET.SubElement(span, "end").text = row["end"].date().isoformat()
    else:
        ET.SubElement(span, "begin").text = _text(text_or_none(row.get("date")) or "")
    ET.SubElement(pm, "styleUrl").text = f"#type-{etype.key}"
    data = ET.SubElement(pm, "ExtendedData")
    for field, value in kml_fields(row).items():
        ET.SubElement(ET.SubElement(data, "Data", name=field), "value").text = _text(value)
    if point is not None:  # the store's point of an event drawn as its area: kept, not drawn
        ET.SubElement(ET.SubElement(data, "Data", name="point"), "value").text = point.wkt
    return pm


def _located(geom: Any) -> bool:
    return geom is not None and not shapely.is_empty(geom)


def _add_rings(folder: ET.Element, rings: list[tuple[str, str, float, float, float]]) -> None:
    """The uncertainty circles, every ring's vertices from one vectorised geodesic call."""
    if not rings:
        return
    ids, keys, lons, lats, radii = zip(*rings, strict=True)
    azimuths = np.tile(np.linspace(0.0, 360.0, RING_VERTICES, endpoint=False), len(rings))
    rep = lambda v: np.repeat(np.asarray(v, dtype=float), RING_VERTICES)  # noqa: E731
    ring_lons, ring_lats, _ = _GEOD.fwd(rep(lons), rep(lats), azimuths, rep(radii))
    ring_lons = ring_lons.reshape(len(rings), RING_VERTICES)
    ring_lats = ring_lats.reshape(len(rings), RING_VERTICES)
    for i, (event_id, key, radius) in enumerate(zip(ids, keys, radii, strict=True)):
        pm = ET.SubElement(folder, "Placemark")
        pm.tail = "\n"
        ET.SubElement(pm, "name").text = _text(f"{event_id}: ± {radius / 1000:g} km")
        ET.SubElement(pm, "styleUrl").text = f"#type-{key}"
        poly = ET.SubElement(pm, "Polygon")
        ET.SubElement(poly, "tessellate").text = "1"
        outer = ET.SubElement(ET.SubElement(poly, "outerBoundaryIs"), "LinearRing")
        ET.SubElement(outer, "coordinates").text = _ring_coords(ring_lons[i], ring_lats[i], radius)


def _area_shapes(events: gpd.GeoDataFrame, reference: Any) -> dict[int, tuple[Any, int]]:
    """Row position -> (the area drawn instead of the point, its digits), for points placed only to a
    region or country: the country or admin-1 outline, or (no reference unit holds it) the circle of its
    stated radius."""
    geoms = np.asarray(events.geometry.array, dtype=object)
    located = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    rows = np.flatnonzero(located & drawn_as_area(events) & (shapely.get_type_id(geoms) == 0))
    if not len(rows):
        return {}
    shapes = event_footprints(events.iloc[rows], reference).geometry.array
    digits: dict[int, int] = {}  # per shape object: the events of one country share its outline
    for g in shapes:
        if g is not None and id(g) not in digits:
            digits[id(g)] = _digits_keeping_valid(g)
    return {int(r): (g, digits[id(g)]) for r, g in zip(rows, shapes, strict=True) if g is not None}


def _digits_keeping_valid(area: Any) -> int:
    """`AREA_DIGITS`, or 6 where rounding to it makes the outline self-intersect (Dubai's Palm islands)."""
    rounded = shapely.transform(area, lambda xy: np.round(xy, AREA_DIGITS))
    return AREA_DIGITS if shapely.is_valid(rounded) or not shapely.is_valid(area) else 6


def events_to_kml(events: gpd.GeoDataFrame, *, name: str = "sitmap events", reference: Any = None) -> str:
    """A KML 2.2 document: one Placemark per event, styled by event type, with the event's fields as
    ExtendedData; events without a location in a folder of their own (GDAL's plain KML driver skips
    placemarks without geometry, so the document's description names them), and geodesic uncertainty
    circles in a last folder. `reference` (`sitmap.reference.layers.Reference`) gives the outlines of
    region- and country-level events; without it they are their circles.
    """
    ET.register_namespace("", KML_NS)
    kml = ET.Element("kml", xmlns=KML_NS)
    doc = ET.SubElement(kml, "Document")
    ET.SubElement(doc, "name").text = _text(name)
    unlocated = [str(i) for i, g in zip(events["id"], events.geometry, strict=True) if not _located(g)]
    if unlocated:
        ET.SubElement(doc, "description").text = _text(
            f"{len(unlocated)} event{'s' if len(unlocated) != 1 else ''} without a location, in the folder "
            f"'{NO_LOCATION_FOLDER}': {', '.join(unlocated)}"
        )
    _add_styles(doc, events)
    events_folder = ET.SubElement(doc, "Folder")
    ET.SubElement(events_folder, "name").text = "Events"
    no_location_folder = ET.SubElement(doc, "Folder")
    ET.SubElement(no_location_folder, "name").text = NO_LOCATION_FOLDER
    circles_folder = ET.SubElement(doc, "Folder")
    ET.SubElement(circles_folder, "name").text = "Location uncertainty"
    rings: list[tuple[str, str, float, float, float]] = []  # (id, type key, lon, lat, radius in metres)
    areas = _area_shapes(events, reference)
    # Plain dicts, not `iterrows`: a Series per row cost more than writing the placemark.
    for pos, row in enumerate(events.to_dict("records")):
        geom = row.get("geometry")
        if not _located(geom):
            _placemark(no_location_folder, row).tail = "\n"
            continue
        area = areas.get(pos)
        pm = _placemark(events_folder, row, point=geom if area is not None else None)
        pm.tail = "\n"  # one placemark a line: greppable and diffable, without indentation's bytes
        if area is None:
            _kml_geometry(pm, geom)
        else:
            _kml_geometry(pm, *area)
        unc = number_or_none(row.get("uncertainty_m"))
        if area is None and geom.geom_type == "Point" and unc:
            rings.append((str(row["id"]), event_type(str(row.get("event_type"))).key, geom.x, geom.y, unc))
    _add_rings(circles_folder, rings)
    if not len(no_location_folder.findall("Placemark")):
        doc.remove(no_location_folder)
    text = ET.tostring(kml, encoding="unicode")
    # A raw CR can only come from event text (indentation is LF); as a reference it survives parsing.
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text.replace("\r", "&#13;") + "\n"
