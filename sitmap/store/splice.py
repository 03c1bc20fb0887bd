"""Saving one event of a file this process wrote: the event's new text spliced into the file's bytes.

A save that writes a whole file (`sitmap.store.write`) keeps a `Layout` of what it wrote: the bytes, each
feature's byte span, the features as read back and each feature's own problems (warnings: a written file
has no error). While the file on disk still has exactly those bytes (same sha256) and the day and the
reading limits are the same, replacing, appending or removing one event serialises and checks only that
event, plus the file-level rules it can break (the size limit; ids stay unique because an upsert replaces
the event with its id), and splices its text in. The bytes are the ones a full serialisation of the whole
file would be, and what the full checks would refuse is refused with the same problems
(tests/store/test_splice.py). Anything else (no layout, a file changed by someone else, the last event
removed, a feature whose text reads back with a problem) returns None: the caller takes the full path.

Every write also leaves a small record beside the file (`<folder>/.sitmap/layouts/<name>.json`: the sha256
of the bytes sitmap wrote, the day and each feature's problems), so another process that reads the file
for an edit (`read_event_file(shared=True)`, as `EmbeddedStore` does) and finds exactly those bytes
recovers the layout from the parse it does anyway (`recall`), and its first edit of the file splices too.

A file with no such record (written by sitmap before records existed, checked out by git, copied from
another machine, or by another tool) is adopted at its first edit (`adopt`): its features, as the edit
parsed them anyway, are checked once, and when they have no error and the file's bytes are exactly what
sitmap would write for them, that is its layout, and the edit splices. A file in any other form (another
indentation, key order, unrounded coordinates) takes the full path once, which rewrites it in sitmap's form;
its next edits splice.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from sitmap.model import Problem, feature_label
from sitmap.store.checks import feature_problems, json_problems, validate_features
from sitmap.store.errors import ValidationError
from sitmap.store.geojson_io import (
    FEATURE_SEPARATOR,
    FEATURES_CLOSE,
    FEATURES_OPEN,
    collection_head,
    feature_block,
    joined_collection,
    may_hold_bad_text,
    parse_feature_collection,
)
from sitmap.store.version import FileVersion

_SEPARATOR = FEATURE_SEPARATOR.encode("utf-8")
_ALONE = b'{"type": "FeatureCollection", "features": [\n', b"\n]}"  # one block as a document of its own
_KEPT = 4  # layouts kept per process (each holds its file's bytes and features: ~30 MB for 15k events)


@dataclass(frozen=True)
class Edit:
    """The splice that made a layout's bytes: the file's version before it, each feature's problems then,
    and the event at position `at` replaced or appended by `feature` (as read back), or removed (None)."""

    before: FileVersion
    problems_before: list[list[Problem]]
    event_id: str
    at: int
    feature: Any | None
    appended: bool = False


@dataclass(frozen=True)
class Layout:
    """A file's bytes as this process wrote and read them back (see the module docstring)."""

    file: str
    version: FileVersion
    today: date
    max_depth: int
    data: bytes
    starts: npt.NDArray[np.int64]  # each feature's block: data[starts[i]:ends[i]]
    ends: npt.NDArray[np.int64]
    features: list[Any]  # as read back; shared, never changed
    problems: list[list[Problem]]  # each feature's own problems (no error)
    ids: dict[str, int]  # each feature's position by id
    members: dict[str, Any]  # the collection's other top-level members
    edit: Edit | None = None  # the splice that made these bytes, if one did (`sitmap.store.patch`)


_LAYOUTS: dict[str, Layout] = {}
_LOCK = threading.Lock()


def remember(
    file: str,
    today: date,
    max_depth: int,
    head: str,
    blocks: list[str],
    data: bytes,
    read_back: list[Any],
    problems: list[list[Problem]],
    members: dict[str, Any],
) -> None:
    """Keep the layout of `data`, a whole file just written from `head` and `blocks` and read back as
    `read_back` with no parse problem and no error (`problems`: each feature's own)."""
    if not blocks:
        return  # an empty file: the next save takes the full path
    starts, ends = _spans(head, blocks)
    ids = {f["id"]: i for i, f in enumerate(read_back)}
    version = FileVersion.of_bytes(data)
    keep(Layout(file, version, today, max_depth, data, starts, ends, read_back, problems, ids, dict(members)))


def _spans(head: str, blocks: list[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Each block's byte span in `joined_collection(head, blocks)`."""
    lengths = np.fromiter((len(b.encode("utf-8")) for b in blocks), dtype=np.int64, count=len(blocks))
    first = len(head.encode("utf-8")) + len(FEATURES_OPEN)
    starts = first + np.concatenate(([0], np.cumsum(lengths[:-1] + len(_SEPARATOR))))
    return starts, starts + lengths


def keep(layout: Layout) -> None:
    with _LOCK:
        _LAYOUTS.pop(layout.file, None)
        while len(_LAYOUTS) >= _KEPT:
            _LAYOUTS.pop(next(iter(_LAYOUTS)))
        _LAYOUTS[layout.file] = layout


def find(file: str, version: FileVersion | None, max_depth: int, today: date | None = None) -> Layout | None:
    """The layout of these bytes of `file` (and, when given, of this day), else None."""
    with _LOCK:
        layout = _LAYOUTS.get(file)
    if layout is None or layout.version != version or layout.max_depth != max_depth:
        return None
    return layout if today is None or layout.today == today else None


def spliced(
    layout: Layout, event_id: str, feature: dict[str, Any] | None, max_bytes: int
) -> tuple[bytes, Layout] | None:
    """The file's new bytes and layout with `event_id` replaced by `feature` (appended when the file does
    not hold it; removed when `feature` is None), or None (take the full path). Raises ValidationError with
    the problems the full checks would raise."""
    i = layout.ids.get(event_id)
    if feature is None:
        return None if i is None or len(layout.ids) < 2 else _removed(layout, i)
    if not isinstance(feature, dict) or feature.get("id") != event_id:
        return None
    at = len(layout.features) if i is None else i
    label = feature_label(at, event_id)
    found = json_problems(feature, layout.file, label)
    if found:
        raise ValidationError(found)
    block = feature_block(feature, checked=True).encode("utf-8")
    data, starts, ends = layout.data, layout.starts.copy(), layout.ends.copy()
    if i is None:
        cut = int(ends[-1])
        data = data[:cut] + _SEPARATOR + block + data[cut:]
        starts, ends = np.append(starts, cut + len(_SEPARATOR)), np.append(ends, cut + len(_SEPARATOR))
    else:
        data = data[: starts[i]] + block + data[ends[i] :]
        delta = len(block) - int(ends[i] - starts[i])
        starts[i + 1 :] += delta
        ends[i:] += delta
    ends[at] = starts[at] + len(block)
    if len(data) > max_bytes:
        message = f"{len(data):,} bytes is over the {max_bytes:,}-byte limit"
        raise ValidationError([Problem(layout.file, "-", "-", message)])
    parsed, parse_problems = parse_feature_collection(
        _ALONE[0] + block + _ALONE[1], file=layout.file, max_depth=layout.max_depth
    )
    if parsed is None or parse_problems or len(parsed) != 1 or not isinstance(parsed[0], dict):
        return None
    own = feature_problems(
        at, parsed[0], file=layout.file, today=layout.today, check_text=may_hold_bad_text(block)
    )
    errors = [p for p in own if p.is_error]
    if errors:
        raise ValidationError(errors)
    features, problems, ids = list(layout.features), list(layout.problems), layout.ids
    if i is None:
        features.append(parsed[0])
        problems.append(own)
        ids = {**ids, event_id: at}
    else:
        features[i], problems[i] = parsed[0], own
    version = FileVersion.of_bytes(data)
    new = replace(layout, version=version, data=data, starts=starts, ends=ends, features=features)
    edit = Edit(layout.version, layout.problems, event_id, at, parsed[0], appended=i is None)
    return data, replace(new, problems=problems, ids=ids, edit=edit)


def _removed(layout: Layout, i: int) -> tuple[bytes, Layout]:
    """Without feature #`i` (not the only one) and the separator before or after it; the features after it
    move up one place, and their problems are named by their new positions."""
    last = i == len(layout.features) - 1
    if last:
        cut_from, cut_to = int(layout.ends[i - 1]), int(layout.ends[i])
    else:
        cut_from, cut_to = int(layout.starts[i]), int(layout.starts[i + 1])
    data = layout.data[:cut_from] + layout.data[cut_to:]
    starts = np.delete(layout.starts, i)
    ends = np.delete(layout.ends, i)
    starts[i:] -= cut_to - cut_from
    ends[i:] -= cut_to - cut_from
    features = layout.features[:i] + layout.features[i + 1 :]
    moved = [
        [replace(p, feature=feature_label(j, f["id"])) for p in found]
        for j, (f, found) in enumerate(zip(features[i:], layout.problems[i + 1 :], strict=True), start=i)
    ]
    ids = {f["id"]: j for j, f in enumerate(features)}
    new = replace(layout, version=FileVersion.of_bytes(data), data=data, starts=starts, ends=ends)
    edit = Edit(layout.version, layout.problems, layout.features[i]["id"], i, None)
    return data, replace(new, features=features, problems=layout.problems[:i] + moved, ids=ids, edit=edit)


RECORDS = Path(".sitmap") / "layouts"  # beside the file, hidden like the locks
_RECORD_FORMAT = "sitmap-layout-1"  # bump when the writer's text changes: older records then do not count
_BETWEEN = (FEATURE_SEPARATOR.rstrip("\n") + "\n    {").encode("utf-8")  # "\n    }" + this starts the next


def record_path(path: Path) -> Path:
    return path.parent / RECORDS / f"{path.name}.json"


def record(path: Path, layout: Layout) -> None:
    """Note beside the file that sitmap wrote these bytes (their sha256) and what each feature's problems
    were that day, so another process's first edit of the file splices too (`recall`). Best effort."""
    head = {
        "format": _RECORD_FORMAT,
        "file": layout.file,  # the problems name it: a moved folder's record does not count
        "sha256": layout.version.sha256,
        "size": layout.version.size,
        "today": str(layout.today),
        "max_depth": layout.max_depth,
        "problems": {str(i): [asdict(p) for p in found] for i, found in enumerate(layout.problems) if found},
    }
    target = record_path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(head), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        tmp.unlink(missing_ok=True)


def recall(
    path: Path,
    data: bytes,
    version: FileVersion,
    max_depth: int,
    features: list[Any],
    members: dict[str, Any],
) -> Layout | None:
    """The layout of `data` (parsed as `features`) when the file's record says sitmap wrote exactly these
    bytes; kept for the edit that follows. Else None."""
    try:
        head = json.loads(record_path(path).read_text(encoding="utf-8"))
        wrote = head["format"] == _RECORD_FORMAT and head["sha256"] == version.sha256
        wrote = wrote and head["file"] == str(path)
        today, depth = date.fromisoformat(head["today"]), int(head["max_depth"])
        by_index = {int(i): [Problem(**p) for p in found] for i, found in head["problems"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not wrote or depth != max_depth or not features:
        return None
    opening = data.find(FEATURES_OPEN.encode("utf-8"))  # the first one: no member holds a "features" key
    if opening < 0 or not data.endswith(FEATURES_CLOSE.encode("utf-8")):
        return None
    first, last = opening + len(FEATURES_OPEN), len(data) - len(FEATURES_CLOSE)
    # Inside a block every line but its first and last is indented deeper: the blocks split where one
    # closes at four spaces and the next opens.
    cuts = [first]
    at = data.find(b"\n    }" + _BETWEEN, first, last)
    while at >= 0:
        cuts.append(at + len(b"\n    }"))
        at = data.find(b"\n    }" + _BETWEEN, at + 1, last)
    if len(cuts) != len(features):
        return None
    starts = np.asarray([first] + [c + len(_SEPARATOR) for c in cuts[1:]], dtype=np.int64)
    ends = np.asarray(cuts[1:] + [last], dtype=np.int64)
    ids = {f["id"]: i for i, f in enumerate(features) if isinstance(f, dict)}
    if len(ids) != len(features):
        return None
    problems = [by_index.get(i, []) for i in range(len(features))]
    layout = Layout(str(path), version, today, depth, data, starts, ends, features, problems, ids, members)
    keep(layout)
    return layout


def adopt(
    path: Path,
    data: bytes,
    version: FileVersion,
    today: date,
    max_depth: int,
    features: list[Any],
    members: dict[str, Any],
) -> Layout | None:
    """The layout of `data` (parsed as `features` and `members`) when its features pass every check with no
    error and `data` is exactly the text sitmap writes for them: then the bytes a full save writes read
    back as these very features (kept for the edit that follows). Else None. Bytes equal to that text have
    no parse problem (no byte order mark, repeated key, NaN or legacy `crs`).

    Bytes that may hold a control character or lone surrogate are left to the full path: without them no
    value parsed from JSON can fail `json_problems`, which the full path runs on every feature."""
    if not features or may_hold_bad_text(data):
        return None
    head = collection_head(members)
    close = FEATURES_CLOSE.encode("utf-8")
    if not data.startswith((head + FEATURES_OPEN).encode("utf-8")) or not data.endswith(close):
        return None
    if data.count(b"\n    }" + _BETWEEN) < len(features) - 1:  # quick: not one block per feature
        return None
    each: list[list[Problem]] = []
    _, bad = validate_features(features, file=str(path), today=today, check_text=False, each=each)
    if bad:  # an error, a duplicate id or a feature that is no object: the full path says what
        return None
    try:
        blocks = [feature_block(f, checked=True) for f in features]
        same = joined_collection(head, blocks).encode("utf-8") == data
    except (ValueError, UnicodeError):  # not writable as it is: the full path says why
        return None
    if not same:
        return None
    starts, ends = _spans(head, blocks)
    ids = {f["id"]: i for i, f in enumerate(features)}
    layout = Layout(str(path), version, today, max_depth, data, starts, ends, features, each, ids, members)
    keep(layout)
    return layout


_PARSED: list[tuple[tuple[str, FileVersion, int], list[Any], dict[str, Any]]] = []


def note_parse(
    file: str, version: FileVersion, max_depth: int, features: list[Any], members: dict[str, Any]
) -> None:
    """Keep the last parse (with no problem) of a file no record vouched for, shared and never changed: the
    save that usually follows a read (the app's editor reads the event, then saves it) takes it instead of
    parsing the same bytes again."""
    with _LOCK:
        _PARSED[:] = [((file, version, max_depth), features, members)]


def parsed_before(
    file: str, version: FileVersion | None, max_depth: int
) -> tuple[list[Any], dict[str, Any]] | None:
    """The features and other members `note_parse` kept for these bytes of `file`, else None."""
    with _LOCK:
        found = _PARSED[:1]
    if not found or found[0][0] != (file, version, max_depth):
        return None
    return found[0][1], found[0][2]


def checked(layout: Layout) -> tuple[list[Problem], set[int]]:
    """`validate_features`' result for the layout's features (they have no error)."""
    return [p for found in layout.problems for p in found], set()
