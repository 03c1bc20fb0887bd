"""Briefing mode: the map page as a presentation for a shared screen, opened with `?briefing=1`.

Streamlit's chrome and the sidebar are hidden (fixed CSS of ours; no data ever goes into it), the map takes
the height of the window in a larger, high-contrast look (`sitmap.ui.briefing.look`), and a caption bar
under it reads the selected event in large type: type, place, date, its one-line summary and the report
passage that supports it. Everything from the data goes through `text.md_escape`.

The briefer steps through the shown events in time order (buttons, or ← →): each step selects the event,
flies the map to it and captions it; the reference layers stay as they are. A deck (`sitmap.briefing.decks`)
is presented slide by slide (buttons, or PageUp/PageDown as sent by presentation clickers): each slide's
view (window, filters, layers, extent, selected event) is applied; its speaker note sits behind the
"Notes" button for the briefer, never in the shared caption. The URL says it all: `?briefing=1&deck=<id>&
slide=<n>` opens a deck on a slide, and every step rewrites the link.

The view's events are asked of a `sitmap.ui.map.shown.Shown`, the map page's: a frame's, or a PostGIS
store's in SQL (the count, a step's neighbour by its position in time order, the caption's event, the
types line, the map's window), so briefing mode never reads a whole table either.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd
import streamlit as st

from sitmap.briefing.decks import Deck, DeckError, deck_path, load_deck
from sitmap.footprints import period_label
from sitmap.limits import load_limits
from sitmap.reference.layers import Reference
from sitmap.settings import Settings
from sitmap.store.reports import Report, passage_parts
from sitmap.ui import state
from sitmap.ui.briefing import look as map_look
from sitmap.ui.briefing import style
from sitmap.ui.keys import BRIEFING_APPLIED as S_APPLIED
from sitmap.ui.keys import BRIEFING_SLIDE_NOTES as S_SLIDE_NOTES
from sitmap.ui.map import view as map_view
from sitmap.ui.map.report_panel import as_text
from sitmap.ui.map.selection import event_fly_target
from sitmap.ui.map.shown import Shown
from sitmap.ui.state import DataFacts
from sitmap.ui.text import md_escape
from sitmap.view import View
from sitmap.vocabulary import event_type

PARAM, DECK_PARAM, SLIDE_PARAM = "briefing", "deck", "slide"  # listed in state.APP_PARAMS
BRIEFINGS = "briefings"  # decks live in <events>/briefings/
SUMMARY_CHARS = 220  # the caption is two lines of summary (whole at 1280 px wide), and a passage of two
PASSAGE_CHARS = 320
# The briefing map's size (at least: a 1280 x 800 screen), for framing an event's footprint or a slide's area.
FLY_WIDTH_PX, FLY_HEIGHT_PX = 1200, 600

# --- URL and state --------------------------------------------------------------------------------------


def active() -> bool:
    """Whether the page is in briefing mode (the URL's `briefing=1`)."""
    return st.query_params.get(PARAM) == "1"


def decks_dir(settings: Settings) -> Path:
    """Where decks are stored: `<events>/briefings/`."""
    return Path(settings.events_dir) / BRIEFINGS


def presenting() -> tuple[str, int] | None:
    """(deck id, slide number from 1) the URL presents, or None."""
    deck_id = load_limits().param(DECK_PARAM, st.query_params.get(DECK_PARAM))
    if not active() or not deck_id:
        return None
    try:
        number = int(st.query_params.get(SLIDE_PARAM) or 1)
    except ValueError:
        number = 1
    return deck_id, max(number, 1)


def start(deck_id: str | None = None, slide: int = 1) -> None:
    """Turn briefing mode on (a callback), optionally presenting a deck from `slide`."""
    ss = st.session_state
    st.query_params[PARAM] = "1"
    if deck_id:
        st.query_params[DECK_PARAM] = deck_id
        st.query_params[SLIDE_PARAM] = str(slide)
        ss.pop(S_APPLIED, None)  # present it even if this slide was shown before
    elif ss.get(state.S_CENTER) is not None:  # the briefing map is a new map: bring it to where we were
        ss[state.S_TARGET] = (ss[state.S_CENTER], ss.get(state.S_ZOOM))


def stop() -> None:
    """Leave briefing mode (a callback)."""
    for name in (PARAM, DECK_PARAM, SLIDE_PARAM):
        if name in st.query_params:
            del st.query_params[name]
    ss = st.session_state
    ss.pop(S_APPLIED, None)
    if ss.get(state.S_CENTER) is not None:
        ss[state.S_TARGET] = (ss[state.S_CENTER], ss.get(state.S_ZOOM))


def _load(settings: Settings, deck_id: str) -> tuple[Deck | None, str]:
    try:
        return load_deck(deck_path(decks_dir(settings), deck_id)), ""
    except DeckError as e:
        return None, str(e)


def show_view(
    view: View, facts: DataFacts, events: gpd.GeoDataFrame, reference: Reference | None = None
) -> list[str]:
    """Put a slide's `view` into the session (`state.apply_view`, sized for the briefing map)."""
    return state.apply_view(
        view, facts, events, fly_size_px=(FLY_WIDTH_PX, FLY_HEIGHT_PX), default_zoom=9, reference=reference
    )


def prepare(
    facts: DataFacts,
    event_frame: Callable[[str | None], gpd.GeoDataFrame],
    settings: Settings,
    reference: Reference | None = None,
) -> None:
    """Before the view is read from the widgets: apply the slide the URL presents, once per slide;
    `event_frame` gives a frame holding an event (the slide's selected one, framed on the map)."""
    ss = st.session_state
    wanted = presenting()
    if wanted is None:
        ss.pop(S_APPLIED, None)
        return
    if ss.get(S_APPLIED) == wanted:
        return
    ss[S_APPLIED] = wanted
    deck, error = _load(settings, wanted[0])
    if deck is None or not deck.slides:
        ss[S_SLIDE_NOTES] = [error or "the deck has no slides"]
        return
    slide = deck.slides[min(wanted[1], len(deck.slides)) - 1]
    ss[S_SLIDE_NOTES] = show_view(slide.view, facts, event_frame(slide.view.selected), reference)


# --- stepping ------------------------------------------------------------------------------------------


def step_index(count: int, position: int | None, delta: int) -> int | None:
    """The place in time order `delta` steps from `position` among `count` shown events, stopping at the
    ends; from no selection (or one not shown: None) a step forward starts at the first event, a step back
    at the last; None when nothing is shown."""
    if count == 0:
        return None
    if position is None:
        return 0 if delta > 0 else count - 1
    return max(0, min(count - 1, position + delta))


def _on_step(delta: int, shown: Shown, reference: Reference | None) -> None:
    current = st.session_state.get(state.S_SELECTED)
    at = step_index(len(shown), shown.position(current) if current else None, delta)
    row = shown.rows(at, 1) if at is not None else None
    if row is not None and len(row) and row["id"].iloc[0] != current:
        picked = str(row["id"].iloc[0])
        # A precise event close up; a country- or province-level one framed by its area, as drawn.
        target = event_fly_target(row, picked, reference, FLY_WIDTH_PX, FLY_HEIGHT_PX)
        state.select(picked, fly_to=target)


def _on_slide(number: int) -> None:
    st.query_params[SLIDE_PARAM] = str(number)


# --- captions (pure) -----------------------------------------------------------------------------------


def clip(text: object, limit: int) -> str:
    """`text` on one line, cut at a word before `limit` characters with an ellipsis."""
    s = " ".join(str(text or "").split())
    if len(s) <= limit:
        return s
    return s[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def bar_title(deck_title: str, slide_title: str) -> str:
    """'Slide — Deck': the part that changes from slide to slide first, as a long title is cut at its end
    (at 1280 px a 70-character deck title left no room for the slide's)."""
    return f"{slide_title} — {deck_title}" if slide_title else deck_title


def event_heading(row: pd.Series) -> str:
    """'Raid · Tell al Mal · 3 Mar 2025' (plain text; escape before rendering)."""
    parts = [event_type(row["event_type"]).label]
    if isinstance(row.get("location"), str) and row["location"]:
        parts.append(row["location"])
    elif isinstance(row.get("country"), str) and row["country"]:
        parts.append(row["country"])
    parts.append(period_label(row["start"], row["end"], row["time_precision"]))
    return " · ".join(p for p in parts if p)


def passage_text(row: pd.Series, reports: dict[str, Report]) -> tuple[str, str, str, str]:
    """(before, quote, after, source) of the event's linked passage, clipped for a caption; empty strings
    when the event links no report paragraph."""
    report = reports.get(row["report_id"]) if isinstance(row.get("report_id"), str) else None
    if report is None:
        return "", "", "", ""
    para = next((p for p in report.paragraphs if p.id == row["report_paragraph"]), None)
    if para is None:
        return "", "", "", ""
    quote = row.get("quote")  # optional: missing reads back as NaN from the GeoDataFrame
    before, middle, after = passage_parts(para.text, quote if isinstance(quote, str) else "")
    source = " · ".join(v for v in (as_text(report.title), as_text(report.date)) if v)
    if not middle:
        return clip(para.text, PASSAGE_CHARS), "", "", source
    room = max(PASSAGE_CHARS - len(middle), 0) // 2
    tail = (" " if after[:1].isspace() else "") + clip(after, room) if room and after.strip() else ""
    return _tail(before, room), middle, tail, source


def _tail(text: str, limit: int) -> str:
    """The last words of `text` within `limit` characters, with a leading ellipsis when cut."""
    s = " ".join(text.split())
    if len(s) <= limit:
        return s + (" " if s and text[-1:].isspace() else "")
    cut = s[len(s) - limit :]
    return "…" + (cut.split(" ", 1)[1] if " " in cut else cut) + (" " if text[-1:].isspace() else "")


# --- drawing -------------------------------------------------------------------------------------------


def render(
    shown: Shown,
    view: View,
    reference: Reference | None,
    settings: Settings,
    facts: DataFacts,
    reports: dict[str, Report],
) -> None:
    """The briefing page: title bar with the steps, the full-height map, the caption bar."""
    st.html(style.PAGE_CSS)
    hit = shown.event(view.selected)
    row = None if hit.empty else hit.iloc[0]
    _bar(view, facts, settings, shown, reference)
    with st.container(key="briefing_map"):
        map_view.render(shown.window_map(), view, reference, settings, facts.event_types, map_look.BRIEFING)
    with st.container(key="briefing_caption"):
        _caption(row, reports, shown)
    st.html(style.KEYS_JS, unsafe_allow_javascript=True)


def _text(body: str, key: str, width: Literal["stretch", "content"] = "stretch") -> None:
    """Markdown (already escaped) in a keyed container, which the page CSS styles."""
    with st.container(key=key, width=width):
        st.markdown(body)


def _bar(
    view: View,
    facts: DataFacts,
    settings: Settings,
    shown: Shown,
    reference: Reference | None,
) -> None:
    deck, error, number = None, "", 0
    if (wanted := presenting()) is not None:
        deck, error = _load(settings, wanted[0])
        number = min(wanted[1], len(deck.slides)) if deck and deck.slides else 0
    slide = deck.slides[number - 1] if deck and number else None
    start_day, end_day = state.window_of(view, facts.extent)
    with st.container(key="briefing_bar", horizontal=True, vertical_alignment="center", gap="small"):
        title = bar_title(deck.title, slide.title if slide else "") if deck else "Situation briefing"
        _text(md_escape(title), "briefing_title", "stretch")
        _text(
            f"{start_day.day} {start_day:%b %Y} – {end_day.day} {end_day:%b %Y}", "briefing_window", "content"
        )
        n, at = len(shown), shown.position(view.selected) if view.selected else None
        _text(f"event {at + 1} of {n}" if at is not None else f"{n} events", "briefing_count", "content")
        first, last = at == 0, at == n - 1
        st.button(
            "",
            icon=":material/arrow_back:",
            key="briefing_prev",
            help="Previous event (←)",
            on_click=_on_step,
            args=(-1, shown, reference),
            shortcut="Left",
            disabled=not n or first,
        )
        st.button(
            "",
            icon=":material/arrow_forward:",
            key="briefing_next",
            help="Next event (→)",
            on_click=_on_step,
            args=(1, shown, reference),
            shortcut="Right",
            disabled=not n or last,
        )
        if deck and deck.slides:
            n = len(deck.slides)
            st.button(
                "",
                icon=":material/skip_previous:",
                key="briefing_slide_prev",
                help="Previous slide (PageUp)",
                on_click=_on_slide,
                args=(number - 1,),
                shortcut="PageUp",
                disabled=number <= 1,
            )
            _text(f"slide {number} of {n}", "briefing_slide_count", "content")
            st.button(
                "",
                icon=":material/skip_next:",
                key="briefing_slide_next",
                help="Next slide (PageDown)",
                on_click=_on_slide,
                args=(number + 1,),
                shortcut="PageDown",
                disabled=number >= n,
            )
        with st.popover("Notes", icon=":material/speaker_notes:", key="briefing_notes"):
            _notes(slide.note if slide else "", error)
        st.button(
            "Exit", icon=":material/close:", key="briefing_exit", on_click=stop, help="Leave briefing mode"
        )


def _notes(note: str, error: str) -> None:
    """The briefer's side: the speaker note and anything that went wrong (never on the shared caption)."""
    if error:
        st.error(md_escape(error))
    for problem in st.session_state.get(S_SLIDE_NOTES) or []:
        st.warning(md_escape(problem))
    if note:
        _text(md_escape(note), "briefing_speaker_note")
    else:
        st.caption("No speaker note for this view.")
    st.caption("Keys: ← → events · PageUp/PageDown slides (after a click on the map, click the page first).")


def type_counts(per_type: pd.Series, limit: int = SUMMARY_CHARS) -> str:
    """'Raid 2 · Patrol 1': events per type (`per_type`: counts by stored type), most first, then by
    label (plain text), within `limit` characters: the rarest types left out as '+ 3 more types' (the caption
    cut 25 types at 5,000 events in the middle of a label)."""
    labels: dict[str, int] = {}
    for kind, n in per_type.items():
        label = event_type(str(kind)).label
        labels[label] = labels.get(label, 0) + int(n)
    items = [f"{label} {n}" for label, n in sorted(labels.items(), key=lambda item: (-item[1], item[0]))]
    shown = len(items)
    while shown and len(_counted(items, shown)) > limit:
        shown -= 1
    return _counted(items, shown)


def _counted(items: list[str], shown: int) -> str:
    rest = len(items) - shown
    more = f"+ {rest} more type{'' if rest == 1 else 's'}" if rest else ""
    return " · ".join([*items[:shown], more] if more else items)


def _caption(row: pd.Series | None, reports: dict[str, Report], shown: Shown) -> None:
    if row is None:
        n = len(shown)
        _text(
            f"{n} event{'s' if n != 1 else ''} in this view · → steps through them in time order",
            "briefing_head",
        )
        if n:
            _text(md_escape(type_counts(shown.type_counts())), "briefing_summary")
        return
    _text(md_escape(event_heading(row)), "briefing_head")
    _text(md_escape(clip(row["summary"], SUMMARY_CHARS)), "briefing_summary")
    before, quote, after, source = passage_text(row, reports)
    if before or quote:
        body = md_escape(before) + (f"**{md_escape(quote)}**" if quote.strip() else "") + md_escape(after)
        _text(f"“{body}” — {md_escape(source)}", "briefing_passage")
