"""Import ACLED exports: one CSV row per event -> one store Feature, keyed by ACLED's `event_id_cnty`.

Types map back through `sitmap.vocabulary` (each sitmap type names its ACLED event_type/sub_event_type):
where several sitmap types share an ACLED pair (a raid and an armed clash are both "Battles / Armed clash")
the row's `notes` decide ("raid", "drone", "missile", "vessel", "patrol" ...); ACLED categories with no
sitmap counterpart (protests, riots, IEDs) become `other`, and the ACLED pair is always kept as a tag.
Precision codes: time 1/2/3 -> day/week/month, geo 1/2/3 -> exact/near/region.

Re-importing an updated export updates events in place (same id) instead of adding duplicates. Columns
written by `sitmap.exports.formats` (`sitmap_event_type`, `sitmap_claim_status`, `sitmap_uncertainty_m`) are
honoured, so an export read back keeps sitmap's own values.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sitmap.model import Problem
from sitmap.settings import Settings
from sitmap.store.load import FileVersion, event_files, read_event_file, save_features, validate_features
from sitmap.vocabulary import CLAIM_STATUSES, EVENT_TYPES, GEO_PRECISIONS

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
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
# Where no keyword decides, the ACLED pair's usual meaning.
_DEFAULTS = {
    ("Battles", "Armed clash"): "armed_clash",
    ("Explosions/Remote violence", "Air/drone strike"): "airstrike",
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"): "shelling",
    ("Strategic developments", "Other"): "other",
}
_EXTRA = {  # ACLED pairs that no vocabulary entry names
    ("Battles", "Government regains territory"): "ground_incursion",
    ("Battles", "Non-state actor overtakes territory"): "ground_incursion",
    ("Strategic developments", "Headquarters or base established"): "deployment",
    ("Strategic developments", "Arrests"): "raid",
}


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
    for key in sorted(keys, key=lambda k: list(_KEYWORDS).index(k) if k in _KEYWORDS else 99):
        if key in _KEYWORDS and _KEYWORDS[key].search(notes):
            return key, f"ACLED {pair[0]} / {pair[1]}; notes mention {_KEYWORDS[key].pattern!r}"
    if pair in _DEFAULTS:
        return _DEFAULTS[pair], f"ACLED {pair[0]} / {pair[1]} (usual reading)"
    if pair in _EXTRA:
        return _EXTRA[pair], f"ACLED {pair[0]} / {pair[1]}"
    return "other", f"ACLED {pair[0]} / {pair[1]} has no sitmap type"


def parse_acled_date(text: str) -> date:
    """ACLED dates: ISO `2025-03-04` or the export's `04 March 2025` (also `04-March-2025`)."""
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y"):
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar day, no time
        except ValueError:
            continue
    raise ValueError(f"unreadable event_date {text!r} (expected 2025-03-04 or 04 March 2025)")


def _split(value: str) -> list[str]:
    return [p.strip() for p in re.split(r";", value or "") if p.strip()]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def row_to_feature(row: dict[str, str]) -> dict[str, Any]:
    """One ACLED row as a store Feature (not yet validated). Raises ValueError for unreadable cells."""
    get = lambda k: (row.get(k) or "").strip()  # noqa: E731
    day = parse_acled_date(get("event_date"))
    precision = TIME_CODES.get(get("time_precision"), "day")
    if precision == "week":
        when = (day - timedelta(days=day.weekday())).isoformat()  # sitmap names a week by its Monday
    elif precision == "month":
        when = day.isoformat()[:7]
    else:
        when = day.isoformat()
    etype, _why = map_event_type(get("event_type"), get("sub_event_type"), get("notes"))
    if get("sitmap_event_type") in EVENT_TYPES:  # a sitmap export read back keeps its own type
        etype = get("sitmap_event_type")
    geo = GEO_CODES.get(get("geo_precision"), "region")
    try:
        lat, lon = float(get("latitude")), float(get("longitude"))
    except ValueError:
        lat = lon = math.nan
    geometry = None
    if math.isfinite(lat) and math.isfinite(lon):
        geometry = {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}
    try:
        unc = float(get("sitmap_uncertainty_m"))
    except ValueError:
        unc = float(GEO_PRECISIONS[geo]["default_uncertainty_m"])
    actors = [get("actor1"), get("actor2"), *_split(get("assoc_actor_1")), *_split(get("assoc_actor_2"))]
    actors = list(dict.fromkeys(a for a in actors if a))
    location = get("location") or get("admin3") or get("admin2") or get("admin1")
    summary = (
        get("notes") or f"{get('event_type')} / {get('sub_event_type')} at {location or 'unknown place'}"
    )
    tags = ["acled", f"acled:{_slug(get('event_type'))}/{_slug(get('sub_event_type'))}"]
    if get("fatalities").isdigit() and int(get("fatalities")) > 0:
        tags.append(f"fatalities:{int(get('fatalities'))}")
    source = {"title": f"ACLED event {get('event_id_cnty')}", "publisher": "ACLED"}
    if get("source"):
        source["publisher"] = f"ACLED (sources: {get('source')})"
    if get("timestamp").isdigit():
        source["date"] = datetime.fromtimestamp(int(get("timestamp")), tz=UTC).date().isoformat()
    status = get("sitmap_claim_status")
    props = {
        "date": when,
        "date_end": None,
        "time_precision": precision,
        "event_type": etype,
        "actors": actors,
        "country": get("country") or None,
        "admin1": get("admin1") or None,
        "location": location or None,
        "geo_precision": geo,
        "uncertainty_m": int(unc) if unc.is_integer() else unc,
        "claim_status": status if status in CLAIM_STATUSES else "reported",
        "summary": summary,
        "sources": [source],
        "tags": tags,
    }
    props = {k: v for k, v in props.items() if v is not None or k == "date_end"}
    return {"type": "Feature", "id": get("event_id_cnty"), "geometry": geometry, "properties": props}


@dataclass
class ImportResult:
    path: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # rows skipped, and why
    version: FileVersion | None = None


def read_acled_csv(
    text: str, *, file: str = "acled.csv", today: date | None = None
) -> tuple[list[dict], list[Problem]]:
    """Valid Features from ACLED CSV text, and a Problem per skipped row (`#<n>`: the n-th data row)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return [], [Problem(file, "-", "-", f"not an ACLED export: missing column(s) {', '.join(missing)}")]
    features: list[dict] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for n, row in enumerate(reader, start=1):
        label = f"#{n} ({(row.get('event_id_cnty') or '').strip() or 'no id'})"
        try:
            feature = row_to_feature(row)
        except ValueError as e:
            problems.append(Problem(file, label, "event_date", str(e)))
            continue
        found, bad = validate_features([feature], file=file, today=today)
        if bad:
            problems += [Problem(file, label, p.field, p.message, p.severity) for p in found if p.is_error]
            continue
        if feature["id"] in seen:  # ACLED exports list an event once; a repeat is a later edit
            features = [f for f in features if f["id"] != feature["id"]]
        seen.add(feature["id"])
        features.append(feature)
    return features, problems


def import_acled(
    csv_path: Path | str,
    into: Path | str,
    *,
    events_dir: Path | str | None = None,
    settings: Settings | None = None,
    today: date | None = None,
) -> ImportResult:
    """Merge an ACLED CSV into the event file `into`: new ids are added, known ids updated in place."""
    csv_path, into = Path(csv_path), Path(into)
    try:
        text = csv_path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(f"{csv_path}: not UTF-8 (byte {e.start})") from e
    features, problems = read_acled_csv(text, file=str(csv_path), today=today)
    result = ImportResult(into, problems=problems)
    current, version, parse_problems = read_event_file(into, settings=settings)
    if current is None:
        raise ValueError(f"{into}: cannot read the target file: {'; '.join(map(str, parse_problems))}")
    elsewhere: dict[str, Path] = {}
    if events_dir is not None:
        for path in event_files(Path(events_dir)):
            if path.resolve() != into.resolve():
                for f in read_event_file(path, settings=settings)[0] or []:
                    if isinstance(f, dict) and isinstance(f.get("id"), str):
                        elsewhere[f["id"]] = path
    index = {f.get("id"): i for i, f in enumerate(current) if isinstance(f, dict)}
    merged = list(current)
    for feature in features:
        fid = feature["id"]
        if fid in elsewhere:
            result.problems.append(
                Problem(str(csv_path), fid, "id", f"already stored in {elsewhere[fid]}; skipped")
            )
        elif fid in index:
            if merged[index[fid]] == feature:
                result.unchanged.append(fid)
            else:
                merged[index[fid]] = feature
                result.updated.append(fid)
        else:
            index[fid] = len(merged)
            merged.append(feature)
            result.added.append(fid)
    if result.added or result.updated:
        result.version = save_features(into, merged, expected_version=version, settings=settings, today=today)
    else:
        result.version = version
    return result
