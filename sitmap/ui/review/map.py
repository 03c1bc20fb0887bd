"""A small map on the review page: shows the candidate's point and uncertainty; a click moves the point.

The base map is `maps.build_base_map` (offline vector basemap from geodata/, the 1974 zone and lines,
assets served locally) without its legend, built the same way on every run so streamlit-folium keeps the
Leaflet map; the point travels as `feature_group_to_add`. A click is handled in the component's
`on_change` callback, which runs before the page script, so the form's widgets can take the new point.
"""

from __future__ import annotations

from typing import Any

import folium
import streamlit as st
from streamlit_folium import st_folium

from sitmap.extract.pipeline import Candidate
from sitmap.reference.layers import Reference
from sitmap.settings import Settings
from sitmap.ui.keys import REVIEW_MAP as MAP_KEY
from sitmap.ui.review import state as rstate
from sitmap.ui.review.logic import CLICK_RADII_M, DEFAULT_CLICK_RADIUS_M, point_values
from sitmap.view import View
from sitmap.webmap.legend import Legend
from sitmap.webmap.maps import build_base_map
from sitmap.webmap.offline import localize_assets

MAP_HEIGHT = 340
DEFAULT_TARGET = ((33.1, 35.85), 8)  # the Golan and the 1974 zone, where most reviewed events are
_ZOOM = {"exact": 12, "near": 10, "region": 8, "country": 5}
POINT_COLOUR = "#d62728"


def render(
    settings: Settings,
    reference: Reference,
    rid: str,
    cand: Candidate,
    nearby: list[tuple[float, float, int]],
) -> None:
    """The map for the selected candidate (its point and uncertainty circle, if it has a point).

    `nearby` are (lat, lon, zoom) of the report's other placed candidates, same paragraph first: where
    the map opens for a place the gazetteer lacks, since the story is most likely there.
    """
    values = rstate.values(rid, cand)
    rs = rstate.report_state(rid)
    target = rs["map_target"].get(cand.id)
    if target is None or st.session_state.get(rstate.K_MAP_FOR) != (rid, cand.id):
        target = rs["map_target"][cand.id] = target_for(values, reference, nearby)
        st.session_state[rstate.K_MAP_FOR] = (rid, cand.id)
    m = build_base_map(
        reference, settings, View(), event_types=(), layer_control=False, assets="served", minimap=False
    )  # a small placing map: an overview would only cover it
    for name, child in list(m._children.items()):
        if isinstance(child, Legend):  # the type legend says nothing about one point
            del m._children[name]
    c1, c2 = st.columns([3, 2], vertical_alignment="center")
    c1.caption("Click the map to set the point: the form takes it, with its country and admin-1.")
    if rstate.K_CLICK_RADIUS not in st.session_state:
        st.session_state[rstate.K_CLICK_RADIUS] = DEFAULT_CLICK_RADIUS_M
    c2.selectbox(
        "Click radius",
        CLICK_RADII_M,
        key=rstate.K_CLICK_RADIUS,
        format_func=lambda m: f"±{m / 1000:g} km",
        help="The uncertainty of a point placed by hand",
    )
    st_folium(
        m,
        key=MAP_KEY,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=["last_clicked"],
        center=list(target[0]),
        zoom=target[1],
        feature_group_to_add=localize_assets(point_layer(values), "served"),
        on_change=lambda: _on_click(rid, cand.id, reference),
    )


def point_layer(values: dict) -> folium.FeatureGroup:
    """The candidate's point and uncertainty circle (not interactive: clicks reach the map)."""
    group = folium.FeatureGroup(name="Candidate", control=False)
    lon, lat = values.get("lon"), values.get("lat")
    if lon is None or lat is None:
        return group
    unc = values.get("uncertainty_m")
    if isinstance(unc, int | float) and unc > 0:
        folium.Circle(
            [lat, lon], radius=float(unc), color=POINT_COLOUR, weight=1, fill=True, fill_opacity=0.08,
            interactive=False,
        ).add_to(group)  # fmt: skip
    folium.CircleMarker(
        [lat, lon], radius=6, color="#ffffff", weight=2, fill=True, fill_color=POINT_COLOUR, fill_opacity=1,
        interactive=False,
    ).add_to(group)  # fmt: skip
    return group


def target_for(
    values: dict[str, Any], reference: Reference, nearby: list[tuple[float, float, int]] | None = None
) -> tuple[tuple[float, float], int]:
    """Where the map opens for a candidate: its point, else its admin-1 area or country, else the first
    of the report's other placed candidates, else the Golan."""
    lon, lat = values.get("lon"), values.get("lat")
    if lon is not None and lat is not None:
        precision = values.get("geo_precision")
        return (float(lat), float(lon)), _ZOOM.get(precision, 10) if isinstance(precision, str) else 10
    for frame, field, zoom in ((reference.admin1, "admin1", 7), (reference.countries, "country", 5)):
        name = str(values.get(field) or "").strip().lower()
        if not name:
            continue
        hit = frame[frame["name"].astype(str).str.lower() == name]
        if len(hit) and hit.geometry.iloc[0] is not None:
            p = hit.geometry.iloc[0].representative_point()
            return (round(p.y, 4), round(p.x, 4)), zoom
    if nearby:
        lat, lon, zoom = nearby[0]
        return (round(lat, 4), round(lon, 4)), zoom
    return DEFAULT_TARGET


def _on_click(rid: str, cand_id: str, reference: Reference) -> None:
    """A click on the map: the point moves there, at the chosen radius, with the areas it lies in."""
    out = st.session_state.get(MAP_KEY) or {}
    click = out.get("last_clicked")
    if not click or "lat" not in click or "lng" not in click:
        return
    sig = (rid, cand_id, click["lat"], click["lng"])
    if sig == st.session_state.get(rstate.K_LAST_CLICK):
        return
    st.session_state[rstate.K_LAST_CLICK] = sig
    radius = st.session_state.get(rstate.K_CLICK_RADIUS) or DEFAULT_CLICK_RADIUS_M
    current = rstate.report_state(rid)["values"].get(cand_id)  # a click at its place keeps its areas
    rstate.update(rid, cand_id, point_values(click["lat"], click["lng"], radius, reference, current))
