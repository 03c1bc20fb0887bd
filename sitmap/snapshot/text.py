"""The words on a snapshot: the window / as-of line, the source citations, notes and attribution."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import geopandas as gpd
import pandas as pd
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from matplotlib.typing import RcKeyType

from sitmap.view import View

T = TypeVar("T")

_TEXT_PATH = TextToPath()
RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",  # SVG text stays <text>, searchable and editable
    "pdf.fonttype": 42,  # TrueType embedded: PDF text extractable (pdftotext, copy-paste)
    "svg.hashsalt": "sitmap",  # stable ids, so the same snapshot gives the same SVG
    "font.family": "DejaVu Sans",  # ships with matplotlib and has Arabic glyphs
    "hatch.linewidth": 0.5,
    # Unhinted glyphs: the white halo twins (text drawn as outlines) then match the text exactly in PNGs.
    "text.hinting": "no_hinting",
    # Report text is untrusted and may hold "$": never read it as mathtext (garbled labels, or a crash).
    "text.parse_math": False,
}


def with_snapshot_rc(func: Callable[..., T]) -> Callable[..., T]:
    """Run `func` under the snapshot rcParams: text settings are read when each Text is created."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        with rc_context(RC):
            return func(*args, **kwargs)

    return wrapper


ATTRIBUTION = (
    "Basemap and boundaries: Natural Earth (public domain). Places: GeoNames (CC BY 4.0). "
    "1974 lines and zones after the Israel-Syria Disengagement Agreement (UN S/11302/Add.1), approximate. "
    "Map: sitmap."
)


@functools.cache
def _font(fontsize: float, weight: str) -> FontProperties:
    return FontProperties(family="DejaVu Sans", size=fontsize, weight=weight)


@functools.lru_cache(maxsize=8192)
def text_width_pt(text: str, fontsize: float, weight: str = "normal") -> float:
    """Width of one line of text in points, measured with the font matplotlib will draw it in."""
    return _TEXT_PATH.get_text_width_height_descent(text, _font(fontsize, weight), ismath=False)[0]


BREAK_AFTER = "/-_.?&=,;:"  # a cut word breaks after one of these when it can (URLs, paths, slugs)


def cut_word(word: str, limit_pt: float, fontsize: float) -> list[str]:
    """`word` in pieces no wider than `limit_pt` (the last may be short): the longest prefix that fits,
    found by bisection on measured widths, moved back to just after a URL's separator when one lies in
    its second half. Every character is kept, in order."""
    pieces: list[str] = []
    rest = word
    while rest and text_width_pt(rest, fontsize) > limit_pt:
        lo, hi = 1, len(rest) - 1  # a piece holds at least one character, even on a line too narrow
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if text_width_pt(rest[:mid], fontsize) <= limit_pt:
                lo = mid
            else:
                hi = mid - 1
        soft = max(rest.rfind(c, 0, lo) for c in BREAK_AFTER) + 1
        cut = soft if soft > lo // 2 else lo
        pieces.append(rest[:cut])
        rest = rest[cut:]
    return [*pieces, rest] if rest else pieces


@functools.lru_cache(maxsize=512)
def wrap(text: str, width_in: float, fontsize: float) -> str:
    """Greedy word wrap to a measured width, so no line runs off the page whatever the font metrics; a
    word longer than the line (a URL, a pasted token) is cut (`cut_word`) rather than left overflowing.

    Remembered: every snapshot wraps the same attribution, legend rows and notes at the same widths."""
    limit = width_in * 72.0
    out: list[str] = []
    for paragraph in text.splitlines():
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if not line or text_width_pt(candidate, fontsize) > limit:
                if line:
                    out.append(line)
                *full, line = cut_word(word, limit, fontsize) or [""]
                out.extend(full)
            else:
                line = candidate
        out.append(line)
    return "\n".join(out)


def fit_line(
    text: str, width_in: float, fontsize: float, floor: float, weight: str = "normal"
) -> tuple[str, float]:
    """(text, size) for one line within `width_in`: the size shrunk in half points down to `floor`, then
    the text cut at a word (or anywhere, for one long word) and ended with "…". A title has one line of
    room above the map; left whole it ran off the page."""
    text = " ".join(text.split())
    limit = width_in * 72.0
    size = fontsize
    while size - 0.5 >= floor and text_width_pt(text, size, weight) > limit:
        size -= 0.5
    if text_width_pt(text, size, weight) <= limit:
        return text, size
    lo, hi = 0, len(text)  # the longest prefix that fits with its ellipsis
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width_pt(text[:mid].rstrip() + "…", size, weight) <= limit:
            lo = mid
        else:
            hi = mid - 1
    head = text[:lo]
    at_word = head.rfind(" ")
    if at_word > lo // 2:
        head = head[:at_word]
    return head.rstrip(" ,;:–-") + "…", size


def line_height_in(fontsize: float, lines: int) -> float:
    return lines * fontsize * 1.3 / 72


def _day(d: date | pd.Timestamp) -> str:
    return f"{d.day} {d:%b %Y}"


def window_line(view: View, shown: gpd.GeoDataFrame, as_of: date | None, drawn: int | None = None) -> str:
    """'Window 1 Mar 2025 – 4 Mar 2025 · reporting as of 4 Mar 2025 · 2 events shown'.

    `as_of` defaults to the latest source date among the shown events (when the reporting stops),
    falling back to the window's end. `drawn`: how many of them the frame holds (default: all)."""
    if view.start or view.end:
        since = _day(view.start) if view.start else "the first report"
        until = _day(view.end) if view.end else "the latest"
        span = f"Window {since} – {until}"
        if view.mode == "cumulative":
            span = f"Cumulative to {until}"
    elif not shown.empty:
        span = f"Events {_day(shown['start'].min())} – {_day(shown['end'].max())}"
    else:
        span = "No events in this view"
    if as_of is None:
        found = [s.get("date") for row in shown["sources"] for s in (row or []) if isinstance(s, dict)]
        dates = [d for d in found if isinstance(d, str) and len(d) == 10]
        as_of = date.fromisoformat(max(dates)) if dates else view.end
    parts = [span]
    if as_of:
        parts.append(f"reporting as of {_day(as_of)}")
    n = len(shown) if drawn is None else drawn
    parts.append(f"{n} event{'s' if n != 1 else ''} shown")
    return " · ".join(parts)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _cite_part(value: Any) -> str | None:
    """One part of a citation as text; sources come from report files, so any JSON value may turn up."""
    if value is None or value == "" or value == []:
        return None
    return value if isinstance(value, str) else str(value)


CITE_CHARS = 160  # one citation's longest (a pasted abstract as a title is cut)


def source_cites(shown: gpd.GeoDataFrame) -> list[str]:
    """'<publisher>, “<title>”, <date>' for every source the shown events cite, without repeats."""
    cites = []
    for row in shown["sources"]:
        for src in row if isinstance(row, list | tuple) else []:
            if not isinstance(src, dict):
                continue
            title = _cite_part(src.get("title"))
            parts = [
                _cite_part(src.get("publisher")),
                f"“{title}”" if title else None,
                _cite_part(src.get("date")),
            ]
            cites.append(_clip(", ".join(p for p in parts if p), CITE_CHARS))
    return list(dict.fromkeys(c for c in cites if c))


def sources_line(shown: gpd.GeoDataFrame, limit: int | None = None) -> str:
    """'Sources: <cite>; ...' for the shown events; with `limit`, the first `limit` cites and how many more
    there are (a page has room for a few dozen, a view may cite hundreds)."""
    cites = source_cites(shown)
    if not cites:
        return "Sources: none recorded for the events shown."
    listed = cites if limit is None else cites[:limit]
    more = len(cites) - len(listed)
    tail = f"; … and {more} more sources not listed here (see the events' records)" if more else ""
    return "Sources: " + "; ".join(listed) + tail + "."


def sources_footer(shown: gpd.GeoDataFrame, width_in: float, max_lines: int) -> tuple[str, str]:
    """The sources line and the wrapped footer (sources + attribution) within `max_lines` lines: as many
    cites as fit, then how many more there are, so a view citing ~100 sources cannot push the map off
    the page (its height once went negative and the render failed)."""

    def footer_for(limit: int | None) -> tuple[str, str]:
        line = sources_line(shown, limit)
        return line, wrap(line, width_in, 6.5) + "\n" + wrap(ATTRIBUTION, width_in, 6.5)

    line, footer = footer_for(None)
    if footer.count("\n") + 1 <= max_lines:
        return line, footer
    lo, hi = 0, len(source_cites(shown))  # the most cites that fit: a binary search over the count
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if footer_for(mid)[1].count("\n") + 1 <= max_lines:
            lo = mid
        else:
            hi = mid - 1
    return footer_for(lo)


def notes(
    shown: gpd.GeoDataFrame,
    located: gpd.GeoDataFrame,
    distance: Any,
    bands: bool = False,
    outside: int = 0,
    footprints: bool = True,
    areas_left_off: int = 0,
) -> list[str]:
    """What the legend panel says under the legend, most important first (a short page drops the last):
    the distance and how it was measured, what is not drawn, how many positions are approximate, what
    the bands mean."""
    out: list[str] = []
    if distance is not None:
        out.append(f"{distance.label()}, measured {distance.method}.")
    if not len(shown):
        out.append("No events match this view.")
    missing = len(shown) - len(located)
    if missing:
        out.append(f"{missing} event{'s' if missing != 1 else ''} without a usable location not drawn.")
    if outside:
        out.append(
            f"{outside} more event{'s' if outside != 1 else ''} match the filters but lie outside this frame "
            "or have no location."
        )
    if areas_left_off:  # as on the web map: without the uncertainty overlay an area event has no shape
        out.append(
            f"{areas_left_off} event{'s' if areas_left_off != 1 else ''} placed only to a region or country "
            "not drawn (Location uncertainty is off)."
        )
    estimated = located[located["geo_precision"].isin(["near", "region", "country"])]
    if len(estimated):
        n, total = len(estimated), len(located)
        # Region/country-precision events are drawn as their area (sitmap.footprints), not as a circle.
        areas = estimated["geo_precision"].isin(["region", "country"]).any()
        shown_as = "circles and areas show" if areas else "circles show"
        if not footprints:
            out.append(f"{n} of {total} positions are approximate (where they could be is not drawn).")
        else:
            out.append(f"{n} of {total} positions are approximate; {shown_as} where they could be.")
    if bands:
        out.append("Limitation bands: 0–10, 10–20 and 20–25 km from Line A (west) and Line B (east).")
    return out


def failure_page(fmt: str, title: str, reason: str, size_in: tuple[float, float] = (8.0, 6.0)) -> bytes:
    """A page in the snapshot's format that says it could not be drawn and why, so a failed download
    still gives the analyst a message rather than nothing. Text is drawn literally (no maths)."""
    with rc_context(RC):
        fig = Figure(figsize=size_in, dpi=100)
        FigureCanvasAgg(fig)
        width = size_in[0] - 1.0
        fig.text(0.5, 0.7, wrap(title, width, 16), ha="center", va="bottom", fontsize=16, weight="bold")
        message = wrap(f"This snapshot could not be drawn: {_clip(reason, 600)}", width, 11)
        fig.text(0.5, 0.62, message, ha="center", va="top", fontsize=11, color="#a00000")
        fig.text(0.5, 0.1, "sitmap", ha="center", fontsize=8, color="#666666")
        out = io.BytesIO()
        fig.savefig(out, format=fmt)
    return out.getvalue()
