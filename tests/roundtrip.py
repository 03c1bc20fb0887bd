"""What the store holds per event id, in plain Python values, for comparing with a file read back by an
independent reader (GDAL through pyogrio, or `ogrinfo`). Always by id, never by row order."""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

TEXT_FIELDS = (
    "date",
    "date_end",
    "time_precision",
    "event_type",
    "country",
    "admin1",
    "location",
    "geo_precision",
    "claim_status",
    "summary",
    "quote",
    "report_id",
    "report_paragraph",
)
LIST_FIELDS = ("actors", "tags", "sources")


def plain(value: Any) -> Any:
    """A frame cell as None, str, float, list or dict (numpy arrays and missing values normalised)."""
    if isinstance(value, np.ndarray | list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def store_records(events: gpd.GeoDataFrame) -> dict[str, dict[str, Any]]:
    """Per id: every text field (None when absent), the list fields, uncertainty and the geometry."""
    out: dict[str, dict[str, Any]] = {}
    for _, row in events.iterrows():
        record: dict[str, Any] = {name: plain(row.get(name)) or None for name in TEXT_FIELDS}
        for name in LIST_FIELDS:
            record[name] = plain(row.get(name)) or []
        record["uncertainty_m"] = plain(row.get("uncertainty_m"))
        geom = row.geometry
        record["geometry"] = None if geom is None or geom.is_empty else geom
        out[str(row["id"])] = record
    return out
