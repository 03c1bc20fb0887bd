"""The layer control's report comes from the browser: any JSON in it gives a choice or None, never a crash."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from sitmap.settings import load_settings
from sitmap.webmap.maps import LAYERS_REPORT_URL, OFFLINE_NAME, OVERLAY_NAMES, layers_from_report

SETTINGS = load_settings()
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


def _report(base: object, overlays: object) -> list[dict[str, str]]:
    return [{"name": json.dumps({"base": base, "overlays": overlays}), "url": LAYERS_REPORT_URL}]


@settings(max_examples=50, deadline=None)
@given(base=JSON | st.sampled_from([OFFLINE_NAME]), overlays=JSON | st.lists(JSON, max_size=3))
def test_any_json_in_the_report_gives_a_choice_or_none(base, overlays):
    got = layers_from_report(_report(base, overlays), SETTINGS)
    assert got is None or (got[0] == "offline" and set(got[1]) <= set(OVERLAY_NAMES))


def test_unhashable_names_are_ignored_not_a_crash():
    assert layers_from_report(_report([OFFLINE_NAME], []), SETTINGS) is None
    zone = OVERLAY_NAMES["zone"]
    assert layers_from_report(_report(OFFLINE_NAME, [{"a": 1}, [zone], zone]), SETTINGS) == (
        "offline",
        ("zone",),
    )
