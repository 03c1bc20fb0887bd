"""The events frame: its columns, how it is built from features, and the `Store` that holds it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely

from sitmap.model import Problem
from sitmap.periods import event_period
from sitmap.store.write import FileVersion

EVENT_COLUMNS = (
    "id", "date", "date_end", "time_precision", "start", "end", "event_type", "actors", "country",
    "admin1", "location", "geo_precision", "uncertainty_m", "claim_status", "summary", "report_id",
    "report_paragraph", "quote", "sources", "tags", "claims", "upstream", "source_file", "geometry",
)  # fmt: skip

_Row = tuple[dict[str, Any], str, str]  # (feature, source file, feature label)


@dataclass
class Store:
    """Everything loaded from an events folder."""

    events: gpd.GeoDataFrame
    problems: list[Problem] = field(default_factory=list)
    reports: dict[str, Any] = field(default_factory=dict)
    files: dict[Path, FileVersion] = field(default_factory=dict)  # keyed like `events.source_file`

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def build_frame(rows: list[_Row]) -> gpd.GeoDataFrame:
    """The events GeoDataFrame of (feature, source file, label) rows, built column by column with vectorised
    geometry constructors."""
    return properties_frame(
        [f["id"] for f, _, _ in rows],
        [f.get("properties") or {} for f, _, _ in rows],
        [file for _, file, _ in rows],
        _geometries([f.get("geometry") for f, _, _ in rows]),
    )


def properties_frame(
    ids: list[Any], props: list[dict[str, Any]], files: list[str], geometries: Any
) -> gpd.GeoDataFrame:
    """The events GeoDataFrame of each event's id, properties, source file and shapely geometry (also the
    PostGIS store's, which reads geometries from WKB: both backends give the same frame)."""
    cols: dict[str, Any] = {"id": ids}
    for name in ("date", "date_end", "time_precision"):
        cols[name] = [p.get(name) for p in props]
    periods: dict[tuple[Any, Any, Any], tuple[date, date]] = {}  # many events share a date: parse each once
    keys = [(p["date"], p["time_precision"], p.get("date_end")) for p in props]
    for key in set(keys):
        periods[key] = event_period({"date": key[0], "time_precision": key[1], "date_end": key[2]})
    cols["start"] = np.array([periods[k][0] for k in keys], dtype="datetime64[D]").astype("datetime64[ns]")
    cols["end"] = np.array([periods[k][1] for k in keys], dtype="datetime64[D]").astype("datetime64[ns]")
    for name in ("event_type", "actors", "country", "admin1", "location", "geo_precision"):
        cols[name] = [p.get(name) for p in props]
    cols["uncertainty_m"] = np.array(
        [np.nan if p.get("uncertainty_m") is None else p["uncertainty_m"] for p in props], dtype=float
    )
    cols["claim_status"] = [p.get("claim_status") for p in props]
    cols["summary"] = [p.get("summary") for p in props]
    reports = [p.get("report") or {} for p in props]
    cols["report_id"] = [r.get("id") for r in reports]
    cols["report_paragraph"] = [r.get("paragraph") for r in reports]
    cols["quote"] = [p.get("quote") for p in props]
    cols["sources"] = [p.get("sources") or [] for p in props]
    cols["tags"] = [p.get("tags") or [] for p in props]
    cols["claims"] = [p.get("claims") or [] for p in props]
    cols["upstream"] = [p.get("upstream") for p in props]  # the record an import was built from, or None
    cols["source_file"] = files
    frame = pd.DataFrame(cols, columns=list(EVENT_COLUMNS[:-1]))
    # Keep lists (and the upstream records) as Python objects, whatever pandas infers.
    for name in ("actors", "sources", "tags", "claims", "upstream"):
        frame[name] = pd.Series(cols[name], dtype=object)
    return gpd.GeoDataFrame(frame, geometry=geometries, crs=4326)


def _geometries(geoms: list[Any]) -> npt.NDArray[np.object_]:
    """Shapely geometries: points in one shapely.points call, the rest in one shapely.from_geojson call."""
    out = np.full(len(geoms), None, dtype=object)
    pts = [i for i, g in enumerate(geoms) if g is not None and g["type"] == "Point"]
    if pts:
        xy = np.array([geoms[i]["coordinates"][:2] for i in pts], dtype=float)
        out[pts] = shapely.points(xy)
    rest = [i for i, g in enumerate(geoms) if g is not None and g["type"] != "Point"]
    if rest:
        out[rest] = shapely.from_geojson([json.dumps(geoms[i]) for i in rest])
    return out
