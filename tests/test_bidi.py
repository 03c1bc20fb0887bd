"""Mixed Arabic/Latin lines (issue 13: "≈ 10–16 km" rendered "16–10 ≈"): place names are bidi isolates,
and the web map's place labels can be Arabic (a setting)."""

from __future__ import annotations

import pytest

from sitmap.bidi import FSI, PDI, has_rtl, isolate
from sitmap.reference.layers import load_reference
from sitmap.settings import load_settings
from sitmap.webmap.reference_data import place_label, place_label_data

ARABIC = "خان أرنبة"


def test_isolate_wraps_once():
    assert isolate(ARABIC) == f"{FSI}{ARABIC}{PDI}"
    assert isolate(isolate(ARABIC)) == isolate(ARABIC) and isolate("") == ""
    assert has_rtl(ARABIC) and not has_rtl("Khan Arnabah ≈ 10–16 km")


def test_place_labels_follow_the_setting_and_fall_back_to_the_latin_name():
    assert place_label("Khan Arnabah", ARABIC, "latin") == isolate("Khan Arnabah")
    assert place_label("Khan Arnabah", ARABIC, "arabic") == isolate(ARABIC)
    assert place_label("Khan Arnabah", ARABIC, "both") == f"{isolate('Khan Arnabah')} · {isolate(ARABIC)}"
    assert place_label("Nowhere", None, "arabic") == isolate("Nowhere")


def test_the_map_can_label_places_in_arabic():
    reference = load_reference(load_settings().geodata_dir)
    latin = [r[2] for r in place_label_data(reference)["rows"]]
    arabic = [r[2] for r in place_label_data(reference, "arabic")["rows"]]
    assert sum(has_rtl(t) for t in latin) == 0
    assert sum(has_rtl(t) for t in arabic) > 800  # 857 of 948 gazetteer places carry an Arabic name
    assert all(t.startswith(FSI) and t.endswith(PDI) for t in arabic if has_rtl(t))


def test_the_setting_is_checked():
    assert load_settings({"SITMAP_MAP_LABELS": "Arabic"}).map_labels == "arabic"
    assert load_settings({}).map_labels == "latin"
    with pytest.raises(ValueError, match="map_labels|latin"):
        load_settings({"SITMAP_MAP_LABELS": "klingon"})
