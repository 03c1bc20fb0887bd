"""Hypothesis strategies for event Features the store's validator accepts, and a helper that turns a
batch of them into a loaded store frame (so tests compare exports against what the store really holds)."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import geopandas as gpd
from hypothesis import strategies as st

from sitmap.settings import load_settings
from sitmap.store.geojson_io import dumps_feature_collection
from sitmap.store.load import load_store
from sitmap.vocabulary import CLAIM_STATUSES, EVENT_TYPES, GEO_PRECISIONS, TIME_PRECISIONS

TODAY = date(2026, 11, 22)
# Text a report can carry: any letter, mark, number, punctuation, symbol or space (Arabic and Hebrew
# included), newlines and tabs, but no other control characters (the validator refuses them) and no
# lone surrogates (not valid UTF-8).
_CHARS = st.characters(categories=("L", "M", "N", "P", "S", "Zs"), include_characters="\n\t")
_TRICKY = st.sampled_from(
    [
        '=HYPERLINK("http://evil.example/","x")',
        "+1",
        "-2+3",
        "@SUM(A1)",
        "a, b; c",
        'say "hi" & <b>bold</b>',
        "</description>]]>",
        "Dar'a",
        "القنيطرة",
        "ירושלים",
        "line one\nline two",
        "&amp; &#x27; &lt;",
    ]
)


def _text(min_size: int = 1) -> st.SearchStrategy[str]:
    """Free text with at least one visible character (required fields must not be blank)."""
    free = st.text(_CHARS, min_size=min_size, max_size=30)
    return st.one_of(free, _TRICKY, st.builds(lambda a, b: f"{a} {b}", _TRICKY, free)).filter(
        lambda s: s.strip() != "" or min_size == 0
    )


_LON = st.integers(-170_000_000, 170_000_000).map(lambda v: v / 1_000_000)
_LAT = st.integers(-80_000_000, 80_000_000).map(lambda v: v / 1_000_000)


def _box(x: float, y: float, w: float, h: float, ccw: bool) -> list[list[float]]:
    ring = [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]
    ring = [[round(a, 6), round(b, 6)] for a, b in ring]
    return ring if ccw else ring[::-1]


@st.composite
def geometries(draw) -> dict | None:
    """Every geometry kind an event may have, rings in either winding (the writer must fix it)."""
    kind = draw(
        st.sampled_from(
            ["null", "Point", "LineString", "Polygon", "PolygonHole", "MultiPolygon", "MultiPoint"]
        )
    )
    x, y = draw(_LON), draw(_LAT)
    if kind == "null":
        return None
    if kind == "Point":
        return {"type": "Point", "coordinates": [x, y]}
    if kind == "MultiPoint":
        return {"type": "MultiPoint", "coordinates": [[x, y], [round(x + 0.5, 6), round(y + 0.25, 6)]]}
    if kind == "LineString":
        return {
            "type": "LineString",
            "coordinates": [[x, y], [round(x + 1, 6), y], [round(x + 1, 6), round(y + 1, 6)]],
        }
    ccw = draw(st.booleans())
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": [_box(x, y, 2, 1, ccw)]}
    if kind == "PolygonHole":
        hole_ccw = draw(st.booleans())
        return {"type": "Polygon", "coordinates": [_box(x, y, 4, 4, ccw), _box(x + 1, y + 1, 1, 1, hole_ccw)]}
    return {
        "type": "MultiPolygon",
        "coordinates": [
            [_box(x, y, 1, 1, ccw)],
            [_box(x + 3, y, 1, 2, not ccw), _box(x + 3.25, y + 0.5, 0.5, 0.5, ccw)],
        ],
    }


@st.composite
def _dates(draw) -> dict:
    precision = draw(st.sampled_from(list(TIME_PRECISIONS)))
    day = draw(st.dates(min_value=date(2000, 1, 3), max_value=date(2025, 12, 31)))
    if precision == "week":
        day -= timedelta(days=day.weekday())  # weeks are named by their Monday
    text = {
        "day": day.isoformat(),
        "week": day.isoformat(),
        "month": day.isoformat()[:7],
        "year": str(day.year),
    }
    out = {"date": text[precision], "time_precision": precision}
    if draw(st.booleans()):
        end = day + timedelta(days=draw(st.integers(0, 400)))
        end = min(end, TODAY)
        out["date_end"] = {"day": end.isoformat(), "week": end.isoformat(), "month": end.isoformat()[:7]}.get(
            precision, str(end.year)
        )
    return out


_SOURCE = st.fixed_dictionaries(
    {"title": _text(), "publisher": _text()},
    optional={
        "date": st.dates(date(2000, 1, 1), date(2025, 12, 31)).map(date.isoformat),
        "url": st.sampled_from(
            ["https://example.org/a?b=1&c=2", "http://example.net/r/1", "https://x.test/ü"]
        ),
    },
)


@st.composite
def event_properties(draw) -> dict:
    props: dict = {
        **draw(_dates()),
        "event_type": draw(st.sampled_from(list(EVENT_TYPES))),
        "actors": draw(st.lists(_text(), max_size=4)),
        "geo_precision": draw(st.sampled_from(list(GEO_PRECISIONS))),
        "claim_status": draw(st.sampled_from(list(CLAIM_STATUSES))),
        "summary": draw(_text()),
    }
    for name in ("country", "admin1", "location", "quote"):
        if draw(st.booleans()):
            props[name] = draw(_text())
    if draw(st.booleans()):
        props["uncertainty_m"] = draw(st.integers(0, 5_000_000))
    if draw(st.booleans()):
        props["sources"] = draw(st.lists(_SOURCE, min_size=1, max_size=3))
    if draw(st.booleans()):
        props["tags"] = draw(st.lists(_text(), min_size=1, max_size=3))
    return props


@st.composite
def event_batches(draw, min_size: int = 1, max_size: int = 6) -> list[dict]:
    """A list of valid event Features with unique ids."""
    n = draw(st.integers(min_size, max_size))
    return [
        {
            "type": "Feature",
            "id": f"ev-{i}-{draw(st.from_regex(r'[a-z0-9]{1,6}', fullmatch=True))}",
            "geometry": draw(geometries()),
            "properties": draw(event_properties()),
        }
        for i in range(n)
    ]


def store_events(features: list[dict]) -> gpd.GeoDataFrame:
    """The store's frame for these features, loaded through `sitmap.store.load` (which must accept them)."""
    with tempfile.TemporaryDirectory(prefix="sitmap-strategy-") as tmp:
        Path(tmp, "events.geojson").write_text(dumps_feature_collection(features), encoding="utf-8")
        store = load_store(tmp, settings=load_settings(env={}), today=TODAY)
    errors = [str(p) for p in store.problems if p.is_error]
    assert not errors, errors  # the strategy must only build events the validator accepts
    assert len(store.events) == len(features)
    return store.events
