"""The map, inside a fragment so panning and clicking rerun only the map, not the page.

Rerun discipline (streamlit-folium #244, #125): the base map (static layers) is built from the base layer and
overlays only, so its script, and the component's identity, stay the same across reruns and the Leaflet map is
never reloaded. The filtered events travel as `feature_group_to_add`, which the component swaps in place;
`center`/`zoom` move the map only when they change, which the app does on purpose (a link, "show on map").
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections import OrderedDict

import folium
import geopandas as gpd
import pandas as pd
import shapely
import streamlit as st
from streamlit_folium import st_folium

from sitmap.reference.layers import Reference
from sitmap.settings import Settings
from sitmap.ui import cache, keys, state
from sitmap.ui.briefing.look import Look
from sitmap.ui.keys import MAP_COMPONENT as MAP_KEY
from sitmap.ui.keys import MAP_LAST_CLICK as _LAST_CLICK
from sitmap.ui.keys import S_MAP_BOUNDS, S_STALE_REPORTS, S_TARGET_SEEN
from sitmap.ui.map import folium_bridge
from sitmap.ui.map.selection import id_from_drawing, is_cluster, nearest_event
from sitmap.view import KNOWN_OVERLAYS, View
from sitmap.webmap.cells import BuiltLayer, EventSource, FrameSource, Scope, layer_must_change, scope_of
from sitmap.webmap.maps import (
    OVERLAY_NAMES,
    build_base_map,
    build_event_layer,
    layers_from_report,
    make_layer_control,
)
from sitmap.webmap.offline import localize_assets

MAP_HEIGHT = 720  # the iframe's height before the page CSS sizes it to the screen (sitmap.ui.messages)
# Inside the map's iframe: the map div follows the iframe, which the page CSS sizes to the viewport.
MAP_PAGE_CSS = (
    "html, body { height: 100%; } .folium-map, #map_div { height: 100vh !important; }"
    # The browser time bar lies over the map's bottom (sitmap.ui.map.timebar_component.BAR_HEIGHT_PX).
    " .leaflet-bottom { bottom: 104px; }"
)
# Only what the app uses: a narrow list means hovering never reruns the app.
RETURNED = [
    "last_object_clicked",
    "last_object_clicked_count",
    "last_active_drawing",
    "center",
    "zoom",
    "bounds",
    "selected_layers",  # the layer control's choices (sitmap.webmap.maps.layers_from_report)
]
CLICK_TOLERANCE_PX = 14
# The component reports the map's first view (the base map's default region) before it applies the centre
# and zoom it was asked for; those early reports are not the analyst's view. Ignored until the map reports
# being at its target, at most this many times (then the analyst has moved it before it got there).
MAX_STALE_REPORTS = 3
TARGET_TOLERANCE_PX = 3.0


def render(
    shown: gpd.GeoDataFrame | EventSource,
    view: View,
    reference: Reference | None,
    settings: Settings,
    event_types: tuple[str, ...],
    look: Look | None = None,
) -> None:
    """Draw the map of the shown events (the filters' events over all times, or a source that answers the
    map's questions about them: `sitmap.webmap.cells.EventSource`, a database's); clicks select events,
    moves update the URL.

    `event_types` are the store's types, for a legend that does not change with the window; `look` another
    height/marker size/map CSS (briefing mode, `sitmap.ui.briefing.look`).
    """
    _map_fragment(shown, view, reference, settings, event_types, look)


@st.fragment
def _map_fragment(
    held: gpd.GeoDataFrame | EventSource,
    view: View,
    reference: Reference | None,
    settings: Settings,
    event_types: tuple[str, ...],
    look: Look | None = None,
) -> None:
    ss = st.session_state
    center, zoom = ss.get(state.S_TARGET) or (None, None)
    height = look.height if look else MAP_HEIGHT
    source = FrameSource(held) if isinstance(held, gpd.GeoDataFrame) else held
    scope = scope_of(source, view, ss.get(state.S_ZOOM), ss.get(S_MAP_BOUNDS))
    # What clicks are matched against: the frame's events, or those the database sent (none in cells)
    shown = held if isinstance(held, gpd.GeoDataFrame) else scope.events
    layer = _events_layer(shown, scope, view, reference, look, settings)
    if folium_bridge.AVAILABLE:
        css = look.css if look else MAP_PAGE_CSS
        key = f"{MAP_KEY}-{ss.get(state.S_MAP_EPOCH, 0)}"
        parts = _shown_map(view, shown, event_types, reference, settings, key, css)
        component = parts.hash_key
        folium_bridge.preload(parts)  # the frame's files load beside its own code, not after it
        out = folium_bridge.show(
            parts, layer, height=height, returned_objects=RETURNED, center=center, zoom=zoom
        )
    else:  # pragma: no cover - same result, re-rendering the base map on every rerun
        component = MAP_KEY
        base_view = View(base_layer=view.base_layer, overlays=view.overlays)
        m = build_base_map(
            reference, settings, base_view, event_types=event_types, layer_control=False, assets="served"
        )
        out = st_folium(
            m,
            key=MAP_KEY,
            height=height,
            use_container_width=True,
            returned_objects=RETURNED,
            center=list(center) if center else None,
            zoom=zoom,
            feature_group_to_add=layer,
            layer_control=make_layer_control(),
        )
    if out:
        _follow_position(out, view)
        _follow_layers(out, view, settings, component)
        _follow_click(out, shown, view)
        if out.get("center"):  # the map is drawn and reporting: the rest of the page may follow
            state.release_secondary()


_LAYER_MEMO = keys.EVENTS_LAYER_MEMO  # (key, layer, BuiltLayer): the last events layer this session built


def _events_layer(
    shown: gpd.GeoDataFrame,
    scope: Scope,
    view: View,
    reference: Reference | None,
    look: Look | None,
    settings: Settings,
) -> folium.FeatureGroup:
    """The events layer, built again only when its events or the view's layer-relevant parts change.

    The map holds the filters' events over all times (the browser applies the window, `js/timefilter.js`),
    so the rerun after a time bar release finds the same events: at 10k events that saves ~0.25 s of
    payload building per rerun. The window, centre and zoom are not part of the layer, unless the filters
    select more events than a layer carries (`sitmap.webmap.cells.map_scope`): then it holds the events of
    a span of days around the window in the map's bounds (the same span, so the same layer object and a
    reference on the wire, for several day steps), or their counts per cell at the map's zoom.
    """
    ss = st.session_state
    wanted = BuiltLayer.of(shown, scope, ss.get(S_MAP_BOUNDS))
    view_key = (  # after the content key (`key` below)
        view.with_(start=None, end=None, center=None, zoom=None, mode="window"),
        id(reference),
        look,
        wanted,  # equal for another frame: the content key tells their events apart
        # the symbols overlay draws each event by its first actor's side
        (_actors_key(shown), settings.affiliations) if "symbols" in view.overlays else None,
    )
    memo = ss.get(_LAYER_MEMO)
    # The same frame as last time (`timebar_component.all_times` keeps it while the filters stay) and the
    # layer holds all of it, or the same span of days in the same bounds: no need to hash its content
    # (~0.1 s of a release rerun at 10k). Counts per cell are keyed by their content.
    if memo is not None and memo[0][1:] == view_key and not layer_must_change(memo[2], wanted):
        return memo[1]
    with _SHARED_LOCK:  # the same held frame in another session (a new analyst's first map): no hashing
        built_from = _SHARED_FROM.get(view_key)
        found = _SHARED.get(built_from[1]) if built_from is not None and built_from[0] is shown else None
    if built_from is not None and found is not None and not layer_must_change(built_from[2], wanted):
        ss[_LAYER_MEMO] = (built_from[1], found, wanted)
        return found
    content = (
        _counts_key(scope.counts.counts)
        if scope.counts is not None
        else _content_key(scope.events, counted=scope.kind == "cells")
    )
    key = (content, *view_key)
    if memo is not None and memo[0] == key:
        ss[_LAYER_MEMO] = (key, memo[1], wanted)
        return memo[1]
    with _SHARED_LOCK:
        layer = _SHARED.get(key)
    if layer is None:
        sides = settings.affiliation_table
        built = (
            look.event_layer(
                scope.events, view, reference, cell_deg=scope.cells, note=scope.note, affiliations=sides
            )
            if look
            else build_event_layer(
                scope.events, view, reference, cell_deg=scope.cells, note=scope.note, affiliations=sides
            )
        )
        layer = localize_assets(built, "served")
        with _SHARED_LOCK:
            _SHARED[key] = layer
            while len(_SHARED) > _SHARED_MAX:
                _SHARED.popitem(last=False)
    else:
        with _SHARED_LOCK:
            _SHARED.move_to_end(key)
    with _SHARED_LOCK:
        _SHARED_FROM[view_key] = (shown, key, wanted)
        _SHARED_FROM.move_to_end(view_key)
        while len(_SHARED_FROM) > _SHARED_MAX:
            _SHARED_FROM.popitem(last=False)
    ss[_LAYER_MEMO] = (key, layer, wanted)
    return layer


def layer_follows_window(held: gpd.GeoDataFrame | EventSource, view: View) -> bool:
    """Whether the map's events layer would change if the window became `view`'s (`layer_must_change`),
    for the map `render` drew from `held`: the filters' events over all times, or a database's source
    (`sitmap.ui.dbview.CachedSource`, whose every answer is cached by its question, so the same span in
    the same bounds is the same frame; another span is read now, and found again by the rerun drawing it)."""
    ss = st.session_state
    memo = ss.get(_LAYER_MEMO)
    if memo is None:
        return True
    source = FrameSource(held) if isinstance(held, gpd.GeoDataFrame) else held
    bounds = ss.get(S_MAP_BOUNDS)
    scope = scope_of(source, view, ss.get(state.S_ZOOM), bounds)
    shown = held if isinstance(held, gpd.GeoDataFrame) else scope.events  # as `_map_fragment` builds from
    return layer_must_change(memo[2], BuiltLayer.of(shown, scope, bounds))


# Events layers shared by every session of the process, newest last: a new analyst (or a new tab) opening
# the same store with the same filters gets the layer another session built (~1 s at 10k events of payload
# and script), not a new one. A layer is only read once built (its script is rendered once, under a lock:
# `folium_bridge`). Few: each holds its events' payload.
_SHARED: OrderedDict[tuple, folium.FeatureGroup] = OrderedDict()
# The frame each of those was last built from, by the view's layer-relevant parts: (frame, key in
# `_SHARED`, BuiltLayer). The filters' events are one object for every session while the store and the
# filters stay (`timebar_component.all_times`), so another session finds its layer by identity, without
# hashing the events (~20 ms at 10k, before the map's element can be sent).
_SHARED_FROM: OrderedDict[tuple, tuple[gpd.GeoDataFrame, tuple, BuiltLayer]] = OrderedDict()
_SHARED_LOCK = threading.Lock()
_SHARED_MAX = 3


_PAYLOAD_COLUMNS = ("id", "event_type", "claim_status", "time_precision", "geo_precision", "uncertainty_m",
                    "date", "start", "end", "location", "summary")  # fmt: skip


def _content_key(shown: gpd.GeoDataFrame, *, counted: bool = False) -> tuple[int, int]:
    """A digest of what the events layer is built from (an edited event changes it; ~20 ms at 10k). Counts
    per cell are built from the types and positions only."""
    cols = [c for c in (("id", "event_type") if counted else _PAYLOAD_COLUMNS) if c in shown.columns]
    rows = pd.util.hash_pandas_object(shown[cols], index=False).to_numpy()
    if counted:
        geoms = shown.geometry.array
        return len(shown), hash(
            (rows.tobytes(), shapely.get_x(geoms).tobytes(), shapely.get_y(geoms).tobytes())
        )
    geoms = pd.util.hash_array(shapely.to_wkb(shown.geometry.array).astype(object))
    return len(shown), hash((rows.tobytes(), geoms.tobytes()))


def _counts_key(counts: pd.DataFrame) -> tuple[int, int]:
    """A digest of counts per cell (`sitmap.webmap.cells.GridCounts`)."""
    return int(counts["n"].sum()), hash(pd.util.hash_pandas_object(counts, index=False).to_numpy().tobytes())


def _actors_key(shown: gpd.GeoDataFrame) -> int:
    """A digest of the events' actors (lists: hashed as text)."""
    return hash(pd.util.hash_array(shown["actors"].astype(str).to_numpy(dtype=object)).tobytes())


def _follow_position(out: dict, view: View) -> None:
    ss = st.session_state
    c, zoom = out.get("center"), out.get("zoom")
    if not c or zoom is None:
        return
    center = (round(float(c["lat"]), 5), round(float(c["lng"]), 5))
    if not _target_reached(center, int(zoom)):
        return  # the map has not applied the link's (or slide's) view yet: this is its default region
    b = out.get("bounds") or {}
    with contextlib.suppress(
        KeyError, TypeError
    ):  # bounds are optional: only the area-filter button uses them
        ss[S_MAP_BOUNDS] = (
            round(b["_southWest"]["lng"], 5),
            round(b["_southWest"]["lat"], 5),
            round(b["_northEast"]["lng"], 5),
            round(b["_northEast"]["lat"], 5),
        )
    if center != ss.get(state.S_CENTER) or zoom != ss.get(state.S_ZOOM):
        ss[state.S_CENTER], ss[state.S_ZOOM] = center, int(zoom)
        state.write_url(view.with_(center=center, zoom=int(zoom)))


def at_target(
    center: tuple[float, float], zoom: int, target: tuple[tuple[float, float] | None, int | None]
) -> bool:
    """Whether a reported position is the target's: same zoom (when the target sets one), centre within a few
    screen pixels at that zoom."""
    t_center, t_zoom = target
    if t_zoom is not None and int(t_zoom) != zoom:
        return False
    if t_center is None:
        return True
    tolerance = TARGET_TOLERANCE_PX * 360.0 / (256.0 * 2.0**zoom)  # degrees of longitude per pixel
    return abs(center[0] - t_center[0]) <= tolerance and abs(center[1] - t_center[1]) <= tolerance


def _target_reached(center: tuple[float, float], zoom: int) -> bool:
    """Whether this report may be taken as where the analyst is: the map has reached its last target (or
    has none, or has reported elsewhere too often to still be on its way there)."""
    ss = st.session_state
    target = ss.get(state.S_TARGET)
    if target is None or target == ss.get(S_TARGET_SEEN):
        return True
    counted, stale = ss.get(S_STALE_REPORTS) or (None, 0)
    stale = stale if counted == target else 0
    if at_target(center, zoom, target) or stale >= MAX_STALE_REPORTS:
        ss[S_TARGET_SEEN] = target
        return True
    ss[S_STALE_REPORTS] = (target, stale + 1)
    return False


def _shown_map(
    view: View,
    shown: gpd.GeoDataFrame,
    event_types: tuple[str, ...],
    reference: Reference | None,
    settings: Settings,
    key: str,
    css: str,
) -> folium_bridge.BaseParts:
    """The base map to show: the one built before the map's layer control changed the view, while that
    map is still on the page; otherwise the view's."""
    ss = st.session_state
    built = ss.get(state.S_BUILT)
    if built:
        as_built = view.with_(base_layer=built[1], overlays=built[2])
        parts = cache.get_base_parts(as_built, shown, event_types, reference, settings, key, css)
        # Gone when its component was not drawn in the last run (another page) or has another key (a new
        # look, a rebuild): a new component starts from the view, which already holds the control's choice.
        if parts.hash_key == built[0] and parts.hash_key in ss:
            return parts
        ss[state.S_BUILT] = None
    return cache.get_base_parts(view, shown, event_types, reference, settings, key, css)


def _follow_layers(out: dict, view: View, settings: Settings, component: str) -> None:
    """The analyst switched layers in the map's own control: the sidebar and link follow; the map stays."""
    reported = layers_from_report(out.get("selected_layers"), settings)
    if reported is None:
        return
    ss = st.session_state
    base, reference_overlays = reported
    # "uncertainty" is drawn by the events layer, not listed in the control: it keeps its sidebar value.
    overlays = (*reference_overlays, *(o for o in view.overlays if o not in OVERLAY_NAMES))
    if base == ss.get(state.K_BASE) and set(overlays) == set(ss.get(state.K_OVERLAYS, ())):
        return
    if not ss.get(state.S_BUILT):  # the map on the page was built from the view as it was until now
        ss[state.S_BUILT] = (component, view.base_layer, view.overlays)
    ss[state.K_BASE], ss[state.K_OVERLAYS] = base, [o for o in KNOWN_OVERLAYS if o in overlays]
    st.rerun(scope="app")  # the sidebar and the URL show the new layers; the map's script is unchanged


def _follow_click(out: dict, shown: gpd.GeoDataFrame, view: View) -> None:
    ss = st.session_state
    click = (out.get("last_object_clicked_count"), str(out.get("last_object_clicked")))
    if out.get("last_object_clicked") is None or click == ss.get(_LAST_CLICK):
        return
    ss[_LAST_CLICK] = click
    if is_cluster(out.get("last_active_drawing")):
        return  # the map zooms into the cluster; choosing one of its events would be a guess
    picked = id_from_drawing(out.get("last_active_drawing"), set(shown["id"]))
    if picked is None:
        latlng = out["last_object_clicked"]
        zoom = out.get("zoom") or 8
        # Tolerance: a few screen pixels at this zoom, in metres (Web Mercator scale at the latitude).
        metres_per_px = 156_543.03 * math.cos(math.radians(latlng["lat"])) / 2**zoom
        picked = nearest_event(shown, latlng["lat"], latlng["lng"], CLICK_TOLERANCE_PX * metres_per_px)
    if picked is not None and picked != view.selected:
        state.select(picked)
        st.rerun(scope="app")  # the report panel and list live outside this fragment
