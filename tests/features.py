"""The smallest valid event feature, for tests that need events and care only about their ids and summary."""

from __future__ import annotations

from typing import Any


def point_event(fid: str, summary: str = "an event", **props: Any) -> dict[str, Any]:
    """A day-precision raid at one exact point (35.9 E, 33.1 N) on 2025-03-01; `props` add or replace
    properties."""
    return {
        "type": "Feature",
        "id": fid,
        "geometry": {"type": "Point", "coordinates": [35.9, 33.1]},
        "properties": {
            "date": "2025-03-01",
            "time_precision": "day",
            "event_type": "raid",
            "actors": [],
            "geo_precision": "exact",
            "claim_status": "reported",
            "summary": summary,
            **props,
        },
    }
