"""What the user is looking at (`View`) and pure filtering of the events by it.

The map, the snapshot and every export take the same `View`, so "export what I see" holds by construction.
The view round-trips through URL query parameters so a copied link reproduces it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from urllib.parse import unquote

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

DEFAULT_OVERLAYS: tuple[str, ...] = ("zone", "lines", "bands", "admin1", "places", "uncertainty")
KNOWN_OVERLAYS: tuple[str, ...] = DEFAULT_OVERLAYS
KNOWN_BASE_LAYERS: tuple[str, ...] = ("offline", "osm", "light", "dark", "satellite", "custom")
PLAYBACK_MODES: tuple[str, ...] = ("window", "cumulative")

# Multi-valued filters: View field -> events column. Empty tuple means "no filter".
_LIST_FILTERS = {
    "event_types": "event_type",
    "countries": "country",
    "admin1": "admin1",
    "claim_status": "claim_status",
    "geo_precision": "geo_precision",
}
_TUPLE_FIELDS = (*_LIST_FILTERS, "actors", "overlays")


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
        return replace(self, **changes)


def time_mask(events: pd.DataFrame, start: date | None, end: date | None) -> np.ndarray:
    """Events whose period [start, end] overlaps the window (both inclusive)."""
    mask = np.ones(len(events), dtype=bool)
    if start is not None:
        mask &= (events["end"] >= pd.Timestamp(start)).to_numpy()
    if end is not None:
        mask &= (events["start"] <= pd.Timestamp(end)).to_numpy()
    return mask


def _in_any(values: pd.Series, wanted: tuple[str, ...]) -> np.ndarray:
    wanted_lower = {w.lower() for w in wanted}
    return values.fillna("").astype(str).str.lower().isin(wanted_lower).to_numpy()


def _actors_match(actors: pd.Series, wanted: tuple[str, ...]) -> np.ndarray:
    wanted_lower = {w.lower() for w in wanted}
    return np.fromiter(
        (bool(wanted_lower & {a.lower() for a in (row or [])}) for row in actors),
        dtype=bool,
        count=len(actors),
    )


def _text_match(events: pd.DataFrame, text: str) -> np.ndarray:
    needle = text.strip().lower()
    hay = (
        events["id"].astype(str)
        + " "
        + events["summary"].fillna("")
        + " "
        + events["location"].fillna("")
        + " "
        + events["quote"].fillna("")
        + " "
        + events["actors"].map(lambda a: " ".join(a or []))
    )
    return hay.str.lower().str.contains(needle, regex=False).to_numpy()


def filter_mask(events: gpd.GeoDataFrame, view: View) -> np.ndarray:
    """Boolean mask of the events the view shows (everything but `selected`, which never hides)."""
    mask = time_mask(events, view.start, view.end)
    for attr, column in _LIST_FILTERS.items():
        wanted = getattr(view, attr)
        if wanted:
            mask &= _in_any(events[column], wanted)
    if view.actors:
        mask &= _actors_match(events["actors"], view.actors)
    if view.text.strip():
        mask &= _text_match(events, view.text)
    if view.bbox is not None:
        box = shapely.box(*view.bbox)
        geoms = events.geometry.array
        mask &= np.asarray(~geoms.isna() & geoms.intersects(box), dtype=bool)
    return mask


def apply_view(events: gpd.GeoDataFrame, view: View) -> gpd.GeoDataFrame:
    """The events the view shows, in time order."""
    shown = events[filter_mask(events, view)]
    return shown.sort_values(["start", "id"], kind="stable")


def data_extent(events: pd.DataFrame) -> tuple[date, date] | None:
    """First and last day any event is on, or None for an empty store."""
    if events.empty:
        return None
    return events["start"].min().date(), events["end"].max().date()


def options(events: pd.DataFrame) -> dict[str, list[str]]:
    """The values each filter can take in this store, sorted, for the UI's choices."""
    out = {attr: sorted({v for v in events[col].dropna() if v}) for attr, col in _LIST_FILTERS.items()}
    out["actors"] = sorted({a for row in events["actors"] for a in (row or [])})
    return out


# --- URL state ---------------------------------------------------------------------------------------

_SEP = ","


def _join(values: tuple[str, ...]) -> str:
    """List values joined by commas; a comma or percent inside a value is percent-encoded ("Hamas, PIJ")."""
    return _SEP.join(v.replace("%", "%25").replace(",", "%2C") for v in values)


def _split(text: str) -> tuple[str, ...]:
    return tuple(unquote(v) for v in text.split(_SEP) if v)


def to_query_params(view: View) -> dict[str, str]:
    """The view as URL query parameters; defaults are left out so links stay short."""
    default = View()
    out: dict[str, str] = {}
    for f in fields(View):
        value = getattr(view, f.name)
        if value == getattr(default, f.name):
            continue
        if value is None:
            out[f.name] = ""
        elif isinstance(value, date):
            out[f.name] = value.isoformat()
        elif f.name in ("bbox", "center"):
            out[f.name] = _SEP.join(f"{v:.5f}".rstrip("0").rstrip(".") for v in value)
        elif isinstance(value, tuple):
            out[f.name] = _join(value)
        else:
            out[f.name] = str(value)
    return out


def _floats(text: str, n: int) -> tuple[float, ...] | None:
    try:
        values = tuple(float(v) for v in text.split(_SEP))
    except ValueError:
        return None
    if len(values) != n or not all(math.isfinite(v) for v in values):
        return None
    return values


def from_query_params(params: Mapping[str, str | list[str]]) -> tuple[View, list[str]]:
    """A view from URL query parameters, and a note for each value that was ignored as invalid.

    Links get shared and hand-edited, so a bad value never fails the page: it falls back to the default.
    """
    view = View()
    changes: dict[str, object] = {}
    ignored: list[str] = []
    for f in fields(View):
        if f.name not in params:
            continue
        raw = params[f.name]
        text = (raw[-1] if isinstance(raw, list) else raw) or ""
        try:
            if f.name in ("start", "end"):
                changes[f.name] = date.fromisoformat(text) if text else None
            elif f.name in _TUPLE_FIELDS:
                changes[f.name] = _split(text)
            elif f.name == "bbox":
                box = _floats(text, 4) if text else None
                if text and (box is None or not (box[0] < box[2] and box[1] < box[3])):
                    raise ValueError("expected W,S,E,N")
                changes[f.name] = box
            elif f.name == "center":
                center = _floats(text, 2) if text else None
                if text and center is None:
                    raise ValueError("expected lat,lon")
                changes[f.name] = center
            elif f.name == "zoom":
                changes[f.name] = int(text) if text else None
            elif f.name == "selected":
                changes[f.name] = text or None
            elif f.name == "base_layer":
                if text not in KNOWN_BASE_LAYERS:
                    raise ValueError(f"one of {KNOWN_BASE_LAYERS}")
                changes[f.name] = text
            elif f.name == "mode":
                if text not in PLAYBACK_MODES:
                    raise ValueError(f"one of {PLAYBACK_MODES}")
                changes[f.name] = text
            else:
                changes[f.name] = text
        except ValueError as e:
            ignored.append(f"{f.name}={text!r} ignored: {e}")
    if "overlays" in changes:
        unknown = [o for o in changes["overlays"] if o not in KNOWN_OVERLAYS]  # type: ignore[union-attr]
        if unknown:
            ignored.append(f"unknown overlays ignored: {', '.join(unknown)}")
            changes["overlays"] = tuple(o for o in changes["overlays"] if o in KNOWN_OVERLAYS)  # type: ignore[union-attr]
    return replace(view, **changes), ignored


def view_as_dict(view: View) -> dict:
    """A JSON-ready dict of the view (dates as ISO strings), e.g. for briefing decks."""
    out = asdict(view)
    for key in ("start", "end"):
        if out[key] is not None:
            out[key] = out[key].isoformat()
    for key in _TUPLE_FIELDS:
        out[key] = list(out[key])
    for key in ("bbox", "center"):
        if out[key] is not None:
            out[key] = list(out[key])
    return out
