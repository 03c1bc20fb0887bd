"""Patching a large store's remembered frame in place after a file changed (`sitmap.store.assemble`).

An edit usually changes a few values of one event: the file holds the same events in the same order, only
some cells differ. Then the new frame is the old one with just those cells replaced, found by comparing the
file's old and new columnar pieces in Arrow (no Python object per event), and no 1M-row take or sort is
needed. Anything else (events added, removed or reordered in the file, a changed start or id, which moves the
event in the frame's order) returns None: the caller rebuilds that file's rows the general way.

Before that, the file's new piece itself: after a splice of one event (`sitmap.store.splice`) it is the old
piece with that event's row replaced, appended or removed (`spliced_piece`), not the whole file's rows
built again (~0.25 s of CPU for a file of 20k events).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from sitmap.model import Problem, feature_label
from sitmap.store.columnar import INDEX, Piece, to_frame, to_table, wkb_geometries
from sitmap.store.files import capped
from sitmap.store.frame import build_frame
from sitmap.store.splice import Layout
from sitmap.store.swap import swap_warnings_at

_ORDER_COLUMNS = ("start", "id", INDEX)  # a change to these moves the row: not patched in place


def changed_rows(old: pa.Table, new: pa.Table) -> tuple[npt.NDArray[np.int64], list[str]] | None:
    """Positions (in the file's piece) of the rows whose values differ, and the columns that differ; None
    when the two pieces do not hold the same events in the same order or a row's place in the order moved."""
    if old.num_rows != new.num_rows or old.schema.names != new.schema.names:
        return None
    if not old.column("id").equals(new.column("id")):
        return None
    differs = np.zeros(old.num_rows, dtype=bool)
    columns: list[str] = []
    for name in old.schema.names:
        a, b = old.column(name), new.column(name)
        if a.equals(b):
            continue
        if name in _ORDER_COLUMNS:
            return None
        same = pc.fill_null(pc.equal(a, b), False)
        both_null = pc.and_(pc.is_null(a), pc.is_null(b))
        diff = pc.invert(pc.or_(same, both_null)).to_numpy(zero_copy_only=False)
        if diff.any():
            differs |= diff
            columns.append(name)
    return np.flatnonzero(differs), columns


def patch_in_place(
    frame: Any, source_file: str, old: Piece, new: Piece, columns: tuple[str, ...]
) -> Any | None:
    """`frame` with the cells of `source_file`'s changed events replaced from `new` (a new frame sharing
    every unchanged column), or None when the change is not a simple one (see the module docstring)."""
    found = changed_rows(old.table, new.table)
    if found is None:
        return None
    rows, changed = found
    if not len(rows):
        return frame
    ids = new.table.column("id").take(pa.array(rows)).to_pylist()
    of_file = np.flatnonzero((frame["source_file"] == source_file).to_numpy(dtype=bool, na_value=False))
    file_ids = np.asarray(frame["id"].array.take(of_file), dtype=object)
    at = of_file[np.isin(file_ids, ids)]
    if len(at) != len(ids):
        return None
    fresh, _ = to_frame(new.table.take(pa.array(rows)), columns)
    order = {fid: i for i, fid in enumerate(fresh["id"])}
    fresh = fresh.iloc[[order[fid] for fid in np.asarray(frame["id"].array.take(at), dtype=object)]]
    out = frame.copy(deep=False)
    for name in changed:
        out[name] = replaced_at(out[name], at, fresh[name])
    return out.set_geometry("geometry") if "geometry" in changed else out


def replaced_at(column: pd.Series, at: npt.NDArray[np.int64], values: pd.Series) -> pd.Series:
    """`column` with the values at positions `at` replaced. An Arrow string column (a million summaries
    are ~160 MB) is cut and joined around them without copying; the other columns are arrays of 8-byte
    values or pointers, copied."""
    array = column.array
    if isinstance(array, pd.arrays.ArrowStringArray):
        chunked: pa.ChunkedArray = array._pa_array  # noqa: SLF001 - pandas' own Arrow data, not copied
        order = np.argsort(at, kind="stable")
        new = pa.array(values.to_numpy(dtype=object)[order], type=chunked.type, from_pandas=True)
        parts, start = [], 0
        for k, pos in enumerate(at[order].tolist()):
            parts += [*chunked.slice(start, pos - start).chunks, new.slice(k, 1)]
            start = pos + 1
        parts += chunked.slice(start).chunks
        joined = pa.chunked_array([c for c in parts if len(c)], type=chunked.type)
        patched = pd.arrays.ArrowStringArray(joined, dtype=array.dtype)
        return pd.Series(patched, index=column.index, name=column.name, copy=False)
    out = column.copy()
    out.iloc[at] = values.array if isinstance(values.dtype, gpd.array.GeometryDtype) else values.to_numpy()
    return out


def same_events(old: dict[Any, Piece], new: dict[Any, Piece]) -> bool:
    """Whether every file holds the same event ids, in the same order, in both sets of pieces (then the
    store's duplicate ids are the same too)."""
    return old.keys() == new.keys() and all(
        old[k] is new[k] or old[k].table.column("id").equals(new[k].table.column("id")) for k in new
    )


_MAX_CHUNKS = 16  # a piece patched edit after edit is joined into one chunk again past this many


def spliced_piece(old: Piece, layout: Layout, file: str, geodata_dir: Path) -> Piece | None:
    """The piece of a file whose bytes `layout` holds, from the piece of its bytes before the splice that
    made them (`old`, at `layout.edit.before`): the edited event's row replaced, appended or removed, no
    other row built again; its problems the layout's and the lat/lon swap check over the file's points
    (positions and countries only: their order follows the file's countries). None when there is no such
    splice or `old` is not a piece of every feature of those bytes: the caller reads the file in full."""
    edit = layout.edit
    if edit is None or old.version != edit.before or old.table.num_rows != len(edit.problems_before):
        return None
    table = old.table.replace_schema_metadata(None)
    if not edit.appended and table.column("id")[edit.at].as_py() != edit.event_id:
        return None
    head, tail = table.slice(0, edit.at), table.slice(edit.at if edit.appended else edit.at + 1)
    if edit.feature is None:
        shifted = pc.subtract(tail.column(INDEX), pa.scalar(1, pa.int32()))
        parts = [head, tail.set_column(tail.schema.get_field_index(INDEX), INDEX, shifted)]
    else:
        row = to_table(build_frame([(edit.feature, file, feature_label(edit.at, edit.event_id))]), [edit.at])
        if not row.schema.equals(table.schema):
            return None
        parts = [head, row, tail]
    patched = pa.concat_tables([p for p in parts if p.num_rows] or [head])
    if patched.column("id").num_chunks > _MAX_CHUNKS:
        patched = patched.combine_chunks()
    problems = capped([p for found in layout.problems for p in found], file)
    return Piece(patched, problems + _swap_warnings(patched, file, geodata_dir), layout.version)


def _swap_warnings(table: pa.Table, file: str, geodata_dir: Path) -> list[Problem]:
    """`swap.swap_warnings` of a piece's events, read from its countries and geometries alone."""
    countries = table.column("country").to_pandas()
    events = gpd.GeoDataFrame({"country": countries}, geometry=wkb_geometries(table.column("geometry")))
    ids, index = table.column("id"), table.column(INDEX)
    return swap_warnings_at(
        events, lambda n: (file, feature_label(index[n].as_py(), ids[n].as_py())), geodata_dir
    )
