"""The review page on a datelined report from south Lebanon (issue 12, QA items 1, 2 and 16): one candidate
per event, Kfar Kila in Lebanon, no dateline in the summary, an id that follows the place the analyst
fixes, a map click at a border village that keeps its country, and "1 paragraph"."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sitmap.ui.review import logic as rl

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "tests" / "data" / "review" / "review_app.py"
QA = (
    "BEIRUT, 12 June 2025 — Israeli forces raided the village of Kfar Kila in southern Lebanon on the night "
    "of 10 June 2025, local sources said. Soldiers detained two men and demolished a house before "
    "withdrawing toward the Blue Line.\n\n"
    "Separately, an Israeli drone struck a car near Bint Jbeil on 11 June 2025, killing one person, "
    "according to Lebanon's health ministry. Hezbollah did not comment on the strike."
)
RID = "lebanon-daily-update-2025-06-12"


@pytest.fixture
def events_dir(tmp_path, monkeypatch) -> Path:
    target = tmp_path / "events"
    shutil.copytree(ROOT / "events" / "reports", target / "reports")
    monkeypatch.setenv("SITMAP_EVENTS", str(target))
    monkeypatch.setenv("SITMAP_GEODATA", str(ROOT / "geodata"))
    return target


def ingest(text: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.radio(key="rv_mode").set_value("New report").run()
    at.text_area(key="rv_new:text").input(text)
    at.text_input(key="rv_new:title").input("Lebanon Daily Update, June 12, 2025")
    at.date_input(key="rv_new:date").set_value(date(2025, 6, 12))
    at.button[0].click().run()  # "Ingest and review"
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> list[str]:
    return [m.value for m in [*at.markdown, *at.caption, *at.success, *at.info]]


def table(at: AppTest):
    return next(d.value for d in at.dataframe if "status" in d.value.columns)


def key(cand_id: str, name: str) -> str:
    return f"rv:{RID}:{cand_id}:{name}"


def test_a_datelined_report_gives_one_candidate_per_event_in_lebanon(events_dir) -> None:
    at = ingest(QA)
    assert any("stored 2 paragraphs as" in t for t in shown(at))
    rows = table(at)
    # the raid, the two men detained in it (an arrest beside the raid, as ACLED codes it), the house
    # demolished, and the drone strike of the next day
    assert sorted(rows["date"]) == ["2025-06-10 (day)"] * 3 + ["2025-06-11 (day)"], rows
    assert rows[rows["type"] == "Arrest"]["id"].tolist() == ["lbn-2025-06-10-kfar-kila-arrest"]
    raid = rows[rows["type"] == "Raid"]["id"].tolist()
    assert raid == ["lbn-2025-06-10-kfar-kila-raid"]
    at.selectbox(key="rv_selected").set_value(raid[0]).run()
    assert at.text_input(key=key(raid[0], "country")).value == "Lebanon"
    assert at.text_input(key=key(raid[0], "admin1")).value == "Nabatieh"
    summary = at.text_area(key=key(raid[0], "summary")).value
    assert summary.startswith("Israeli forces raided the village of Kfar Kila"), summary


def test_the_id_follows_the_place_the_analyst_picks(events_dir) -> None:
    at = ingest(QA)
    rows = table(at)
    # the house demolished in the raid is at Kfar Kila (the Blue Line is only where the troops withdrew to)
    (house,) = rows[rows["type"] == "Property destruction"]["id"].tolist()
    assert house == "lbn-2025-06-10-kfar-kila-property-destruction"
    at.selectbox(key="rv_selected").set_value(house).run()
    at.text_input(key=key(house, "query")).input("Odaisseh").run()
    at.button(key=key(house, "use")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_input(key=key(house, "id")).value == "lbn-2025-06-10-odaisseh-property-destruction"


def test_one_paragraph_is_one_paragraph(events_dir) -> None:
    at = ingest(QA.split("\n\n")[1])
    assert any("stored 1 paragraph as" in t for t in shown(at)), shown(at)


def test_a_click_at_a_border_village_keeps_its_country(reference) -> None:
    """Odaisseh (curated, Lebanon) lies 0.6 km "inside Israel" on Natural Earth's border: a point placed
    at the village keeps the gazetteer's Lebanon; a point placed away from any named place takes the
    areas it lies in."""
    odaisseh = {"location": "Odaisseh", "country": "Lebanon", "admin1": "Nabatieh",
                "lon": 35.5425, "lat": 33.25417, "uncertainty_m": 1000.0}  # fmt: skip
    moved = rl.point_values(33.2545, 35.5430, 500, reference, odaisseh)
    assert "country" not in moved and "admin1" not in moved  # the form keeps Lebanon, Nabatieh
    assert (moved["lon"], moved["lat"]) == (35.543, 33.2545)
    unplaced = {**odaisseh, "location": "", "lon": None, "lat": None}
    alone = rl.point_values(33.2545, 35.5430, 500, reference, unplaced)
    assert (alone["country"], alone["admin1"]) == ("Israel", "Northern District")
    far = rl.point_values(32.76, 35.86, 1000, reference, odaisseh)  # 60 km off: another place
    assert (far["country"], far["admin1"]) == ("Syria", "Daraa")
