"""sitmap.footprints: one honest footprint per event (country, admin-1, own area, geodesic circle, none)
and one date label, shared by the folium map and the snapshot."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely
from matplotlib.collections import PathCollection
from matplotlib.patches import PathPatch
from pyproj import Geod, Transformer

from sitmap.footprints import event_footprints, geodesic_circles, period_label
from sitmap.geometry import uncertainty_circle
from sitmap.snapshot.render import build_snapshot
from sitmap.view import View
from sitmap.vocabulary import EVENT_TYPES, GEO_PRECISIONS
from sitmap.webmap.events import event_payload

GEOD = Geod(ellps="WGS84")
FROM_MERC = Transformer.from_crs(3857, 4326, always_xy=True)
T = pd.Timestamp
BASRA = (47.81, 30.51)


def _events(*rows: dict, index: list | None = None):
    import geopandas as gpd

    base = {"country": None, "admin1": None, "uncertainty_m": np.nan, "geo_precision": "near"}
    frame = pd.DataFrame([{**base, **r} for r in rows], index=index)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")


def _ref_geom(layer, name: str):
    return layer[layer["name"] == name].geometry.iloc[0]


# ---------------------------------------------------------------- footprints
def test_country_precision_is_the_country_outline(reference):
    fp = event_footprints(
        _events(
            {"geometry": shapely.Point(53.7, 32.4), "geo_precision": "country", "country": "Iran",
             "uncertainty_m": 800_000.0},
            # No country name: the country holding the point (Basra is in Iraq).
            {"geometry": shapely.Point(*BASRA), "geo_precision": "country"},
        ),
        reference,
    )  # fmt: skip
    assert fp["kind"].tolist() == ["country", "country"]
    assert fp["ref_id"].tolist() == ["irn", "irq"]
    assert fp["name"].tolist() == ["Iran", "Iraq"]
    assert fp.geometry.iloc[0].equals_exact(_ref_geom(reference.countries, "Iran"), 1e-9)
    assert np.isnan(fp["radius_m"]).all()
    # Not an 800 km circle: Basra is within 800 km of the event's point but outside Iran's outline.
    assert GEOD.inv(53.7, 32.4, *BASRA)[2] < 800_000
    assert not fp.geometry.iloc[0].contains(shapely.Point(*BASRA))


def test_region_precision_without_own_polygon_is_the_admin1_area(reference):
    quneitra = reference.admin1[reference.admin1["name"] == "Quneitra"].iloc[0]
    fp = event_footprints(
        _events(
            {"geometry": shapely.Point(35.9, 33.1), "geo_precision": "region", "country": "Syria",
             "admin1": "Quneitra", "uncertainty_m": 50_000.0},
            {"geometry": shapely.Point(35.9, 33.1), "geo_precision": "region", "country": "Syria"},
        ),
        reference,
    )  # fmt: skip
    assert fp["kind"].tolist() == ["admin1", "admin1"]  # by name, then by the unit holding the point
    assert fp["ref_id"].tolist() == [quneitra["id"]] * 2
    assert fp.geometry.iloc[0].equals_exact(quneitra.geometry, 1e-9)


def test_an_area_of_the_reference_layers_is_drawn_as_itself(reference):
    # Placed on the Area of Separation, along Line A or on a border (the gazetteer's area records): the
    # zone's polygon, the line, the two countries' shared boundary, not the province or a circle.
    zone = reference.zone.set_index("id").geometry
    fp = event_footprints(
        _events(
            {"geometry": shapely.Point(35.86, 33.09), "geo_precision": "region", "country": "Syria",
             "admin1": "Quneitra", "location": "Area of Separation", "uncertainty_m": 38_000.0},
            {"geometry": shapely.Point(35.81, 33.11), "geo_precision": "region", "country": "Syria",
             "location": "Line A", "uncertainty_m": 38_000.0},
            {"geometry": shapely.Point(36.8, 32.3), "geo_precision": "region", "country": None,
             "location": "Jordan-Syria border", "uncertainty_m": 190_000.0},
            {"geometry": shapely.Point(38.0, 22.0), "geo_precision": "region", "country": None,
             "location": "Red Sea", "uncertainty_m": 1_100_000.0},  # no polygon at hand: a circle
        ),
        reference,
    )  # fmt: skip
    assert fp["kind"].tolist() == ["zone", "zone", "zone", "circle"]
    assert fp["ref_id"].tolist()[:3] == ["area-of-separation", "line-a", "border-jor-syr"]
    assert fp.geometry.iloc[0].equals_exact(zone["area-of-separation"], 1e-9)
    assert fp.geometry.iloc[1].equals_exact(zone["line-a"], 1e-9)
    border = fp.geometry.iloc[2]
    assert border.geom_type in ("LineString", "MultiLineString")
    for country in ("Jordan", "Syria"):
        assert border.distance(_ref_geom(reference.countries, country).boundary) < 1e-6


def test_own_polygon_and_line_are_kept(reference):
    poly = shapely.Polygon([(37.8, 20), (39.9, 20), (42.9, 14.2), (37.8, 20)])
    line = shapely.LineString([(35.8, 33.0), (35.9, 33.2)])
    fp = event_footprints(
        _events(
            {"geometry": poly, "geo_precision": "region", "country": "Yemen"},
            {"geometry": line, "geo_precision": "near", "uncertainty_m": 1000.0},
        ),
        reference,
    )
    assert fp["kind"].tolist() == ["own_area", "own_area"]
    assert fp.geometry.iloc[0].equals(poly) and fp.geometry.iloc[1].equals(line)


def test_point_is_a_geodesic_circle_of_its_uncertainty(reference):
    lon, lat = 36.04, 33.095
    fp = event_footprints(_events({"geometry": shapely.Point(lon, lat), "uncertainty_m": 4000.0}), reference)
    assert fp["kind"].iloc[0] == "circle" and fp["radius_m"].iloc[0] == 4000.0
    ring = np.asarray(fp.geometry.iloc[0].exterior.coords)[:-1]
    distances = GEOD.inv(np.full(len(ring), lon), np.full(len(ring), lat), ring[:, 0], ring[:, 1])[2]
    assert distances == pytest.approx(np.full(len(ring), 4000.0), abs=0.01)  # metres on WGS84
    # In degrees the circle is wider than tall at 33° N (a degree-based buffer would be round).
    minx, miny, maxx, maxy = fp.geometry.iloc[0].bounds
    assert (maxx - minx) / (maxy - miny) == pytest.approx(1 / np.cos(np.radians(lat)), rel=0.01)
    assert fp.geometry.iloc[0].exterior.is_ccw


def test_vectorised_circles_match_geometry_uncertainty_circle():
    circles = geodesic_circles(np.array([36.04, 51.0]), np.array([33.095, 35.0]), np.array([4000.0, 9e5]))
    assert circles[0].equals_exact(uncertainty_circle((36.04, 33.095), 4000.0), 1e-12)
    assert circles[1].equals_exact(uncertainty_circle((51.0, 35.0), 9e5), 1e-12)
    assert len(geodesic_circles(np.array([]), np.array([]), np.array([]))) == 0


def test_null_geometry_and_unstated_uncertainty_are_none(reference):
    fp = event_footprints(
        _events(
            {"geometry": None, "geo_precision": "country", "country": "Iran"},
            {"geometry": shapely.Point(36.0, 33.0), "uncertainty_m": np.nan},
            {"geometry": shapely.Point(36.0, 33.0), "uncertainty_m": 0.0},
        ),
        reference,
    )
    assert fp["kind"].tolist() == ["none"] * 3
    assert fp.geometry.isna().all()


def test_unmatched_area_point_is_a_circle_and_the_index_is_kept(reference):
    events = _events(
        {"geometry": shapely.Point(33.0, 34.0), "geo_precision": "region", "uncertainty_m": 50_000.0},
        {"geometry": shapely.Point(33.0, 34.0), "geo_precision": "country"},  # at sea, no radius stated
        index=[17, 4],
    )
    fp = event_footprints(events, reference)
    assert list(fp.index) == [17, 4]
    assert fp["kind"].tolist() == ["circle", "circle"]
    assert fp["radius_m"].tolist() == [50_000.0, GEO_PRECISIONS["country"]["default_uncertainty_m"]]
    # Without reference layers every area-precision point is a circle too.
    iran = _events({"geometry": shapely.Point(53.7, 32.4), "geo_precision": "country", "country": "Iran"})
    assert event_footprints(iran, None)["kind"].tolist() == ["circle"]


# ---------------------------------------------------------------- dates
@pytest.mark.parametrize(
    ("start", "end", "precision", "label"),
    [
        ("2025-03-03", "2025-03-03", "day", "3 Mar 2025"),
        ("2025-03-03", "2025-03-09", "week", "week of 3 Mar 2025"),
        ("2024-04-01", "2024-04-30", "month", "Apr 2024"),
        ("2018-01-01", "2018-12-31", "year", "2018"),
        ("2025-03-03", None, "day", "3 Mar 2025"),  # no end: the precision's own period
        ("2023-11-01", "2024-12-31", "month", "Nov 2023 – Dec 2024"),
        ("2024-04-01", "2024-06-30", "month", "Apr – Jun 2024"),
        ("2025-03-01", "2025-03-04", "day", "1–4 Mar 2025"),
        ("2025-02-28", "2025-03-04", "day", "28 Feb – 4 Mar 2025"),
        ("2024-12-28", "2025-01-04", "day", "28 Dec 2024 – 4 Jan 2025"),
        ("2025-03-03", "2025-03-23", "week", "3–23 Mar 2025"),
        ("2018-01-01", "2020-12-31", "year", "2018–2020"),
    ],
)
def test_period_label(start, end, precision, label):
    assert period_label(T(start), T(end) if end else None, precision) == label


def test_period_label_long_months_and_missing_dates():
    assert period_label(T("2025-03-03"), T("2025-03-03"), "day", short=False) == "3 March 2025"
    assert (
        period_label(T("2023-11-01"), T("2024-12-31"), "month", short=False)
        == "November 2023 – December 2024"
    )
    assert period_label(pd.NaT, pd.NaT, "day") == "" and period_label(None) == ""
    assert period_label(T("2025-03-03"), T("2025-03-03"), None) == "3 Mar 2025"  # unknown precision: a day


# ---------------------------------------------------------------- the map and the snapshot agree
def _outlines(artist) -> list:
    """(path, face rgba, edge rgba) of each shape an artist draws: a PathPatch, or each path of a
    PathCollection (whose per-path colours repeat over its paths; no face array means no face)."""
    if isinstance(artist, PathPatch):
        return [(artist.get_path(), artist.get_facecolor(), artist.get_edgecolor())]
    if not isinstance(artist, PathCollection) or artist.get_zorder() != 3:  # areas' zorder, not markers'
        return []
    paths, faces, edges = artist.get_paths(), artist.get_facecolor(), artist.get_edgecolor()
    out = []
    for i, path in enumerate(paths):
        face = faces[i % len(faces)] if len(faces) else (0.0, 0.0, 0.0, 0.0)
        out.append((path, face, edges[i % len(edges)] if len(edges) else (0.0, 0.0, 0.0, 0.0)))
    return out


def test_map_and_snapshot_draw_the_country_outline_and_the_full_range(bundled_store, reference):
    events = bundled_store.events
    iran = _ref_geom(reference.countries, "Iran")
    payload = event_payload(events, View(), reference)
    (area,) = [a for a in payload["areas"] if a["kind"] == "country"]
    assert shapely.geometry.shape(payload["shapes"][area["shape"]]).equals_exact(iran, 1e-9)
    red_sea = payload["id"].index("yem-2023-11-red-sea-shipping-attacks")
    assert payload["d"][red_sea] == "Nov 2023 – Dec 2024"

    snap = build_snapshot(events, reference, View(bbox=(31, 11, 62, 42)), title="T", dpi=40, size_in=(8, 6))
    colour = EVENT_TYPES["visit_meeting"].colour
    outlines = [  # an outline is a patch or one path of a collection of outlines (no face)
        path
        for artist in [*snap.map_ax.patches, *snap.map_ax.collections]
        for path, face, edge in _outlines(artist)
        if face[3] == 0 and _hex(edge) == colour
    ]
    assert len(outlines) == 1  # two events, one country: one outline
    xy = outlines[0].vertices
    lons, lats = FROM_MERC.transform(xy[:, 0], xy[:, 1])
    w, s, e, n = iran.bounds
    assert (min(lons), min(lats), max(lons), max(lats)) == pytest.approx((w, s, e, n), abs=1e-6)
    texts = [t.get_text() for t in snap.map_ax.texts]
    assert any("Nov 2023 – Dec 2024" in t for t in texts)


def _hex(rgba) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgba[:3])
