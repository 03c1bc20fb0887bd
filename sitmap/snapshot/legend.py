"""The legend panel beside a snapshot's map, fitted to its box whatever is on the map.

A view may hold every event type, status and precision, both sides' symbols and all the 1974 layers, and a
page may be short. The panel packs step by step (`STEPS`): less air between rows, then labels and symbols
shrunk down to a 6 pt floor; if even that does not fit, rows are left out and a row says how many
("… and 12 more event types"): first the event types with the fewest events on the map, then any row from
the last up, so the rows that say how to read every marker stay longest. A row's label is wrapped to the
panel, at most three lines long; a word longer than the panel is cut (`sitmap.snapshot.text.wrap`). The
notes under the legend go last-first only when the rows alone fill the panel. Heights come from the
renderer's line metrics; after drawing, text that could run over is measured as drawn, and the panel is
drawn again with less room if it does (a low-dpi PNG draws text wider than the font's metrics say).
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.patches import Circle, Polygon, Rectangle
from matplotlib.text import Text

from sitmap.snapshot.frame import INK, MUTED
from sitmap.snapshot.layers import DASH, LINE_DASHES, MARKER_PT, PAPER_FILL_BOOST, claim_linestyle
from sitmap.snapshot.text import text_width_pt, wrap
from sitmap.style import REF_STYLES, TIME_ALPHA, ZONE
from sitmap.symbology import AFFILIATIONS, FRAMES
from sitmap.vocabulary import CLAIM_STATUSES, TIME_PRECISIONS, event_type

FONT_PT = 7.5  # a row's label at full size (the smallest, the floor, is the last of STEPS)
NOTE_PT = 6.5
TITLE_PT = 10.0
MAX_LINES = 3  # a row's label lines; a longer label ends in "…"
KEEP_TYPES = 3  # the commonest event types stay listed while other rows go
HANDLE_IN = 0.155  # a row's least height at full size: a marker (a count disc is 0.19)
# How a full panel packs, step by step: first less air between rows, then smaller labels and symbols.
STEPS = ((7.5, 0.045), (7.5, 0.025), (7.0, 0.012), (6.5, 0.012), (6.0, 0.012))  # (label pt, gap in)
HANDLE_X, LABEL_X, LEFT = 0.2, 0.42, 0.05  # handle centre, label start, headers and notes (inches)
SPACING = 1.15  # a label's line spacing


@dataclass
class LegendEntry:
    kind: str  # header | marker | status | patch | line | circle | text | symbol | cluster
    label: str
    style: dict


def legend_entries(
    types: list[str],
    statuses: list[str],
    precisions: list[str],
    refs: list[str],
    circles: bool,
    distance: bool,
    counts: dict[str, int] | None = None,
) -> list[LegendEntry]:
    """Legend rows for what is on this map only (types, statuses, precisions and overlays drawn);
    `counts` (events per type) decides which types a full panel leaves out first."""
    out = [LegendEntry("header", "Events", {})] if types else []  # an empty map gets no empty section
    n = counts or {}
    out += [LegendEntry("marker", event_type(t).label, {"key": t, "n": n.get(t, 0)}) for t in types]
    if statuses:
        out.append(LegendEntry("header", "Claim status", {}))
        out += [LegendEntry("status", CLAIM_STATUSES[s]["label"], {"key": s}) for s in statuses]
    if any(p != "day" for p in precisions):
        out.append(LegendEntry("header", "Date precision", {}))
        for key in precisions:
            label = TIME_PRECISIONS[key]["label"] + ("" if key == "day" else f" (on for the whole {key})")
            out.append(LegendEntry("precision", label, {"alpha": TIME_ALPHA[key]}))
    if circles:
        out.append(LegendEntry("circle", "Location uncertainty (radius)", {}))
    if refs:
        out.append(LegendEntry("header", "1974 Disengagement Agreement", {}))
        if "area-of-separation" in refs:
            style = {"fc": ZONE, "ec": ZONE, "hatch": "////"}
            out.append(LegendEntry("patch", "Area of Separation (UNDOF)", style))
        for ref_id, name in (("line-a", "Line A (Israeli side)"), ("line-b", "Line B (Syrian side)")):
            if ref_id in refs:
                out.append(
                    LegendEntry(
                        "line", name, {"ls": LINE_DASHES[ref_id], "colour": REF_STYLES[ref_id]["color"]}
                    )
                )
        for side, name in (
            ("west", "Limitation bands, Israeli side"),
            ("east", "Limitation bands, Syrian side"),
        ):
            bands = [r for r in refs if r.startswith("limitation-") and r.endswith(f"-{side}")]
            if bands:
                out.append(LegendEntry("bands", name, {"side": side}))
    if distance:
        out.append(LegendEntry("line", "Measured distance (geodesic)", {"ls": (0, (4, 2.5)), "colour": INK}))
    return out


class _Measure:
    """Text extents in inches, cheaply: a height from the renderer's own line metrics (measured once per
    size and weight, as matplotlib stacks a text's lines at a fixed pitch), a width from the font's
    metrics (`text_width_pt`) times `widen`, which `draw_legend` raises when the text as drawn turns out
    wider (a PNG at a low dpi draws text a few percent wider than the font says)."""

    PROBE = "ÉÅlpgy"  # tall and deep glyphs: a line's height is at least theirs

    def __init__(self, ax: Axes, renderer: RendererBase) -> None:
        self.renderer = renderer
        self.dpi = ax.figure.dpi
        self.probe = Text(0, 0, "", figure=ax.get_figure(root=True), linespacing=SPACING)
        self.widen = 1.0
        self.pitch: dict[tuple[float, str], tuple[float, float]] = {}

    def _height_px(self, text: str, fontsize: float, weight: str) -> float:
        self.probe.set_text(text)
        self.probe.set_fontsize(fontsize)
        self.probe.set_fontweight(weight)
        return float(self.probe.get_window_extent(self.renderer).height)

    def height_in(self, text: str, fontsize: float, weight: str = "normal") -> float:
        if not text:
            return 0.0
        if (FONT_PT, weight) not in self.pitch:  # unhinted text scales with its size: one probe a weight
            one = self._height_px(self.PROBE, FONT_PT, weight)
            two = self._height_px(f"{self.PROBE}\n{self.PROBE}", FONT_PT, weight)
            self.pitch[FONT_PT, weight] = (one, two - one)
        first, step = self.pitch[FONT_PT, weight]
        return (first + step * text.count("\n")) / self.dpi * fontsize / FONT_PT


def _fit_text(measure: _Measure, text: str, width_in: float, size: float, weight: str, lines: int) -> str:
    """`text` wrapped to `width_in` (less what the renderer was found to add), at most `lines` lines, the
    last ending in "…" if cut."""
    width_in /= measure.widen * (1.08 if weight == "bold" else 1.0)  # wrap measures the regular face
    rows = wrap(text, width_in, size).split("\n")
    if len(rows) > lines:
        last = rows[lines - 1]
        limit = width_in * 72
        while last and text_width_pt(last + "…", size, weight) > limit:
            last = last[:-1]
        rows = [*rows[: lines - 1], last.rstrip() + "…"]
    return "\n".join(rows)


@dataclass
class _Row:
    entry: LegendEntry | None  # None: a note or the "and N more" row
    text: str
    height: float  # inches, its gap below included


def _rows(
    measure: _Measure, entries: list[LegendEntry], notes: list[str], width: float, size: float, gap: float
) -> tuple[list[_Row], list[_Row]]:
    """The legend's rows and the notes' rows at label size `size`, `gap` inches apart, measured."""
    s = size / FONT_PT
    rows = []
    for e in entries:
        if e.kind == "header":
            text = _fit_text(measure, e.label, width - 2 * LEFT, size, "bold", 2)
            rows.append(_Row(e, text, measure.height_in(text, size, "bold") + 2 * gap))
        else:
            text = _fit_text(measure, e.label, width - LABEL_X - LEFT, size, "normal", MAX_LINES)
            rows.append(_Row(e, text, max(HANDLE_IN * s, measure.height_in(text, size)) + gap))
    note_pt = min(NOTE_PT, size)
    note_rows = []
    for note in notes:
        text = _fit_text(measure, note, width - 2 * LEFT, note_pt, "normal", 6)
        note_rows.append(_Row(None, text, measure.height_in(text, note_pt) + 0.05 * s))
    return rows, note_rows


def _more_row(measure: _Measure, dropped: int, size: float, width: float, what: str) -> _Row:
    text = _fit_text(measure, f"… and {dropped} more {what}", width - 2 * LEFT, size, "normal", 2)
    return _Row(None, text, measure.height_in(text, size) + 0.05)


def _kind(row: _Row) -> str:
    return row.entry.kind if row.entry is not None else "text"


def _events(row: _Row) -> int:
    return int(row.entry.style.get("n", 0)) if row.entry is not None else 0


def _drop_order(rows: list[_Row]) -> list[int]:
    """Which rows go first when the panel is full: the event types with the fewest events on the map
    (keeping the `KEEP_TYPES` commonest), then any row from the last up, so the rows that say how to read
    every marker (claim status, date precision, counts) stay as long as they can."""
    markers = [i for i, r in enumerate(rows) if r.entry is not None and r.entry.kind == "marker"]
    by_few = sorted(markers, key=lambda i: (_events(rows[i]), -i))
    first = by_few[: max(0, len(markers) - KEEP_TYPES)]
    items, taken = [i for i, r in enumerate(rows) if _kind(r) != "header"], set(first)
    return first + [i for i in reversed(items) if i not in taken]


def _without(rows: list[_Row], gone: set[int]) -> list[_Row]:
    """`rows` less `gone`, and less any header left with no row under it."""
    out = []
    for i, r in enumerate(rows):
        if i in gone:
            continue
        if _kind(r) == "header":
            following = next((j for j in range(i + 1, len(rows)) if _kind(rows[j]) == "header"), len(rows))
            if all(j in gone for j in range(i + 1, following)):
                continue
        out.append(r)
    return out


def _plan(
    measure: _Measure, entries: list[LegendEntry], notes: list[str], width: float, room: float
) -> tuple[float, float, list[_Row], list[_Row]]:
    """(label size, gap, rows drawn with any "… and N more" row among them, notes drawn) that fit in `room`
    inches: every row at the largest size that fits, else at the floor the rows `_drop_order` spares."""
    for size, gap in STEPS:
        rows, note_rows = _rows(measure, entries, notes, width, size, gap)
        notes_h = 0.06 + sum(r.height for r in note_rows) if note_rows else 0.0
        if sum(r.height for r in rows) + notes_h <= room:
            return size, gap, rows, note_rows
    order = _drop_order(rows)
    more_h = _more_row(measure, 999, size, width, "event types").height
    while True:
        notes_h = 0.06 + sum(r.height for r in note_rows) if note_rows else 0.0
        for d in range(1, len(order) + 1):
            gone = set(order[:d])
            kept = _without(rows, gone)
            if sum(r.height for r in kept) + more_h + notes_h > room:
                continue
            only_types = all(_kind(rows[i]) == "marker" for i in gone)
            more = _more_row(measure, d, size, width, "event types" if only_types else "not listed")
            at = len(kept)
            markers_kept = [i for i, r in enumerate(kept) if _kind(r) == "marker"]
            if only_types and markers_kept:  # under the event types kept, as the last of them
                at = markers_kept[-1] + 1
            return size, gap, [*kept[:at], more, *kept[at:]], note_rows
        if not note_rows:
            return size, gap, [_more_row(measure, len(order), size, width, "not listed")] if order else [], []
        note_rows = note_rows[:-1]  # the rows matter more than the last note


def draw_legend(ax: Axes, entries: list[LegendEntry], notes: list[str]) -> list[str]:
    """The panel beside the map; `ax` spans it with data units in inches. Returns the labels drawn (with
    the "… and N more" row where rows were left out).

    The rows are planned from cheap metrics, drawn, and their text measured as drawn: if any runs past
    the panel's right edge or bottom, the panel is drawn again with that much less room (at most twice)."""
    width, height = ax.get_xlim()[1], ax.get_ylim()[1]
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    measure = _Measure(ax, renderer)
    top = height - 0.1
    title_h = measure.height_in("Legend", TITLE_PT, "bold")
    if title_h + 0.1 <= height:
        ax.text(LEFT, top, "Legend", fontsize=TITLE_PT, fontweight="bold", va="top", color=INK)
        top -= title_h + 0.12
    room = max(0.0, top - 0.02)
    for attempt in range(3):
        before = set(ax.get_children())
        drawn, texts = _draw_rows(ax, _plan(measure, entries, notes, width, room), top)
        box = ax.bbox
        # Only what could overflow is measured as drawn: the lowest text, and any within 10% of the edge.
        right = box.x1 / measure.dpi - 0.1 * width
        near = [t for t in texts if _right_in(t, ax, measure) > right]
        extents = [t.get_window_extent(renderer) for t in [*near, *texts[-1:]]]
        over_right = max((e.x1 - box.x1 for e in extents), default=0.0) / measure.dpi
        over_bottom = max((box.y0 - e.y0 for e in extents), default=0.0) / measure.dpi
        if (over_right <= 0.01 and over_bottom <= 0.01) or attempt == 2:
            break
        for artist in set(ax.get_children()) - before:
            artist.remove()
        if over_right > 0.01:  # the drawn text is wider than the font's metrics: wrap narrower
            measure.widen *= 1.0 + over_right / max(width - LABEL_X - LEFT, 0.1) + 0.02
        room -= max(0.0, over_bottom) + 0.02
    return drawn


def _right_in(t: Text, ax: Axes, measure: _Measure) -> float:
    """Where a drawn text's right edge is by the font's metrics, in figure inches."""
    x = ax.transData.transform((t.get_position()[0], 0))[0] / measure.dpi
    size, weight = t.get_fontsize(), str(t.get_fontweight())
    return (
        x + max(text_width_pt(line, size, weight) for line in t.get_text().split("\n")) / 72 * measure.widen
    )


def _draw_rows(
    ax: Axes, plan: tuple[float, float, list[_Row], list[_Row]], y: float
) -> tuple[list[str], list[Text]]:
    """Draw the planned rows from `y` down: (labels drawn, their texts)."""
    size, gap, rows, note_rows = plan
    s = size / FONT_PT
    drawn, texts = [], []
    for row in rows:
        e = row.entry
        if e is None:  # "… and N more"
            t = ax.text(LEFT, y - 0.02, row.text, fontsize=size, va="top", color=MUTED)
            drawn.append(row.text.replace("\n", " "))
        elif e.kind == "header":
            t = ax.text(LEFT, y - gap, row.text, fontsize=size, fontweight="bold", va="top", color=MUTED)
            t.set_linespacing(SPACING)
            drawn.append(e.label)
        else:
            mid = y - (row.height - gap) / 2
            _draw_handle(ax, e, HANDLE_X, mid, s)
            t = ax.text(LABEL_X, mid, row.text, fontsize=size, va="center", color=INK, linespacing=SPACING)
            drawn.append(e.label)
        texts.append(t)
        y -= row.height
    y -= 0.06
    note_pt = min(NOTE_PT, size)
    for row in note_rows:  # most important first (see snapshot_text.notes)
        texts.append(ax.text(LEFT, y, row.text, fontsize=note_pt, va="top", color=MUTED, linespacing=SPACING))
        y -= row.height
    return drawn, texts


def _draw_handle(ax: Axes, e: LegendEntry, hx: float, y: float, k: float) -> None:
    """The row's symbol, as the map draws that thing, centred on (hx, y) and `k` times its full size (a
    packed legend shrinks its symbols with its labels)."""
    r = MARKER_PT / 2 / 72 * k
    w, h = 0.24 * k, 0.12 * k  # a swatch
    if e.kind == "marker":
        et = event_type(e.style["key"])
        ax.add_artist(Circle((hx, y), r, fc=et.colour, ec="white", lw=1.0))
        ax.text(
            hx,
            y,
            et.marker,
            fontsize=6.5 * k,
            fontweight="bold",
            color=et.ink,
            ha="center",
            va="center_baseline",
        )
    elif e.kind == "status":
        if CLAIM_STATUSES[e.style["key"]]["solid"]:
            ax.add_artist(Circle((hx, y), r, fc="#666666", ec="white", lw=1.0))
        else:
            dash = claim_linestyle(e.style["key"], 2.0 * k)
            ax.add_artist(Circle((hx, y), r - k / 72, fc="white", ec="#666666", lw=2.0 * k, linestyle=dash))
    elif e.kind == "cluster":
        ax.add_artist(Circle((hx, y), r * 1.25, fc="#555555", ec="white", lw=1.0, alpha=0.82))
        ax.text(hx, y, "12", fontsize=5.5 * k, fontweight="bold", color="white", ha="center", va="center")
    elif e.kind == "symbol":  # an affiliation's frame (sitmap.symbology), as the map draws it
        f = 0.0016 * k
        pts = [(hx + (fx - 100) * f, y - (fy - 100) * f) for fx, fy in FRAMES[e.style["side"]]]
        ax.add_artist(Polygon(pts, closed=True, fc=AFFILIATIONS[e.style["side"]][1], ec=INK, lw=0.8))
    elif e.kind == "precision":
        ax.add_artist(Circle((hx, y), r, fc="#444444", ec="white", lw=1.0, alpha=e.style["alpha"]))
    elif e.kind == "circle":
        ax.add_artist(Circle((hx, y), 0.09 * k, fc="#888888", alpha=0.15, ec="none"))
        ax.add_artist(Circle((hx, y), 0.09 * k, fc="none", ec="#666666", lw=0.8, linestyle=DASH))
    elif e.kind == "patch":
        corner = (hx - w / 2, y - h / 2)
        ax.add_artist(Rectangle(corner, w, h, fc=e.style["fc"], alpha=0.3, ec="none"))
        ax.add_artist(
            Rectangle(corner, w, h, fc="none", ec=e.style["ec"], lw=0.6, hatch=e.style.get("hatch"))
        )
    elif e.kind == "bands":  # three swatches, nearest band darkest, as on the map
        for i, band in enumerate(("0-10", "10-20", "20-25")):
            style = REF_STYLES[f"limitation-{band}-{e.style['side']}"]
            alpha = min(1.0, style["fillOpacity"] * PAPER_FILL_BOOST)
            ax.add_artist(
                Rectangle(
                    (hx - w / 2 + i * w / 3, y - h / 2), w / 3, h, fc=style["color"], alpha=alpha, ec="none"
                )
            )
        ax.add_artist(Rectangle((hx - w / 2, y - h / 2), w, h, fc="none", ec="#999999", lw=0.4))
    elif e.kind == "line":
        ax.plot(
            [hx - 0.13 * k, hx + 0.13 * k],
            [y, y],
            color=e.style.get("colour", INK),
            lw=2.0 * k,
            linestyle=e.style["ls"],
        )
