"""The review page at real volume: a long report is shown a page of paragraphs (and their candidates) at a
time (`sitmap.ui.paging`), and deciding the last pending candidate of a page moves on to the next page's.

Both fail on dd5fa35, which drew every paragraph of the report on every rerun.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sitmap.ui.paging import PAGE_SIZE

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "tests" / "data" / "review" / "review_app.py"
REPORT_ID = "long-2025-03-04"
RAID = "Israeli forces raided a former base on Tell al Mal, Quneitra Province, on the night of 3 March [3]."
PATROL = "Israeli forces also patrolled Ruwaihaniya, Quneitra Province, on 4 March [4]."


def long_report(paragraphs: int, at: dict[int, str]) -> str:
    """A report of `paragraphs` filler paragraphs, with the sentences of `at` at those indexes."""
    body = [at.get(i, f"Filler paragraph {i} says nothing that happened.") for i in range(paragraphs)]
    head = f"---\ntitle: Long report\npublisher: Test\ndate: 2025-03-04\nurl: https://example.org/{REPORT_ID}\n---\n"
    return head + "\n\n".join(body) + "\n"


@pytest.fixture
def long_store(tmp_path, monkeypatch) -> Path:
    """A store holding one 5,000-paragraph report: a raid on page 1, a patrol on page 2, no events."""
    target = tmp_path / "events"
    (target / "reports").mkdir(parents=True)
    text = long_report(5000, {3: RAID, PAGE_SIZE + 5: PATROL})
    (target / "reports" / f"{REPORT_ID}.md").write_text(text, encoding="utf-8")
    monkeypatch.setenv("SITMAP_EVENTS", str(target))
    monkeypatch.setenv("SITMAP_GEODATA", str(ROOT / "geodata"))
    return target


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def fillers(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("Filler paragraph")]


def test_a_5000_paragraph_report_renders_one_page(long_store):
    at = ok(AppTest.from_file(str(APP), default_timeout=120).run())
    assert 0 < len(fillers(at)) <= PAGE_SIZE
    assert len(at.markdown) <= 50 + PAGE_SIZE // 4  # the page's paragraphs and a few headings, not 5,000
    assert any(c.value.startswith("Paragraphs 1–40 of 5,000") for c in at.caption)
    assert any("on this page" in b.label for b in at.button)


def test_accepting_the_last_pending_of_page_1_moves_to_page_2(long_store):
    at = ok(AppTest.from_file(str(APP), default_timeout=120).run())
    raid = at.selectbox(key="rv_selected").value
    assert raid is not None and "raid" in raid and len(at.selectbox(key="rv_selected").options) == 1
    ok(at.button(key=f"rv:{REPORT_ID}:{raid}:accept").click().run())
    patrol = at.selectbox(key="rv_selected").value
    assert patrol is not None and "patrol" in patrol
    assert any(c.value.startswith("Paragraphs 41–80 of 5,000") for c in at.caption)
    assert not any(f.startswith("Filler paragraph 0 ") for f in fillers(at))
    assert any("Ruwaihaniya" in m.value for m in at.markdown)


def test_next_alt_n_moves_across_pages_and_back(long_store):
    at = ok(AppTest.from_file(str(APP), default_timeout=120).run())
    raid = at.selectbox(key="rv_selected").value
    ok(at.button(key=f"rv:{REPORT_ID}:{raid}:skip").click().run())
    patrol = at.selectbox(key="rv_selected").value
    assert patrol is not None and "patrol" in patrol
    assert any(c.value.startswith("Paragraphs 41–80 of 5,000") for c in at.caption)
    ok(at.button(key=f"rv:{REPORT_ID}:{patrol}:skip").click().run())  # wraps round to page 1
    assert at.selectbox(key="rv_selected").value == raid
    assert any(c.value.startswith("Paragraphs 1–40 of 5,000") for c in at.caption)
