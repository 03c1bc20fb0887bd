"""A candidate event: the store-ready fields, the evidence per field, and its review state."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from sitmap.extract.claims import stored_claim
from sitmap.extract.dateline import without_dateline
from sitmap.model import OPTIONAL_PROPERTIES, Problem, validate_feature_id, validate_properties

CANDIDATE_KEY = "sitmap_candidate"  # the property holding review metadata in a candidates file
_CITE = re.compile(r"\s*\[\d+\]")


@dataclass(frozen=True)
class Evidence:
    """Why a field has its value: the rule that fired, the text it read, how sure it is. Under "told_by"
    (no stored field, for the review only) `value` is the list of who the sentence says told it."""

    value: Any
    reason: str
    confidence: float
    span: tuple[int, int] | None = None  # character offsets in the paragraph
    text: str = ""


@dataclass
class Candidate:
    """A proposed event: store-ready fields plus the evidence and review state."""

    id: str
    report_id: str
    paragraph_id: str
    start: int  # the sentence's span in the paragraph
    end: int
    sentence: str
    event_type: str
    date: str | None
    time_precision: str | None
    date_end: str | None = None
    actors: list[str] = field(default_factory=list)
    location: str | None = None
    place_id: str | None = None
    country: str | None = None
    admin1: str | None = None
    lon: float | None = None
    lat: float | None = None
    geo_precision: str = "country"
    uncertainty_m: float | None = None
    claim_status: str = "reported"
    claims: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    confidence: float = 0.0
    evidence: dict[str, Evidence] = field(default_factory=dict)
    status: str = "pending"  # pending | accepted | rejected
    review_note: str = ""
    reason: str = ""  # why this is context rather than an event (background, aggregate, plan, denial)
    # dated only by the report ("X reported on Sunday that", no date at all): the event may be a few days
    # earlier, and a sentence that states its day dates it (`one_per_event.merge_duplicates`)
    on_or_before: bool = False

    @property
    def quote(self) -> str:
        """The sentence as quoted: without trailing citation markers and final full stop."""
        return _CITE.sub("", self.sentence).strip().rstrip(".").strip()

    @property
    def told_by(self) -> str:
        """Who the sentence says told it ("local sources; SANA"), as written; "" when it names nobody."""
        ev = self.evidence.get("told_by")
        return "; ".join(ev.value) if ev is not None else ""

    @property
    def summary(self) -> str:
        """The proposed summary: the quote without the paragraph's dateline ("BEIRUT, 12 June 2025 — ")."""
        return without_dateline(self.quote) if self.start == 0 else self.quote

    def to_feature(self, *, with_candidate: bool = False) -> dict[str, Any]:
        """The event as a GeoJSON Feature; with `with_candidate`, plus evidence under `sitmap_candidate`."""
        props: dict[str, Any] = {
            "date": self.date,
            "date_end": self.date_end,
            "time_precision": self.time_precision,
            "event_type": self.event_type,
            "actors": list(self.actors),
            "country": self.country,
            "admin1": self.admin1,
            "location": self.location,
            "geo_precision": self.geo_precision,
            "uncertainty_m": self.uncertainty_m,
            "claim_status": self.claim_status,
            "summary": self.summary,
            "report": {"id": self.report_id, "paragraph": self.paragraph_id},
            "quote": self.quote,
            "sources": [dict(s) for s in self.sources],
        }
        if self.claims and "claims" in OPTIONAL_PROPERTIES:  # once model.py knows the field
            props["claims"] = [stored_claim(c) for c in self.claims]
        props = {k: v for k, v in props.items() if v is not None or k == "date_end"}
        geometry = None
        if self.lon is not None and self.lat is not None:
            geometry = {"type": "Point", "coordinates": [round(self.lon, 6), round(self.lat, 6)]}
        if with_candidate:
            props[CANDIDATE_KEY] = self.metadata()
        return {"type": "Feature", "id": self.id, "geometry": geometry, "properties": props}

    def metadata(self) -> dict[str, Any]:
        """Review metadata: evidence per field, sentence span, confidence, claims, review state."""
        return {
            "status": self.status,
            "review_note": self.review_note,
            "reason": self.reason,
            "confidence": self.confidence,
            "paragraph": self.paragraph_id,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "place_id": self.place_id,
            "unresolved": list(self.unresolved),
            "claims": [stored_claim(c) for c in self.claims],
            "evidence": {k: _evidence_dict(v) for k, v in self.evidence.items()},
        }

    def problems(self, *, today: dt.date | None = None) -> list[Problem]:  # dt.: `date` is a field
        """What stops this candidate from being saved as it stands (validated like the store does)."""
        feat = self.to_feature()
        label = f"#0 ({self.id})"
        found = validate_feature_id(feat["id"], file="candidate", feature=label)
        return found + validate_properties(feat["properties"], file="candidate", feature=label, today=today)

    @classmethod
    def from_feature(cls, feature: dict[str, Any]) -> Candidate:
        """A Candidate back from a Feature written by `to_feature(with_candidate=True)`."""
        props = dict(feature.get("properties") or {})
        meta = props.pop(CANDIDATE_KEY, None) or {}
        geom = feature.get("geometry") or {}
        lon, lat = geom.get("coordinates", [None, None])[:2] if geom.get("type") == "Point" else (None, None)
        report = props.get("report") or {}
        evidence = {
            k: Evidence(
                v.get("value"),
                v.get("reason", ""),
                float(v.get("confidence", 0)),
                _span(v),
                v.get("text", ""),
            )
            for k, v in (meta.get("evidence") or {}).items()
        }
        return cls(
            id=str(feature.get("id")), report_id=report.get("id", ""),
            paragraph_id=report.get("paragraph") or meta.get("paragraph", ""),
            start=int(meta.get("start", 0)), end=int(meta.get("end", 0)),
            sentence=meta.get("sentence") or props.get("quote", ""), event_type=props.get("event_type", ""),
            date=props.get("date"), time_precision=props.get("time_precision"),
            date_end=props.get("date_end"),
            actors=list(props.get("actors") or []), location=props.get("location"),
            place_id=meta.get("place_id"), country=props.get("country"), admin1=props.get("admin1"),
            lon=lon, lat=lat, geo_precision=props.get("geo_precision", "country"),
            uncertainty_m=props.get("uncertainty_m"), claim_status=props.get("claim_status", "reported"),
            claims=list(meta.get("claims") or props.get("claims") or []),
            sources=list(props.get("sources") or []), unresolved=list(meta.get("unresolved") or []),
            confidence=float(meta.get("confidence", 0)), evidence=evidence,
            status=meta.get("status", "pending"), review_note=meta.get("review_note", ""),
            reason=meta.get("reason", ""),
        )  # fmt: skip


def _evidence_dict(ev: Evidence) -> dict[str, Any]:
    out = asdict(ev)
    out["span"] = list(ev.span) if ev.span else None
    return out


def _span(d: dict) -> tuple[int, int] | None:
    s = d.get("span")
    return (int(s[0]), int(s[1])) if s else None
