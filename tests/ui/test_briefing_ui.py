"""Briefing mode, briefing decks, downloads and claim checks on the map page (sitmap/ui/briefing/,
sitmap/ui/map/downloads.py, claims_panel.py), through Streamlit's AppTest and as pure functions.

Every test that may write runs against a temporary copy of the bundled events, so decks land in
`<tmp>/events/briefings/`.
"""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
from datetime import date
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pandas as pd
import pytest
from map_payload import payload_in
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from sitmap.briefing.decks import load_deck
from sitmap.store import atomic
from sitmap.ui.briefing import mode as briefing
from sitmap.ui.briefing.decks import default_slide_title
from sitmap.ui.map import downloads
from sitmap.view import View
from sitmap.vocabulary import EVENT_TYPES, event_type

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
TELL = "syr-2025-03-03-tell-al-mal-raid"
RUWA = "syr-2025-03-04-ruwaihaniya-patrol"
KHASHAM = "syr-2018-02-07-khasham-attack"  # the earliest bundled event
IRAN_VISIT = "irn-2024-04-russian-experts-visit"  # placed at country level


@pytest.fixture
def events(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    out = tmp_path / "events"
    shutil.copytree(ROOT / "events", out)
    monkeypatch.setenv("SITMAP_EVENTS", str(out))
    monkeypatch.setenv("SITMAP_GEODATA", str(ROOT / "geodata"))
    return out


def run(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def again(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def params(at: AppTest) -> dict[str, str]:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def keys(at: AppTest, kind: str) -> set[str]:
    return {w.key for w in at.get(kind) if getattr(w, "key", None)}


def texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption]


def plain(s: str) -> str:
    return s.replace("\\", "")  # values are shown Markdown-escaped


# --- briefing mode ---------------------------------------------------------------------------------------


def test_briefing_param_turns_briefing_mode_on(events):
    at = run({"briefing": "1"})
    buttons = keys(at, "button")
    assert {"briefing_prev", "briefing_next", "briefing_exit"} <= buttons
    assert not at.dataframe  # no event list, no timeline, no report panel: only map and captions
    assert not any(k.startswith("show-") for k in buttons)
    assert any("stSidebar" in h.value and "display: none" in h.value for h in at.get("html"))
    assert params(at)["briefing"] == "1"  # the app's own URL rewrite keeps the mode
    assert any("10 events in this view" in t for t in texts(at))


def test_briefing_mode_off_shows_the_dashboard(events):
    at = run()
    assert at.dataframe and "briefing_next" not in keys(at, "button")
    at.toggle(key="w_briefing").set_value(True)
    again(at)
    assert params(at)["briefing"] == "1" and "briefing_next" in keys(at, "button")
    at.button(key="briefing_exit").click()
    again(at)
    assert "briefing" not in params(at) and at.dataframe


def test_next_and_previous_step_through_events_in_time_order(events):
    at = run({"briefing": "1", "start": "2025-03-01", "end": "2025-03-04"})
    at.button(key="briefing_next").click()
    again(at)
    assert params(at)["selected"] == TELL  # from no selection, the first event of the window
    assert any("Raid · Tell al Mal (former SAA base) · 3 Mar 2025" in plain(t) for t in texts(at))
    assert any("event 1 of 2" in t for t in texts(at))
    (lat, lon), zoom = at.session_state["map_target"]
    assert (lat, lon) == (33.095, 36.04) and zoom >= 9  # the map flies to it
    at.button(key="briefing_next").click()
    again(at)
    assert params(at)["selected"] == RUWA
    assert at.button(key="briefing_next").disabled  # the last event: no further
    at.button(key="briefing_prev").click()
    again(at)
    assert params(at)["selected"] == TELL
    assert "overlays" not in params(at)  # the reference layers stay as they were (all on, the default)


def test_step_caption_shows_the_linked_passage_escaped(events):
    at = run({"briefing": "1", "selected": TELL})
    passage = [plain(t) for t in texts(at) if t.startswith("“")]
    assert len(passage) == 1
    assert "**Israeli forces raided a former Syrian Arab Army base on Tell al Mal" in passage[0]


# --- decks -----------------------------------------------------------------------------------------------


def _save_slide(at: AppTest, deck_title: str, slide_title: str, note: str) -> AppTest:
    at.text_input(key="deck_new_title").set_value(deck_title)
    at.text_input(key="deck_slide_title").set_value(slide_title)
    at.text_area(key="deck_slide_note").set_value(note)
    at.button(key="FormSubmitter:deck_save-Save slide").click()
    return again(at)


def _view_bounds(center: tuple[float, float], zoom: int, width_px: int, height_px: int) -> tuple[float, ...]:
    """(west, south, east, north) a Web Mercator map of that size shows at (center, zoom)."""
    world = 256 * 2**zoom  # pixels around the world at this zoom
    x = (center[1] + 180) / 360 * world
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(center[0]) / 2)) / math.pi) / 2 * world

    def lat(py: float) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * py / world))))

    west, east = (x - width_px / 2) / world * 360 - 180, (x + width_px / 2) / world * 360 - 180
    return west, lat(y + height_px / 2), east, lat(y - height_px / 2)


def test_a_step_to_a_country_level_event_frames_the_country(events):
    """A country-level event is framed by its country (its footprint on the map), not flown to at a
    street zoom on the country's middle (issue 13, QA item 4)."""
    from sitmap.reference.layers import load_reference

    at = run({"briefing": "1", "start": "2024-04-01", "end": "2024-04-30"})
    for _ in range(4):
        if params(at).get("selected") == IRAN_VISIT:
            break
        at.button(key="briefing_next").click()
        again(at)
    assert params(at)["selected"] == IRAN_VISIT
    center, zoom = at.session_state["map_target"]
    iran = load_reference(ROOT / "geodata").countries.set_index("name").geometry["Iran"]
    west, south, east, north = iran.bounds
    # The briefing map on a 1280 x 800 screen is at least 1200 x 600 px: the whole country shows ...
    v_west, v_south, v_east, v_north = _view_bounds(
        center, zoom, briefing.FLY_WIDTH_PX, briefing.FLY_HEIGHT_PX
    )
    assert v_west <= west and v_east >= east and v_south <= south and v_north >= north
    # ... and no smaller: one zoom step in would cut it.
    v_west, v_south, v_east, v_north = _view_bounds(
        center, zoom + 1, briefing.FLY_WIDTH_PX, briefing.FLY_HEIGHT_PX
    )
    assert not (v_west <= west and v_east >= east and v_south <= south and v_north >= north)


def test_saving_a_slide_writes_a_valid_deck_and_presenting_applies_it(events):
    at = run({"start": "2025-03-01", "end": "2025-03-04", "event_types": "raid", "selected": TELL,
              "center": "33.1,36.0", "zoom": "10"})  # fmt: skip
    _save_slide(at, "Golan front", "The Tell al Mal raid", "Stress: 16 km from the zone")
    path = events / "briefings" / "golan-front.json"
    deck = load_deck(path)  # strict: raises on anything invalid
    assert deck.title == "Golan front" and len(deck.slides) == 1
    slide = deck.slides[0]
    assert slide.title == "The Tell al Mal raid" and slide.note == "Stress: 16 km from the zone"
    assert slide.view.start == date(2025, 3, 1) and slide.view.end == date(2025, 3, 4)
    assert slide.view.event_types == ("raid",) and slide.view.selected == TELL
    assert slide.view.center == (33.1, 36.0) and slide.view.zoom == 10
    assert json.loads(path.read_text())["format"] == "sitmap-briefing"
    assert any("saved to a new deck" in s.value for s in at.success)

    # A second slide, another view, into the same deck (now chosen by default).
    at.multiselect(key="w_event_types").set_value([])
    at.slider(key="w_window").set_value((date(2024, 4, 1), date(2024, 4, 30)))
    again(at)
    _save_slide(at, "", "Isfahan, April 2024", "")
    deck = load_deck(path)
    assert [s.title for s in deck.slides] == ["The Tell al Mal raid", "Isfahan, April 2024"]
    assert deck.slides[1].view.event_types == () and deck.slides[1].view.start == date(2024, 4, 1)

    # Present: briefing mode on the first slide, its whole view applied.
    at.button(key="present_golan-front").click()
    again(at)
    got = params(at)
    assert got["briefing"] == "1" and got["deck"] == "golan-front" and got["slide"] == "1"
    assert at.slider(key="w_window").value == (date(2025, 3, 1), date(2025, 3, 4))
    assert at.multiselect(key="w_event_types").value == ["raid"]
    assert got["selected"] == TELL
    assert at.session_state["map_target"] == ((33.1, 36.0), 10)
    assert any("The Tell al Mal raid — Golan front" in plain(t) for t in texts(at))
    # The speaker note is for the briefer (the Notes popover), never in the shared caption bar.
    assert any("Stress: 16 km" in plain(t) for t in texts(at))
    assert not any("Stress" in plain(t) for t in texts(at) if "Tell al Mal ·" in plain(t))

    at.button(key="briefing_slide_next").click()
    again(at)
    assert params(at)["slide"] == "2"
    assert at.slider(key="w_window").value == (date(2024, 4, 1), date(2024, 4, 30))
    assert at.multiselect(key="w_event_types").value == []


def test_a_link_opens_a_deck_on_its_slide(events):
    at = run({"start": "2025-03-03", "end": "2025-03-04"})
    _save_slide(at, "Two days", "Both", "")
    at = run({"briefing": "1", "deck": "two-days", "slide": "1"})  # a fresh session, as from a link
    assert at.slider(key="w_window").value == (date(2025, 3, 3), date(2025, 3, 4))


def test_a_broken_deck_is_reported_not_fatal(events):
    (events / "briefings").mkdir()
    (events / "briefings" / "bad.json").write_text('{"format": "sitmap-briefing", "version": 9}')
    at = run()
    assert any("bad.json" in plain(c.value) and "version" in c.value for c in at.caption)
    at = run({"briefing": "1", "deck": "bad"})
    assert "briefing_next" in keys(at, "button")  # briefing mode still works; the error is in Notes
    assert any("unsupported version" in e.value for e in at.error)


def test_a_deck_save_that_keeps_conflicting_says_so_and_loses_nothing(events, monkeypatch):
    from sitmap.briefing import decks as briefings

    at = run({"start": "2025-03-03", "end": "2025-03-04"})
    _save_slide(at, "Golan front", "First", "")
    path = events / "briefings" / "golan-front.json"
    # From now on, each time the deck is read another analyst saves a slide to it before we can: three
    # times, as many as the save is allowed to retry.
    real = briefings.deck_from_dict
    races = [3]

    def read_while_a_colleague_saves(data, *, file="-"):
        deck = real(data, file=file)
        if races[0] and file == str(path):
            races[0] -= 1
            theirs = deck.with_slide(briefings.Slide(f"Theirs {3 - races[0]}"))
            atomic.atomic_write_bytes(path, briefings.dumps_deck(theirs).encode("utf-8"))
        return deck

    monkeypatch.setattr(briefings, "deck_from_dict", read_while_a_colleague_saves)
    monkeypatch.setattr(briefings, "SAVE_ATTEMPTS", 3, raising=False)
    _save_slide(at, "", "Mine", "keep this note")
    assert [s.title for s in load_deck(path).slides] == ["First", "Theirs 1", "Theirs 2", "Theirs 3"]
    assert any("Not saved" in e.value and "changed on disk" in e.value for e in at.error)
    assert not at.success
    # The analyst's slide title and note stay in the form, to save again.
    assert at.text_input(key="deck_slide_title").value == "Mine"
    assert at.text_area(key="deck_slide_note").value == "keep this note"


def test_decks_do_not_count_as_event_files(events, tmp_path):
    from sitmap.ui.cache import fingerprint

    before = fingerprint(events)
    (events / "briefings").mkdir()
    (events / "briefings" / "x.json").write_text("{}")
    assert fingerprint(events) == before  # saving a slide does not reload the store


# --- downloads -------------------------------------------------------------------------------------------


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """file name -> the callable each download button was given (what a click runs)."""
    made: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return made


def test_downloads_are_made_on_click_for_the_current_filters(events, deferred, monkeypatch):
    calls = []
    real = downloads.snapshot_bytes
    monkeypatch.setattr(downloads, "snapshot_bytes", lambda *a, **k: calls.append(a) or real(*a, **k))
    run({"start": "2025-03-01", "end": "2025-03-03"})  # only the Tell al Mal raid
    assert not calls  # drawing the page rendered no snapshot
    stem = "sitmap_2025-03-01_2025-03-03"
    assert {f"{stem}.{ext}" for ext in ("png", "svg", "pdf", "geojson", "csv", "kml", "gpkg", "html")} <= set(
        deferred
    )
    png = deferred[f"{stem}.png"]()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    assert calls and calls[0][2].start == date(2025, 3, 1)  # the snapshot got the on-screen view
    rows = list(csv.DictReader(io.StringIO(deferred[f"{stem}.csv"]().decode("utf-8"))))
    assert [r["event_id_cnty"] for r in rows] == [TELL]  # only the filtered events
    gj = json.loads(deferred[f"{stem}.geojson"]())
    assert [f["id"] for f in gj["features"]] == [TELL]


def test_a_snapshot_that_fails_says_so_in_the_file_and_on_the_page(events, deferred, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("Width and height specified must be non-negative")

    monkeypatch.setattr(downloads, "snapshot_bytes", broken)
    at = run({"start": "2025-03-01", "end": "2025-03-03"})
    stem = "sitmap_2025-03-01_2025-03-03"
    svg = SafeET.fromstring(deferred[f"{stem}.svg"]())  # a file still arrives, and it says what went wrong
    said = " ".join(" ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text")).split())
    assert "could not be drawn" in said and "Width and height specified must be non-negative" in said
    png = deferred[f"{stem}.png"]()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert deferred[f"{stem}.pdf"]().startswith(b"%PDF")
    assert deferred[f"{stem}.csv"]()  # the data downloads are unaffected
    again(at)  # and the page says so too, on its next run
    errors = [plain(e.value) for e in at.error]
    assert any("SVG snapshot could not be made" in e and "non-negative" in e for e in errors), errors


def test_snapshot_frames_the_maps_visible_extent():
    view = View(start=date(2025, 3, 1))
    bounds = (35.5, 32.8, 36.4, 33.4)
    assert downloads.snapshot_view(view, bounds).bbox == bounds
    assert downloads.snapshot_view(view, None) == view
    area = view.with_(bbox=(35.0, 32.0, 36.0, 33.0))
    assert downloads.snapshot_view(area, bounds) == area  # the area filter is what the map shows


# --- claim checks ----------------------------------------------------------------------------------------


def test_claim_check_appears_for_the_tell_al_mal_raid(events):
    at = run({"selected": TELL})
    lines = [c.value for c in at.caption if "stated" in c.value]
    assert len(lines) == 1
    assert lines[0].startswith(":green[:material/check_circle:")
    assert (
        "stated ≈ 16 km · computed 9–17 km to the Area of Separation; 14–22 km to Line A · consistent"
        in plain(lines[0])
    )
    at = run({"selected": RUWA})  # no stated distance: no claim line
    assert not [c.value for c in at.caption if "stated" in c.value]


def test_inconsistent_claims_look_different(reference, bundled_store):
    from sitmap.ui.map import claims_panel

    row = bundled_store.events.set_index("id").loc[TELL].copy()
    row["claims"] = [dict(row["claims"][0], stated_km=60.0)]
    (check,) = claims_panel.checks(row, reference)
    assert check.status == "inconsistent"
    assert claims_panel.line(check).startswith(":red[:material/error:")


# --- pure helpers ----------------------------------------------------------------------------------------


def test_step_index_walks_time_order_and_stops_at_the_ends():
    assert briefing.step_index(3, None, 1) == 0
    assert briefing.step_index(3, None, -1) == 2
    assert briefing.step_index(3, 0, 1) == 1
    assert briefing.step_index(3, 2, 1) == 2
    assert briefing.step_index(3, 0, -1) == 0
    assert briefing.step_index(0, None, 1) is None  # nothing shown


def test_the_bar_title_puts_the_slide_before_the_deck():
    # The bar cuts a long title at its end (CSS ellipsis): the slide's title, which changes from slide to
    # slide, comes first so a long deck title cannot hide it (a 70-character deck title did at 1280 px).
    deck = "Weekly brief: northern and southern fronts, with a long title that goes on"
    assert briefing.bar_title(deck, "Golan, March 2025").startswith("Golan, March 2025 — Weekly brief")
    assert briefing.bar_title(deck, "") == deck


def test_the_overview_counts_fit_the_caption_and_say_how_many_types_are_left_out():
    # 5,000 synthetic events carry 25 types: the caption's two lines cut the list inside a label
    # ("Weapons production /…" at 1280 px); now whole items, the rarest types counted instead.
    per_type = pd.Series({kind: 1000 - 30 * i for i, kind in enumerate(EVENT_TYPES)})
    text = briefing.type_counts(per_type)
    assert len(text) <= briefing.SUMMARY_CHARS
    shown = text.split(" · ")[:-1]
    left = len(EVENT_TYPES) - len(shown)
    assert left > 0 and text.endswith(f"· + {left} more types")
    assert shown[0] == f"{event_type(next(iter(EVENT_TYPES))).label} 1000"  # most first, whole
    assert briefing.type_counts(pd.Series({"raid": 2, "patrol": 1})) == "Raid 2 · Patrol 1"  # all that fit


def test_clip_cuts_at_a_word():
    assert briefing.clip("one  two\nthree", 50) == "one two three"
    assert briefing.clip("alpha beta gamma delta", 12) == "alpha beta…"


def test_default_slide_title(bundled_store):
    events = bundled_store.events
    assert default_slide_title(View(selected=TELL), events) == "Tell al Mal (former SAA base) · 3 Mar 2025"
    assert default_slide_title(View(start=date(2025, 3, 1)), events) == "2025-03-01 to latest"
    assert default_slide_title(View(), events) == "All events"


def test_briefing_look_draws_bigger_markers_and_adds_its_css(bundled_store, reference):
    import folium

    from sitmap.ui.briefing.look import BRIEFING, BRIEFING_MAP_CSS, BRIEFING_RADIUS, Look

    def radius(group) -> int:
        m = folium.Map(tiles=None)
        group.add_to(m)
        return int(payload_in(m.get_root().render())["radius"])

    shown = bundled_store.events
    assert radius(Look().event_layer(shown, View(), reference)) == 8  # the dashboard's own markers
    assert radius(BRIEFING.event_layer(shown, View(), reference)) == BRIEFING_RADIUS
    assert "{{" not in BRIEFING_MAP_CSS and "</style" not in BRIEFING_MAP_CSS  # safe inside the map


def test_passage_caption_takes_odd_front_matter_values_as_text(bundled_store):
    import dataclasses

    row = bundled_store.events.set_index("id").loc[TELL].copy()
    row["id"] = TELL
    real = bundled_store.reports[row["report_id"]]
    odd = dataclasses.replace(real, title=2025, date=date(2025, 3, 4))
    before, quote, after, source = briefing.passage_text(row, {odd.id: odd})
    assert source == "2025 · 2025-03-04"
    assert quote.startswith("Israeli forces raided")


def test_briefing_markers_cluster_by_the_map_pages_rule_in_marker_widths(bundled_store, reference):
    """The map page groups markers above CLUSTER_ABOVE in view on a grid of CLUSTER_CELL_MARKERS marker
    widths; briefing's markers are larger, so the same rule in their size groups sooner on a coarser grid
    (a reviewer saw 260 events at zoom 7 piled up in briefing, where the page's 300 had not been reached)."""
    import folium

    from sitmap.style import CLUSTER_ABOVE, CLUSTER_CELL_MARKERS, MARKER_RADIUS
    from sitmap.ui.briefing.look import BRIEFING, BRIEFING_RADIUS, Look

    def payload(group) -> dict:
        m = folium.Map(tiles=None)
        group.add_to(m)
        return payload_in(m.get_root().render())

    shown = bundled_store.events
    page = payload(Look().event_layer(shown, View(), reference))
    assert (page["clusterAbove"], page["clusterCell"]) == (
        CLUSTER_ABOVE,
        CLUSTER_CELL_MARKERS * 2 * MARKER_RADIUS,
    )
    big = payload(BRIEFING.event_layer(shown, View(), reference))
    assert big["clusterCell"] == round(CLUSTER_CELL_MARKERS * 2 * BRIEFING_RADIUS)
    # as many briefing markers as cover the screen area the page's CLUSTER_ABOVE markers cover
    assert big["clusterAbove"] == round(CLUSTER_ABOVE * (MARKER_RADIUS / BRIEFING_RADIUS) ** 2)
    assert big["clusterAbove"] < 260


def test_a_briefing_link_survives_a_switch_to_review_before_the_map_page_ran(events):
    """A briefing link's first run is on another page (Review clicked before the map page's first run got to
    the URL); the switch to Map clears the address bar, as the browser does. Briefing mode, its deck and
    its slide are kept, as the view's params are (`state.keep_url_params`)."""
    first = run({"start": "2025-03-03", "end": "2025-03-04"})
    _save_slide(first, "Two days", "Both", "")
    pages = {p["url_pathname"]: h for h, p in first._registered_pages.items()}  # the same in every session
    at = AppTest.from_file(APP, default_timeout=60)  # a new session, opened on the link
    for key, value in {"briefing": "1", "deck": "two-days", "slide": "1"}.items():
        at.query_params[key] = value
    at._page_hash = pages["review"]
    again(at)
    assert "briefing_next" not in keys(at, "button")  # the Review page ran, not the map's
    at.query_params.clear()
    at._page_hash = pages[""]
    again(at)
    got = params(at)
    assert got["briefing"] == "1" and got["deck"] == "two-days" and got["slide"] == "1"
    assert "briefing_next" in keys(at, "button")
    assert at.slider(key="w_window").value == (date(2025, 3, 3), date(2025, 3, 4))  # the slide applied
    # Leaving briefing mode stays left: the kept params do not bring it back on the next run.
    at.button(key="briefing_exit").click()
    again(at)
    assert "briefing" not in params(at) and "briefing_next" not in keys(at, "button")
    again(at)
    assert "briefing" not in params(at) and "briefing_next" not in keys(at, "button")
