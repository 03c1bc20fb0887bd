"""The one codec of the View: URL query parameters, deck JSON and CLI text all decode through here.

Each field is decoded from its source's shape (text for URLs and the CLI, JSON values for decks) and then
checked by the same rules (`check`), so a field's limits are known in one place (`sitmap.view.fields`).
Links are forgiving (a bad value falls back to the default with a note: links get hand-edited and must
never fail the page); decks and the CLI are strict (a bad value is an error naming the field).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import date
from typing import Any
from urllib.parse import unquote

from sitmap.limits import load_limits
from sitmap.view.fields import SPEC, ZOOM_MAX, ZOOM_MIN
from sitmap.view.model import View

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SEP = ","


class ViewValueError(ValueError):
    """A value that is not valid for a View field; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


# --- checks shared by every source ----------------------------------------------------------------------


def _lat_lon_ok(lat: float, lon: float) -> bool:
    return -90 <= lat <= 90 and -180 <= lon <= 180


def check(name: str, value: Any) -> Any:
    """`value` (already of the field's Python type) checked against the field's limits; returns it."""
    spec = SPEC[name]
    if value is None:
        if spec.kind in ("list", "text") or name == "mode":
            raise ViewValueError(name, "may not be null")
        return None
    if spec.kind == "list" and spec.choices:
        unknown = [v for v in value if v not in spec.choices]
        if unknown:
            raise ViewValueError(name, f"unknown value {unknown[0]!r}; known: {', '.join(spec.choices)}")
    elif spec.kind == "choice" and value not in spec.choices:
        raise ViewValueError(name, f"expected one of {', '.join(spec.choices)}, got {value!r}")
    elif spec.kind == "zoom" and not ZOOM_MIN <= value <= ZOOM_MAX:
        raise ViewValueError(name, f"expected a whole zoom level {ZOOM_MIN}-{ZOOM_MAX}, got {value}")
    elif spec.kind == "bbox":
        w, s, e, n = value
        if not (w < e and s < n and _lat_lon_ok(s, w) and _lat_lon_ok(n, e)):
            raise ViewValueError(name, "expected W,S,E,N in degrees with W < E and S < N")
    elif spec.kind == "center" and not _lat_lon_ok(*value):
        raise ViewValueError(name, f"{value} is not a latitude, longitude")
    return value


def _day(name: str, text: str) -> date:
    if not _ISO_DAY.match(text):
        raise ViewValueError(name, f"expected a date as YYYY-MM-DD, got {text!r}")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ViewValueError(name, f"impossible date {text!r}") from None


def _numbers(name: str, values: list[Any], n: int) -> tuple[float, ...]:
    ok = len(values) == n and all(
        isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in values
    )
    if not ok:
        raise ViewValueError(name, f"expected a list of {n} numbers (finite)")
    return tuple(float(v) for v in values)


# --- text (URL and CLI) ---------------------------------------------------------------------------------


def split_list(text: str) -> tuple[str, ...]:
    """A comma-joined list; commas and percents inside a value are percent-encoded."""
    return tuple(unquote(v) for v in text.split(_SEP) if v)


def join_list(values: tuple[str, ...]) -> str:
    return _SEP.join(v.replace("%", "%25").replace(",", "%2C") for v in values)


def decode_text(name: str, text: str) -> Any:
    """A field's value from its text form (as in a link or on the command line); empty text is None."""
    kind = SPEC[name].kind
    if kind == "list":
        return check(name, split_list(text))
    if kind == "text":
        return text
    if not text:
        if name == "mode":
            raise ViewValueError(name, "may not be empty")
        return None
    if kind == "day":
        return _day(name, text)
    if kind in ("bbox", "center"):
        try:
            numbers = [float(v) for v in text.split(_SEP)]
        except ValueError:
            raise ViewValueError(name, f"expected numbers separated by commas, got {text!r}") from None
        return check(name, _numbers(name, numbers, 4 if kind == "bbox" else 2))
    if kind == "zoom":
        if not re.fullmatch(r"-?\d{1,3}", text):
            raise ViewValueError(name, f"expected a whole zoom level {ZOOM_MIN}-{ZOOM_MAX}, got {text!r}")
        return check(name, int(text))
    return check(name, text)  # choice, id


def encode_text(name: str, value: Any) -> str:
    """The text form `decode_text` reads back."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if SPEC[name].kind in ("bbox", "center"):
        return _SEP.join(f"{v:.5f}".rstrip("0").rstrip(".") for v in value)
    if isinstance(value, tuple):
        return join_list(value)
    return str(value)


def to_query_params(view: View) -> dict[str, str]:
    """The view as URL query parameters; defaults are left out so links stay short."""
    default = View()
    return {
        f.name: encode_text(f.name, getattr(view, f.name))
        for f in fields(View)
        if getattr(view, f.name) != getattr(default, f.name)
    }


def from_query_params(params: Mapping[str, str | list[str]]) -> tuple[View, list[str]]:
    """A view from URL query parameters, and a note for each value that was ignored as invalid."""
    changes: dict[str, Any] = {}
    notes: list[str] = []
    limits = load_limits()
    for name, spec in SPEC.items():
        if name not in params:
            continue
        raw = params[name]
        text = (raw[-1] if isinstance(raw, list) else raw) or ""
        if limits.param(name, text) is None:  # refused before any parsing of it
            notes.append(f"{name} ignored: over {limits.max_param_chars} characters (SITMAP_MAX_PARAM_CHARS)")
            continue
        if spec.kind == "list" and spec.choices:  # keep the known values of a partly stale link
            values = split_list(text)
            unknown = [v for v in values if v not in spec.choices]
            if unknown:
                notes.append(f"unknown {name} ignored: {', '.join(unknown)}")
                text = join_list(tuple(v for v in values if v in spec.choices))
        try:
            changes[name] = decode_text(name, text)
        except ViewValueError as e:
            notes.append(f"{name}={text!r} ignored: {e}")
    return replace(View(), **changes), notes


# --- JSON (briefing decks) ------------------------------------------------------------------------------


def decode_json(name: str, value: Any) -> Any:
    """A field's value from its JSON form (`view_as_dict`)."""
    kind = SPEC[name].kind
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ViewValueError(name, "expected a list of strings")
        return check(name, tuple(value))
    if kind == "text":
        if not isinstance(value, str):
            raise ViewValueError(name, "expected a string")
        return value
    if value is None:
        return check(name, None)
    if kind == "day":
        if not isinstance(value, str):
            raise ViewValueError(name, f"expected a date as YYYY-MM-DD, got {value!r}")
        return _day(name, value)
    if kind in ("bbox", "center"):
        n = 4 if kind == "bbox" else 2
        if not isinstance(value, list):
            raise ViewValueError(name, f"expected a list of {n} numbers")
        return check(name, _numbers(name, value, n))
    if kind == "zoom":
        if not isinstance(value, int) or isinstance(value, bool):
            raise ViewValueError(name, f"expected a whole zoom level {ZOOM_MIN}-{ZOOM_MAX}")
        return check(name, value)
    if not isinstance(value, str):
        raise ViewValueError(name, "expected a string")
    return check(name, value)


def view_from_dict(data: Any) -> View:
    """A View from `view_as_dict` output; missing fields take their defaults; anything wrong raises
    `ViewValueError` naming the field."""
    if not isinstance(data, dict):
        raise ViewValueError("-", f"expected an object, got {type(data).__name__}")
    changes: dict[str, Any] = {}
    for name, value in data.items():
        if name not in SPEC:
            raise ViewValueError(str(name), f"unknown view field (known: {', '.join(SPEC)})")
        changes[name] = decode_json(name, value)
    if changes.get("start") and changes.get("end") and changes["start"] > changes["end"]:
        raise ViewValueError("end", "end is before start")
    return replace(View(), **changes)


def view_as_dict(view: View) -> dict[str, Any]:
    """A JSON-ready dict of the view (dates as ISO strings, tuples as lists)."""
    out: dict[str, Any] = {}
    for f in fields(View):
        value = getattr(view, f.name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out
