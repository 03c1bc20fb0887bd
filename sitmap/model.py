"""The event model: property validation of one event Feature and its problems (dates: `sitmap.periods`).

Geometry and raw-JSON checks live in `sitmap.store.geojson_io`; this module checks what the properties say.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal
from urllib.parse import urlparse

from sitmap.periods import DateError, parse_event_date
from sitmap.vocabulary import CLAIM_STATUSES, EVENT_TYPES, GEO_PRECISIONS, TIME_PRECISIONS

Severity = Literal["error", "warning"]
# Records one error at a field path (the file and feature are bound by whoever makes it).
ErrorSink = Callable[[str, str], None]

REQUIRED_PROPERTIES = (
    "date",
    "time_precision",
    "event_type",
    "actors",
    "geo_precision",
    "claim_status",
    "summary",
)
OPTIONAL_PROPERTIES = (
    "date_end",
    "country",
    "admin1",
    "location",
    "uncertainty_m",
    "report",
    "quote",
    "sources",
    "tags",
    "claims",
    "upstream",
)
CLAIM_COMPARISONS = ("about", "more", "less", "exact", "inside")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) with an input, located by file, feature and field."""

    file: str
    feature: str
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        parts = (self.file, self.feature, self.field, self.message)
        return "{}:{}:{}: {}".format(*(printable(str(part)) for part in parts))

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(c: str) -> str:
    if c in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[c]
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """`text` with every character a terminal or log would act on (newline, ESC, CSI, lone surrogates,
    line separators, ...) written as a backslash escape, so quoted input cannot forge or erase output."""
    if text.isprintable():
        return text  # the common case: nothing to do
    return "".join(c if c.isprintable() else _escape_char(c) for c in text)


def feature_label(index: int, feature_id: object = None) -> str:
    """How problems name a feature: its position, and its id when it has a usable one."""
    if isinstance(feature_id, str | int) and not isinstance(feature_id, bool):
        return f"#{index} ({feature_id})"
    return f"#{index}"


def _is_http_url(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def validate_properties(
    props: object,
    *,
    file: str,
    feature: str,
    today: date | None = None,
    check_text: bool = True,
) -> list[Problem]:
    """Every problem with an event's `properties` (not its geometry or id).

    `check_text=False` skips looking into every string for control characters: for callers that already
    know none can be there (a file whose bytes hold no such escape), as the walk is a third of the time.
    """
    today = today or date.today()
    out: list[Problem] = []

    def err(field: str, message: str, severity: Severity = "error") -> None:
        out.append(
            Problem(file, feature, f"properties.{field}" if field else "properties", message, severity)
        )

    if not isinstance(props, dict):
        err("", f"properties must be an object, got {type(props).__name__}")
        return out

    for name in REQUIRED_PROPERTIES:
        if name not in props or props[name] is None or props[name] == "":
            err(name, "required field is missing")

    precision = props.get("time_precision")
    if precision is not None and precision not in TIME_PRECISIONS:
        err(
            "time_precision",
            f"unknown time_precision {precision!r}; one of {list(TIME_PRECISIONS)}",
        )
        precision = None

    start = None
    if props.get("date") not in (None, ""):
        try:
            start = parse_event_date(props["date"], precision or "day")
        except DateError as e:
            err("date", str(e))
        else:
            if range_problem := _outside_timeline(start, props["date"]):
                err("date", range_problem)
            if start > today:
                err("date", f"date {props['date']} is in the future (today is {today.isoformat()})")
            if precision == "week" and start.weekday() != 0:
                err("date", "week-precision dates name the week's Monday", "warning")
    if props.get("date_end") not in (None, ""):
        try:
            end = parse_event_date(props["date_end"], precision or "day")
        except DateError as e:
            err("date_end", str(e))
        else:
            if range_problem := _outside_timeline(end, props["date_end"]):
                err("date_end", range_problem)
            if start is not None and end < start:
                err("date_end", f"date_end {props['date_end']} is before date {props['date']}")
            if end > today:
                err("date_end", f"date_end {props['date_end']} is in the future")

    etype = props.get("event_type")
    if etype not in (None, "") and etype not in EVENT_TYPES:
        err("event_type", f"unknown event_type {etype!r}; known: {', '.join(EVENT_TYPES)}")

    actors = props.get("actors")
    if actors is not None and (
        not isinstance(actors, list) or not all(isinstance(a, str) and a.strip() for a in actors)
    ):
        err("actors", "actors must be a list of non-empty strings (actor 1 first)")

    gp = props.get("geo_precision")
    if gp not in (None, "") and gp not in GEO_PRECISIONS:
        err("geo_precision", f"unknown geo_precision {gp!r}; one of {list(GEO_PRECISIONS)}")
    cs = props.get("claim_status")
    if cs not in (None, "") and cs not in CLAIM_STATUSES:
        err("claim_status", f"unknown claim_status {cs!r}; one of {list(CLAIM_STATUSES)}")

    unc = props.get("uncertainty_m")
    if unc is not None and (
        isinstance(unc, bool) or not isinstance(unc, int | float) or not 0 <= unc <= 5_000_000
    ):
        err("uncertainty_m", f"uncertainty_m must be metres between 0 and 5,000,000, got {unc!r}")

    for name in ("summary", "country", "admin1", "location", "quote"):
        value = props.get(name)
        if value is not None and not isinstance(value, str):
            err(name, f"{name} must be a string, got {type(value).__name__}")

    report = props.get("report")
    if report is not None:
        if not isinstance(report, dict) or not isinstance(report.get("id"), str):
            err("report", 'report must be an object {"id": ..., "paragraph": ...}')
        elif report.get("paragraph") is not None and not isinstance(report["paragraph"], str):
            err("report.paragraph", "paragraph must be a paragraph id string such as 'p3'")

    sources = props.get("sources")
    if sources is not None:
        if not isinstance(sources, list):
            err("sources", "sources must be a list of {title, publisher, date, url}")
        else:
            for i, src in enumerate(sources):
                if not isinstance(src, dict):
                    err(f"sources[{i}]", "each source must be an object")
                    continue
                if "url" in src and not _is_http_url(src["url"]):
                    err(f"sources[{i}].url", f"URL must be http or https, got {src['url']!r}")
                if src.get("date"):
                    try:
                        parse_event_date(src["date"], "day")
                    except DateError as e:
                        err(f"sources[{i}].date", str(e))

    claims = props.get("claims")
    if claims is not None:
        out += _validate_claims(claims, err)

    tags = props.get("tags")
    if tags is not None and (not isinstance(tags, list) or not all(isinstance(t, str) for t in tags)):
        err("tags", "tags must be a list of strings")
    upstream = props.get("upstream")
    if upstream is not None:
        _validate_upstream(upstream, err)
    for field_path, message in _unwritable_text(props) if check_text else ():
        err(field_path, message)
    return out


# The events frame holds periods as datetime64[ns], which spans 1677-09-21 to 2262-04-11: whole years
# inside that span are accepted, so every period (and a day either side, for the time bar) fits.
FIRST_DAY, LAST_DAY = date(1678, 1, 1), date(2261, 12, 31)


def _outside_timeline(day: date, written: object) -> str | None:
    """Why a date cannot be placed on the timeline, or None when it can."""
    if day < FIRST_DAY:
        return f"{written} is before 1678: sitmap's timeline covers {FIRST_DAY} to {LAST_DAY}"
    if day > LAST_DAY:
        return f"{written} is after 2261: sitmap's timeline covers {FIRST_DAY} to {LAST_DAY}"
    return None


# C0 controls other than tab, newline and return, DEL, and lone surrogates: NUL cuts GeoPackage strings,
# XML (KML) forbids the controls, ESC drives terminals, and a lone surrogate cannot be written as UTF-8.
_BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why a text value cannot be stored, or None when it can."""
    m = _BAD_TEXT.search(value)
    if m is None:
        return None
    c = m.group()
    if "\ud800" <= c <= "\udfff":
        return f"text holds a lone surrogate (U+{ord(c):04X}) at character {m.start()}; it cannot be UTF-8"
    return f"text holds the control character U+{ord(c):04X} at character {m.start()}; remove it"


def _unwritable_text(value: object, path: str = "") -> list[tuple[str, str]]:
    """(field path, reason) of every string in `value` (a property tree) that cannot be stored."""
    if isinstance(value, str):
        reason = text_problem(value)
        return [] if reason is None else [(path, reason)]
    out: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, str | dict | list):
                out += _unwritable_text(child, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            if isinstance(child, str | dict | list):
                out += _unwritable_text(child, f"{path}[{i}]")
    return out


def _validate_upstream(upstream: object, err: ErrorSink) -> None:
    """The upstream record an imported event was built from (ACLED import): what a re-import compares."""
    if not isinstance(upstream, dict):
        err("upstream", 'upstream must be an object {"source", "event_id_cnty", "fields", ...}')
        return
    for name in ("source", "event_id_cnty"):
        if not isinstance(upstream.get(name), str) or not upstream[name]:
            err(f"upstream.{name}", f"{name} must be a non-empty string")
    stamp = upstream.get("timestamp")
    if stamp is not None and (isinstance(stamp, bool) or not isinstance(stamp, int)):
        err("upstream.timestamp", f"timestamp must be whole seconds since 1970, got {stamp!r}")
    if not isinstance(upstream.get("fields"), dict):
        err("upstream.fields", "fields must be an object: the event's values as imported")
    row = upstream.get("row")
    if row is not None and (
        not isinstance(row, dict)
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in row.items())
    ):
        err("upstream.row", "row must map column names to the upstream cells (strings)")


def _validate_claims(claims: object, err: ErrorSink) -> list[Problem]:
    """Stated claims the report makes about an event, e.g. a distance to a reference feature."""
    if not isinstance(claims, list):
        err("claims", "claims must be a list of objects")
        return []
    for i, claim in enumerate(claims):
        if not isinstance(claim, dict):
            err(f"claims[{i}]", "each claim must be an object")
            continue
        if not isinstance(claim.get("kind"), str):
            err(f"claims[{i}].kind", "kind must be a string such as 'distance'")
        if claim.get("kind") == "distance":
            km = claim.get("stated_km")
            if isinstance(km, bool) or not isinstance(km, int | float) or not 0 <= km < 50_000:
                err(f"claims[{i}].stated_km", f"stated_km must be kilometres >= 0, got {km!r}")
            if not isinstance(claim.get("reference"), str):
                err(f"claims[{i}].reference", "reference must be a reference id such as 'area-of-separation'")
            comparison = claim.get("comparison", "about")
            if comparison not in CLAIM_COMPARISONS:
                err(f"claims[{i}].comparison", f"comparison must be one of {list(CLAIM_COMPARISONS)}")
        if "text" in claim and not isinstance(claim["text"], str):
            err(f"claims[{i}].text", "text must be a string")
    return []


def validate_feature_id(feature_id: object, *, file: str, feature: str) -> list[Problem]:
    """The Feature's top-level id: a string, stable, usable in URLs and file names."""
    if feature_id is None:
        return [Problem(file, feature, "id", "required field is missing (Feature id)")]
    if not isinstance(feature_id, str):
        return [Problem(file, feature, "id", f"id must be a string, got {type(feature_id).__name__}")]
    if not ID_PATTERN.match(feature_id):
        return [
            Problem(
                file,
                feature,
                "id",
                f"id {feature_id!r} must be 1-128 letters, digits, '.', '_', ':' or '-'",
            )
        ]
    return []
