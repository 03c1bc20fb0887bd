"""The one paging rule for long lists in the UI: `PAGE_SIZE` items a page, the page index clamped, and a
newly given target (the selected event's paragraph, the next pending candidate) opening the page that holds
it. The map's report panel and the review page (a report's paragraphs with their candidates) both use it:
a 5,000-paragraph report must not become thousands of elements on every rerun.

Each list's page lives in session state under a key made from a registered prefix (`sitmap.ui.keys`) and
the list's name (hashed: report ids are untrusted); "-target", "-prev" and "-next" are derived from it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import streamlit as st

PAGE_SIZE = 40


@dataclass(frozen=True)
class Page:
    index: int  # 0-based
    first: int  # the first item shown (0-based)
    end: int  # one past the last item shown
    pages: int
    total: int

    def holds(self, item_index: int) -> bool:
        return self.first <= item_index < self.end


def page_span(total: int, page: int, target_index: int | None = None, size: int = PAGE_SIZE) -> Page:
    """The page asked for, clamped to the list, or the page holding `target_index` when one is given."""
    pages = max(1, -(-total // size))
    if target_index is not None:
        page = target_index // size
    page = min(max(page, 0), pages - 1)
    return Page(page, page * size, min((page + 1) * size, total), pages, total)


def page_key(prefix: str, name: str) -> str:
    """The session key of one list's page (`prefix` from `sitmap.ui.keys`)."""
    return prefix + hashlib.sha256(name.encode()).hexdigest()[:12]


def current(key: str, total: int, target_index: int | None = None, target: Any = None) -> Page:
    """This run's page of the list under `key`: the page holding `target_index` when `target` is new since
    the last run (a newly selected item), else the page the analyst turned to, clamped."""
    ss = st.session_state
    if target is None or ss.get(key + "-target") == target:
        target_index = None
    ss[key + "-target"] = target
    page = page_span(total, int(ss.get(key, 0)), target_index)
    ss[key] = page.index
    return page


def follow(key: str, target: Any) -> None:
    """`target` is now the list's target without moving the page (it was chosen on this page)."""
    st.session_state[key + "-target"] = target


def controls(key: str, page: Page, noun: str) -> None:
    """Previous/next buttons and 'Paragraphs 41–80 of 5,000 (page 2 of 125)', when there is more than one."""
    if page.pages <= 1:
        return
    c1, c2, c3 = st.columns([1, 3, 1], vertical_alignment="center")
    first = page.index == 0
    c1.button("‹", key=key + "-prev", disabled=first, on_click=_turn, args=(key, -1), help="Previous")
    c2.caption(
        f"{noun} {page.first + 1:,}–{page.end:,} of {page.total:,} (page {page.index + 1} of {page.pages:,})"
    )
    last = page.index == page.pages - 1
    c3.button("›", key=key + "-next", disabled=last, on_click=_turn, args=(key, 1), help="Next")


def _turn(key: str, step: int) -> None:
    st.session_state[key] = int(st.session_state.get(key, 0)) + step


__all__ = ["PAGE_SIZE", "Page", "controls", "current", "follow", "page_key", "page_span"]
