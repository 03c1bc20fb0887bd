"""A region- or country-level event is drawn in the KML as the web map draws it: its area's outline (the
country's, the province's), never a pin with an uncertainty circle the size of the country. The store's
point is kept as a field, so nothing is lost. Read back with GDAL (`ogrinfo`)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import shapely
from tools import needs_tool

from sitmap.exports import formats as exports
from sitmap.footprints import event_footprints

ROOT = Path(__file__).resolve().parents[2]
needs_ogrinfo = needs_tool("ogrinfo", "apt-get install gdal-bin")
IRAN_VISIT = "irn-2024-04-russian-experts-visit"  # country precision, stated ± 800 km
RED_SEA = "yem-2023-11-red-sea-shipping-attacks"  # region precision, its own polygon
ISFAHAN = "irn-2024-04-isfahan-s300-radar-strike"  # near, ± 10 km: a pin and its circle


def _features(path: Path) -> dict[str, dict[str, str]]:
    """Per placemark (by its `id` field, else its name): the fields and the geometry's WKT, as GDAL's
    `ogrinfo` reads them (its LIBKML driver, which reads ExtendedData)."""
    out = subprocess.run(
        ["ogrinfo", "-ro", "-al", "-q", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    features: dict[str, dict[str, str]] = {}
    for block in out.split("OGRFeature(")[1:]:
        fields = {}
        for line in block.splitlines()[1:]:
            line = line.strip()
            if " = " in line:
                name, value = line.split(" = ", 1)
                fields[name.split(" (")[0]] = value
            elif line.startswith(("POINT", "POLYGON", "MULTIPOLYGON", "LINESTRING", "GEOMETRYCOLLECTION")):
                fields["wkt"] = line
        features[fields.get("id") or fields["Name"]] = fields
    return features


@needs_ogrinfo
def test_country_and_region_events_are_their_areas_not_a_pin_and_circle(bundled_store, reference, tmp_path):
    events = bundled_store.events
    path = tmp_path / "all.kml"
    path.write_bytes(exports.export_bytes(events, "kml", reference=reference))
    got = _features(path)
    iran = got[IRAN_VISIT]
    assert iran["wkt"].startswith(("POLYGON", "MULTIPOLYGON")), iran["wkt"][:40]
    outline = shapely.from_wkt(iran["wkt"])
    row = events[events["id"] == IRAN_VISIT]
    want = event_footprints(row, reference).geometry.iloc[0]  # the web map's shape: Iran's outline
    assert shapely.get_num_coordinates(outline) == shapely.get_num_coordinates(want)
    assert outline.hausdorff_distance(want) < 1e-4  # written to 4 decimals (~11 m)
    assert outline.contains(row.geometry.iloc[0])
    assert shapely.from_wkt(iran["point"]).equals_exact(row.geometry.iloc[0], 1e-6)  # nothing lost
    rings = [name for name in got if "±" in name]
    assert not any(name.startswith(f"{IRAN_VISIT}:") for name in rings), rings  # no 800 km circle
    assert any(name.startswith(f"{ISFAHAN}:") for name in rings)  # a precise point keeps its circle
    assert got[ISFAHAN]["wkt"].startswith("POINT")
    assert got[RED_SEA]["wkt"].startswith(("POLYGON", "MULTIPOLYGON"))  # its own area, as before
    # Every event the web map draws as an area is an area here; every other located event a pin.
    located = events[events.geometry.notna()]
    as_area = (located.geom_type != "Point") | located["geo_precision"].isin(["region", "country"])
    areas = set(located.loc[as_area, "id"])
    for event_id in events.loc[events.geometry.notna(), "id"]:
        is_area = not got[event_id]["wkt"].startswith("POINT")
        assert is_area == (event_id in areas), event_id


def test_without_reference_layers_an_area_event_is_its_circle_not_a_pin(bundled_store):
    """No reference to draw the country from: the area is the stated circle (as on the web map), one
    polygon, and still no pin."""
    text = exports.events_to_kml(bundled_store.events)
    start = text.index(f'<Placemark id="{IRAN_VISIT}">')
    placemark = text[start : text.index("</Placemark>", start)]
    assert "<Point>" not in placemark and "<Polygon>" in placemark


@needs_ogrinfo
def test_an_area_outline_written_shorter_is_still_a_valid_polygon(reference, tmp_path):
    """Review: Dubai's admin-1 outline (218 parts, the Palm islands) self-intersects once its vertices are
    rounded to `AREA_DIGITS`; the KML must hold a valid polygon (GDAL, QGIS and PostGIS check it)."""
    import geopandas as gpd

    dubai = reference.admin1[reference.admin1["name"] == "Dubai"].geometry.iloc[0]
    events = gpd.GeoDataFrame(
        {
            "id": ["dubai-region"],
            "event_type": ["airstrike"],
            "geo_precision": ["region"],
            "country": ["United Arab Emirates"],
            "admin1": ["Dubai"],
            "location": ["Dubai"],
            "uncertainty_m": [30_000.0],
        },
        geometry=[dubai.representative_point()],
        crs=4326,
    )
    path = tmp_path / "dubai.kml"
    path.write_bytes(exports.export_bytes(events, "kml", reference=reference))
    area = shapely.from_wkt(_features(path)["dubai-region"]["wkt"])
    assert area.geom_type == "MultiPolygon" and area.hausdorff_distance(dubai) < 1e-4  # Dubai's outline
    assert area.is_valid, shapely.is_valid_reason(area)
