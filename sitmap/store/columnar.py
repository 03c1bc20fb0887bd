"""A columnar snapshot of each event file, so a large store opens without parsing its GeoJSON again.

The GeoJSON files stay the source of truth. Beside them, `<events>/.sitmap/cache/` holds one Arrow IPC
file per event file: that file's valid events as columns (geometry as WKB, list and record columns as JSON
bytes), each event's position in the file, the file's problems and its version. An entry is used only while
the event file's fingerprint (size, mtime_ns, inode) and the reading context (format, `today` where it
matters, the settings that change what is valid, the country layer) are the ones it was written with;
otherwise the file is parsed again and its entry rewritten. Arrow IPC was measured faster to read here than
GeoParquet (no decompression, memory-mapped): see benchmarks/store_scale.py. Writing a cache entry is best
effort: a read-only folder just means no cache.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import date
from hashlib import sha1
from pathlib import Path

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import orjson
import pandas as pd
import pyarrow as pa
import shapely

from sitmap.model import Problem
from sitmap.store.write import FileVersion

CACHE_DIR = Path(".sitmap") / "cache"
FORMAT = "sitmap-columnar-1"
JSON_COLUMNS = ("actors", "sources", "tags", "claims", "upstream")
TIME_COLUMNS = ("start", "end")
INDEX = "_index"  # the event's position in its file (problems name features by it)

Key = tuple[int, int, int]


def file_key(path: Path) -> Key | None:
    """(size, mtime_ns, inode) of the file now; None when it cannot be stat'ed."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


@dataclass
class Piece:
    """One event file as read: its valid events (`table`), its problems and its version."""

    table: pa.Table
    problems: list[Problem]
    version: FileVersion


def cache_file(cache_dir: Path, path: Path) -> Path:
    return cache_dir / f"{sha1(str(path).encode('utf-8')).hexdigest()}.arrow"  # noqa: S324 - a name


def to_table(frame: gpd.GeoDataFrame, index: list[int]) -> pa.Table:
    """The events of one file as an Arrow table (raises pa.ArrowException on a value it cannot hold)."""
    arrays: dict[str, pa.Array] = {}
    for name in frame.columns:
        values = frame[name]
        if name == "geometry":
            arrays[name] = pa.array(shapely.to_wkb(values.values), type=pa.binary())
        elif name in JSON_COLUMNS:
            arrays[name] = pa.array([orjson.dumps(v) for v in values], type=pa.binary())
        elif name in TIME_COLUMNS:
            arrays[name] = pa.array(values.to_numpy(dtype="datetime64[ns]"), type=pa.timestamp("ns"))
        elif name == "uncertainty_m":
            arrays[name] = pa.array(values.to_numpy(dtype=float), type=pa.float64(), from_pandas=True)
        else:
            arrays[name] = pa.array(values.to_numpy(dtype=object), type=pa.string(), from_pandas=True)
    arrays[INDEX] = pa.array(index, type=pa.int32())
    return pa.table(arrays)


def _decoded(texts: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    """JSON texts decoded; equal texts share one decoded value (the frame is read-only, see ui.cache)."""
    codes, uniques = pd.factorize(texts)
    decoded = np.empty(len(uniques), dtype=object)
    decoded[:] = [orjson.loads(t) for t in uniques]
    out: npt.NDArray[np.object_] = decoded[codes]
    return out


def to_frame(table: pa.Table, columns: tuple[str, ...]) -> tuple[gpd.GeoDataFrame, npt.NDArray[np.int32]]:
    """The events frame of a table (columns in `columns` order) and each event's position in its file."""
    plain = [c for c in columns if c not in JSON_COLUMNS and c != "geometry"]
    frame = table.select(plain).to_pandas(deduplicate_objects=True, split_blocks=True, self_destruct=False)
    for name in JSON_COLUMNS:
        frame[name] = pd.Series(_decoded(table.column(name).to_numpy(zero_copy_only=False)), dtype=object)
    geometry = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
    out = gpd.GeoDataFrame(frame[[c for c in columns if c != "geometry"]], geometry=geometry, crs=4326)
    return out, table.column(INDEX).to_numpy().astype(np.int32)


def read_piece(cache_dir: Path, path: Path, key: Key, context: str, today: date) -> Piece | None:
    """The cached piece of `path`, or None when there is none for this key and context.

    An entry written on an earlier day still holds when the file had no problem then: a date that was
    not in the future then is not in the future now."""
    try:
        with pa.memory_map(str(cache_file(cache_dir, path))) as source:
            table = pa.ipc.open_file(source).read_all()
    except (OSError, pa.ArrowException):
        return None
    meta = table.schema.metadata or {}
    try:
        head = json.loads(meta[b"sitmap"])
    except (KeyError, ValueError):
        return None
    if head.get("format") != FORMAT or head.get("path") != str(path) or tuple(head.get("key", ())) != key:
        return None
    if head.get("context") != context:
        return None
    problems = [Problem(**p) for p in head["problems"]]
    if head.get("today") != str(today) and (problems or head.get("today", "9") > str(today)):
        return None
    return Piece(table, problems, FileVersion(head["sha256"], head["size"]))


def write_piece(cache_dir: Path, path: Path, key: Key, context: str, today: date, piece: Piece) -> None:
    """Store `piece` for `path` at `key` (atomically: a reader sees the old entry or the new one)."""
    head = {
        "format": FORMAT,
        "path": str(path),
        "key": list(key),
        "context": context,
        "today": str(today),
        "sha256": piece.version.sha256,
        "size": piece.version.size,
        "problems": [asdict(p) for p in piece.problems],
    }
    table = piece.table.replace_schema_metadata({"sitmap": json.dumps(head)})
    target = cache_file(cache_dir, path)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        os.replace(tmp, target)
    except OSError:
        tmp.unlink(missing_ok=True)


def context_of(max_file_bytes: int, max_json_depth: int, countries: Path) -> str:
    """What else decides a file's problems (besides the day): the limits and the country layer's state."""
    return json.dumps([FORMAT, max_file_bytes, max_json_depth, file_key(countries)])
