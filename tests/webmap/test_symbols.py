"""The symbols overlay on the web map: the vendored milsymbol (locked), served or inlined like Leaflet, and
each event's code in the payload only when the overlay is on."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sitmap.reference.layers import load_reference
from sitmap.settings import PROJECT_ROOT, load_settings
from sitmap.store.load import load_store
from sitmap.view import View
from sitmap.webmap.events import event_payload
from sitmap.webmap.maps import build_map
from sitmap.webmap.offline import ensure_static_assets, offline_html
from sitmap.webmap.vendor import milsymbol

TELL = "syr-2025-03-03-tell-al-mal-raid"
SYMBOLS = ("zone", "lines", "symbols")


@pytest.fixture(scope="module")
def parts():
    settings = load_settings(env={"SITMAP_AFFILIATIONS": "Israel Defense Forces=hostile"})
    events = load_store(PROJECT_ROOT / "events", settings=settings).events
    return events, load_reference(PROJECT_ROOT / "geodata"), settings


def test_the_vendored_file_is_the_locked_one_with_its_licence() -> None:
    folder = Path(milsymbol.BASE_DIR)
    assert hashlib.sha256((folder / "milsymbol.js").read_bytes()).hexdigest() == milsymbol.FILE_SHA256
    assert "MIT License" in (folder / "LICENSE").read_text(encoding="utf-8")


def test_payload_carries_codes_only_with_the_overlay(parts) -> None:
    events, reference, settings = parts
    sides = settings.affiliation_table
    plain = event_payload(events, View(), reference, affiliations=sides)
    assert plain["sidc"] == []
    with_symbols = event_payload(events, View(overlays=SYMBOLS), reference, affiliations=sides)
    codes = dict(zip(with_symbols["id"], with_symbols["sidc"], strict=True))
    assert codes[TELL] == "10061000001211000000"  # the IDF's raid: hostile infantry, as configured
    assert codes["syr-2025-03-04-ruwaihaniya-patrol"] == "10061000001213000000"  # hostile reconnaissance
    assert sum(c is not None for c in codes.values()) < len(codes)  # strikes keep their markers


def test_milsymbol_is_inlined_or_served_never_remote(parts, tmp_path) -> None:
    events, reference, settings = parts
    html = offline_html(build_map(events, reference, settings, View(overlays=SYMBOLS)))
    library = "www.spatialillusions.com"  # in milsymbol's licence header
    assert library in html and "jsdelivr" not in html
    assert "Military symbols (APP-6D)" in html  # the legend's frames
    served = build_map(events, reference, settings, View(overlays=SYMBOLS), assets="served")
    page = served.get_root().render()
    assert f"/app/static/vendor/milsymbol/milsymbol.js?v={milsymbol.VERSION}" in page
    vendor = ensure_static_assets(tmp_path)
    assert (vendor / "milsymbol" / "milsymbol.js").stat().st_size > 100_000
    without = offline_html(build_map(events, reference, settings, View()))
    assert library not in without  # ~0.9 MB only for the maps that draw symbols
