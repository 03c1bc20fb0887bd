"""The time bar's axis and its caption agree: when the window lies outside the days of the filters' events
(a filter changed after the window was set, a link's window), the axis is widened to hold it, so the
dates under the histogram and the window in the caption never contradict each other. The bar's own script
on a bare page (no Streamlit: what is checked is how the bar draws what it is given)."""

from __future__ import annotations

from datetime import date
from importlib.resources import files

import pytest

pytestmark = pytest.mark.browser

EPOCH = date(1970, 1, 1)


def _day(d: date) -> int:
    return (d - EPOCH).days


_SETUP = """([win, data]) => {
  document.body.innerHTML = '<div id="root" style="width:900px"><div id="c"></div></div>';
  window.sitmapTimebarWindow && window.sitmapTimebarWindow(win);
  window.sitmapPythonWindow = win;
  const component = { parentElement: document.getElementById('root'), data: data, setStateValue() {} };
  window.sitmapTimebar(component);
  const tb = document.getElementById('root').__sitmapTimebar;
  return { axis: [...document.querySelectorAll('.tb-axis span')].map(s => s.textContent),
           label: document.querySelector('.tb-label').textContent, win: tb.win }; }"""


def _data(axis: tuple[date, date], extent: tuple[date, date]) -> dict:
    return {"axis": [_day(axis[0]), _day(axis[1])], "extent": [_day(extent[0]), _day(extent[1])],
            "mode": "window", "types": [{"label": "Raid", "colour": "#882255"}],
            "hist": [[_day(axis[0]), 0, 3], [_day(axis[1]), 0, 2]], "days": [_day(axis[0]), _day(axis[1])],
            "outliers": 0}  # fmt: skip


@pytest.mark.parametrize(
    ("window", "first", "last"),
    [
        ((date(2025, 3, 1), date(2025, 3, 4)), "2025-03-01", "2025-03-10"),  # before the filtered events
        ((date(2025, 3, 20), date(2025, 4, 2)), "2025-03-05", "2025-04-02"),  # after them
        ((date(2025, 3, 6), date(2025, 3, 8)), "2025-03-05", "2025-03-10"),  # inside: the axis as it was
    ],
)
def test_the_axis_holds_the_window_the_caption_gives(page, guard, screenshot, window, first, last):
    page.set_content("<html><body></body></html>")
    page.add_script_tag(
        content=files("sitmap.webmap").joinpath("js", "timebar.js").read_text(encoding="utf-8")
    )
    data = _data((date(2025, 3, 5), date(2025, 3, 10)), (date(2024, 1, 1), date(2025, 12, 31)))
    got = page.evaluate(_SETUP, [[_day(window[0]), _day(window[1])], data])
    assert got["label"].startswith(f"{window[0].isoformat()} \u2013 {window[1].isoformat()}")
    assert got["axis"][0] == first and got["axis"][-1] == last
    screenshot(page, first)
    assert guard.page_errors == []
