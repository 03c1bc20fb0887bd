"""Review issue 5: at 1440×900 the candidate form's Accept / Reject / Next buttons and the "Decided too"
toggle show their whole labels (no ellipsis: each label's scrollWidth fits its clientWidth)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.test_review_actions import PASSAGE, WAIT_MS
from tests.browser.test_review_actions import review_app as review_app  # the fixture

# Labels a widget shows cut short (CSS text-overflow: ellipsis draws "A…"): text wider than its box.
# A widget is found by its key's class, `st-key-rv-<report>-<candidate>-<name>` (":" written as "-").
_CUT = """(name) => {
  const re = new RegExp('^st-key-(rv-.*-' + name + '|' + name + ')$');
  const box = [...document.querySelectorAll('[class*="st-key-"]')]
    .find(el => [...el.classList].some(c => re.test(c)));
  if (!box) return null;
  const out = [];
  for (const el of box.querySelectorAll('*')) {
    const text = (el.innerText || '').trim();
    if (text && el.scrollWidth > el.clientWidth + 1) out.push(el.tagName + ': ' + text);
  }
  return out;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1440, 1280])
def test_decision_buttons_and_toggle_show_whole_labels(
    page, guard, streamlit_server, review_app, tmp_path: Path, screenshot, width: int
):
    events = tmp_path / "events"
    events.mkdir()
    url = streamlit_server(review_app, events_dir=events)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    box = page.get_by_label("…or paste the text")
    box.wait_for(timeout=WAIT_MS)
    box.fill(PASSAGE.read_text(encoding="utf-8"))
    box.press("Tab")
    page.get_by_role("button", name="Ingest and review").click()
    accept = page.locator("button").filter(has_text="Alt + A").first
    accept.wait_for(timeout=WAIT_MS)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=WAIT_MS)
    accept.scroll_into_view_if_needed()
    screenshot(page, f"buttons-{width}")
    for name in ("accept", "reject", "skip", "rv_show_decided"):
        assert page.evaluate(_CUT, name) == [], f"{name} is cut at {width} px"
    assert guard.page_errors == []
