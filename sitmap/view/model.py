"""The `View`: what the user is looking at. The map, the snapshot and every export take the same View."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

DEFAULT_OVERLAYS: tuple[str, ...] = ("zone", "lines", "bands", "admin1", "places", "uncertainty")
# "symbols": events by a unit drawn as APP-6(D) symbols (sitmap.symbology); off unless chosen.
KNOWN_OVERLAYS: tuple[str, ...] = (*DEFAULT_OVERLAYS, "symbols")
KNOWN_BASE_LAYERS: tuple[str, ...] = ("offline", "osm", "light", "dark", "satellite", "custom")
PLAYBACK_MODES: tuple[str, ...] = ("window", "cumulative")


@dataclass(frozen=True)
class View:
    start: date | None = None
    end: date | None = None
    event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    claim_status: tuple[str, ...] = ()
    geo_precision: tuple[str, ...] = ()
    text: str = ""
    bbox: tuple[float, float, float, float] | None = None  # W, S, E, N in EPSG:4326
    selected: str | None = None
    base_layer: str | None = None  # None: the site default (settings.basemap)
    overlays: tuple[str, ...] = field(default=DEFAULT_OVERLAYS)
    center: tuple[float, float] | None = None  # (lat, lon) as Leaflet wants it
    zoom: int | None = None
    mode: str = "window"  # playback: moving window or cumulative from the data's first day

    def with_(self, **changes: object) -> View:
        return replace(self, **changes)  # type: ignore[arg-type]
