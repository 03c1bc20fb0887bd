"""The review page (sitmap/ui/review/), driven with Streamlit's AppTest.

Each test runs tests/data/review/review_app.py (a one-line wrapper around `review_page.render`) against a
temporary copy of the bundled events, and checks what the page shows and what reaches the files.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sitmap.reference.gazetteer import Gazetteer
from sitmap.settings import load_settings
from sitmap.store.load import load_store
from sitmap.ui.review import logic as rl
from sitmap.ui.text import HIGHLIGHT, md_escape

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "tests" / "data" / "review" / "review_app.py"
INJECTION = ROOT / "tests" / "data" / "review" / "injection.txt"
REPORT_ID = "iran-update-2025-03-04"
TELL = "syr-2025-03-03-tell-al-mal-raid"
MOSCOW = "rus-2025-01-moscow-agreement"
RED_SEA = "xxx-undated-red-sea-attack-on-shipping"
SOMALI_SEA = "xxx-undated-somali-sea-attack-on-shipping"  # the fixture unresolved_dir's sea
TODAY = date(2026, 11, 22)


def key(cand_id: str, name: str, report_id: str = REPORT_ID) -> str:
    return f"rv:{report_id}:{cand_id}:{name}"


@pytest.fixture
def events_dir(tmp_path, monkeypatch) -> Path:
    """A temporary copy of the bundled store (events and reports), selected with SITMAP_EVENTS."""
    target = tmp_path / "events"
    shutil.copytree(ROOT / "events", target)
    monkeypatch.setenv("SITMAP_EVENTS", str(target))
    monkeypatch.setenv("SITMAP_GEODATA", str(ROOT / "geodata"))
    return target


@pytest.fixture
def reports_only(tmp_path, monkeypatch) -> Path:
    """A store holding the bundled report but no events: every candidate is new."""
    target = tmp_path / "events"
    shutil.copytree(ROOT / "events" / "reports", target / "reports")
    monkeypatch.setenv("SITMAP_EVENTS", str(target))
    monkeypatch.setenv("SITMAP_GEODATA", str(ROOT / "geodata"))
    return target


@pytest.fixture
def unresolved_dir(events_dir) -> Path:
    """The bundled store with the report's seas renamed to one the gazetteer lacks (the Somali Sea): its
    shipping attack is then a candidate with an unresolved place."""
    report = next((events_dir / "reports").glob("*.md"))
    text = report.read_text(encoding="utf-8")
    assert "the Red Sea and the Gulf of Aden" in text
    report.write_text(text.replace("the Red Sea and the Gulf of Aden", "the Somali Sea"), encoding="utf-8")
    return events_dir


def snapshot(folder: Path) -> dict[str, str]:
    """sha256 of every event file (what 'nothing was written' is checked against)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*.geojson"))
    }


def run_app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def select(at: AppTest, cand_id: str) -> AppTest:
    if cand_id not in at.selectbox(key="rv_selected").options:  # decided (e.g. already stored): list all
        at.toggle(key="rv_show_decided").set_value(True).run()
    at.selectbox(key="rv_selected").set_value(cand_id).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption]


def table(at: AppTest):
    return next(d.value for d in at.dataframe if "status" in d.value.columns)


def test_bundled_report_lists_its_candidates_with_places_and_claim_check(events_dir):
    before = snapshot(events_dir)
    at = run_app()
    rows = table(at).set_index("id")
    assert rows.loc[TELL, "type"] == "Raid"
    assert rows.loc[TELL, "place"].startswith("Tell al-Mal · near ±4 km")
    assert rows.loc[TELL, "date"] == "2025-03-03 (day)"
    assert rows.loc["syr-2025-03-04-ruwaihaniya-patrol", "type"] == "Patrol"
    assert rows.loc["syr-2025-03-04-ruwaihaniya-patrol", "place"].startswith("Ruwaihaniya · near")
    assert rows.loc[TELL, "status"] == "in store"  # the bundled store already holds this event
    assert rows.loc[RED_SEA, "place"].startswith("Red Sea · region ±1100 km")  # a sea: an area, no pin
    assert rows.loc["irn-2024-04-iran-visit-meeting", "place"] == "Iran · country (no point)"
    claim = [t for t in texts(at) if "stated ≈ 16 km" in t]
    assert claim and "consistent" in claim[0] and "Area of Separation" in claim[0]
    select(at, TELL)
    raid = md_escape("Israeli forces raided a former Syrian Arab Army base on Tell al Mal")
    highlighted = [t for t in texts(at) if t.startswith(f":{HIGHLIGHT}[") and raid in t]
    assert highlighted, "the candidate's sentence is highlighted in the report text"
    evidence = next(d.value for d in at.dataframe if "reason" in d.value.columns).set_index("field")
    assert "Quneitra" in evidence.loc["admin1", "reason"]
    assert snapshot(events_dir) == before  # reading and selecting writes nothing


def test_accept_writes_one_valid_event_with_its_report_link(events_dir):
    before = snapshot(events_dir)
    at = select(run_app(), MOSCOW)
    at.selectbox(key=key(MOSCOW, "claim_status")).set_value("confirmed").run()
    at.text_area(key=key(MOSCOW, "summary")).input("Russia and Iran signed a cooperation treaty.").run()
    assert snapshot(events_dir) == before, "editing writes nothing"
    at.radio(key=key(MOSCOW, "matched")).set_value("new").run()  # the store holds it as another id
    at.button(key=key(MOSCOW, "accept")).click().run()
    assert not at.exception
    store = load_store(events_dir, settings=load_settings(env={}), today=TODAY)
    assert not store.errors, [str(p) for p in store.errors]
    row = store.events.set_index("id").loc[MOSCOW]
    assert row["report_id"] == REPORT_ID and row["report_paragraph"] == "p2"
    assert row["claim_status"] == "confirmed"
    assert row["summary"] == "Russia and Iran signed a cooperation treaty."
    assert row["geometry"].geom_type == "Point" and row["location"] == "Moscow"
    assert Path(row["source_file"]).name == f"{REPORT_ID}.geojson"
    changed = {k for k, v in snapshot(events_dir).items() if before.get(k) != v}
    assert changed == {f"{REPORT_ID}.geojson"}
    # The decision shows: accepted in the table, gone from the pending choices, a success message.
    assert table(at).set_index("id").loc[MOSCOW, "status"] == "accepted"
    assert MOSCOW not in at.selectbox(key="rv_selected").options
    assert any(md_escape(MOSCOW) in s.value and s.value.startswith("Saved") for s in at.success)
    # The page reads the store again (its cache is keyed on the files): the new event is listed as
    # stored beside another candidate of the same paragraph.
    select(at, "syr-2018-khasham-armed-clash")
    assert any("possible duplicates" in t and md_escape(MOSCOW) in t for t in texts(at))


def test_accepting_into_a_new_file_creates_it(reports_only):
    at = select(run_app(), TELL)
    at.button(key=key(TELL, "accept")).click().run()
    store = load_store(reports_only, settings=load_settings(env={}), today=TODAY)
    assert list(store.events["id"]) == [TELL]
    assert not store.errors and not [p for p in store.warnings if "report" in p.field]
    assert store.events.iloc[0]["report_paragraph"] == "p5"


def test_reject_writes_nothing_and_records_the_reason(events_dir):
    before = snapshot(events_dir)
    at = select(run_app(), MOSCOW)
    at.text_input(key=key(MOSCOW, "reason")).input("background, not a new event").run()
    at.button(key=key(MOSCOW, "reject")).click().run()
    assert snapshot(events_dir) == before
    assert table(at).set_index("id").loc[MOSCOW, "status"] == "rejected"
    assert any(md_escape("background, not a new event") in t for t in texts(at))
    assert at.session_state["rv_review"][REPORT_ID]["note"][MOSCOW] == "background, not a new event"
    at.button(key=key(MOSCOW, "undo")).click().run()  # a rejection can be taken back
    # (back to what it was: the bundled store holds an event from the same sentence)
    assert table(at).set_index("id").loc[MOSCOW, "status"] == "in store as rus-2025-01-strategic-partnership"
    assert snapshot(events_dir) == before


def test_duplicate_id_is_refused_and_the_edits_are_kept(events_dir):
    """An id stored in another file is refused (edit it there); into its own file it merges (the default,
    tests/ui/test_review_stored.py), the analyst's edit winning."""
    before = snapshot(events_dir)
    at = select(run_app(), TELL)
    at.text_area(key=key(TELL, "summary")).input("My corrected summary").run()
    at.text_input(key=key(TELL, "into")).input("another-file.geojson").run()
    at.button(key=key(TELL, "accept")).click().run()
    assert snapshot(events_dir) == before
    assert any("already stored" in e.value for e in at.error)
    assert any(TELL in c.value for c in at.code)
    assert at.text_area(key=key(TELL, "summary")).value == "My corrected summary"
    at.text_input(key=key(TELL, "into")).input(f"{REPORT_ID}.geojson").run()
    at.button(key=key(TELL, "accept")).click().run()
    store = load_store(events_dir, settings=load_settings(env={}), today=TODAY)
    assert store.events.set_index("id").loc[TELL, "summary"] == "My corrected summary"
    assert len(store.events) == 10


def test_invalid_values_are_refused_with_file_feature_and_field(events_dir):
    before = snapshot(events_dir)
    at = select(run_app(), MOSCOW)
    at.text_input(key=key(MOSCOW, "date")).input("2999-01").run()
    at.button(key=key(MOSCOW, "accept")).click().run()
    assert snapshot(events_dir) == before
    lines = "\n".join(c.value for c in at.code)
    # (the proposed id follows the edited date)
    assert (
        f"{REPORT_ID}.geojson:#0 (rus-2999-01-moscow-agreement):properties.date:" in lines
        and "future" in lines
    )
    assert at.text_input(key=key(MOSCOW, "date")).value == "2999-01"


def test_a_file_changed_on_disk_is_a_conflict_not_an_overwrite(events_dir):
    at = select(run_app(), MOSCOW)
    at.radio(key=key(MOSCOW, "matched")).set_value("new").run()  # the store holds it as another id
    path = events_dir / f"{REPORT_ID}.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"] = doc["features"][:-1]  # someone else removes an event meanwhile
    path.write_text(json.dumps(doc), encoding="utf-8")
    theirs = path.read_bytes()
    at.button(key=key(MOSCOW, "accept")).click().run()
    assert path.read_bytes() == theirs
    assert any("changed on disk" in e.value for e in at.error)
    at.button(key=key(MOSCOW, "accept")).click().run()  # the page has reloaded the file: accept again
    ids = set(load_store(events_dir, settings=load_settings(env={}), today=TODAY).events["id"])
    assert MOSCOW in ids and len(ids) == 10


def test_unresolved_place_is_never_saved_as_a_confident_point(unresolved_dir):
    events_dir = unresolved_dir
    before = snapshot(events_dir)
    at = select(run_app(), "irn-2024-04-iran-visit-meeting")
    assert not any("Unresolved place" in w.value for w in at.warning)  # a country is not unresolved
    select(at, SOMALI_SEA)
    assert any("Unresolved place" in w.value and "Somali Sea" in w.value for w in at.warning)
    at.text_input(key=key(SOMALI_SEA, "date")).input("2024-01").run()
    at.selectbox(key=key(SOMALI_SEA, "time_precision")).set_value("month").run()
    at.selectbox(key=key(SOMALI_SEA, "geo_precision")).set_value("near").run()
    at.button(key=key(SOMALI_SEA, "accept")).click().run()
    assert snapshot(events_dir) == before
    assert any("needs a point" in c.value for c in at.code)
    # A gazetteer pick places it (here a deliberately wrong but resolvable place, to see the point move).
    at.text_input(key=key(SOMALI_SEA, "query")).input("Ruwayhina").run()
    at.button(key=key(SOMALI_SEA, "use")).click().run()
    assert at.number_input(key=key(SOMALI_SEA, "lon")).value == pytest.approx(35.88, abs=0.05)
    assert at.text_input(key=key(SOMALI_SEA, "location")).value == "Ruwaihaniya"
    at.button(key=key(SOMALI_SEA, "accept")).click().run()
    saved = load_store(events_dir, settings=load_settings(env={}), today=TODAY).events
    [row] = saved[saved["location"] == "Ruwaihaniya"][
        saved["event_type"] == "attack_on_shipping"
    ].itertuples()
    assert row.geometry.x == pytest.approx(35.88, abs=0.05)
    assert row.id.endswith(
        "-2024-01-ruwaihaniya-attack-on-shipping"
    )  # the id follows the fixed date and place


def test_pasted_report_renders_literally(events_dir):
    hostile = INJECTION.read_text(encoding="utf-8")
    at = run_app()
    at.radio(key="rv_mode").set_value("New report").run()
    at.text_area(key="rv_new:text").input(hostile)
    at.text_input(key="rv_new:title").input("<b>Bold</b> **title** :red[x]")
    at.date_input(key="rv_new:date").set_value(date(2025, 3, 5))
    at.button[0].click().run()  # the form's only button: "Ingest and review"
    assert not at.exception, [e.value for e in at.exception]
    assert snapshot(events_dir) == snapshot(ROOT / "events"), "ingesting a report writes no event"
    shown = texts(at)
    first = hostile.strip().split("\n\n")[0]
    assert any(md_escape(first) in t for t in shown), "the paragraph is shown, every character escaped"
    assert any(md_escape("<b>Bold</b> **title** :red[x]") in t for t in shown)
    for m in [*at.markdown, *at.caption]:
        assert not m.proto.allow_html, m.value
    for h in at.get("html"):
        assert "onerror" not in h.proto.body and "<img" not in h.proto.body
    rows = table(at)
    assert (rows["type"] == "Raid").any()  # the pasted report is reviewed like any other


# ---------------------------------------------------------------- review_logic (no Streamlit)
def test_target_path_stays_inside_the_events_folder(tmp_path):
    assert rl.target_path(tmp_path, "events/a/b.geojson") == tmp_path / "a" / "b.geojson"
    for bad in ("../x.geojson", "/etc/x.geojson", "reports/x.geojson", "briefings/x.geojson", "x.json",
                ".hidden/x.geojson", "", "a/../../x.geojson"):  # fmt: skip
        with pytest.raises(ValueError):
            rl.target_path(tmp_path, bad)


def test_a_point_placed_by_hand_is_a_point_at_its_radius_in_its_areas(reference):
    """A click or typed coordinates: precision from the radius (never the proposal's region), areas from
    the point (Jamleh's place in the Yarmouk Basin lies in Daraa)."""
    assert rl.point_values(32.76, 35.86, 1000, reference) == {
        "lon": 35.86, "lat": 32.76, "uncertainty_m": 1000.0, "geo_precision": "exact",
        "country": "Syria", "admin1": "Daraa",
    }  # fmt: skip
    wide = rl.point_values(32.76, 35.86, 5000, reference)
    assert (wide["geo_precision"], wide["uncertainty_m"]) == ("near", 5000.0)
    at_sea = rl.point_values(33.5, 34.0, 1000, reference)  # the Mediterranean: no area to claim
    assert (at_sea["country"], at_sea["admin1"]) == ("", "")


def test_a_typed_date_states_its_precision():
    assert rl.typed_date_precision(" 2025-03-02 ") == "day"
    assert rl.typed_date_precision("2025-03") == "month"
    assert rl.typed_date_precision("2025") == "year"
    assert rl.typed_date_precision("3 March") is None


def test_gazetteer_search_matches_spellings(reference):
    gaz = Gazetteer.from_reference(reference)  # the page searches the one gazetteer index
    for query in ("Tal al-Mal", "tell el mal", "تل المال", "TELL AL MAL"):
        hits = gaz.search(query)
        assert hits and hits[0]["id"] == "tell-al-mal" and hits[0]["match"] == "same name", query
    assert gaz.search("Rwaihina")[0]["id"] == "ruwaihaniya"
    assert gaz.search("   ") == []
    values = rl.place_values(gaz.search("Quneitra")[0])
    assert values["location"] == "Quneitra" and values["geo_precision"] == "exact"


def test_a_place_added_in_review_is_stored_and_found_by_search(events_dir):
    at = select(run_app(), TELL)
    own = key(TELL, "own")
    at.text_input(key=f"{own}_name").input("Tell Test Own")  # a form: values go in with its submit
    at.text_input(key=f"{own}_spellings").input("Tal Test Own, تل تست")
    at.button(key=f"{own}_add").click().run()
    assert any("needs" in e.value or "source" in e.value for e in at.error)  # no source: refused
    at.text_input(key=f"{own}_source").input("test fixture")
    at.button(key=f"{own}_add").click().run()
    assert not at.exception and any("own-tell-test-own" in s.value for s in at.success), (
        [e.value for e in at.error],
        [s.value for s in at.success],
    )
    stored = json.loads((events_dir / "places" / "places.geojson").read_text(encoding="utf-8"))
    assert [f["properties"]["name"] for f in stored["features"]] == ["Tell Test Own"]
    at.text_input(key=key(TELL, "query")).input("Tal Test Own").run()
    options = at.selectbox(key=key(TELL, "pick")).options
    assert options and options[0].startswith("Tell Test Own")


def test_an_empty_form_says_how_long_a_paste_may_be(events_dir, monkeypatch):
    """The paste box takes no paste over its limit (Streamlit 1.67 refuses it whole, leaving the box empty):
    the message after "Ingest and review" must say so, not only ask for a text the analyst just pasted."""
    monkeypatch.setenv("SITMAP_MAX_REPORT_MB", "0.02")
    at = run_app()
    at.radio(key="rv_mode").set_value("New report").run()
    at.button[0].click().run()  # the form's only button: "Ingest and review"
    assert not at.exception, [e.value for e in at.exception]
    [message] = [e.value for e in at.error]
    assert "paste" in message and "20,971 characters" in message and "SITMAP_MAX_REPORT_MB" in message
