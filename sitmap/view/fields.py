"""The View's fields, declared once: kind, limits, title, the events column a filter reads.

Every path that builds a View (URL, deck JSON, CLI, the sidebar, cache keys) reads this table, so a field's
rules live in one place. `sitmap.view.codec` decodes values with it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Literal

from sitmap.view.model import KNOWN_BASE_LAYERS, KNOWN_OVERLAYS, PLAYBACK_MODES, View

Kind = Literal["day", "list", "text", "bbox", "center", "zoom", "choice", "id"]

# The map's zoom range (sitmap.webmap.maps uses these): 2 shows the whole world once; past 18 the offline
# base map and the online tiles have nothing more to show.
ZOOM_MIN = 2
ZOOM_MAX = 18


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: Kind
    title: str  # what the sidebar and error messages call it
    column: str | None = None  # events column a list filter matches (None: not a plain column filter)
    choices: tuple[str, ...] = ()  # allowed values ("choice" kinds and "overlays")
    is_filter: bool = False  # narrows the events (vs. how they are shown)


SPECS: tuple[FieldSpec, ...] = (
    FieldSpec("start", "day", "First day", is_filter=True),
    FieldSpec("end", "day", "Last day", is_filter=True),
    FieldSpec("event_types", "list", "Event type", column="event_type", is_filter=True),
    FieldSpec("actors", "list", "Actor", is_filter=True),
    FieldSpec("countries", "list", "Country", column="country", is_filter=True),
    FieldSpec("admin1", "list", "Admin-1 (province)", column="admin1", is_filter=True),
    FieldSpec("claim_status", "list", "Claim status", column="claim_status", is_filter=True),
    FieldSpec("geo_precision", "list", "Location precision", column="geo_precision", is_filter=True),
    FieldSpec("text", "text", "Search", is_filter=True),
    FieldSpec("bbox", "bbox", "Area (W,S,E,N)", is_filter=True),
    FieldSpec("selected", "id", "Selected event"),
    FieldSpec("base_layer", "choice", "Base layer", choices=KNOWN_BASE_LAYERS),
    FieldSpec("overlays", "list", "Overlays", choices=KNOWN_OVERLAYS),
    FieldSpec("center", "center", "Map centre (lat,lon)"),
    FieldSpec("zoom", "zoom", "Zoom"),
    FieldSpec("mode", "choice", "Playback", choices=PLAYBACK_MODES),
)
SPEC: dict[str, FieldSpec] = {s.name: s for s in SPECS}
if tuple(SPEC) != tuple(f.name for f in fields(View)):  # the table and the dataclass must not drift
    raise RuntimeError("sitmap.view.fields.SPECS is out of step with View's fields")

# The multi-valued filters the sidebar shows as multiselects, in order: View field -> title.
LIST_FILTERS: tuple[str, ...] = tuple(s.name for s in SPECS if s.kind == "list" and s.is_filter)
# Filters that narrow events regardless of time (the timeline counts over all times with these).
NON_TIME_FILTERS: tuple[str, ...] = tuple(
    s.name for s in SPECS if s.is_filter and s.name not in ("start", "end")
)
COLUMN_FILTERS: dict[str, str] = {s.name: s.column for s in SPECS if s.column}
