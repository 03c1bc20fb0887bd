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
import pyarrow.compute as pc
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


def _decoded(texts: pa.ChunkedArray | pa.Array) -> npt.NDArray[np.object_]:
    """JSON texts decoded; equal texts share one decoded value (the frame is read-only, see ui.cache).

    Equal texts are found in Arrow (dictionary encoding): only the distinct ones become Python objects."""
    encoded = pc.dictionary_encode(texts)
    chunks = encoded.chunks if isinstance(encoded, pa.ChunkedArray) else [encoded]
    if not chunks:
        return np.empty(0, dtype=object)
    combined = pa.chunked_array(chunks).unify_dictionaries().combine_chunks()
    decoded = np.empty(len(combined.dictionary) + 1, dtype=object)  # the last one: a null's (None)
    decoded[:-1] = [orjson.loads(t) for t in combined.dictionary.to_pylist()]
    codes = pc.fill_null(combined.indices, len(combined.dictionary)).to_numpy(zero_copy_only=False)
    out: npt.NDArray[np.object_] = decoded[codes]
    return out


_POINT_WKB = 21  # byte order, type, x, y: a 2D point in WKB


def wkb_geometries(wkb: pa.ChunkedArray) -> npt.NDArray[np.object_]:
    """Shapely geometries of a WKB column: 2D little-endian points (nearly every event) made at once from
    their coordinates read straight out of the Arrow buffer, the rest (and empty points) by from_wkb."""
    array = wkb.combine_chunks() if isinstance(wkb, pa.ChunkedArray) else wkb
    out = np.full(len(array), None, dtype=object)
    lengths = pc.binary_length(array).to_numpy(zero_copy_only=False).astype(float)  # a null's is NaN
    todo = np.zeros(len(array), dtype=bool)
    todo[~np.isnan(lengths)] = True
    fixed = np.flatnonzero(lengths == _POINT_WKB)
    if len(fixed):
        packed = array.take(pa.array(fixed))  # a fresh array: its values back to back from offset 0
        offsets = np.frombuffer(packed.buffers()[1], dtype=np.int32, count=len(fixed) + 1)
        if packed.offset or offsets[0] or offsets[-1] != len(fixed) * _POINT_WKB:  # not packed: no shortcut
            fixed = fixed[:0]
        data = np.frombuffer(packed.buffers()[2], dtype=np.uint8, count=len(fixed) * _POINT_WKB)
        records = data.reshape(-1, _POINT_WKB)
        xy = records[:, 5:].copy().view("<f8")
        head = (records[:, 0] == 1) & (records[:, 1:5] == (1, 0, 0, 0)).all(axis=1)
        point = head & ~np.isnan(xy).any(axis=1)  # POINT EMPTY is NaN, NaN: left to from_wkb
        out[fixed[point]] = shapely.points(xy[point])
        todo[fixed[point]] = False
    rest = np.flatnonzero(todo)
    if len(rest):
        out[rest] = shapely.from_wkb(array.take(pa.array(rest)).to_numpy(zero_copy_only=False))
    return out


def to_frame(table: pa.Table, columns: tuple[str, ...]) -> tuple[gpd.GeoDataFrame, npt.NDArray[np.int32]]:
    """The events frame of a table (columns in `columns` order) and each event's position in its file."""
    plain = [c for c in columns if c not in JSON_COLUMNS and c != "geometry"]
    frame = table.select(plain).to_pandas(deduplicate_objects=True, split_blocks=True, self_destruct=False)
    for name in JSON_COLUMNS:
        frame[name] = pd.Series(_decoded(table.column(name)), dtype=object)
    geometry = wkb_geometries(table.column("geometry"))
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
