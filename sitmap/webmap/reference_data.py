"""What the browser's reference overlays and place labels draw: GeoJSON features of the reference frames
with only the properties the browser needs, the labels of Lines A and B, and country and place labels in
the script the `map_labels` setting asks for."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from sitmap.bidi import isolate
from sitmap.reference.layers import Reference
from sitmap.webmap.events import escape_text


def reference_features(
    frame: gpd.GeoDataFrame | None, style_of: Callable[[pd.Series], str], keep: Iterable[str] = ()
) -> list[dict]:
    """GeoJSON features of a reference frame with only the properties the browser needs."""
    if frame is None or frame.empty:
        return []
    out = []
    for row in frame.itertuples(index=False):
        geom = row.geometry
        if geom is None or geom.is_empty:
            continue
        props = {"sitmap_style": style_of(row), "sitmap_class": escape_text(row.id)}
        props.update({k: escape_text(getattr(row, k, "")) for k in keep})
        out.append({"type": "Feature", "geometry": shapely.geometry.mapping(geom), "properties": props})
    return out


def zone_rows(reference: Reference | None, ids: Iterable[str]) -> gpd.GeoDataFrame | None:
    zone = reference.zone if reference is not None else None
    if zone is None:
        return None
    return zone[zone["id"].isin(list(ids))]


def line_labels(reference: Reference | None) -> list[list]:
    labels: list[list[Any]] = []
    zone = reference.zone if reference is not None else None
    if zone is None:
        return labels
    for ref_id, text in (("line-a", "Line A"), ("line-b", "Line B")):
        row = zone[zone["id"] == ref_id]
        if row.empty:
            continue
        for frac in (0.25, 0.7):  # CSS puts Line A's text west of the line and Line B's east of it
            p = row.geometry.iloc[0].interpolate(frac, normalized=True)
            labels.append([round(p.x, 5), round(p.y, 5), text, ref_id, 9])
    aos = zone[zone["id"] == "area-of-separation"]
    if not aos.empty:
        p = aos.geometry.iloc[0].representative_point()
        labels.append([round(p.x, 5), round(p.y, 5), "Area of Separation", "zone", 10])
    return labels


def place_label(name: str, name_ar: object, labels: str = "latin") -> str:
    """A place's label in the `labels` setting's script (the Latin name where there is no Arabic one),
    each name a bidi isolate so a mixed line keeps its order."""
    arabic = name_ar.strip() if isinstance(name_ar, str) else ""
    if labels == "arabic" and arabic:
        return isolate(arabic)
    if labels == "both" and arabic:
        return f"{isolate(name)} · {isolate(arabic)}"
    return isolate(name)


def place_label_data(reference: Reference | None, labels: str = "latin") -> dict:
    """Country and place labels, most important first (they win label collisions); place names in the
    script `labels` asks for (`Settings.map_labels`)."""
    rows: list[list] = []
    countries = reference.countries if reference is not None else None
    if countries is not None:
        for row in countries.itertuples(index=False):
            if row.geometry is None or row.geometry.is_empty or pd.isna(getattr(row, "iso3", "x")):
                continue  # bases and buffer zones have no iso3: no country label
            # The largest part's label point: Oman's exclave or Yemen's islands would mislead.
            parts = getattr(row.geometry, "geoms", [row.geometry])
            p = max(parts, key=lambda g: g.area).representative_point()
            rows.append([round(p.x, 4), round(p.y, 4), escape_text(row.name), 0])
    places = reference.places if reference is not None else None
    if places is not None:
        rank = {"city": 1, "town": 2}
        for row in places.itertuples(index=False):
            if row.geometry is None or row.geometry.is_empty:
                continue
            name = place_label(str(row.name).split(" (")[0], getattr(row, "name_ar", None), labels)
            rows.append(
                [round(row.geometry.x, 5), round(row.geometry.y, 5), escape_text(name), rank.get(row.kind, 3)]
            )
    rows.sort(key=lambda r: r[3])  # stable: within a rank, the gazetteer's own order
    return {
        "rows": rows,
        "kinds": ["country", "city", "town", "village"],
        "minZoom": [4, 5, 8, 10],
        "maxZoom": [7, 19, 19, 19],
    }
