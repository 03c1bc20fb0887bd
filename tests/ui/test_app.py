"""The dashboard's logic through Streamlit's AppTest: filters, selection, URL state, bad input.

What only a browser shows (the Leaflet map, clicks on it, script execution) is in tests/browser/.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sitmap.ui.text import md_escape

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
DATA = ROOT / "tests" / "data" / "app"
TELL = "syr-2025-03-03-tell-al-mal-raid"
RUWA = "syr-2025-03-04-ruwaihaniya-patrol"
HOSTILE = "test-2025-03-02-hostile-text"


def events_dir(tmp_path: Path, *extra: Path) -> Path:
    """A copy of the bundled events plus the files of `extra` folders."""
    out = tmp_path / "events"
    shutil.copytree(ROOT / "events", out)
    for folder in extra:
        shutil.copytree(folder, out, dirs_exist_ok=True)
    return out


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch):
    """`app(params=None, events=None) -> AppTest` after its first run."""

    def start(params: dict[str, str] | None = None, events: Path | None = None) -> AppTest:
        monkeypatch.setenv("SITMAP_EVENTS", str(events or ROOT / "events"))
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in (params or {}).items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, at.exception
        return at

    return start


def open_page(at: AppTest, url_path: str) -> AppTest:
    """Go to the page at `url_path` as the top navigation does. AppTest.switch_page() only knows pages
    that are files, and ours are functions, so this sets the page hash a real session would send."""
    at._page_hash = next(h for h, page in at._registered_pages.items() if page["url_pathname"] == url_path)
    return at


def listed(at: AppTest) -> list[str]:
    return at.dataframe[-1].value["id"].tolist()  # the list under the map (the side column's feed is first)


def params(at: AppTest) -> dict[str, str]:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def highlighted(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if ":orange-background[" in m.value]


def test_lists_every_bundled_event_in_time_order(app):
    at = app()
    ids = listed(at)
    assert len(ids) == 10
    assert ids[0] == "syr-2018-02-07-khasham-attack" and ids[-1] == RUWA
    assert any("10 of 10 events" in m.value for m in at.markdown)


def test_filters_change_the_event_list(app):
    at = app()
    at.multiselect(key="w_event_types").set_value(["raid", "patrol"]).run()
    assert listed(at) == [TELL, RUWA]
    at.text_input(key="w_text").set_value("ruwaihaniya").run()
    assert listed(at) == [RUWA]
    at.text_input(key="w_text").set_value("").run()
    at.multiselect(key="w_event_types").set_value([]).run()
    at.multiselect(key="w_countries").set_value(["Iran"]).run()
    assert len(listed(at)) == 5 and all(i.startswith("irn-") for i in listed(at))


def test_window_hides_events_outside_it(app):
    at = app({"start": "2025-03-01", "end": "2025-03-03"})
    assert listed(at) == [TELL]
    assert at.slider(key="w_window").value == (date(2025, 3, 1), date(2025, 3, 3))


def test_month_precision_event_is_on_for_its_whole_month(app):
    at = app({"start": "2024-04-29", "end": "2024-04-29"})
    assert set(listed(at)) == {
        "irn-2024-04-isfahan-s300-radar-strike",  # month precision: on from 1 to 30 April
        "irn-2024-04-russian-experts-visit",
        "yem-2023-11-red-sea-shipping-attacks",  # November 2023 to December 2024
    }


def test_url_sets_widgets_and_round_trips_exactly(app):
    link = {
        "start": "2024-01-01",
        "end": "2025-03-04",
        "event_types": "airstrike,raid",
        "claim_status": "reported",
        "text": "forces",
        "selected": TELL,
        "base_layer": "dark",
        "overlays": "zone,lines",
        "center": "33.1,35.9",
        "zoom": "9",
        "mode": "cumulative",
    }
    at = app(link)
    assert at.slider(key="w_window").value == (date(2024, 1, 1), date(2025, 3, 4))
    assert at.multiselect(key="w_event_types").value == ["airstrike", "raid"]
    assert at.multiselect(key="w_claim_status").value == ["reported"]
    assert at.text_input(key="w_text").value == "forces"
    assert at.selectbox(key="w_base_layer").value == "dark"
    assert at.multiselect(key="w_overlays").value == ["zone", "lines"]
    assert at.radio(key="w_mode").value == "cumulative"
    assert params(at) == link  # the app rewrote the URL to exactly the link it was given
    assert not at.warning


def test_a_big_store_opens_on_its_latest_month(app, monkeypatch):
    monkeypatch.setattr("sitmap.ui.state.ALL_BY_DEFAULT_MAX_EVENTS", 5)  # the bundled ten count as big
    at = app()
    assert at.slider(key="w_window").value == (date(2025, 2, 3), date(2025, 3, 4))
    assert params(at)["start"] == "2025-02-03" and params(at)["end"] == "2025-03-04"  # the link is exact
    assert listed(at) == [TELL, RUWA]


def test_changing_widgets_updates_the_url(app):
    at = app()
    assert "start" not in params(at)  # the whole period is the default and stays out of the link
    at.slider(key="w_window").set_value((date(2025, 3, 1), date(2025, 3, 4))).run()
    at.multiselect(key="w_event_types").set_value(["patrol"]).run()
    at.radio(key="w_mode").set_value("cumulative").run()
    got = params(at)
    assert got["start"] == "2025-03-01" and got["end"] == "2025-03-04"
    assert got["event_types"] == "patrol" and got["mode"] == "cumulative"
    at.multiselect(key="w_event_types").set_value([]).run()
    assert "event_types" not in params(at)


def test_the_view_survives_a_visit_to_the_review_page(app):
    at = app()
    at.slider(key="w_window").set_value((date(2025, 3, 1), date(2025, 3, 4))).run()
    at.multiselect(key="w_event_types").set_value(["raid", "patrol"]).run()
    at.text_input(key="w_text").set_value("tell").run()
    at.select_slider(key="w_speed").set_value("2 s").run()
    assert listed(at) == [TELL]
    open_page(at, "review").run()
    assert not at.exception, at.exception
    assert not any(w.key == "w_event_types" for w in at.multiselect)  # the Review page ran
    open_page(at, "").run()
    assert not at.exception, at.exception
    assert at.multiselect(key="w_event_types").value == ["raid", "patrol"]
    assert at.text_input(key="w_text").value == "tell"
    assert at.slider(key="w_window").value == (date(2025, 3, 1), date(2025, 3, 4))
    assert at.select_slider(key="w_speed").value == "2 s"
    assert listed(at) == [TELL]


def test_a_links_view_survives_a_switch_to_review_before_the_map_page_ran(app):
    """A link's first run is on another page (in a browser: Review clicked before the map page's first run
    got to the URL, e.g. while a big store loads); the switch to Map clears the address bar, as the
    browser does."""
    review = next(h for h, p in app()._registered_pages.items() if p["url_pathname"] == "review")
    at = AppTest.from_file(APP, default_timeout=60)  # a new session, opened on the link
    at.query_params["text"] = "tell"
    at.query_params["start"] = "2025-03-01"
    at._page_hash = review  # the page ids do not change between sessions of one app
    at.run()
    assert not at.exception, at.exception
    assert not any(w.key == "w_text" for w in at.text_input)  # the Review page ran, not the map's
    at.query_params.clear()
    open_page(at, "").run()
    assert not at.exception, at.exception
    assert at.text_input(key="w_text").value == "tell"
    assert params(at)["text"] == "tell" and params(at)["start"] == "2025-03-01"


def test_invalid_query_params_warn_and_fall_back(app):
    at = app({"start": "yesterday", "zoom": "x", "event_types": "raid,bogus", "base_layer": "moon",
              "selected": "no-such-event", "end": "2099-01-01"})  # fmt: skip
    text = " ".join(w.value for w in at.warning).replace("\\", "")  # values are shown Markdown-escaped
    for word in ("start", "zoom", "bogus", "base_layer", "no-such-event", "2099-01-01"):
        assert word in text
    assert listed(at) == [TELL]  # the valid part of the link (event_types=raid) still applies
    assert at.selectbox(key="w_base_layer").value == "offline"
    got = params(at)
    assert got["event_types"] == "raid" and "zoom" not in got and "selected" not in got


def test_selected_event_shows_its_passage_highlighted(app):
    at = app({"selected": TELL})
    marks = highlighted(at)
    assert len(marks) == 1
    quote = "Israeli forces raided a former Syrian Arab Army base on Tell al Mal, Quneitra Province"
    assert f":orange-background[**{md_escape(quote)}" in marks[0]
    assert "Local sources reported bulldozers" in marks[0]  # the rest of the paragraph, not highlighted
    assert any("Area of Separation" in c.value for c in at.caption)  # distance to the zone
    assert any("understandingwar.org" in c.value for c in at.caption)  # sources are links


def test_show_on_map_selects_the_passages_event(app):
    at = app({"selected": TELL})
    at.button(key="show-p6").click().run()
    assert params(at)["selected"] == RUWA
    marks = highlighted(at)
    assert len(marks) == 1 and "Ruwaihaniya" in marks[0]
    assert at.dataframe[-1].value.iloc[-1][""] == "▶"  # the list marks the selected row


def test_show_on_map_cycles_through_a_paragraphs_events(app):
    at = app()
    at.button(key="show-p4").click().run()
    first = params(at)["selected"]
    at.button(key="show-p4").click().run()
    second = params(at)["selected"]
    assert first != second and first.startswith("irn-") and second.startswith("irn-")


def test_playback_steps_the_window(app):
    at = app({"start": "2025-03-01", "end": "2025-03-03"})
    at.button(key="pb_fwd").click().run()
    assert at.slider(key="w_window").value == (date(2025, 3, 2), date(2025, 3, 4))
    assert listed(at) == [TELL, RUWA]
    at.radio(key="w_mode").set_value("cumulative").run()
    at.button(key="pb_back").click().run()
    assert at.slider(key="w_window").value == (date(2025, 3, 2), date(2025, 3, 3))  # first day stays


def test_playback_play_starts_and_pauses(app):
    at = app({"start": "2025-03-01", "end": "2025-03-03"})
    at.button(key="pb_play").click().run()
    assert at.session_state["playing"] is True
    at.button(key="pb_play").click().run()
    assert at.session_state["playing"] is False


def test_store_problems_are_listed_and_valid_events_shown(app, tmp_path):
    at = app(events=events_dir(tmp_path, DATA / "bad"))
    assert "test-2025-03-01-good" in listed(at) and len(listed(at)) == 11
    assert "2 error(s)" in at.expander[0].label
    lines = at.code[0].value.splitlines()
    assert any("bad-events.geojson:#1 (test-bad-date):properties.date: ambiguous date" in ln for ln in lines)
    assert any("broken.geojson:-:-: invalid JSON" in ln for ln in lines)


def test_hostile_text_is_escaped_everywhere(app, tmp_path):
    at = app({"selected": HOSTILE}, events=events_dir(tmp_path, DATA / "hostile"))
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    assert any(md_escape("HOSTILE <img src=x onerror=window.__xss=1>") in t for t in texts)
    for t in texts:
        # Every '<', '`' and '$' that came from the data reaches Markdown backslash-escaped (the app's own
        # Markdown uses none of them), and no link points anywhere but http(s).
        assert not re.search(r"(?<!\\)[<`$]", t), t
        assert "](javascript" not in t
    marks = highlighted(at)
    assert len(marks) == 1
    assert md_escape("<img src=x onerror=window.__xss=6> shelled ${x}") in marks[0]


def test_empty_store_says_so(app, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    at = app(events=empty)
    assert any("No events" in w.value for w in at.warning)


def _edit_bundled(events: Path, event_id: str, change) -> None:
    """Change one bundled event in a copied store (as an analyst's hand edit would)."""
    import json

    path = events / "iran-update-2025-03-04.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(next(f for f in doc["features"] if f["id"] == event_id)["properties"])
    path.write_text(json.dumps(doc), encoding="utf-8")


@pytest.mark.parametrize("briefing", [False, True])
def test_an_event_with_a_report_link_but_no_quote_can_be_selected(app, tmp_path, briefing):
    events = events_dir(tmp_path)
    _edit_bundled(events, TELL, lambda props: props.pop("quote"))
    at = app({"selected": TELL, **({"briefing": "1"} if briefing else {})}, events=events)
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    if briefing:  # the step caption shows the linked paragraph, with nothing highlighted
        assert any(t.startswith("“") and "Tell al Mal" in t and "**" not in t for t in texts)
    else:  # the report panel shows the paragraph unhighlighted and says why
        assert not highlighted(at)
        assert any("no quote" in c.value for c in at.caption)
        assert any("Local sources reported bulldozers" in m.value for m in at.markdown)


def _panel_with_odd_front_matter(authors: object) -> None:
    """A script for AppTest.from_function: the report panel given a report whose front-matter values are
    not strings (a number, a date, a list of numbers, nothing), as a lenient parser could pass them on."""
    import dataclasses
    import datetime
    import os
    from pathlib import Path

    from sitmap.store.load import load_store
    from sitmap.ui.map import report_panel
    from sitmap.view import View

    store = load_store(Path(os.environ["SITMAP_EVENTS"]))
    real = store.reports["iran-update-2025-03-04"]
    odd = dataclasses.replace(
        real, title=None, publisher=7, date=datetime.date(2025, 3, 4), url=5, authors=authors
    )
    tell = "syr-2025-03-03-tell-al-mal-raid"
    report_panel.render(store.events, {odd.id: odd}, View(selected=tell), set(store.events["id"]), None)


@pytest.mark.parametrize("authors", [5, [5, None]])
def test_the_report_panel_shows_odd_front_matter_values_as_text(monkeypatch, authors):
    monkeypatch.setenv("SITMAP_EVENTS", str(ROOT / "events"))
    at = AppTest.from_function(_panel_with_odd_front_matter, default_timeout=60, kwargs={"authors": authors})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    lines = [c.value.replace("\\", "") for c in at.caption if c.value.startswith("Report:")]
    assert len(lines) == 1
    assert "Untitled report" in lines[0] and "7 · 2025-03-04 · by 5" in lines[0]
    assert "None" not in lines[0]
    assert highlighted(at)  # the passage is still found and highlighted


@pytest.mark.parametrize(("name", "first"), [("Day", date(2025, 3, 4)), ("Week", date(2025, 2, 26))])
def test_presets_end_on_the_latest_dated_day_not_on_a_year_events_end(app, tmp_path, name, first):
    """A year-precision event of 2025 stretches the extent to 31 Dec 2025; Day and Week still end on the
    latest day-dated news (4 Mar 2025), as the default window does (issue 13, QA item 5)."""
    events = events_dir(tmp_path)
    year_event = {
        "type": "Feature",
        "id": "test-2025-year-deployment",
        "geometry": {"type": "Point", "coordinates": [35.9, 33.1]},
        "properties": {
            "date": "2025",
            "time_precision": "year",
            "event_type": "deployment",
            "actors": [],
            "geo_precision": "near",
            "claim_status": "reported",
            "summary": "Some time in 2025.",
        },
    }
    (events / "year.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": [year_event]}), encoding="utf-8"
    )
    at = app(events=events)
    assert at.slider(key="w_window").value[1] == date(2025, 12, 31)  # All: the extent
    at.button_group(key="w_preset").set_value(name).run()
    assert at.slider(key="w_window").value == (first, date(2025, 3, 4))
    assert TELL in listed(at) or name == "Day"
    assert RUWA in listed(at)
