"""Event rows as export records: the event Feature back from a GeoDataFrame row, and the ACLED-style CSV.

CSV cells are neutralised against spreadsheet formula injection: a text cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a leading apostrophe (OWASP "CSV Injection"), so Excel,
LibreOffice and Google Sheets show it as text instead of evaluating it. Numeric columns are written as
numbers and left alone (a negative longitude stays a number). Dates use ACLED's export form
(``04 March 2025``), which cannot be misread the way ``03/04/2025`` can.
"""

from __future__ import annotations

import csv
import io
import math
from datetime import date
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from sitmap.model import OPTIONAL_PROPERTIES, DateError, parse_event_date
from sitmap.vocabulary import GEO_PRECISIONS, TIME_PRECISIONS, event_type

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

# --- shared helpers ------------------------------------------------------------------------------------


def as_list(value: Any) -> list:
    """A list from a list-valued cell, whatever shape the loader left it in (list, tuple, array, None)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, list | tuple | np.ndarray):
        return list(value)
    return [value]


def text_or_none(value: Any) -> str | None:
    """A string cell, or None for missing values (None, NaN, NaT, empty)."""
    if value is None or (np.ndim(value) == 0 and pd.isna(value)):
        return None
    text = str(value)
    return text or None


def number_or_none(value: Any) -> float | None:
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


def plain(value: Any) -> Any:
    """numpy arrays and tuples (from pandas cells) to JSON-ready lists, recursively."""
    if isinstance(value, np.ndarray | tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        return value.item()
    return value


def event_feature(row: pd.Series) -> dict:
    """One events-GeoDataFrame row back to the event Feature of docs/architecture.md."""
    props: dict[str, Any] = {
        "date": text_or_none(row.get("date")),
        "time_precision": text_or_none(row.get("time_precision")),
        "event_type": text_or_none(row.get("event_type")),
        "actors": [str(a) for a in as_list(row.get("actors"))],
        "geo_precision": text_or_none(row.get("geo_precision")),
        "claim_status": text_or_none(row.get("claim_status")),
        "summary": text_or_none(row.get("summary")) or "",
        "date_end": text_or_none(row.get("date_end")),
    }
    for name in ("country", "admin1", "location", "quote"):
        if (value := text_or_none(row.get(name))) is not None:
            props[name] = value
    if (unc := number_or_none(row.get("uncertainty_m"))) is not None:
        props["uncertainty_m"] = int(unc) if unc.is_integer() else unc
    if (report_id := text_or_none(row.get("report_id"))) is not None:
        props["report"] = {"id": report_id, "paragraph": text_or_none(row.get("report_paragraph"))}
    sources = plain(as_list(row.get("sources")))
    if sources:
        props["sources"] = sources
    tags = [str(t) for t in as_list(row.get("tags"))]
    if tags:
        props["tags"] = tags
    # Optional properties the frame may carry as their own column (e.g. `claims`): passed through as-is.
    for name in OPTIONAL_PROPERTIES:
        if name not in props and name != "report" and name in row.index:
            value = plain(row[name]) if isinstance(row[name], list | tuple | dict | np.ndarray) else None
            if value:
                props[name] = value
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


def row_sources(row: pd.Series) -> list[dict]:
    return [s for s in as_list(row.get("sources")) if isinstance(s, dict)]


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
    text = text_or_none(row.get("date"))
    if text is None:
        return None
    try:
        return parse_event_date(text, text_or_none(row.get("time_precision")) or "day")
    except DateError:
        return None


def csv_row(row: pd.Series) -> dict[str, Any]:
    """One event as a dict keyed by `CSV_COLUMNS` (text not yet neutralised)."""
    etype = event_type(str(row.get("event_type")))
    actors = [str(a) for a in as_list(row.get("actors"))]
    start = _start_day(row)
    where = _location_point(row.get("geometry"))
    gp = GEO_PRECISIONS.get(str(row.get("geo_precision")), {})
    tp = TIME_PRECISIONS.get(str(row.get("time_precision")), {})
    publishers = dict.fromkeys(
        text_or_none(s.get("publisher")) or text_or_none(s.get("title")) or "" for s in row_sources(row)
    )
    report = text_or_none(row.get("report_id"))
    if report and (para := text_or_none(row.get("report_paragraph"))):
        report = f"{report}#{para}"
    unc = number_or_none(row.get("uncertainty_m"))
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
        "country": text_or_none(row.get("country")) or "",
        "admin1": text_or_none(row.get("admin1")) or "",
        "location": text_or_none(row.get("location")) or "",
        "latitude": round(where[0], 6) if where else None,
        "longitude": round(where[1], 6) if where else None,
        "geo_precision": gp.get("acled"),
        "source": "; ".join(p for p in publishers if p),
        "notes": text_or_none(row.get("summary")) or "",
        "tags": "; ".join(str(t) for t in as_list(row.get("tags"))),
        "sitmap_event_type": text_or_none(row.get("event_type")) or "",
        "sitmap_claim_status": text_or_none(row.get("claim_status")) or "",
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
