"""Stated distances in report text, and checks of them against the geometry.

A report sentence such as "Tell al Mal lies around 16 kilometres from the 1974 disengagement zone" is a
claim. `find_distance_claims` reads it into a plain dict — the form stored in an event's `claims`
property::

    {"kind": "distance", "stated_km": 16.0, "qualifier": "around", "reference": "area-of-separation",
     "text": "around 16 kilometres from the 1974 disengagement zone", "subject": "tell-al-mal"}

`check_distance_claims` measures the event (with its uncertainty) to the named reference and, for the
zone, to its alternative reading (a "disengagement zone" distance may be measured from the Area of
Separation's edge or from Line A), and says whether the statement fits::

    stated ≈ 16 km · computed 9–17 km to the Area of Separation; 14–22 km to Line A · consistent

Tolerance: a hedged figure ("around", "about", bare) fits when stated ± max(1 km, 15 %) overlaps the
computed range; "more than"/"beyond" need the range to reach the figure, "within"/"less than" need it
to start below. Distances come from `sitmap.geometry.distance_to_reference` (geodesic, metres).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from sitmap.geometry import DistanceResult, distance_to_reference
from sitmap.reference.layers import Reference

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50,
}  # fmt: skip
_UNITS_KM = {"km": 1.0, "kms": 1.0, "kilometers": 1.0, "kilometres": 1.0, "kilometer": 1.0}
_UNITS_KM |= {"kilometre": 1.0, "miles": 1.609344, "mile": 1.609344, "mi": 1.609344}
_UNITS_KM |= {"meters": 0.001, "metres": 0.001, "m": 0.001}
_REFERENCES = (
    (
        "area-of-separation",
        r"(?:the\s+)?(?:1974\s+)?(?:Golan\s+)?(?:disengagement|buffer|demilitari[sz]ed|separation|UNDOF)\s+"
        r"(?:zone|area)|(?:the\s+)?Area\s+of\s+Separation",
    ),
    (
        "line-a",
        r"(?:the\s+)?(?:Line\s+A|Alpha\s+[Ll]ine)|(?:the\s+)?(?:Israeli-occupied\s+)?Golan(?:\s+Heights)?",
    ),
    ("line-b", r"(?:the\s+)?(?:Line\s+B|Bravo\s+[Ll]ine)"),
)
_ALTERNATIVES: dict[str, tuple[str, ...]] = {
    "area-of-separation": ("line-a",),
    "line-a": ("area-of-separation",),
    "line-b": ("line-a",),
}
_QUALIFIERS = {
    "around": "about", "about": "about", "approximately": "about", "approx.": "about", "roughly": "about",
    "some": "about", "nearly": "about", "almost": "about", "an estimated": "about",
    "more than": "more", "over": "more", "at least": "more", "just over": "more", "beyond": "more",
    "less than": "less", "under": "less", "within": "less", "up to": "less", "at most": "less",
    "just under": "less", "exactly": "exact",
}  # fmt: skip
_NUM = r"(?P<num>\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
_CLAIM = re.compile(
    r"(?P<qual>\b(?:"
    + "|".join(re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True))
    + r")\s+)?"
    + _NUM
    + r"[\s-]*(?P<unit>kilomet(?:er|re)s?|kms?|miles?|mi|met(?:er|re)s?|m)\b\s+"
    r"(?:(?:to\s+the\s+)?(?:north|south|east|west)(?:east|west)?(?:ern)?\s+)?"
    r"(?P<rel>away\s+from|from|of|outside(?:\s+of)?|inside|beyond|into|past|behind|off)\s+"
    r"(?P<ref>" + "|".join(f"(?P<r{i}>{rx})" for i, (_, rx) in enumerate(_REFERENCES)) + r")",
    re.IGNORECASE,
)


def find_distance_claims(sentence: str) -> list[dict[str, Any]]:
    """Stated distances to the zone or its lines in a sentence, as claim dicts with their span."""
    out = []
    for m in _CLAIM.finditer(sentence):
        ref_id = next(ref for i, (ref, _) in enumerate(_REFERENCES) if m.group(f"r{i}"))
        num = m.group("num").lower()
        value = float(_NUMBER_WORDS.get(num, num) if num in _NUMBER_WORDS else num)
        unit = m.group("unit").lower()
        factor = _UNITS_KM.get(unit, _UNITS_KM.get(unit.rstrip("s"), 1.0))
        qual = (m.group("qual") or "").strip().lower()
        rel = m.group("rel").lower()
        kind = _QUALIFIERS.get(qual, "about")
        if rel in ("beyond", "past", "into", "inside") and kind == "about":
            kind = "more" if rel in ("beyond", "past") else "inside"
        out.append(
            {
                "kind": "distance",
                "stated_km": round(value * factor, 3),
                "qualifier": qual or None,
                "comparison": kind,
                "reference": ref_id,
                "text": m.group(0).strip(),
                "start": m.start(),
                "end": m.end(),
            }
        )
    return out


def stored_claim(claim: dict[str, Any]) -> dict[str, Any]:
    """The claim as kept in an event's `claims` property (no sentence offsets)."""
    return {k: v for k, v in claim.items() if k not in ("start", "end") and v is not None}


@dataclass(frozen=True)
class ClaimCheck:
    """One stated distance checked against the computed ones."""

    claim: dict[str, Any]
    status: str  # consistent | ambiguous (fits only the alternative reading) | inconsistent | unchecked
    measurements: tuple[DistanceResult, ...] = ()
    note: str = ""
    fits: tuple[str, ...] = field(default_factory=tuple)  # reference ids the statement fits

    @property
    def stated_km(self) -> float:
        return float(self.claim["stated_km"])

    def label(self) -> str:
        """ "stated ≈ 16 km · computed 9–17 km to the Area of Separation; 14–22 km to Line A · consistent"."""
        sign = {"about": "≈", "more": ">", "less": "<", "exact": "=", "inside": "inside by"}
        stated = f"stated {sign.get(self.claim.get('comparison', 'about'), '≈')} {_km(self.stated_km)} km"
        if not self.measurements:
            return f"{stated} · not computed ({self.note}) · {self.status}"
        computed = "; ".join(m.label().removeprefix("≈ ") for m in self.measurements)
        return f"{stated} · computed {computed} · {self.status}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for the UI and candidate files."""
        return {
            "claim": self.claim,
            "status": self.status,
            "label": self.label(),
            "note": self.note,
            "fits": list(self.fits),
            "measurements": [
                {
                    "reference": m.reference_id,
                    "measured_to": m.measured_to,
                    "distance_km": round(m.distance_km, 2),
                    "min_km": round(m.min_km, 2),
                    "max_km": round(m.max_km, 2),
                    "inside": m.inside,
                }
                for m in self.measurements
            ],
        }


def _km(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def _fits(claim: dict[str, Any], result: DistanceResult) -> bool:
    stated = float(claim["stated_km"])
    lo, hi = result.min_km, result.max_km
    kind = claim.get("comparison") or "about"
    if kind == "more":
        return hi >= stated
    if kind == "less":
        return lo <= stated
    if kind == "inside":
        return result.inside or lo == 0
    tol = max(1.0, 0.15 * stated) if kind == "about" else max(0.2, 0.02 * stated)
    return stated - tol <= hi and lo <= stated + tol


def _event_geometry(event: Any) -> tuple[BaseGeometry | None, float, dict]:
    """(geometry, uncertainty_m, properties) of a Feature dict or an events-frame row."""
    if isinstance(event, dict):
        props = event.get("properties") or {}
        geom = shape(event["geometry"]) if event.get("geometry") else None
    else:
        props = {k: event[k] for k in event.index if k != "geometry"} if hasattr(event, "index") else {}
        geom = getattr(event, "geometry", None)
    unc = props.get("uncertainty_m")
    unc = float(unc) if isinstance(unc, int | float) and math.isfinite(unc) else 0.0
    return geom, unc, props


def check_distance_claims(
    event: Any, claims: list[dict[str, Any]] | None, reference: Reference
) -> list[ClaimCheck]:
    """Check each stated distance of `event` (a Feature dict or an events row) against the geometry.

    `claims` defaults to the event's own `claims` property.
    """
    geom, unc, props = _event_geometry(event)
    if claims is None:
        claims = props.get("claims") or []
    out = []
    for claim in claims:
        if claim.get("kind") != "distance":
            continue
        if geom is None or geom.is_empty:
            out.append(ClaimCheck(claim, "unchecked", note="the event has no location"))
            continue
        primary = claim.get("reference")
        if not isinstance(primary, str):  # a claim naming no layer: nothing to measure it against
            out.append(ClaimCheck(claim, "unchecked", note=f"no reference layer {primary!r}"))
            continue
        refs = [primary, *_ALTERNATIVES.get(primary, ())]
        results = []
        for ref_id in refs:
            try:
                ref_geom = reference.geometry(ref_id)
            except KeyError:
                continue
            results.append(distance_to_reference(geom, ref_geom, uncertainty_m=unc, ref_id=ref_id))
        if not results or results[0].reference_id != primary:
            out.append(ClaimCheck(claim, "unchecked", tuple(results), f"no reference layer {primary!r}"))
            continue
        fits = tuple(r.reference_id for r in results if _fits(claim, r))
        if primary in fits:
            status, note = "consistent", "fits the distance to " + results[0].measured_to
        elif fits:
            status = "ambiguous"
            note = f"fits only the distance to {fits[0]}, not to {results[0].measured_to}"
        else:
            status, note = "inconsistent", "fits none of the computed distances"
        out.append(ClaimCheck(claim, status, tuple(results), note, fits))
    return out
