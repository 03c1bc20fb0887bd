"""Download buttons for the current view: map snapshots (PNG, SVG, PDF) and data (GeoJSON, CSV, KML,
GeoPackage, offline HTML).

"Export what I see": every file is made from the same `View` as the map. The data files hold the filtered
events (`filters.apply_view`); the snapshot shows them over the map's visible extent (the view's area filter,
else the bounds the map last reported, else the map's extent at the view's centre and zoom, as an unpanned
shared link opens it, else a box around the events' footprints: `sitmap.snapshot.extent`). Nothing is made
until a button is clicked: each button gets a callable (Streamlit runs it on the click, off the script
thread), so a slider step never renders a PDF.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import streamlit as st

from sitmap.exports.formats import FORMATS, default_filename, export_bytes
from sitmap.settings import Settings
from sitmap.snapshot.render import snapshot_bytes
from sitmap.snapshot.text import failure_page
from sitmap.ui.keys import DL_FAILED as S_FAILED
from sitmap.ui.keys import DL_TITLE as K_TITLE
from sitmap.ui.keys import S_MAP_BOUNDS
from sitmap.ui.map.shown import Shown
from sitmap.ui.text import md_escape
from sitmap.view import View

DEFAULT_TITLE = "Reported military activity"
SNAPSHOT_MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
_LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class Download:
    """One download button: what it is called, the file it gives and how to make it (on the click)."""

    key: str
    label: str
    file_name: str
    mime: str
    make: Callable[[], bytes]


def snapshot_view(view: View, map_bounds: tuple[float, float, float, float] | None) -> View:
    """The view a snapshot draws: the map's visible extent as the frame when the map reported one (an area
    filter, if set, wins: it is what the map shows)."""
    if view.bbox is None and map_bounds is not None:
        w, s, e, n = map_bounds
        if w < e and s < n:
            return view.with_(bbox=(w, s, e, n))
    return view


def snapshot_caption(view: View, map_bounds: tuple[float, float, float, float] | None) -> str:
    """What the snapshot buttons say they draw: the map's extent whenever the snapshot frames on it."""
    on_map = map_bounds is not None or (view.center is not None and view.zoom is not None)
    if view.bbox is None and on_map:
        return "Map snapshot of what the map shows (the visible extent, filters and layers):"
    if view.bbox is not None:
        return "Map snapshot of the area filter (with the filters and layers):"
    return "Map snapshot (the filters and layers; framed on the events):"


def downloads(
    events: gpd.GeoDataFrame | Callable[[View], gpd.GeoDataFrame],
    shown: gpd.GeoDataFrame | Callable[[], gpd.GeoDataFrame],
    view: View,
    reference: Any,
    settings: Settings,
    *,
    title: str = DEFAULT_TITLE,
    map_bounds: tuple[float, float, float, float] | None = None,
    failures: dict[str, str] | None = None,
) -> list[Download]:
    """The downloads of the current view. `events` is the whole store (the snapshot filters it with the
    view), `shown` the filtered events (the data files hold exactly these); either may be a function read
    only on the click (a database's: `events(view)` gives at least the events that view shows). A
    snapshot that fails gives a page saying why (Streamlit would otherwise deliver nothing and say
    nothing) and records the reason in `failures`."""
    snap_view = snapshot_view(view, map_bounds)
    out = []
    for fmt in ("png", "svg", "pdf"):

        def make_snapshot(fmt: str = fmt) -> bytes:
            try:
                return snapshot_bytes(
                    events(snap_view) if callable(events) else events,
                    reference,
                    snap_view,
                    fmt,
                    title=title or DEFAULT_TITLE,
                    affiliations=settings.affiliation_table,
                )
            except Exception as e:  # any failure: the analyst must get a message, never silence
                _LOG.exception("snapshot (%s) failed", fmt)
                reason = f"{type(e).__name__}: {e}"
                if failures is not None:
                    failures[fmt] = reason
                return failure_page(fmt, title or DEFAULT_TITLE, reason)

        out.append(
            Download(f"dl_{fmt}", fmt.upper(), default_filename(view, fmt), SNAPSHOT_MIME[fmt], make_snapshot)
        )
    for fmt, spec in FORMATS.items():

        def make_data(fmt: str = fmt) -> bytes:
            return export_bytes(
                shown() if callable(shown) else shown, fmt, reference=reference, view=view, settings=settings
            )

        label = {"geojson": "GeoJSON", "gpkg": "GeoPackage", "html": "HTML (offline)"}.get(fmt, fmt.upper())
        out.append(Download(f"dl_{fmt}", label, default_filename(view, fmt), spec.mime, make_data))
    return out


def render(shown: Shown, view: View, reference: Any, settings: Settings) -> None:
    """An expander with a button per download of the current view (files are made on the click: only then
    are the events read, `Shown.every`)."""
    ss = st.session_state
    with st.expander("Download this view", icon=":material/download:"):
        title = st.text_input("Snapshot title", value=DEFAULT_TITLE, key=K_TITLE)
        # Filled off the script thread when a click's snapshot fails; shown (once) on the next run.
        failures: dict[str, str] = ss.setdefault(S_FAILED, {})
        for fmt in list(failures):
            st.error(f"The {fmt.upper()} snapshot could not be made: {md_escape(failures.pop(fmt))}")
        items = downloads(
            shown.store_view, shown.every, view, reference, settings, title=title,
            map_bounds=ss.get(S_MAP_BOUNDS), failures=failures,
        )  # fmt: skip
        st.caption(snapshot_caption(view, ss.get(S_MAP_BOUNDS)))
        _buttons(items[:3])
        n = len(shown)
        st.caption(f"Data: the {n} event{'s' if n != 1 else ''} the filters show:")
        _buttons(items[3:])


def _buttons(items: list[Download]) -> None:
    with st.container(horizontal=True, gap="small"):
        for item in items:
            st.download_button(
                item.label,
                data=item.make,
                file_name=item.file_name,
                mime=item.mime,
                key=item.key,
                on_click="ignore",  # a download changes nothing on the page: no rerun
            )
