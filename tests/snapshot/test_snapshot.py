"""Snapshots: size and dpi as asked, events drawn where they are, legend/title/scale bar present and true,
vector outputs with real text, distance annotation, Arabic handling, the view deciding what is drawn."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import defusedxml.ElementTree as SafeET
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pyproj import Geod, Transformer
from shapely import box

from sitmap.snapshot import layers as snapshot_layers
from sitmap.snapshot.frame import lon_at_distance, nice_length_km
from sitmap.snapshot.render import SnapshotError, bbox_around, build_snapshot, render_snapshot, snapshot_bytes
from sitmap.view import View
from sitmap.vocabulary import EVENT_TYPES

ROOT = Path(__file__).resolve().parents[2]
GEOD = Geod(ellps="WGS84")
FROM_MERC = Transformer.from_crs(3857, 4326, always_xy=True)
TO_MERC = Transformer.from_crs(4326, 3857, always_xy=True)
TELL_AL_MAL = "syr-2025-03-03-tell-al-mal-raid"
RUWAIHANIYA = "syr-2025-03-04-ruwaihaniya-patrol"
GOLAN = View(bbox=bbox_around(36.04, 33.095, 22), selected=TELL_AL_MAL)
SMALL = (8.0, 6.0)


def _all_text(snap) -> list[str]:
    return [t.get_text() for t in snap.figure.findobj(lambda a: hasattr(a, "get_text"))]


# --- size, dpi, formats --------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "dpi"), [((8.0, 6.0), 90), ((6.0, 4.5), 300)])
def test_png_has_the_requested_pixels_and_dpi(events, reference, tmp_path, size, dpi):
    out = render_snapshot(events, reference, GOLAN, tmp_path / "g.png", title="T", size_in=size, dpi=dpi)
    with Image.open(out) as im:
        assert im.size == (round(size[0] * dpi), round(size[1] * dpi))
        assert im.info["dpi"] == pytest.approx((dpi, dpi), rel=1e-3)  # PNG stores whole pixels per metre


def test_pdf_text_is_extractable(events, reference, tmp_path):
    if not shutil.which("pdftotext"):
        if os.environ.get("CI"):  # .ci/run installs poppler-utils: CI must exercise this, never skip it
            pytest.fail("pdftotext missing in CI: .ci/run should have installed poppler-utils")
        pytest.skip("pdftotext (poppler-utils) is not installed: apt-get install poppler-utils")
    out = render_snapshot(events, reference, GOLAN, tmp_path / "g.pdf", title="Golan front: Tell al Mal raid")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Golan front: Tell al Mal raid" in flat
    assert "Sources: Institute for the Study of War" in flat
    assert "Natural Earth" in flat and "GeoNames (CC BY 4.0)" in flat
    assert "Legend" in flat and "10 km" in flat
    assert "Tell al Mal" in flat and "Quneitra" in flat  # map labels too (white halos are not path effects)


def test_svg_parses_and_has_real_text(events, reference, tmp_path):
    out = render_snapshot(events, reference, GOLAN, tmp_path / "g.svg", title="Golan front: SVG")
    root = SafeET.parse(out).getroot()
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Golan front: SVG" in texts
    assert any(t.startswith("Sources: Institute for the Study of War") for t in texts)
    assert "Raid" in texts and "Tell al Mal" in texts
    # Same figure, same bytes: no timestamps or random ids, so SVGs can live in git.
    again = render_snapshot(events, reference, GOLAN, tmp_path / "g2.svg", title="Golan front: SVG")
    assert out.read_bytes() == again.read_bytes()


def test_snapshot_bytes_and_unknown_formats(events, reference, tmp_path):
    data = snapshot_bytes(events, reference, GOLAN, "png", title="T", dpi=40, size_in=SMALL)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(SnapshotError, match="png, svg, pdf"):
        render_snapshot(events, reference, GOLAN, tmp_path / "g.jpg", title="T")


# --- what is drawn where -------------------------------------------------------------------------------


def _ring_share(img: np.ndarray, col: float, row: float, radius_px: float, colour: str) -> float:
    """Share of pixels on a ring around (col, row) within a small RGB distance of `colour`."""
    target = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    angles = np.linspace(0, 2 * np.pi, 90, endpoint=False)
    cols = np.round(col + radius_px * np.cos(angles)).astype(int)
    rows = np.round(row - radius_px * np.sin(angles)).astype(int)
    pixels = img[rows, cols, :3].astype(float)
    return float(np.mean(np.linalg.norm(pixels - target, axis=1) < 60))


def _expected_pixel(snap, lon: float, lat: float) -> tuple[float, float]:
    """Independent of the snapshot's own helpers: pyproj for the projection, the axes box and limits."""
    x, y = TO_MERC.transform(lon, lat)
    ax = snap.map_ax
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    box = ax.get_window_extent()
    col = box.x0 + (x - x0) / (x1 - x0) * box.width
    row_from_bottom = box.y0 + (y - y0) / (y1 - y0) * box.height
    return col, snap.figure.bbox.height - row_from_bottom


@pytest.mark.parametrize(
    ("view", "checks"),
    [
        (GOLAN, [(TELL_AL_MAL, 36.04, 33.095), (RUWAIHANIYA, 35.88, 33.075)]),
        (
            View(bbox=(38.0, 33.0, 43.0, 37.0)),  # the confirmed (filled) Khasham clash
            [("syr-2018-02-07-khasham-attack", 40.30944, 35.33611)],
        ),
    ],
)
def test_events_are_drawn_at_their_positions(events, reference, tmp_path, view, checks):
    dpi = 100
    snap = build_snapshot(events, reference, view, title="T", dpi=dpi, size_in=SMALL)
    out = tmp_path / "s.png"
    snap.figure.savefig(out, dpi=dpi)
    img = np.asarray(Image.open(out).convert("RGB"))
    drawn = {d.id: d for d in snap.events}
    for event_id, lon, lat in checks:
        d = drawn[event_id]
        col, row = _expected_pixel(snap, lon, lat)
        col, row = col + d.offset_pt[0] * dpi / 72, row - d.offset_pt[1] * dpi / 72
        colour = EVENT_TYPES[events.set_index("id").loc[event_id, "event_type"]].colour
        # Filled discs hold their colour inside (around the glyph); hollow rings on a 4.5 pt circle.
        radius_pt = 4.0 if d.solid else snapshot_layers.MARKER_PT / 2 - 1
        on_marker = _ring_share(img, col, row, radius_pt * dpi / 72, colour)
        off_marker = _ring_share(img, col + 40, row + 40, radius_pt * dpi / 72, colour)
        assert on_marker > 0.35, (event_id, on_marker)
        assert off_marker < 0.05, (event_id, off_marker)


def test_the_header_and_legend_speak_of_the_events_in_the_frame(events, reference):
    """A linked view (center and zoom, no bbox) frames a few of the filters' events: the header said
    "11 events shown" with 3 in the frame, and the legend listed types that were not on the page (found in a
    browser review)."""
    golan = View(center=(33.1, 35.95), zoom=11)
    snap = build_snapshot(events, reference, golan, title="T", dpi=40, size_in=SMALL)
    w, s, e, n = snap.bbox
    inside = [
        row
        for row in events.itertuples()
        if row.geometry is not None and row.geometry.intersects(box(w, s, e, n))
    ]
    assert 0 < len(inside) < len(events) - 1  # some of the events, not all
    assert f"{len(inside)} event{'s' if len(inside) != 1 else ''} shown" in snap.texts["subtitle"]
    labels = set(snap.legend_labels)
    for key, entry in EVENT_TYPES.items():
        if entry.label in labels:
            assert key in {row.event_type for row in inside}, entry.label


def test_the_view_decides_which_events_are_drawn(events, reference):
    window = View(start=date(2025, 3, 4), end=date(2025, 3, 4))
    snap = build_snapshot(events, reference, window, title="T", dpi=40, size_in=SMALL)
    assert [d.id for d in snap.events] == [RUWAIHANIYA]
    assert "Window 4 Mar 2025 – 4 Mar 2025" in snap.texts["subtitle"]
    everything = build_snapshot(events, reference, View(), title="T", dpi=40, size_in=SMALL)
    assert everything.not_located == ["irn-2024-09-srbm-shipments-to-russia"]
    # Pins for every located event but the three drawn as their area (two Iran visits, the Red Sea).
    assert len(everything.events) == len(events) - 1 - 3
    # Without a bbox the extent holds every located event.
    w, s, e, n = everything.bbox
    assert w < 36.0 and e > 53.7 and s < 12.6 and n > 55.75


def test_legend_title_scale_bar_and_north_arrow_are_present(events, reference):
    snap = build_snapshot(events, reference, GOLAN, title="Golan front", dpi=40, size_in=SMALL)
    for label in (
        "Events",
        "Raid",
        "Patrol",
        "Claim status",
        "Reported",
        "Area of Separation (UNDOF)",
        "Line A (Israeli side)",
        "Line B (Syrian side)",
        "Location uncertainty (radius)",
    ):
        assert label in snap.legend_labels
    assert "Confirmed" not in snap.legend_labels  # only statuses that are on the map
    texts = _all_text(snap)
    assert "Golan front" in texts and "N" in texts
    assert f"{snap.scale_bar.length_km:g} km" in texts
    assert any(t.startswith("scale true at 3") for t in texts)
    assert any(t.startswith("Sources: Institute for the Study of War") for t in texts)


@pytest.mark.parametrize(
    "view", [GOLAN, View(bbox=bbox_around(37.6173, 55.7558, 300)), View(bbox=(31, 11, 62, 42))]
)
def test_scale_bar_is_true_on_the_ground(events, reference, view):
    snap = build_snapshot(events, reference, view, title="T", dpi=40, size_in=SMALL)
    bar = snap.scale_bar
    # Read the drawn bar back from map coordinates and measure it on the ellipsoid.
    (lon0, lon1), (lat0, lat1) = FROM_MERC.transform([bar.x0, bar.x1], [bar.y, bar.y])
    assert lat0 == pytest.approx(lat1) == pytest.approx(bar.lat)
    measured = GEOD.inv(lon0, lat0, lon1, lat1)[2]
    assert measured == pytest.approx(bar.length_km * 1000, rel=1e-3)
    # It is a round number and a sensible share of the map width.
    assert re.fullmatch(r"[125]0*(\.0)?", f"{bar.length_km:g}".replace("0.", ""))
    map_width = snap.map_ax.get_xlim()[1] - snap.map_ax.get_xlim()[0]
    assert 0.08 < (bar.x1 - bar.x0) / map_width < 0.35


def test_scale_helpers():
    assert nice_length_km(7.3) == 5 and nice_length_km(23) == 20 and nice_length_km(1400) == 1000
    lon1 = lon_at_distance(36.0, 33.0, 10_000)
    assert GEOD.inv(36.0, 33.0, lon1, 33.0)[2] == pytest.approx(10_000, abs=0.5)


def test_bbox_around_is_geodesic():
    w, s, e, n = bbox_around(36.04, 33.095, 25)
    assert GEOD.inv(36.04, 33.095, 36.04, n)[2] == pytest.approx(25_000, rel=1e-6)
    assert GEOD.inv(36.04, 33.095, e, 33.095)[2] == pytest.approx(25_000, rel=2e-3)
    assert (e - 36.04) > (n - 33.095)  # a degree of longitude is shorter than one of latitude here


# --- annotations ---------------------------------------------------------------------------------------


def test_distance_annotation(events, reference):
    snap = build_snapshot(
        events, reference, GOLAN, title="T", dpi=40, size_in=SMALL, distance_to="area-of-separation"
    )
    label = snap.distance.label()
    assert re.fullmatch(r"≈ \d+–\d+ km to the Area of Separation", label)
    assert snap.distance.min_km < snap.distance.max_km  # the 4 km uncertainty widens it
    assert label in _all_text(snap)
    assert "Measured distance (geodesic)" in snap.legend_labels
    pair = build_snapshot(
        events,
        reference,
        View(bbox=GOLAN.bbox),
        title="T",
        dpi=40,
        size_in=SMALL,
        distance_to=(RUWAIHANIYA, "line-b"),
    )
    assert pair.distance.reference_id == "line-b"


def test_distance_errors_are_clear(events, reference):
    with pytest.raises(SnapshotError, match="needs an event"):
        build_snapshot(events, reference, View(bbox=GOLAN.bbox), title="T", distance_to="line-a")
    with pytest.raises(SnapshotError, match="unknown reference id"):
        build_snapshot(events, reference, GOLAN, title="T", distance_to="line-c")
    with pytest.raises(SnapshotError, match="no located event"):
        build_snapshot(events, reference, GOLAN, title="T", distance_to=("nope", "line-a"))


def test_banner_caption_and_attribution(events, reference):
    snap = build_snapshot(
        events,
        reference,
        GOLAN,
        title="T",
        dpi=40,
        size_in=SMALL,
        banner="Unclassified – for training",
        caption="Positions are estimates.",
    )
    texts = _all_text(snap)
    assert texts.count("UNCLASSIFIED – FOR TRAINING") == 2  # top and bottom
    assert "Positions are estimates." in texts
    footer = next(t for t in texts if t.startswith("Sources:"))
    assert "Natural Earth" in footer and "GeoNames (CC BY 4.0)" in footer
    assert "“Iran Update, March 4, 2025”" in footer


def test_arabic_place_names(events, reference):
    snap = build_snapshot(events, reference, GOLAN, title="T", dpi=40, size_in=SMALL, arabic_names=True)
    arabic = [t for t in _all_text(snap) if re.search(r"[\u0600-\u06ff\ufe70-\ufeff]", t)]
    assert arabic, "no Arabic label drawn"


def test_rtl_shapes_only_when_matplotlib_cannot(monkeypatch):
    text = "كفر شمس"
    assert snapshot_layers.rtl("Kafr Shams") == "Kafr Shams"
    monkeypatch.setattr(snapshot_layers, "_matplotlib_shapes_text", lambda: True)
    assert snapshot_layers.rtl(text) == text  # libraqm shapes and orders it itself
    monkeypatch.setattr(snapshot_layers, "_matplotlib_shapes_text", lambda: False)
    # The fallback for matplotlib < 3.11 (no libraqm): arabic-reshaper and python-bidi, test dependencies.
    import arabic_reshaper  # noqa: F401
    import bidi  # noqa: F401

    shaped = snapshot_layers.rtl(text)
    assert all("\ufe70" <= ch <= "\ufeff" or ch == " " for ch in shaped)  # joined presentation forms
    assert shaped.split(" ")[0] == snapshot_layers.rtl("شمس")  # visual order: the last word comes first


def test_renders_without_reference_layers(events):
    snap = build_snapshot(events, None, View(bbox=GOLAN.bbox), title="T", dpi=40, size_in=SMALL)
    assert {d.id for d in snap.events} == {TELL_AL_MAL, RUWAIHANIYA}
    assert "Area of Separation (UNDOF)" not in snap.legend_labels


def test_legend_and_notes_follow_what_is_on_the_map(events, reference):
    region = build_snapshot(events, reference, View(bbox=(31, 11, 62, 42)), title="T", dpi=40, size_in=SMALL)
    assert "Month (on for the whole month)" in region.legend_labels  # month-precision strikes fade
    assert "Confirmed" in region.legend_labels and "Reported" in region.legend_labels
    notes = " ".join(" ".join(_all_text(region)).split())  # wrapped lines joined
    assert "2 more events match the filters but lie outside this frame or have no location." in notes
    golan = build_snapshot(events, reference, GOLAN, title="T", dpi=40, size_in=SMALL)
    assert "Date precision" not in golan.legend_labels  # both Golan events are day-precise


def test_claim_status_dashes_follow_the_app():
    assert snapshot_layers.claim_linestyle("confirmed", 2.0) == "-"
    # "6 4" CSS px -> 4.5 pt on, 3 pt off, in units of a 2 pt line width.
    assert snapshot_layers.claim_linestyle("reported", 2.0) == (0, (2.25, 1.5))
    assert snapshot_layers.claim_linestyle("claimed", 2.0) != snapshot_layers.claim_linestyle("reported", 2.0)


def test_dollar_signs_in_report_text_are_drawn_literally(events, reference, tmp_path):
    # Untrusted text with a "$...$" pair must not be parsed as mathtext: an unknown command crashed the
    # render, and "$1 vs $2" came out as italic maths.
    hostile = events.copy()
    row = hostile["id"] == TELL_AL_MAL
    hostile.loc[row, "location"] = r"Costs $\badcmd{x}$"
    hostile.loc[row, "sources"] = pd.Series(
        [[{"title": "Paid $5 and $6", "publisher": "P", "url": "https://x.org"}]], index=hostile.index[row]
    )
    out = render_snapshot(
        hostile, reference, GOLAN, tmp_path / "d.svg", title="Budget $1 vs $2", dpi=40, size_in=SMALL
    )
    drawn = " ".join(t.text or "" for t in SafeET.parse(out).iter("{http://www.w3.org/2000/svg}text"))
    assert "Budget $1 vs $2" in drawn  # one text run, not split into maths
    assert "Paid $5 and $6" in drawn
    assert r"Costs $\badcmd{x}$" in drawn


def _with_sources(events: pd.DataFrame, sources: list) -> pd.DataFrame:
    out = events.copy()
    row = out["id"] == TELL_AL_MAL
    out.loc[row, "sources"] = pd.Series([sources], index=out.index[row])
    return out


def test_many_sources_are_summarised_and_the_map_keeps_its_room(events, reference):
    many = [
        {"title": f"Daily report number {i}", "publisher": f"Publisher {i}", "date": "2025-03-04"}
        for i in range(120)
    ]
    snap = build_snapshot(_with_sources(events, many), reference, GOLAN, title="T", dpi=40, size_in=SMALL)
    footer = next(t for t in _all_text(snap) if t.startswith("Sources:"))
    assert "Daily report number 0" in footer and "Daily report number 119" not in footer
    more = re.search(r"and (\d+) more sources", footer)
    listed = len(set(re.findall(r"Daily\s+report\s+number\s+(\d+)", footer)))  # the footer is wrapped
    # the rest counted, not listed (the events keep their own sources too: at least the 120 added)
    assert more and listed + int(more.group(1)) >= 120 and listed < 40
    assert snap.map_ax.get_position().height > 0.5  # the map keeps its room, however many sources
    assert "GeoNames (CC BY 4.0)" in footer  # the attribution is never crowded out


def test_a_sources_line_lists_a_few_then_counts_the_rest():
    from sitmap.snapshot.text import sources_line

    shown = pd.DataFrame({"sources": [[{"publisher": f"P{i}", "title": f"T{i}"} for i in range(10)]]})
    line = sources_line(shown, limit=3)
    assert line == "Sources: P0, “T0”; P1, “T1”; P2, “T2”; " + (
        "… and 7 more sources not listed here (see the events' records)."
    )
    assert sources_line(shown, limit=10).endswith("P9, “T9”.")


@pytest.mark.parametrize(
    "odd",
    [
        {"title": "Report", "publisher": 5, "date": 20250304},
        {"title": ["a", "list"], "publisher": {"name": "x"}, "date": None},
        {"title": None, "publisher": True},
    ],
)
def test_odd_source_values_do_not_break_the_snapshot(events, reference, odd):
    snap = build_snapshot(_with_sources(events, [odd]), reference, GOLAN, title="T", dpi=40, size_in=SMALL)
    footer = next(t for t in _all_text(snap) if t.startswith("Sources:"))
    assert "Natural Earth" in footer
    if odd.get("title") == "Report":
        assert "5, “Report”, 20250304" in footer  # shown as text, not dropped


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
_source = st.one_of(
    _json, st.dictionaries(st.sampled_from(["title", "publisher", "date", "url"]), _json, max_size=4)
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_source, max_size=40), min_size=1, max_size=5), st.integers(1, 12))
def test_sources_line_takes_any_values_and_stays_short(rows, limit):
    from sitmap.snapshot.text import CITE_CHARS, source_cites, sources_line

    shown = pd.DataFrame({"sources": rows})
    line = sources_line(shown, limit=limit)
    assert line.startswith("Sources: ") and line.endswith(".")
    body = line.removeprefix("Sources: ")
    more = re.search(r"; … and (\d+) more sources not listed here \(see the events' records\)\.$", body)
    listed = body[: more.start()] if more else body[:-1]
    cites = source_cites(shown)
    assert all(len(c) <= CITE_CHARS for c in cites)  # one pasted abstract cannot fill the footer
    assert len(listed) <= limit * (CITE_CHARS + 2)  # at most `limit` cites, each clipped
    if more:
        assert int(more.group(1)) == len(cites) - limit
