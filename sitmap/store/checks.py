"""The checks a file's features must pass before they are written: per feature, and across the file."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from typing import Any

from sitmap.model import Problem, feature_label, text_problem, validate_feature_id, validate_properties
from sitmap.store.geojson_io import validate_geometry


def feature_problems(
    i: int, feat: dict[str, Any], *, file: str, today: date | None = None, check_text: bool = True
) -> list[Problem]:
    """Id, property and geometry problems of feature #`i` of a file, on its own (duplicate ids are a
    file-level rule: `validate_features`)."""
    fid = feat.get("id")
    label = feature_label(i, fid)
    found = validate_feature_id(fid, file=file, feature=label)
    found += validate_properties(
        feat.get("properties"), file=file, feature=label, today=today, check_text=check_text
    )
    found += validate_geometry(feat.get("geometry"), file=file, feature=label)
    return found


def validate_features(
    features: list[Any],
    *,
    file: str,
    today: date | None = None,
    check_text: bool = True,
    each: list[list[Problem]] | None = None,
) -> tuple[list[Problem], set[int]]:
    """Id, property and geometry problems of a file's features, and the indices of those with errors.

    `check_text` as in `validate_properties`. Duplicate ids within the file are errors on every copy: which
    one is right is the analyst's call. `each`, when given, receives each feature's own problems (the
    duplicate-id ones left out), in order.
    """
    problems: list[Problem] = []
    bad: set[int] = set()
    by_id: dict[str, list[int]] = defaultdict(list)
    for i, feat in enumerate(features):
        if not isinstance(feat, dict):
            bad.add(i)  # reported by the parser
            if each is not None:
                each.append([])
            continue
        found = feature_problems(i, feat, file=file, today=today, check_text=check_text)
        if any(p.is_error for p in found):
            bad.add(i)
        problems += found
        if each is not None:
            each.append(found)
        fid = feat.get("id")
        if isinstance(fid, str):
            by_id[fid].append(i)
    for fid, indices in by_id.items():
        for i in indices if len(indices) > 1 else ():
            others = ", ".join(f"#{j}" for j in indices if j != i)
            problems.append(
                Problem(file, feature_label(i, fid), "id", f"duplicate id {fid!r}: also {others}")
            )
            bad.add(i)
    return problems, bad


def json_problems(value: Any, file: str, label: str, path: str = "") -> list[Problem]:
    """Values that JSON cannot hold (NaN, Infinity, objects), by field, before serialising."""
    if isinstance(value, dict):
        return [
            p
            for k, v in value.items()
            for p in json_problems(v, file, label, f"{path}.{k}" if path else str(k))
        ]
    if isinstance(value, list | tuple):
        return [p for i, v in enumerate(value) for p in json_problems(v, file, label, f"{path}[{i}]")]
    if isinstance(value, float) and not math.isfinite(value):
        return [
            Problem(file, label, path or "-", f"{value} cannot be written (RFC 8259 has no NaN/Infinity)")
        ]
    if isinstance(value, str):
        reason = text_problem(value)
        return [] if reason is None else [Problem(file, label, path or "-", reason)]
    if value is None or isinstance(value, int | float):
        return []
    return [Problem(file, label, path or "-", f"a {type(value).__name__} cannot be written as JSON")]
