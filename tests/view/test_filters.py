from datetime import date

import pytest

from sitmap.view import (
    View,
    apply_view,
    data_extent,
    from_query_params,
    options,
    to_query_params,
    view_as_dict,
)

RAID = "syr-2025-03-03-tell-al-mal-raid"
PATROL = "syr-2025-03-04-ruwaihaniya-patrol"
SHIPPING = "yem-2023-11-red-sea-shipping-attacks"


def ids(events, view):
    return apply_view(events, view)["id"].tolist()


def test_window_1_to_3_march_shows_raid_not_patrol(bundled_store):
    shown = ids(bundled_store.events, View(start=date(2025, 3, 1), end=date(2025, 3, 3)))
    assert RAID in shown and PATROL not in shown


def test_month_precision_event_is_on_for_the_whole_month(bundled_store):
    # "April 2024" events must show for any day in April, not just the 1st.
    shown = ids(bundled_store.events, View(start=date(2024, 4, 30), end=date(2024, 4, 30)))
    assert "irn-2024-04-isfahan-s300-radar-strike" in shown
    assert ids(bundled_store.events, View(start=date(2024, 5, 1), end=date(2024, 5, 1))).count(SHIPPING) == 1


def test_date_end_keeps_long_event_on(bundled_store):
    assert SHIPPING in ids(bundled_store.events, View(start=date(2024, 12, 31), end=date(2025, 1, 5)))
    assert SHIPPING not in ids(bundled_store.events, View(start=date(2025, 1, 1), end=date(2025, 1, 5)))


def test_filters_combine(bundled_store):
    ev = bundled_store.events
    assert ids(ev, View(event_types=("patrol",))) == [PATROL]
    assert set(ids(ev, View(actors=("Israel Defense Forces",)))) == {RAID, PATROL}
    assert ids(ev, View(event_types=("raid",), actors=("Israel",))) == []
    assert ids(ev, View(text="HOUTHI")) == [SHIPPING]
    assert set(ids(ev, View(countries=("syria",)))) == {RAID, PATROL, "syr-2018-02-07-khasham-attack"}
    assert ids(ev, View(claim_status=("confirmed",), geo_precision=("region",))) == [SHIPPING]


def test_bbox_drops_unlocated_events(bundled_store):
    shown = ids(bundled_store.events, View(bbox=(35.5, 32.8, 36.3, 33.5)))
    assert set(shown) == {RAID, PATROL}
    assert "irn-2024-09-srbm-shipments-to-russia" in ids(bundled_store.events, View())


def test_results_are_in_time_order(bundled_store):
    shown = apply_view(bundled_store.events, View())
    assert shown["start"].is_monotonic_increasing
    assert shown.iloc[0]["id"] == "syr-2018-02-07-khasham-attack"


def test_extent_and_options(bundled_store):
    assert data_extent(bundled_store.events) == (date(2018, 2, 7), date(2025, 3, 4))
    opts = options(bundled_store.events)
    assert "raid" in opts["event_types"] and "Houthis (Ansar Allah)" in opts["actors"]
    assert data_extent(bundled_store.events.iloc[:0]) is None


@pytest.mark.parametrize(
    "view",
    [
        View(),
        View(start=date(2025, 3, 1), end=date(2025, 3, 3), event_types=("raid", "patrol"), selected=RAID),
        View(bbox=(35.5, 32.8, 36.3, 33.5), center=(33.1, 35.9), zoom=10, base_layer="dark", overlays=()),
        View(text="tell al, mal", mode="cumulative", actors=("Israel",), claim_status=("reported",)),
        View(actors=("Hamas, PIJ", "50% unit", "Israel"), admin1=("Rif Dimashq",)),
    ],
)
def test_query_params_round_trip(view):
    params = to_query_params(view)
    assert all(isinstance(v, str) for v in params.values())
    back, ignored = from_query_params(params)
    assert ignored == [] and back == view
    assert view_as_dict(back)["event_types"] == list(view.event_types)


def test_bad_query_params_fall_back_and_say_why():
    view, ignored = from_query_params(
        {"start": "03/04/2024", "zoom": "x", "bbox": "1,2", "base_layer": "evil", "overlays": "zone,nope"}
    )
    assert view.start is None and view.zoom is None and view.bbox is None and view.base_layer is None
    assert view.overlays == ("zone",)
    assert len(ignored) == 5
