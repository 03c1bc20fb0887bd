"""The matching rule for "the store already holds this candidate under another id" (extract.duplicates)."""

from __future__ import annotations

from datetime import date, timedelta

import shapely
from hypothesis import given
from hypothesis import strategies as st
from pyproj import Geod

from sitmap.extract.duplicates import (
    MAX_TOLERANCE_M,
    MIN_TOLERANCE_M,
    EventKey,
    first_match,
    same_event,
    search_view,
    types_compatible,
)
from sitmap.vocabulary import EVENT_TYPES

GEOD = Geod(ellps="WGS84")
DAY = date(2018, 2, 7)


def key(eid: str = "a", *, lon: float = 40.3, lat: float = 35.3, start: date = DAY, end: date | None = None,
        etype: str = "armed_clash", unc: float | None = 3000.0, **kw) -> EventKey:  # fmt: skip
    return EventKey(eid, start, end or start, etype, lon, lat, uncertainty_m=unc, **kw)


def moved(k: EventKey, eid: str, metres: float, bearing: float) -> EventKey:
    lon, lat, _ = GEOD.fwd(k.lon, k.lat, bearing, metres)
    return EventKey(eid, k.start, k.end, k.event_type, lon, lat, uncertainty_m=k.uncertainty_m)


lons = st.floats(-179.0, 179.0)
lats = st.floats(-80.0, 80.0)
bearings = st.floats(0.0, 360.0)
types = st.sampled_from(sorted(EVENT_TYPES))


def test_the_khasham_year_candidate_is_the_curated_day_event():
    curated = key("syr-2018-02-07-khasham-attack", lon=40.30944, lat=35.33611)
    candidate = key("syr-2018-khasham-armed-clash", lon=40.30944, lat=35.33611, start=date(2018, 1, 1),
                    end=date(2018, 12, 31), unc=5000.0)  # fmt: skip
    assert first_match(candidate, [curated]) == curated.id


@given(lons, lats, st.floats(0.0, 2_900.0), bearings)
def test_a_point_within_the_stated_uncertainty_is_the_same_place(lon, lat, metres, bearing):
    a = key(lon=lon, lat=lat)
    assert same_event(a, moved(a, "b", metres, bearing))


@given(lons, lats, st.floats(MAX_TOLERANCE_M + 100, 200_000.0), bearings, st.floats(0, 1e7))
def test_a_point_beyond_the_largest_tolerance_never_is(lon, lat, metres, bearing, unc):
    a = key(lon=lon, lat=lat, unc=unc)  # even a country-wide uncertainty does not join two towns
    assert not same_event(a, moved(a, "b", metres, bearing))


@given(st.integers(0, 400), st.integers(1, 400), st.integers(0, 30))
def test_periods_must_overlap(offset, gap, length):
    a = key(start=DAY + timedelta(days=offset), end=DAY + timedelta(days=offset + length))
    after = key("b", start=a.end + timedelta(days=gap), end=a.end + timedelta(days=gap + 5))
    assert not same_event(a, after) and not same_event(after, a)
    touching = key("c", start=a.end, end=a.end + timedelta(days=3))
    assert same_event(a, touching)


@given(types, types, st.floats(0, 5000), bearings)
def test_the_rule_is_symmetric(t1, t2, metres, bearing):
    a = key(etype=t1)
    b = moved(key(etype=t2), "b", metres, bearing)
    assert same_event(a, b) == same_event(b, a)


def test_incompatible_types_match_only_on_the_same_passage():
    assert not types_compatible("patrol", "agreement")  # both "Strategic developments": too broad
    assert types_compatible("airstrike", "drone_attack") and types_compatible("other", "patrol")
    a, b = key(etype="patrol"), key("b", etype="agreement")
    assert not same_event(a, b)
    passage = ("r", "p2", "Forces patrolled and signed")
    assert same_event(key(etype="patrol", passage=passage), key("b", etype="agreement", passage=passage))


def test_the_same_gazetteer_place_wins_over_distance():
    a, b = key(place_id="g1"), key("b", lon=41.0, place_id="g1")
    assert same_event(a, b)
    assert not same_event(key(place_id="g1"), key("b", place_id="g2"))


def test_no_point_no_place_match():
    assert not same_event(key(lon=None, lat=None), key("b"))  # type: ignore[arg-type]
    assert search_view(key(lon=None, lat=None)) is None  # type: ignore[arg-type]


@given(lons, lats, st.floats(0.0, MAX_TOLERANCE_M - 1), bearings, st.integers(0, 60))
def test_the_store_query_window_holds_every_match(lon, lat, metres, bearing, days):
    """The box and period asked of a store (PostGIS) never leave out an event the rule would match."""
    a = key(lon=lon, lat=lat, unc=1e6, end=DAY + timedelta(days=days))
    b = moved(a, "b", metres, bearing)
    view = search_view(a)
    assert view is not None and view.bbox is not None
    assert same_event(a, b)
    assert shapely.box(*view.bbox).intersects(shapely.Point(b.lon, b.lat))
    assert view.start is not None and view.end is not None and view.start <= b.end and b.start <= view.end


def test_min_tolerance_applies_to_exact_points():
    a = key(unc=10.0)
    assert same_event(a, moved(a, "b", MIN_TOLERANCE_M - 50, 90))
    assert not same_event(a, moved(key(unc=10.0), "c", MIN_TOLERANCE_M + 200, 90))
