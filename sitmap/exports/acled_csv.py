"""Event rows as export records: the event Feature back from a GeoDataFrame row, and the ACLED CSV.

The CSV has ACLED's codebook columns in the codebook's order, then sitmap's own fields under a `sitmap_`
prefix, so that CSV -> `sitmap import-acled` -> CSV keeps every field (docs/interchange_csv.md). Dates are
ISO (``2025-03-04``), as ACLED's current exports write them. An event imported from ACLED keeps the row it
came from (`properties.upstream.row`): codebook columns sitmap has no field for (admin2, fatalities,
inter codes ...) are written from it, and so are ACLED's own values for a field the analyst has not changed.
`iso` is the ISO 3166-1 numeric code of the event's country (`sitmap.exports.iso_numeric`).

CSV cells are neutralised against spreadsheet formula injection: a text cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a leading apostrophe (OWASP "CSV Injection"), so Excel,
LibreOffice and Google Sheets show it as text instead of evaluating it. A cell that already starts with an
apostrophe gets one too, so that `unneutralise_cell` undoes exactly what was added. Numeric columns are
written as numbers and left alone (a negative longitude stays a number).
"""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import date
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from sitmap.exports.iso_numeric import iso_numeric
from sitmap.model import OPTIONAL_PROPERTIES
from sitmap.periods import DateError, parse_event_date
from sitmap.vocabulary import ACLED_DISORDER_TYPES, GEO_PRECISIONS, TIME_PRECISIONS, event_type

# ACLED's codebook columns, in the codebook's order; then sitmap's own fields, which ACLED lacks.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
SITMAP_COLUMNS: tuple[str, ...] = (
    "sitmap_event_type", "sitmap_claim_status", "sitmap_uncertainty_m", "sitmap_report", "sitmap_date",
    "sitmap_date_end", "sitmap_time_precision", "sitmap_geo_precision", "sitmap_actors", "sitmap_quote",
    "sitmap_sources", "sitmap_claims", "sitmap_tags", "sitmap_geometry", "sitmap_upstream",
)  # fmt: skip
CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + SITMAP_COLUMNS
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

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
    """A text cell made safe for spreadsheets: formula-like starts (and a leading apostrophe) get one more."""
    return "'" + value if value.startswith((*_FORMULA_START, "'")) else value


def unneutralise_cell(value: str) -> str:
    """The text `neutralise_cell` was given: its added apostrophe taken off again (import side)."""
    if value.startswith("'") and value[1:].startswith((*_FORMULA_START, "'")):
        return value[1:]
    return value


def acled_date(day: date | None) -> str:
    """A day as ACLED's current exports write it: ISO ``2025-03-04`` (empty for no day)."""
    if day is None or day is pd.NaT:
        return ""
    return day.isoformat()


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


def _json_cell(value: Any) -> str:
    """A list or object as compact JSON text, or an empty cell for nothing."""
    value = plain(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) if value else ""


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON would hold them (lists and tuples alike; an empty list is no value)."""
    a, b = plain(a), plain(b)
    return (a if a not in ([], "") else None) == (b if b not in ([], "") else None)


def csv_row(row: pd.Series) -> dict[str, Any]:
    """One event as a dict keyed by `CSV_COLUMNS` (text not yet neutralised)."""
    etype = event_type(str(row.get("event_type")))
    actors = [str(a) for a in as_list(row.get("actors"))]
    sources = row_sources(row)
    start = _start_day(row)
    geom = row.get("geometry")
    where = _location_point(geom)
    gp = GEO_PRECISIONS.get(str(row.get("geo_precision")), {})
    tp = TIME_PRECISIONS.get(str(row.get("time_precision")), {})
    upstream = row.get("upstream") if isinstance(row.get("upstream"), dict) else {}
    raw: dict[str, str] = upstream.get("row") or {}
    base: dict[str, Any] = upstream.get("fields") or {}

    def kept(*names: str) -> bool:
        """True when the event still has the values it was imported with: upstream's cells then hold."""
        return bool(upstream) and all(name in base and _same(base[name], row.get(name)) for name in names)

    report = text_or_none(row.get("report_id"))
    if report and (para := text_or_none(row.get("report_paragraph"))):
        report = f"{report}#{para}"
    unc = number_or_none(row.get("uncertainty_m"))
    publishers = dict.fromkeys(
        text_or_none(s.get("publisher")) or text_or_none(s.get("title")) or "" for s in sources
    )
    acled_type, acled_sub = etype.acled_event_type, etype.acled_sub_event_type
    record: dict[str, Any] = {name: raw.get(name, "") for name in ACLED_COLUMNS}  # columns sitmap lacks
    record.update(
        event_id_cnty=str(row["id"]),
        event_date=acled_date(start),
        year=start.year if start else None,
        time_precision=tp.get("acled"),
        disorder_type=ACLED_DISORDER_TYPES[acled_type],
        event_type=acled_type,
        sub_event_type=acled_sub,
        actor1=actors[0] if actors else "",
        # ACLED separates several associated actors with "; "; sitmap has no actor roles beyond order.
        assoc_actor_1="; ".join(actors[2:]),
        actor2=actors[1] if len(actors) > 1 else "",
        assoc_actor_2="",
        country=text_or_none(row.get("country")) or "",
        admin1=text_or_none(row.get("admin1")) or "",
        location=text_or_none(row.get("location")) or "",
        # `+ 0.0` writes -0.0 as 0.0, as the WKT of a line or area through it does.
        latitude=round(where[0], 6) + 0.0 if where else None,
        longitude=round(where[1], 6) + 0.0 if where else None,
        geo_precision=gp.get("acled"),
        source="; ".join(p for p in publishers if p),
        notes=text_or_none(row.get("summary")) or "",
        tags=raw.get("tags", "") if upstream else "; ".join(str(t) for t in as_list(row.get("tags"))),
    )
    if not kept("actors"):  # the inter codes describe upstream's actors, not the analyst's
        record.update(inter1="", inter2="", interaction="")
    # Where the analyst kept upstream's value, upstream's own cells say it exactly (roles, codes, the day).
    for names, columns in (
        (("date", "time_precision"), ("event_date", "year", "time_precision")),
        (("event_type",), ("event_type", "sub_event_type", "disorder_type")),
        (("actors",), ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")),
        (("geo_precision",), ("geo_precision",)),
        (("sources",), ("source",)),
    ):
        if kept(*names) and (columns[0] in raw or names in (("actors",), ("sources",))):
            record.update({c: raw.get(c, "") for c in columns})
    if not (kept("country") and raw.get("iso")):  # upstream's code describes upstream's country
        record["iso"] = iso_numeric(text_or_none(row.get("country"))) or ""
    if kept("date", "time_precision") and "event_date" in raw:
        record["event_date"] = _iso_or_as_is(raw["event_date"])
    record.update(
        sitmap_event_type=text_or_none(row.get("event_type")) or "",
        sitmap_claim_status=text_or_none(row.get("claim_status")) or "",
        sitmap_uncertainty_m=(int(unc) if unc is not None and unc.is_integer() else unc),
        sitmap_report=report or "",
        sitmap_date=text_or_none(row.get("date")) or "",
        sitmap_date_end=text_or_none(row.get("date_end")) or "",
        sitmap_time_precision=text_or_none(row.get("time_precision")) or "",
        sitmap_geo_precision=text_or_none(row.get("geo_precision")) or "",
        sitmap_actors=_json_cell(actors),
        sitmap_quote=text_or_none(row.get("quote")) or "",
        sitmap_sources=_json_cell(sources),
        sitmap_claims=_json_cell(as_list(row.get("claims"))),
        sitmap_tags=_json_cell([str(t) for t in as_list(row.get("tags"))]),
        # Lines and areas in full; a point is exactly its latitude/longitude (6 decimals, as stored).
        sitmap_geometry=(
            ""
            if geom is None or shapely.is_empty(geom) or geom.geom_type == "Point"
            else shapely.to_wkt(geom, rounding_precision=-1)
        ),
        sitmap_upstream=_json_cell(upstream),
    )
    return record


def _iso_or_as_is(text: str) -> str:
    """ACLED's older `04 March 2025` dates in ISO form; anything unreadable as it was."""
    try:
        return pd.Timestamp(text).date().isoformat()
    except ValueError:
        return text


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
