"""Read ACLED exports: one CSV row per event -> one store Feature, keyed by ACLED's `event_id_cnty`.

ACLED's event_type / sub_event_type pairs map through `ACLED_TYPE_MAP` (all 25 of the codebook); where
several sitmap types share a pair (a raid and an armed clash are both "Battles / Armed clash") the row's
`notes` decide ("raid", "drone", "missile", "vessel", "patrol" ...). Precision codes: time 1/2/3 ->
day/week/month, geo 1/2/3 -> exact/near/region.

Every feature keeps the upstream record it was built from (`properties.upstream`: ACLED's row as written,
its timestamp, and the sitmap values mapped from it), so ACLED's own columns are exported again and a
re-import can tell an upstream correction from an analyst's edit (`acled_merge`). A row of sitmap's
own CSV export is read back exactly from its `sitmap_` columns (`sitmap.exports.acled_csv`).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import shapely

from sitmap.exports.acled_csv import ACLED_COLUMNS, unneutralise_cell
from sitmap.model import Problem
from sitmap.store.load import validate_features
from sitmap.vocabulary import CLAIM_STATUSES, EVENT_TYPES, GEO_PRECISIONS

REQUIRED_COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "latitude", "longitude")
TIME_CODES = {"1": "day", "2": "week", "3": "month"}
GEO_CODES = {"1": "exact", "2": "near", "3": "region"}

# Words in ACLED's notes that pick one sitmap type among those sharing an ACLED pair.
_KEYWORDS: dict[str, re.Pattern] = {  # most specific first: "missile at a vessel" is an attack on shipping
    "attack_on_shipping": re.compile(r"\b(?:vessels?|ships?|tankers?|shipping)\b", re.I),
    "raid": re.compile(r"\braid", re.I),
    "patrol": re.compile(r"\bpatroll?", re.I),
    "drone_attack": re.compile(r"\b(?:drones?|UAVs?)\b", re.I),
    "missile_strike": re.compile(r"\b(?:missiles?|rockets?)\b", re.I),
    "visit_meeting": re.compile(r"\b(?:visit|visited|met with|meeting)\b", re.I),
    "arms_transfer": re.compile(r"\b(?:weapons|arms|munitions)\s+(?:shipment|transfer|deliver)|smuggl", re.I),
    "shelling": re.compile(r"\b(?:shell(?:ed|ing)|artillery|mortars?)\b", re.I),
}
# The codebook's 6 event types and 25 sub-event types, each with the sitmap type it means where no keyword
# in the notes picks a more specific one. Chemical weapons have no sitmap type of their own.
_PV, _SD = "Explosions/Remote violence", "Strategic developments"
ACLED_TYPE_MAP: dict[tuple[str, str], str] = {
    ("Battles", "Armed clash"): "armed_clash",
    ("Battles", "Government regains territory"): "ground_incursion",
    ("Battles", "Non-state actor overtakes territory"): "ground_incursion",
    (_PV, "Chemical weapon"): "other",
    (_PV, "Air/drone strike"): "airstrike",
    (_PV, "Suicide bomb"): "explosive_device",
    (_PV, "Shelling/artillery/missile attack"): "shelling",
    (_PV, "Remote explosive/landmine/IED"): "explosive_device",
    (_PV, "Grenade"): "explosive_device",
    ("Violence against civilians", "Sexual violence"): "attack_on_civilians",
    ("Violence against civilians", "Attack"): "attack_on_civilians",
    ("Violence against civilians", "Abduction/forced disappearance"): "abduction",
    ("Protests", "Peaceful protest"): "protest",
    ("Protests", "Protest with intervention"): "protest",
    ("Protests", "Excessive force against protesters"): "protest",
    ("Riots", "Violent demonstration"): "riot",
    ("Riots", "Mob violence"): "riot",
    (_SD, "Agreement"): "agreement",
    (_SD, "Arrests"): "arrest",
    (_SD, "Change to group/activity"): "deployment",
    (_SD, "Disrupted weapons use"): "interception",
    (_SD, "Headquarters or base established"): "base_established",
    (_SD, "Looting/property destruction"): "property_destruction",
    (_SD, "Non-violent transfer of territory"): "ground_incursion",
    (_SD, "Other"): "other",
}
assert all(key in EVENT_TYPES for key in ACLED_TYPE_MAP.values())  # noqa: S101 - a typo here is a bug


def _reverse_vocabulary() -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for key, t in EVENT_TYPES.items():
        out.setdefault((t.acled_event_type, t.acled_sub_event_type), []).append(key)
    return out


_REVERSE = _reverse_vocabulary()


def map_event_type(acled_type: str, sub_type: str, notes: str = "") -> tuple[str, str]:
    """(sitmap event type, why) for an ACLED event_type / sub_event_type pair and the row's notes."""
    pair = (acled_type.strip(), sub_type.strip())
    keys = _REVERSE.get(pair, [])
    if len(keys) == 1:
        return keys[0], f"ACLED {pair[0]} / {pair[1]}"
    for key in (k for k in _KEYWORDS if k in keys):  # most specific first
        if _KEYWORDS[key].search(notes):
            return key, f"ACLED {pair[0]} / {pair[1]}; notes mention {_KEYWORDS[key].pattern!r}"
    if pair in ACLED_TYPE_MAP:
        return ACLED_TYPE_MAP[pair], f"ACLED {pair[0]} / {pair[1]}"
    return "other", f"ACLED {pair[0]} / {pair[1]} is not in the codebook"


def parse_acled_date(text: str) -> date:
    """ACLED dates: ISO `2025-03-04` or the export's `04 March 2025` (also `04-March-2025`)."""
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y"):
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar day, no time
        except ValueError:
            continue
    raise ValueError(f"unreadable event_date {text!r} (expected 2025-03-04 or 04 March 2025)")


class RowError(ValueError):
    """A cell that cannot be read, named by its column."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def _split(value: str) -> list[str]:
    return [p.strip() for p in re.split(r";", value or "") if p.strip()]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _json(cell: str, column: str, kind: type) -> Any:
    try:
        value = json.loads(cell)
    except json.JSONDecodeError as e:
        raise RowError(column, f"not JSON: {e.msg} at character {e.pos}") from e
    if not isinstance(value, kind):
        raise RowError(column, f"expected a JSON {kind.__name__}, got {type(value).__name__}")
    return value


def _geometry(cell: Callable[[str], str]) -> dict | None:
    """The event's location: the full line or area from `sitmap_geometry`, else ACLED's point."""
    if wkt := cell("sitmap_geometry").strip():
        try:
            geom = shapely.from_wkt(wkt)
        except shapely.errors.GEOSException as e:
            raise RowError("sitmap_geometry", f"unreadable WKT: {e}") from e
        return json.loads(json.dumps(shapely.geometry.mapping(geom)))  # tuples -> lists
    try:
        lat, lon = float(cell("latitude")), float(cell("longitude"))
    except ValueError:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def _acled_props(get: Callable[[str], str]) -> dict[str, Any]:
    """The sitmap properties ACLED's own columns give (a raw ACLED row)."""
    day = parse_acled_date(get("event_date"))
    precision = TIME_CODES.get(get("time_precision"), "day")
    if precision == "week":
        when = (day - timedelta(days=day.weekday())).isoformat()  # sitmap names a week by its Monday
    elif precision == "month":
        when = day.isoformat()[:7]
    else:
        when = day.isoformat()
    geo = GEO_CODES.get(get("geo_precision"), "region")
    actors = [get("actor1"), get("actor2"), *_split(get("assoc_actor_1")), *_split(get("assoc_actor_2"))]
    location = get("location") or get("admin3") or get("admin2") or get("admin1")
    tags = ["acled", f"acled:{_slug(get('event_type'))}/{_slug(get('sub_event_type'))}"]
    if get("fatalities").isdigit() and int(get("fatalities")) > 0:
        tags.append(f"fatalities:{int(get('fatalities'))}")
    title = f"ACLED event {get('event_id_cnty')}"
    source = {"title": f"{title}: {get('source')}" if get("source") else title, "publisher": "ACLED"}
    if get("timestamp").isdigit():
        source["date"] = datetime.fromtimestamp(int(get("timestamp")), tz=UTC).date().isoformat()
    return {
        "date": when,
        "time_precision": precision,
        "event_type": map_event_type(get("event_type"), get("sub_event_type"), get("notes"))[0],
        "actors": list(dict.fromkeys(a for a in actors if a)),
        "country": get("country") or None,
        "admin1": get("admin1") or None,
        "location": location or None,
        "geo_precision": geo,
        "uncertainty_m": GEO_PRECISIONS[geo]["default_uncertainty_m"],
        "claim_status": "reported",
        "summary": get("notes")
        or f"{get('event_type')} / {get('sub_event_type')} at {location or 'unknown place'}",
        "sources": [source],
        "tags": tags,
    }


def _sitmap_props(cell: Callable[[str], str], props: dict[str, Any]) -> dict[str, Any]:
    """A sitmap export read back: its `sitmap_` columns hold sitmap's own values exactly."""
    props = dict(props)
    for name in (
        "date",
        "date_end",
        "time_precision",
        "geo_precision",
        "event_type",
        "claim_status",
        "quote",
    ):
        props[name] = cell(f"sitmap_{name}") or (None if name in ("date_end", "quote") else props[name])
    for name, column in (("country", "country"), ("admin1", "admin1"), ("location", "location")):
        props[name] = cell(column) or None  # as written: no fallback to admin3/admin2
    props["summary"] = cell("notes")
    props["actors"] = _json(cell("sitmap_actors"), "sitmap_actors", list) if cell("sitmap_actors") else []
    for name in ("sources", "claims", "tags"):
        column = f"sitmap_{name}"
        props[name] = _json(cell(column), column, list) if cell(column) else None
    if report := cell("sitmap_report"):
        report_id, _, paragraph = report.partition("#")
        props["report"] = {"id": report_id, "paragraph": paragraph or None}
    if unc := cell("sitmap_uncertainty_m").strip():
        props["uncertainty_m"] = _number(unc, "sitmap_uncertainty_m")
    else:
        props["uncertainty_m"] = None
    return props


def _number(text: str, column: str) -> int | float:
    try:
        value = float(text)
    except ValueError as e:
        raise RowError(column, f"not a number: {text!r}") from e
    return int(value) if value.is_integer() else value


def row_to_feature(row: dict[str, str]) -> dict[str, Any]:
    """One CSV row as a store Feature (not yet validated), with the upstream record it was built from.

    A raw ACLED row is mapped column by column; a row of sitmap's own export (it has `sitmap_date`) is read
    back exactly: its `sitmap_` columns win and the formula neutralisation of its cells is undone.
    Raises RowError for an unreadable cell.
    """
    exported = bool((row.get("sitmap_date") or "").strip())

    def cell(name: str) -> str:
        text = row.get(name) or ""
        return unneutralise_cell(text) if exported else text

    def get(name: str) -> str:
        return cell(name).strip()

    try:
        props = _acled_props(get)
    except ValueError as e:
        raise RowError("event_date", str(e)) from e
    if exported:
        props = _sitmap_props(cell, props)
    elif get("sitmap_event_type") in EVENT_TYPES:  # an export of an older sitmap: its three own columns
        props["event_type"] = get("sitmap_event_type")
        if get("sitmap_claim_status") in CLAIM_STATUSES:
            props["claim_status"] = get("sitmap_claim_status")
        if get("sitmap_uncertainty_m"):
            props["uncertainty_m"] = _number(get("sitmap_uncertainty_m"), "sitmap_uncertainty_m")
    props = {k: v for k, v in props.items() if v is not None}
    geometry = _geometry(cell)
    fid = get("event_id_cnty")
    if carried := get("sitmap_upstream"):  # the record a sitmap export carries: the base of later merges
        upstream = _json(carried, "sitmap_upstream", dict)
    else:
        upstream = {
            "source": "acled",
            "event_id_cnty": fid,
            "timestamp": int(get("timestamp")) if get("timestamp").isdigit() else None,
            "row": {c: cell(c) for c in ACLED_COLUMNS if cell(c)},
            "fields": {**props, "geometry": geometry},
        }
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": {**props, "upstream": upstream}}


def read_acled_csv(
    text: str, *, file: str = "acled.csv", today: date | None = None
) -> tuple[list[dict], list[Problem]]:
    """Valid Features from ACLED CSV text, and a Problem per refused row (`#<n>`: the n-th data row).

    A file without ACLED's key columns gives no features and one problem for the whole file (feature `-`).
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return [], [Problem(file, "-", "-", f"not an ACLED export: missing column(s) {', '.join(missing)}")]
    features: list[dict] = []
    problems: list[Problem] = []
    for n, row in enumerate(reader, start=1):
        label = f"#{n} ({(row.get('event_id_cnty') or '').strip() or 'no id'})"
        try:
            feature = row_to_feature(row)
        except RowError as e:
            problems.append(Problem(file, label, e.column, str(e)))
            continue
        found, bad = validate_features([feature], file=file, today=today)
        if bad:
            problems += [Problem(file, label, p.field, p.message, p.severity) for p in found if p.is_error]
            continue
        # ACLED exports list an event once; a repeat is a later edit of it
        features = [f for f in features if f["id"] != feature["id"]]
        features.append(feature)
    return features, problems


def export_scope(text: str) -> tuple[set[str], set[str], date | None, date | None]:
    """The ids an ACLED export lists (readable or not), and the countries and first and last event_date
    it covers: a stored event in that scope but not listed was dropped upstream."""
    ids: set[str] = set()
    countries: set[str] = set()
    days: list[date] = []
    for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")):
        ids.add((row.get("event_id_cnty") or "").strip())
        if country := (row.get("country") or "").strip():
            countries.add(country)
        try:
            days.append(parse_acled_date(row.get("event_date") or ""))
        except ValueError:
            continue
    return ids, countries, min(days, default=None), max(days, default=None)
