"""The low-level half of strict JSON reading: byte scans, parse hooks and locating problems by field.

`sitmap.store.geojson_io` parses with the standard `json` module; this module supplies what makes that strict
without slowing the common case: a numpy scan of the bytes (member count, nesting depth), cheap byte tests
that decide whether slower hooks are needed, the hooks that mark values Python cannot hold as written, and
the walk that names the feature and field of each marked value.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from sitmap.model import Problem, feature_label

_CONSTANT_NAMES = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


class NonFinite(float):
    """A NaN/Infinity read from the file: a float, but marked so its place can be reported."""


class Overflow(float):
    """A number too large for a float (`1e400`), which Python reads as infinity: marked, with its text."""

    text: str


class IntegerTooLong:
    """An integer with more digits than Python converts (sys.get_int_max_str_digits): kept as a marker."""

    def __init__(self, digits: int):
        self.digits = digits

    def __repr__(self) -> str:
        return f"<a {self.digits:,}-digit integer>"


# Cheap byte tests that decide whether the slower number hooks are needed: an exponent of 3+ digits or a
# run of 300+ digits (in a number, or by chance in a string: then the slow path just finds nothing).
# A JSON escape of a C0 control other than tab/newline/return (`\b`, `\f` or `\u00XX`), DEL (escaped or
# raw), or a surrogate.
MAYBE_BAD_TEXT = re.compile(rb"\\[bf]|\\u00(?:0[0-8bcefBCEF]|1[0-9a-fA-F]|7[fF])|\\u[dD][89a-fA-F]|\x7f")
_DIGITS_TO_OVERFLOW = 300  # a float overflows past about 1.8e308; a shorter run of digits never does


def may_hold_bad_text(data: bytes) -> bool:
    """Whether a JSON text may hold a string with a control character or lone surrogate (no false "no")."""
    if b"\\" not in data and b"\x7f" not in data:
        return False  # the common case, found by two fast substring searches instead of the regex
    return MAYBE_BAD_TEXT.search(data) is not None


# Every byte mapped to its class for `may_hold_huge_number`: digit "0", exponent "e", sign "+", other "x".
_NUMBER_CLASSES = bytes(
    ord("0")
    if chr(i).isdigit() and i < 128
    else ord("e")
    if chr(i) in "eE"
    else ord("+")
    if chr(i) in "+-"
    else ord("x")
    for i in range(256)
)


def may_hold_huge_number(data: bytes) -> bool:
    """Whether the bytes may hold a number a float cannot hold (an exponent of 3+ digits, or 300+ digits
    in a row) or an integer too long to convert. No false "no"; a false "yes" (such text inside a string)
    only costs the slower parse. One translate and three substring searches: a regex would cost more than
    the parse itself."""
    classes = data.translate(_NUMBER_CLASSES)
    if b"e000" in classes or b"e+000" in classes or b"0" * _DIGITS_TO_OVERFLOW in classes:
        return True
    # A two-digit exponent adds up to 99 to the magnitude: 210 digits and e99 already overflow.
    return b"0" * (_DIGITS_TO_OVERFLOW - 100) in classes and (b"e00" in classes or b"e+00" in classes)


def number_hooks(marked: list[str]) -> dict[str, Any]:
    """json.loads hooks that mark integers too long to convert and numbers that overflow a float."""
    limit = sys.get_int_max_str_digits() or math.inf

    def parse_int(text: str) -> int | IntegerTooLong:
        digits = len(text.lstrip("-"))
        if digits > limit:
            marked.append(text[:20])
            return IntegerTooLong(digits)
        return int(text)

    def parse_float(text: str) -> float:
        value = float(text)
        if math.isfinite(value):
            return value
        marked.append(text[:20])
        out = Overflow(value)
        out.text = text if len(text) <= 40 else f"{text[:20]}…"
        return out

    return {"parse_int": parse_int, "parse_float": parse_float}


def pairs_hook(
    duplicates: list[tuple[dict[str, Any], list[str]]],
) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """A json `object_pairs_hook` that builds each object and records the keys it holds more than once."""

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            dups: list[str] = []
            for k, _ in pairs:
                if k in seen:
                    dups.append(k)
                seen.add(k)
            duplicates.append((obj, list(dict.fromkeys(dups))))
        return obj

    return hook


@dataclass(frozen=True)
class _Scan:
    members: int  # "key": value pairs in the file (colons outside strings)
    too_deep_at: int | None  # byte offset of the first bracket past the depth limit
    huge_number: bool  # may hold a number Python cannot read as written (see may_hold_huge_number)


def scan_json(data: bytes, max_depth: int) -> _Scan:
    """Count members and measure nesting in numpy, skipping string contents; no recursion, no Python loop.

    A quote is escaped when the run of backslashes right before it has odd length; a position is inside
    a string when an odd number of unescaped quotes precede it.
    """
    arr = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(arr == 0x22)
    slashes = np.flatnonzero(arr == 0x5C)
    if slashes.size:
        breaks = np.flatnonzero(np.diff(slashes) != 1)
        run_end = np.append(slashes[breaks], slashes[-1])
        run_len = run_end - np.insert(slashes[breaks + 1], 0, slashes[0]) + 1
        k = np.minimum(np.searchsorted(run_end, quotes - 1), run_end.size - 1)
        quotes = quotes[~((run_end[k] == quotes - 1) & (run_len[k] % 2 == 1))]

    def outside(positions: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
        kept: npt.NDArray[np.intp] = positions[np.searchsorted(quotes, positions) % 2 == 0]
        return kept

    members = int(outside(np.flatnonzero(arr == 0x3A)).size)
    huge = may_hold_huge_number(data)
    opens = (arr == 0x5B) | (arr == 0x7B)
    brackets = outside(np.flatnonzero(opens | (arr == 0x5D) | (arr == 0x7D)))
    if brackets.size == 0:
        return _Scan(members, None, huge)
    depth = np.cumsum(np.where(opens[brackets], 1, -1))
    deep = np.flatnonzero(depth > max_depth)
    return _Scan(members, int(brackets[deep[0]]) if deep.size else None, huge)


def line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and (byte) column of a byte offset."""
    return data.count(b"\n", 0, offset) + 1, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def locate_json_problems(
    doc: dict[str, Any],
    features: list[Any],
    duplicates: list[tuple[dict[str, Any], list[str]]],
    file: str,
    problems: list[Problem],
) -> None:
    """Find where duplicate keys and NaN/Infinity sit, so they can be named by feature and field."""
    dup_by_id = {id(obj): keys for obj, keys in duplicates}
    found_dups: set[int] = set()
    # (value, feature label or "-", path) — an explicit stack, never recursion.
    stack: list[tuple[Any, str, str]] = [(doc, "-", "")]
    while stack:
        value, label, path = stack.pop()
        if isinstance(value, dict):
            for key in dup_by_id.get(id(value), ()):
                found_dups.add(id(value))
                problems.append(
                    Problem(
                        file,
                        label,
                        _join(path, key),
                        f"duplicate key {key!r}; JSON readers disagree on which wins",
                    )
                )
            # Children are pushed in reverse so problems come out in file order.
            for key, child in reversed(value.items()):
                if value is doc and key == "features" and child is features:
                    for i, feat in reversed(list(enumerate(features))):
                        fid = feat.get("id") if isinstance(feat, dict) else None
                        stack.append((feat, feature_label(i, fid), ""))
                else:
                    stack.append((child, label, _join(path, key)))
        elif isinstance(value, list):
            stack.extend((child, label, f"{path}[{i}]") for i, child in reversed(list(enumerate(value))))
        elif isinstance(value, IntegerTooLong):
            problems.append(
                Problem(file, label, path or "-", f"integer of {value.digits:,} digits is too long to read")
            )
        elif isinstance(value, Overflow):
            problems.append(
                Problem(file, label, path or "-", f"{value.text} is out of range for a number (over 1.8e308)")
            )
        elif isinstance(value, NonFinite):
            problems.append(
                Problem(
                    file,
                    label,
                    path or "-",
                    f"{_CONSTANT_NAMES[repr(value)]} is not valid JSON (RFC 8259); use null or a number",
                )
            )
    for obj, keys in duplicates:
        if id(obj) not in found_dups:  # the object itself was overwritten by a later duplicate
            problems.append(
                Problem(file, "-", "-", f"duplicate key(s) {', '.join(map(repr, keys))} in an object")
            )


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
