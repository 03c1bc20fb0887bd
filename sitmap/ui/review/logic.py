"""The review page's rules, without Streamlit: field values, the feature to save, checks, place search.

The page keeps one dict of field values per candidate (what the analyst sees in the edit form). Every
function here takes or returns such a dict, so the rules are tested directly and the Streamlit modules
only move values between widgets and these functions.
"""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from sitmap.extract.claims import ClaimCheck, check_distance_claims, stored_claim
from sitmap.extract.ids import ID_FIELDS, renamed_id
from sitmap.extract.pipeline import Candidate
from sitmap.extract.review import candidate_problems, event_feature
from sitmap.model import Problem
from sitmap.reference.areas import BORDER_SLACK_M, areas_at
from sitmap.reference.layers import Reference
from sitmap.store.load import SKIPPED_DIRS
from sitmap.ui.review.unplaced import at_its_area, is_unresolved
from sitmap.vocabulary import EVENT_TYPES, GEO_PRECISIONS

# The form's fields, in the order the form shows them.
FIELDS = (
    "id", "event_type", "date", "time_precision", "date_end", "actors", "location", "country", "admin1",
    "lon", "lat", "geo_precision", "uncertainty_m", "claim_status", "summary", "tags",
)  # fmt: skip
POINT_PRECISIONS = ("exact", "near")  # precisions that claim a point; they need one to be saved
_OPTIONAL_TEXT = ("date_end", "country", "admin1", "location")
CLAIM_COLOURS = {"consistent": "green", "ambiguous": "orange", "inconsistent": "red"}  # else gray


def initial_values(cand: Candidate) -> dict[str, Any]:
    """The form's starting values: what extraction proposed."""
    return {
        "id": cand.id,
        "event_type": cand.event_type,
        "date": cand.date or "",
        "time_precision": cand.time_precision or "day",
        "date_end": cand.date_end or "",
        "actors": list(cand.actors),
        "location": cand.location or "",
        "country": cand.country or "",
        "admin1": cand.admin1 or "",
        "lon": cand.lon,
        "lat": cand.lat,
        "geo_precision": cand.geo_precision,
        "uncertainty_m": None if cand.uncertainty_m is None else float(cand.uncertainty_m),
        "claim_status": cand.claim_status,
        "summary": cand.summary,
        "tags": "",
    }


def _tags(text: str) -> list[str]:
    return [t.strip() for t in str(text or "").split(",") if t.strip()]


def edits_from_values(values: dict[str, Any]) -> dict[str, Any]:
    """`extract_review.event_feature` edits for the form's values (empty text = no value)."""
    edits: dict[str, Any] = {k: values[k] for k in FIELDS if k in values and k not in ("tags",)}
    for name in ("date", "summary", *_OPTIONAL_TEXT):
        if name in edits:
            edits[name] = str(edits[name] or "").strip() or None
    edits["id"] = str(edits.get("id") or "").strip() or None
    edits["actors"] = [str(a).strip() for a in values.get("actors") or [] if str(a).strip()]
    tags = _tags(values.get("tags", ""))
    if tags:
        edits["tags"] = tags
    return edits


def review_feature(cand: Candidate, values: dict[str, Any]) -> dict[str, Any]:
    """The Feature the analyst is about to save: the candidate with the form's values, no empty fields."""
    feature = event_feature(cand, edits_from_values(values))
    props = feature["properties"]
    for name in (*_OPTIONAL_TEXT, "uncertainty_m"):
        if props.get(name) is None and name != "date_end":
            props.pop(name, None)
    return feature


def edited_fields(cand: Candidate, values: dict[str, Any]) -> set[str]:
    """The event's fields the analyst changed in the form (a merge into a stored event takes these)."""
    start = initial_values(cand)
    changed = {name for name in FIELDS if name != "id" and values.get(name) != start[name]}
    return {"geometry" if name in ("lon", "lat") else name for name in changed}


def placement_problems(cand: Candidate, values: dict[str, Any], label: str) -> list[Problem]:
    """The page's own rule: an exact or near precision needs a point (never a confident guess)."""
    has_point = values.get("lon") is not None and values.get("lat") is not None
    if values.get("geo_precision") in POINT_PRECISIONS and at_its_area(cand, values):
        return [
            Problem(
                "review",
                label,
                "geometry",
                f"unresolved place at its province's point: geo precision {values['geo_precision']!r} needs "
                "the place's own point; search the gazetteer or click the map, or keep region precision",
            )
        ]
    if values.get("geo_precision") in POINT_PRECISIONS and not has_point:
        where = "unresolved place" if is_unresolved(cand) else "no point"
        return [
            Problem(
                "review",
                label,
                "geometry",
                f"{where}: geo precision {values['geo_precision']!r} needs a point; search the "
                "gazetteer or click the map, or choose region/country precision",
            )
        ]
    return []


def review_problems(
    cand: Candidate, values: dict[str, Any], *, file: str = "review", today: date | None = None
) -> list[Problem]:
    """Everything that stops (errors) or questions (warnings) saving the candidate with these values."""
    feature = review_feature(cand, values)
    found = candidate_problems(feature, today=today)
    label = f"#0 ({feature['id']})"
    found = [Problem(file, p.feature, p.field, p.message, p.severity) for p in found]
    return found + placement_problems(cand, values, label)


def claim_checks(cand: Candidate, values: dict[str, Any], reference: Reference | None) -> list[ClaimCheck]:
    """The candidate's stated distances checked against the location in the form (not the proposal)."""
    if not cand.claims or reference is None:
        return []
    feature = review_feature(cand, values)
    return check_distance_claims(feature, [stored_claim(c) for c in cand.claims], reference)


def precision_for(uncertainty_m: float) -> str:
    """The geo precision a gazetteer point of this uncertainty supports (as extraction decides it)."""
    return "exact" if uncertainty_m <= 1000 else "near" if uncertainty_m <= 10000 else "region"


def place_values(place: dict[str, Any]) -> dict[str, Any]:
    """Form values for a gazetteer place: its name, areas, point, uncertainty and precision."""
    unc = place.get("uncertainty_m")
    unc = float(unc) if isinstance(unc, int | float) and unc == unc else None
    unc = unc or float(GEO_PRECISIONS["near"]["default_uncertainty_m"])
    return {
        "location": re.sub(r"\s*\(.*?\)", "", str(place.get("name") or "")).strip(),
        "country": place.get("country") or "",
        "admin1": place.get("admin1") or "",
        "lon": round(float(place["lon"]), 6),
        "lat": round(float(place["lat"]), 6),
        "uncertainty_m": unc,
        "geo_precision": precision_for(unc),
    }


# A map click or typed coordinates: a point at the radius the analyst chose (1 km: a village's extent).
CLICK_RADII_M = (250.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0)
DEFAULT_CLICK_RADIUS_M = 1000.0


def point_values(
    lat: float,
    lon: float,
    radius_m: float,
    reference: Reference | None,
    current: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Form values for a point placed by hand (map click or typed coordinates).

    The precision follows the radius (`precision_for`: 1 km or less is exact), never the proposal's area
    precision, so the saved event is drawn as a point and not as the whole province. A point that refines
    the form's `current` place (a named place with a country and a point, and the new point within its
    uncertainty or `BORDER_SLACK_M` of it) keeps that place's country and admin-1: the gazetteer's (or the
    text's) areas, never Natural Earth's simplified border. Any other point takes the areas it lies in
    (empty when the layers do not cover it).
    """
    radius = float(radius_m) if radius_m and radius_m > 0 else DEFAULT_CLICK_RADIUS_M
    out: dict[str, Any] = {
        "lon": round(float(lon), 5),
        "lat": round(float(lat), 5),
        "uncertainty_m": radius,
        "geo_precision": precision_for(radius),
    }
    if _refines(current, out["lon"], out["lat"]):
        return out
    if reference is not None:
        country, admin1 = areas_at(reference, out["lon"], out["lat"])
        out["country"], out["admin1"] = country or "", admin1 or ""
    return out


def _refines(current: dict[str, Any] | None, lon: float, lat: float) -> bool:
    """Whether a point at (lon, lat) moves the form's named, placed `current` place within its extent."""
    if not current or not current.get("location") or not current.get("country"):
        return False
    if current.get("lon") is None or current.get("lat") is None:
        return False
    unc = current.get("uncertainty_m")
    reach = max(float(unc) if isinstance(unc, int | float) and unc == unc else 0.0, BORDER_SLACK_M)
    dx = (lon - float(current["lon"])) * 111_320.0 * math.cos(math.radians(lat))
    dy = (lat - float(current["lat"])) * 110_540.0
    return math.hypot(dx, dy) <= reach


def follow_id(current: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` to the form, with the form's id following a new date, place or type when it was derived
    from them (`extract.ids.renamed_id`: a typed id is left alone), so no `xxx-...` id outlives the fix."""
    if not ID_FIELDS & changes.keys() or not isinstance(current.get("id"), str):
        return changes
    new_id = renamed_id(current["id"], current, {**current, **changes})
    return changes if new_id == current["id"] else {**changes, "id": new_id}


_DATE_PRECISION = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}$"), "year"),
)


def typed_date_precision(text: str) -> str | None:
    """The time precision a typed date states: day for YYYY-MM-DD, month for YYYY-MM, year for YYYY;
    None when the text is none of these (validation then says why). A week is chosen after typing."""
    text = str(text or "").strip()
    return next((precision for pattern, precision in _DATE_PRECISION if pattern.match(text)), None)


def place_label(values: dict[str, Any], cand: Candidate | None = None) -> str:
    """'Tell al-Mal · near ±4 km', 'Red Sea · unresolved (region, no point)', 'Iran · country', 'Kudna · not
    in the gazetteer: at Quneitra ±27 km (region)'."""
    name = values.get("location") or values.get("admin1") or values.get("country") or "no place"
    precision = values.get("geo_precision") or "?"
    has_point = values.get("lon") is not None and values.get("lat") is not None
    if cand is not None and is_unresolved(cand) and not has_point:
        return f"{name} · unresolved ({precision}, no point)"
    unc = values.get("uncertainty_m")
    if cand is not None and at_its_area(cand, values) and isinstance(unc, int | float):
        return f"{name} · not in the gazetteer: at {cand.admin1} ±{unc / 1000:g} km ({precision})"
    extra = f" ±{unc / 1000:g} km" if has_point and isinstance(unc, int | float) else ""
    return f"{name} · {precision}{extra}" + ("" if has_point else " (no point)")


def date_label(values: dict[str, Any]) -> str:
    """'2025-03-03 (day)', '2024-04 (month)', 'no date'."""
    if not values.get("date"):
        return "no date"
    end = f" – {values['date_end']}" if values.get("date_end") else ""
    return f"{values['date']}{end} ({values.get('time_precision') or '?'})"


def type_label(key: str) -> str:
    return EVENT_TYPES[key].label if key in EVENT_TYPES else f"{key} (unknown type)"


def candidate_table(
    cands: list[Candidate],
    values: dict[str, dict[str, Any]],
    statuses: dict[str, str],
    stored: dict[str, str],
) -> pd.DataFrame:
    """One row per candidate for the list: status, type, date, place, actors, confidence, id.

    `values` are the current form values by candidate id, `statuses` the session's decisions and
    `stored` maps event ids already in the store to their file.
    """
    rows = []
    for c in cands:
        v = values.get(c.id) or initial_values(c)
        status = statuses.get(c.id, "pending")
        if status == "pending" and (v.get("id") or c.id) in stored:
            status = "in store"
        rows.append(
            {
                "status": status,
                "type": type_label(v.get("event_type", c.event_type)),
                "date": date_label(v),
                "place": place_label(v, c),
                "actors": "; ".join(v.get("actors") or []),
                "confidence": c.confidence,
                "paragraph": c.paragraph_id,
                "id": c.id,
                "doubt": c.reason,
            }
        )
    return pd.DataFrame(rows, columns=["status", "type", "date", "place", "actors", "confidence",
                                       "paragraph", "id", "doubt"])  # fmt: skip


def evidence_table(cand: Candidate) -> pd.DataFrame:
    """Why each field has its value: field, value, reason, confidence, the text it read. A place the
    gazetteer lacks (no place id) is shown by its name as written, said to be unresolved."""
    rows = []
    for name, ev in cand.evidence.items():
        value = ev.value
        if name == "location" and value is None and is_unresolved(cand):
            value = f"{ev.text or cand.location} (unresolved: not in the gazetteer)"
        if isinstance(value, dict):
            value = value.get("text") or str(value)
        elif isinstance(value, list | tuple):
            value = "; ".join(str(v) for v in value)
        rows.append(
            {
                "field": name,
                "value": "" if value is None else str(value),
                "reason": ev.reason,
                "confidence": round(float(ev.confidence), 2),
                "text": ev.text,
            }
        )
    return pd.DataFrame(rows, columns=["field", "value", "reason", "confidence", "text"])


def default_target(report_id: str) -> str:
    """The events file a report's accepted candidates go to, relative to the events folder."""
    return f"{report_id}.geojson"


def target_path(events_dir: Path | str, relative: str) -> Path:
    """The events file for `relative` (inside the events folder, `.geojson`, not reports/ or briefings/).

    Raises ValueError with a message for the analyst otherwise.
    """
    rel = str(relative or "").strip().replace("\\", "/")
    if rel.startswith("events/"):
        rel = rel[len("events/") :]
    path = Path(rel)
    if not rel or path.is_absolute():
        raise ValueError("give the file as a path inside the events folder, such as my-report.geojson")
    if any(part in ("", ".", "..") or part.startswith(".") for part in path.parts):
        raise ValueError(f"{rel!r}: no '..', '.' or hidden folders in the path")
    if path.suffix.lower() != ".geojson":
        raise ValueError(f"{rel!r}: event files end in .geojson")
    if path.parts[0] in SKIPPED_DIRS:
        raise ValueError(f"{rel!r}: {path.parts[0]}/ does not hold event files")
    root = Path(events_dir).resolve()
    full = (root / path).resolve()
    if root not in full.parents:
        raise ValueError(f"{rel!r} is outside the events folder")
    return Path(events_dir) / path


def same_paragraph_events(events: gpd.GeoDataFrame, cand: Candidate) -> list[str]:
    """Ids of stored events linked to the candidate's report paragraph (possible duplicates)."""
    if events is None or events.empty:
        return []
    hit = events[(events["report_id"] == cand.report_id) & (events["report_paragraph"] == cand.paragraph_id)]
    return [str(i) for i in hit["id"]]


__all__ = [
    "CLAIM_COLOURS",
    "FIELDS",
    "candidate_table",
    "claim_checks",
    "point_values",
    "typed_date_precision",
    "date_label",
    "default_target",
    "edited_fields",
    "edits_from_values",
    "evidence_table",
    "follow_id",
    "initial_values",
    "is_unresolved",
    "place_label",
    "place_values",
    "review_feature",
    "review_problems",
    "same_paragraph_events",
    "target_path",
]
