"""Reading many PostGIS events at once: the server cuts each row into the frame's columns and streams
them as CSV (`COPY ... TO STDOUT`), Arrow parses that in C++ into a table of the embedded store's columnar
snapshot schema (`sitmap.store.columnar`), and `columnar.to_frame` turns it into the events frame as it does
for the embedded store: no Python object per event until the frame's own cells.

The frame takes from each event's properties what `sitmap.store.frame.properties_frame` takes: a missing
`sources`, `tags` or `claims` is an empty list, a missing `actors` or `upstream` is None. Points are
built from their x and y, as there (any third coordinate is left out). The period is the row's own
`start_date`/`end_date` (`event_period` of the properties, computed when the row was written).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import shapely
from psycopg import Connection

from sitmap.store.columnar import INDEX, JSON_COLUMNS, TIME_COLUMNS, to_frame
from sitmap.store.frame import EVENT_COLUMNS, build_frame
from sitmap.store.geojson_io import ordered_sources

_X, _Y = "_x", "_y"
_CSV_COLUMNS = [*EVENT_COLUMNS, _X, _Y]


def _text(path: str) -> str:
    """SQL for a property as text (a string as itself, missing or null as NULL)."""
    keys = path.split(".")
    head = "properties" + "".join(f"->'{k}'" for k in keys[:-1])
    return f"{head}->>'{keys[-1]}'"


def _json(name: str, missing: str) -> str:
    """SQL for a property as JSON text, `missing` when it is absent or null."""
    return f"coalesce(nullif(properties->'{name}', 'null'::jsonb)::text, '{missing}')"


_EXPRESSIONS: dict[str, str] = {
    "id": "id",
    **{name: _text(name) for name in ("date", "date_end", "time_precision", "event_type", "country")},
    **{name: _text(name) for name in ("admin1", "location", "geo_precision", "uncertainty_m")},
    **{name: _text(name) for name in ("claim_status", "summary", "quote")},
    "start": "to_char(start_date, 'YYYY-MM-DD')",
    "end": "to_char(end_date, 'YYYY-MM-DD')",
    "report_id": _text("report.id"),
    "report_paragraph": _text("report.paragraph"),
    "actors": _json("actors", "null"),
    "upstream": _json("upstream", "null"),
    **{name: _json(name, "[]") for name in ("sources", "tags", "claims")},
    "source_file": "source_file",
    # A point as its x and y (shapely.points builds them all at once, as `build_frame` does); any other
    # geometry as hex WKB
    "geometry": "CASE WHEN GeometryType(geometry) <> 'POINT' THEN encode(ST_AsBinary(geometry), 'hex') END",
    _X: "CASE WHEN GeometryType(geometry) = 'POINT' THEN ST_X(geometry) END",
    _Y: "CASE WHEN GeometryType(geometry) = 'POINT' THEN ST_Y(geometry) END",
}
_TYPES = {
    **{name: pa.string() for name in EVENT_COLUMNS},
    _X: pa.float64(),
    _Y: pa.float64(),
    **{name: pa.date32() for name in TIME_COLUMNS},
    "uncertainty_m": pa.float64(),
}


def copy_frame(conn: Connection, where: str, params: list[Any], order: str) -> gpd.GeoDataFrame:
    """The events frame of every row `where` selects, in `order` (SQL text of ours; values in `params`)."""
    select = ", ".join(_EXPRESSIONS[name] for name in _CSV_COLUMNS)
    query = f"COPY (SELECT {select} FROM events WHERE {where} {order}) TO STDOUT WITH (FORMAT csv)"  # noqa: S608
    with conn.cursor() as cur, cur.copy(query, params) as copy:
        stream = _Stream(iter(copy))
        try:
            table = pa_csv.read_csv(
                io.BufferedReader(stream, buffer_size=1 << 20),
                read_options=pa_csv.ReadOptions(column_names=_CSV_COLUMNS, block_size=8 << 20),
                parse_options=pa_csv.ParseOptions(newlines_in_values=True),
                convert_options=pa_csv.ConvertOptions(
                    column_types=_TYPES,
                    null_values=[""],  # COPY's NULL only: never a text such as "null" or "N/A"
                    strings_can_be_null=True,
                    quoted_strings_can_be_null=False,  # "" is an empty text, not NULL
                ),
            )
        except pa.ArrowInvalid:
            if stream.read_any:
                raise
            return build_frame([])  # no row: Arrow refuses an empty CSV
    arrays = {name: table.column(name) for name in EVENT_COLUMNS}
    for name in TIME_COLUMNS:
        arrays[name] = arrays[name].cast(pa.timestamp("ns"))
    for name in JSON_COLUMNS:
        arrays[name] = arrays[name].cast(pa.binary())
    arrays[INDEX] = pa.chunked_array([pa.array(np.zeros(table.num_rows, dtype=np.int32))])
    frame, _ = to_frame(pa.table(arrays), EVENT_COLUMNS)
    x = table.column(_X).to_numpy(zero_copy_only=False)
    points = ~np.isnan(x)
    if points.any():
        geoms = np.asarray(frame.geometry.array, dtype=object)
        geoms[points] = shapely.points(x[points], table.column(_Y).to_numpy(zero_copy_only=False)[points])
        frame["geometry"] = gpd.GeoSeries(geoms, index=frame.index, crs=frame.crs)
    sources = frame["sources"].to_numpy(dtype=object)
    listed = [i for i, s in enumerate(sources) if s]
    if listed:  # jsonb keeps its own key order: sitmap's, as the embedded store gives
        sources = sources.copy()
        for i in listed:
            sources[i] = ordered_sources(sources[i])
        frame["sources"] = pd.Series(sources, index=frame.index, dtype=object)
    return frame


class _Stream(io.RawIOBase):
    """The blocks of a COPY as a readable binary file (what Arrow's CSV reader takes)."""

    def __init__(self, blocks: Iterator[Any]) -> None:
        self._blocks = blocks
        self._left = memoryview(b"")
        self.read_any = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not len(self._left):
            block = next(self._blocks, None)
            if block is None:
                return 0
            self._left = memoryview(bytes(block))
            self.read_any = True
        n = min(len(buffer), len(self._left))
        buffer[:n] = self._left[:n]
        self._left = self._left[n:]
        return n
