"""The review page's common path (issue 11): the report date read from the text, a typed day date and a
placed point setting their precision and areas, bulk accept and reject, decisions that outlive the session,
the next candidate after a decision, the uploader's limit. AppTest on tests/data/review/review_app.py, and
the queue's rules without Streamlit.
"""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from sitmap.extract import decisions
from sitmap.extract.pipeline import extract_candidates
from sitmap.ingest.text import build_report
from sitmap.settings import load_settings
from sitmap.store.load import load_store
from sitmap.store.reports import parse_report
from sitmap.ui.review import logic as rl
from sitmap.ui.review import queue
from sitmap.ui.text import md_escape

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "tests" / "data" / "review" / "review_app.py"
PASSAGE = ROOT / "tests" / "data" / "review" / "passage.txt"
BUNDLED = "iran-update-2025-03-04"
PASTED = "southern-syria-2025-03-06"  # named by its first line, dated by it (6 March 2025)
MOSCOW = "rus-2025-01-moscow-agreement"
RED_SEA = "xxx-undated-red-sea-attack-on-shipping"
KHASHAM = "syr-2018-khasham-armed-clash"


def key(cand_id: str, name: str, report_id: str = BUNDLED) -> str:
    return f"rv:{report_id}:{cand_id}:{name}"


@pytest.fixture
def events_dir(tmp_path, monkeypatch) -> Path:
    target = tmp_path / "events"
    shutil.copytree(ROOT / "events", target)
    monkeypatch.setenv("SITMAP_EVENTS", str(target))
    monkeypatch.setenv("SITMAP_GEODATA", str(ROOT / "geodata"))
    return target


@pytest.fixture
def empty_store(tmp_path, monkeypatch) -> Path:
    target = tmp_path / "events"
    target.mkdir()
    monkeypatch.setenv("SITMAP_EVENTS", str(target))
    monkeypatch.setenv("SITMAP_GEODATA", str(ROOT / "geodata"))
    return target


def run_app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


PENDING = "irn-2024-04-isfahan-airstrike"  # 22 km from the stored Isfahan strike: not matched, pending


def select(at: AppTest, cand_id: str) -> AppTest:
    if cand_id not in at.selectbox(key="rv_selected").options:  # decided (e.g. already stored): list all
        at.toggle(key="rv_show_decided").set_value(True).run()
    return ok(at.selectbox(key="rv_selected").set_value(cand_id).run())


def statuses(at: AppTest) -> dict[str, str]:
    table = next(d.value for d in at.dataframe if "status" in d.value.columns)
    return dict(zip(table["id"], table["status"], strict=True))


def pending_line(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Candidates**"))


def ingest_passage() -> AppTest:
    """Paste the passage and ingest it without touching the report date."""
    at = run_app()
    at.text_area(key="rv_new:text").input(PASSAGE.read_text(encoding="utf-8"))
    return ok(at.button[0].click().run())  # the form's only button: "Ingest and review"


def saved(folder: Path) -> dict:
    store = load_store(folder, settings=load_settings(env={}))
    return store.events.set_index("id")


# ---------------------------------------------------------------- the page (AppTest)
def test_report_date_is_read_from_the_text_when_not_given(empty_store):
    at = ingest_passage()
    assert (empty_store / "reports" / f"{PASTED}.md").exists()  # not pasted-<today>, nor pasted-2025-03-06
    assert "date: '2025-03-06'" in (empty_store / "reports" / f"{PASTED}.md").read_text(encoding="utf-8")
    assert at.session_state["rv_report"] == PASTED


@pytest.mark.parametrize("report_mb", ["3", "1"])
def test_uploader_states_the_limit_an_upload_really_has(empty_store, monkeypatch, report_mb):
    """The uploader's own limit and its help agree, and neither exceeds what the server accepts."""
    monkeypatch.setenv("SITMAP_MAX_REPORT_MB", report_mb)
    at = run_app()
    [uploader] = at.get("file_uploader")
    server_mb = st.get_option("server.maxUploadSize")
    want = min(float(report_mb), server_mb)
    assert uploader.proto.max_upload_size_mb == want
    assert f"up to {want:g} MB" in uploader.proto.help


def test_a_typed_day_date_sets_day_precision(events_dir):
    at = select(run_app(), KHASHAM)
    at.selectbox(key=key(KHASHAM, "time_precision")).set_value("month").run()
    at.text_input(key=key(KHASHAM, "date")).input("2018-02-07").run()
    assert at.selectbox(key=key(KHASHAM, "time_precision")).value == "day"
    at.text_input(key=key(KHASHAM, "date")).input("2018-02").run()
    assert at.selectbox(key=key(KHASHAM, "time_precision")).value == "month"


def test_typed_coordinates_make_a_point_in_its_areas(events_dir):
    at = select(run_app(), RED_SEA)
    assert at.selectbox(key=key(RED_SEA, "geo_precision")).value == "region"
    at.number_input(key=key(RED_SEA, "lon")).set_value(35.86).run()
    at.number_input(key=key(RED_SEA, "lat")).set_value(32.76).run()
    ok(at)
    assert at.selectbox(key=key(RED_SEA, "geo_precision")).value == "exact"
    assert at.number_input(key=key(RED_SEA, "uncertainty_m")).value == 1000.0
    assert at.text_input(key=key(RED_SEA, "admin1")).value == "Daraa"
    assert at.text_input(key=key(RED_SEA, "country")).value == "Syria"


def test_a_new_session_counts_stored_and_rejected_candidates_as_decided(events_dir):
    at = run_app()
    total = len(statuses(at))
    assert statuses(at)[PENDING] == "pending"
    in_store = [cid for cid, s in statuses(at).items() if s.startswith("in store")]
    assert in_store, "the bundled store holds some of the bundled report's candidates"
    assert pending_line(at).endswith(f"{total - len(in_store)} pending of {total}")
    select(at, PENDING)
    at.text_input(key=key(PENDING, "reason")).input("<b>old</b> story").run()
    ok(at.button(key=key(PENDING, "reject")).click().run())
    again = run_app()  # a new session
    assert statuses(again)[PENDING] == "rejected"
    assert pending_line(again).endswith(f"{total - len(in_store) - 1} pending of {total}")
    assert PENDING not in again.selectbox(key="rv_selected").options
    assert any(md_escape("<b>old</b> story") in m.value for m in again.markdown)  # the reason, escaped
    again.button(key=key(PENDING, "undo")).click().run()  # taken back, for the next session too
    assert statuses(run_app())[PENDING] == "pending"


def test_bulk_reject_of_the_doubtful_and_bulk_accept_of_the_complete(empty_store):
    at = ingest_passage()
    flagged = at.multiselect(key=f"rv_bulk_reject:{PASTED}:0").value
    assert len(flagged) == 3 and all("airstrike" in cid for cid in flagged)  # the "hundreds of" sentence
    ok(at.button(key=f"rv:{PASTED}:bulk_reject").click().run())
    assert [s for s in statuses(at).values()].count("rejected") == 3
    assert not any(empty_store.glob("*.geojson")), "rejecting writes no event"
    record = json.loads(decisions.decisions_path(empty_store, PASTED).read_text(encoding="utf-8"))
    assert sorted(record["rejected"]) == sorted(flagged)
    # The unresolved villages need a point; the three placed, dated ones go in one click.
    ok(at.button(key=f"rv:{PASTED}:bulk_accept").click().run())
    events = saved(empty_store)
    assert set(events.index) == {
        "syr-2025-03-tafas-armed-clash",
        "syr-2025-03-03-tell-al-mal-raid",
        "syr-2025-03-04-ruwaihaniya-ground-incursion",
        "syr-2025-03-04-ruwaihaniya-base-established",  # the checkpoint set up there: its own event (s19)
    }
    assert set(events["report_id"]) == {PASTED}
    assert pending_line(at).endswith("2 pending of 9")
    assert at.selectbox(key="rv_selected").value == "xxx-2025-03-05-saysoun-raid"


def test_accept_shows_the_next_pending_candidate_not_the_first(events_dir):
    at = run_app()
    options = at.selectbox(key="rv_selected").options
    assert len(options) >= 3
    order = [cid for cid, s in statuses(at).items() if s == "pending"]
    second, third = order[1], order[2]
    select(at, second)
    ok(at.button(key=key(second, "reject")).click().run())
    assert at.selectbox(key="rv_selected").value == third


def test_a_pasted_report_is_named_by_its_first_line(empty_store):
    ingest_passage()
    path = empty_store / "reports" / f"{PASTED}.md"
    report = parse_report(path.read_text(encoding="utf-8"), PASTED, str(path))
    assert report.title == "Southern Syria, 6 March 2025"  # review issue 13: it was "pasted"


def test_a_typed_title_wins_over_the_first_line(empty_store):
    at = run_app()
    at.text_input(key="rv_new:title").input("Typed title")
    at.text_area(key="rv_new:text").input(PASSAGE.read_text(encoding="utf-8"))
    ok(at.button[0].click().run())
    assert (empty_store / "reports" / "typed-title-2025-03-06.md").exists()


# ---------------------------------------------------------------- the rules (no Streamlit)
@pytest.fixture(scope="module")
def passage_candidates(reference):
    report = build_report(PASSAGE.read_text(encoding="utf-8"), report_date=None, fmt="text", title="pasted")
    return extract_candidates(report, reference, with_context=True)


def test_complete_means_dated_placed_undoubted(passage_candidates):
    by_id = {c.id: c for c in passage_candidates}
    complete = {c.id for c in passage_candidates if queue.is_complete(c, rl.initial_values(c))}
    assert complete == {
        "syr-2025-03-tafas-armed-clash",
        "syr-2025-03-03-tell-al-mal-raid",
        "syr-2025-03-04-ruwaihaniya-ground-incursion",
        # "entered X and set up a checkpoint on the road to Y": the checkpoint is a second event at X, as the
        # evaluation labels code it (p45, p49), placed at X by the road rule
        "syr-2025-03-04-ruwaihaniya-base-established",
    }
    saysoun = by_id["xxx-2025-03-05-saysoun-raid"]  # unresolved: complete once placed
    placed = {**rl.initial_values(saysoun), **rl.point_values(32.76, 35.86, 1000, None)}
    placed.update(country="Syria", admin1="Daraa")
    assert queue.is_complete(saysoun, placed)


def test_stored_matches_by_id_or_by_a_passage_with_one_candidate(passage_candidates):
    import pandas as pd

    tell = next(c for c in passage_candidates if "tell-al-mal" in c.id)
    rows = [
        {"id": "my-own-id", "report_id": tell.report_id, "report_paragraph": tell.paragraph_id,
         "quote": tell.quote},
    ]  # fmt: skip
    airstrike = next(c for c in passage_candidates if "homs" in c.id)  # one sentence, three candidates
    rows.append({"id": "x", "report_id": airstrike.report_id, "report_paragraph": airstrike.paragraph_id,
                 "quote": airstrike.quote})  # fmt: skip
    matches = queue.stored_matches(passage_candidates, pd.DataFrame(rows))
    assert matches == {tell.id: "my-own-id"}


def test_next_pending_wraps_round():
    assert queue.next_pending(["a", "b", "c"], "b", {"a", "c"}) == "c"
    assert queue.next_pending(["a", "b", "c"], "c", {"a"}) == "a"
    assert queue.next_pending(["a", "b"], "a", set()) is None


def test_concurrent_rejections_are_all_kept(tmp_path):
    def reject(i: int) -> None:
        decisions.record(tmp_path, "r1", rejected=[(f"c{i}", "p1", f"reason {i}")])

    threads = [threading.Thread(target=reject, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert decisions.rejections(tmp_path, "r1") == {f"c{i}": f"reason {i}" for i in range(8)}
    decisions.record(tmp_path, "r1", undone=["c3"])
    assert "c3" not in decisions.rejections(tmp_path, "r1")
    decisions.decisions_path(tmp_path, "r2").write_text("{not json", encoding="utf-8")
    assert decisions.rejections(tmp_path, "r2") == {}  # unreadable: offered again, never a crash


def test_a_decision_never_overwrites_a_record_it_cannot_read(tmp_path):
    """A hand-edited record with a typo is refused (the page says the rejection was not recorded) rather
    than replaced by one holding only the new decision, which would drop every earlier rejection."""
    path = decisions.decisions_path(tmp_path, "r1")
    path.parent.mkdir(parents=True)
    path.write_text('{"report": "r1", "rejected": {"c1": {"reason": "aggregate"},}}', encoding="utf-8")
    with pytest.raises(OSError, match="not overwritten"):
        decisions.record(tmp_path, "r1", rejected=[("c2", "p1", "background")])
    assert "c1" in path.read_text(encoding="utf-8")
