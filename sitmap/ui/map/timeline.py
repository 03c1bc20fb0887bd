"""The timeline under the map: events per day by type (vocabulary colours) and the selected window.

It follows every filter except time, so it shows where the window sits in what the filters select. Events
known only to a week, month or year, or spanning several days, are drawn as spans in a strip below the daily
bars rather than counted on one arbitrary day. Vega-Lite comes bundled with Streamlit: no CDN.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from sitmap.ui.map.timewindow import Window
from sitmap.vocabulary import EVENT_TYPES, event_type

CHART_HEIGHT = 230  # includes the legend and axis: Streamlit fits the whole chart in it
PLOT_PX = 150  # about the bars' own height in it
GLYPH_MIN_PX = (9, 12)  # a bar segment gets its type's letter when at least this wide and tall


def type_label(key: str) -> str:
    """A type as the timeline names it: its marker letter first, so the legend, the lanes and the letters
    on the bars say the type without relying on colour."""
    t = event_type(key)
    return f"{t.marker} · {t.label}"


# The span strip draws at most this many (start, end, type) groups, the largest (then the earliest): 3,423
# groups at 1M synthetic events, more than a strip 150 px high can show; the per-day counts are bounded by
# days x types and are not cut.
MAX_SPAN_GROUPS = 400


def day_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Single-day events counted per (day, type): columns day, type, count."""
    single = events[events["start"] == events["end"]]
    counts = single.groupby(["start", "event_type"]).size().reset_index(name="count")
    return labelled_days(counts.rename(columns={"start": "day"}))


def labelled_days(counts: pd.DataFrame) -> pd.DataFrame:
    """Per-day counts (day, event_type as stored, count) with the timeline's type labels: day, type, count."""
    if counts.empty:
        return pd.DataFrame({"day": pd.Series(dtype="datetime64[ns]"), "type": [], "count": []})
    return counts.assign(type=counts["event_type"].map(type_label))[["day", "type", "count"]]


def spans(events: pd.DataFrame) -> pd.DataFrame:
    """Multi-day events grouped by (start, end, type): columns start, end, type, count, what."""
    multi = events[events["start"] != events["end"]]
    grouped = (
        multi.groupby(["start", "end", "event_type"])
        .agg(count=("id", "size"), what=("location", "first"))
        .reset_index()
    )
    return span_rows(grouped)


def span_rows(grouped: pd.DataFrame) -> pd.DataFrame:
    """The strip's rows from groups (start, end, event_type as stored, count, what): the
    `MAX_SPAN_GROUPS` largest, in time order, labelled, each drawn to the end of its last day."""
    cols = ["start", "end", "type", "count", "what"]
    if grouped.empty:
        return pd.DataFrame(columns=cols)
    order = ["count", "start", "end", "event_type"]
    kept = grouped.sort_values(order, ascending=[False, True, True, True]).head(MAX_SPAN_GROUPS)
    kept = kept.sort_values(["start", "end", "event_type"])
    kept = kept.assign(type=kept["event_type"].map(type_label), end=kept["end"] + timedelta(days=1))
    return kept[cols].reset_index(drop=True)


Y_AXIS_PX = 110  # both charts reserve the same room for y labels, so their time axes line up
WINDOW_COLOUR = "#1f77b4"


def focus_domain(window: Window, extent: Window) -> Window:
    """A range around the window (its length again on each side, at least two weeks), inside the extent."""
    pad = max(window[1] - window[0] + timedelta(days=1), timedelta(days=14))
    return max(extent[0], window[0] - pad), min(extent[1], window[1] + pad)


def _vega_day(day: pd.Timestamp) -> str:
    """A day as a Vega expression: local midnight, as Vega reads the data's ISO days (months from 0)."""
    return f"datetime({day.year}, {day.month - 1}, {day.day})"


def _iso(day: object) -> str:
    # Local-time ISO stamps everywhere: Vega reads a bare "YYYY-MM-DD" as UTC, which would shift bars.
    return pd.Timestamp(day).strftime("%Y-%m-%dT00:00:00")


def _records(frame: pd.DataFrame, date_cols: tuple[str, ...]) -> list[dict]:
    if frame.empty:
        return []
    out = frame.copy()
    for col in date_cols:
        out[col] = out[col].dt.strftime("%Y-%m-%dT00:00:00")
    return out.to_dict("records")


def records(events: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """The chart data for `events`: (per-day counts, multi-day spans) as JSON-ready records."""
    return _records(day_counts(events), ("day",)), _records(spans(events), ("start", "end"))


def counted_records(per_day: pd.DataFrame, groups: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """`records` from counts made elsewhere (a database's GROUP BY): `per_day` (day, event_type, count) of
    the single-day events, `groups` (start, end, event_type, count, what) of the others."""
    return _records(labelled_days(per_day), ("day",)), _records(span_rows(groups), ("start", "end"))


WEEKLY_ABOVE_DAYS = 180  # longer ranges are counted per week: a bar per day would be under a pixel wide


def bin_counts(days: list[dict], domain_days: Window) -> tuple[list[dict], str]:
    """The per-day counts inside the domain, summed per week (from Monday) when the domain is long."""
    lo, hi = _iso(domain_days[0]), _iso(domain_days[1])
    inside = [r for r in days if lo <= r["day"] <= hi]
    if (domain_days[1] - domain_days[0]).days + 1 <= WEEKLY_ABOVE_DAYS:
        return inside, "day"
    weekly: dict[tuple[str, str], int] = {}
    for r in inside:
        day = date.fromisoformat(r["day"][:10])
        key = ((day - timedelta(days=day.weekday())).isoformat() + "T00:00:00", r["type"])
        weekly[key] = weekly.get(key, 0) + r["count"]
    return [{"day": d, "type": t, "count": n} for (d, t), n in sorted(weekly.items())], "week"


def charts(
    days: list[dict], span_records: list[dict], window: Window, domain_days: Window, shade_window: bool
) -> list[dict]:
    """Vega-Lite specs: the daily-count chart and, when there are multi-day events, the span strip.

    Plain dicts rather than Altair objects (Altair's validation costs ~0.2 s per rerun at 10k events). The
    data travels as named `datasets`, so while the domain stays put a playback step changes only the
    "window" dataset and Streamlit swaps it inside the live chart instead of rebuilding the chart.
    """
    first, last = pd.Timestamp(domain_days[0]), pd.Timestamp(domain_days[1]) + timedelta(days=1)
    # The domain as one Vega expression: given as values, Vega-Lite turned them into date-time signals for x
    # and kept them as they were for x2 (which has no type), and Vega warned of the conflict on every draw.
    scale = {"domain": {"expr": f"[{_vega_day(first)}, {_vega_day(last)}]"}}
    # Years matter on a long axis, days on a short one.
    axis = {"format": "%b %Y" if (last - first).days > 120 else "%d %b", "labelOverlap": True, "title": None}
    colour = {
        "field": "type",
        "type": "nominal",
        "scale": {
            "domain": [type_label(k) for k in EVENT_TYPES],
            "range": [t.colour for t in EVENT_TYPES.values()],
        },
        "legend": {"title": None, "orient": "top", "direction": "horizontal", "columns": 7},
    }
    end = pd.Timestamp(window[1]) + timedelta(days=1)
    shaded = shade_window and window is not None
    datasets = {
        "window": [{"start": _iso(window[0]), "end": _iso(end)}] if shaded else [],
        "edges": [{"day": _iso(window[0])}, {"day": _iso(end)}] if shaded else [],
    }
    window_marks = [
        {
            "data": {"name": "window"},
            "mark": {"type": "rect", "color": WINDOW_COLOUR, "opacity": 0.15},
            "encoding": {
                "x": {"field": "start", "type": "temporal", "scale": scale, "axis": axis},
                "x2": {"field": "end"},
            },
        },
        {
            "data": {"name": "edges"},
            "mark": {"type": "rule", "color": WINDOW_COLOUR, "strokeWidth": 2},
            "encoding": {"x": {"field": "day", "type": "temporal", "scale": scale, "axis": axis}},
        },
    ]
    n_days = max((domain_days[1] - domain_days[0]).days + 1, 1)
    counts, unit = bin_counts(days, domain_days)
    n_bars = n_days if unit == "day" else n_days / 7
    bar_px = max(2, min(24, int(900 // n_bars)))
    bars = {
        "data": {"name": "days"},
        "mark": {"type": "bar", "width": bar_px, "clip": True},
        "encoding": {
            "x": {"field": "day", "type": "temporal", "scale": scale, "axis": axis},
            "y": {
                "aggregate": "sum",
                "field": "count",
                "type": "quantitative",
                "title": f"events / {unit}",
                "axis": {"tickMinStep": 1, "minExtent": Y_AXIS_PX, "maxExtent": Y_AXIS_PX},
            },
            "color": colour,
            "tooltip": [
                {"field": "day", "type": "temporal", "title": "Day" if unit == "day" else "Week of"},
                {"field": "type", "type": "nominal", "title": "Type"},
                {"aggregate": "sum", "field": "count", "type": "quantitative", "title": "Events"},
            ],
        },
    }
    # No single-day event in the range: no bars (an empty stacked layer made Vega warn of an infinite extent).
    layers = [*window_marks, *([bars, *_letters(counts, bar_px, scale, axis)] if counts else [])]
    out = [
        {
            "height": CHART_HEIGHT,
            "layer": layers,
            "resolve": {"scale": {"color": "independent"}},
            "datasets": {**datasets, "days": counts},
        }
    ]
    lo, hi = _iso(first), _iso(last)
    span_records = [r for r in span_records if r["end"] > lo and r["start"] <= hi]
    if span_records:
        strip = {
            "data": {"name": "spans"},
            "mark": {"type": "bar", "height": 8, "cornerRadius": 2, "opacity": 0.8, "clip": True},
            "encoding": {
                "x": {"field": "start", "type": "temporal", "scale": scale, "axis": axis},
                "x2": {"field": "end"},
                "y": {
                    "field": "type",
                    "type": "nominal",
                    "title": None,
                    "axis": {"minExtent": Y_AXIS_PX, "maxExtent": Y_AXIS_PX},
                },
                "color": {**colour, "legend": None},
                "tooltip": [
                    {"field": "start", "type": "temporal", "title": "From"},
                    {"field": "end", "type": "temporal", "title": "Until (exclusive)"},
                    {"field": "type", "type": "nominal", "title": "Type"},
                    {"field": "count", "type": "quantitative", "title": "Events"},
                    {"field": "what", "type": "nominal", "title": "Where (first)"},
                ],
            },
        }
        lanes = len({r["type"] for r in span_records})
        out.append(
            {
                "height": max(60, 40 + 22 * lanes),
                "layer": [*window_marks, strip],
                "datasets": {**datasets, "spans": span_records},
            }
        )
    return out


def _letters(counts: list[dict], bar_px: int, scale: dict, axis: dict) -> list[dict]:
    """Direct labels: each type's letter on its bar segment, where the segment is big enough to hold it."""
    if bar_px < GLYPH_MIN_PX[0] or not counts:
        return []
    totals: dict[str, int] = {}
    for r in counts:
        totals[r["day"]] = totals.get(r["day"], 0) + int(r["count"])
    min_count = max(1, -(-GLYPH_MIN_PX[1] * max(totals.values()) // PLOT_PX))  # ceiling division
    return [
        {
            "data": {"name": "days"},
            "transform": [{"calculate": "substring(datum.type, 0, 1)", "as": "glyph"}],
            "mark": {"type": "text", "baseline": "top", "dy": 2, "fontSize": 9, "fontWeight": "bold"},
            "encoding": {
                "x": {"field": "day", "type": "temporal", "scale": scale, "axis": axis, "bandPosition": 0},
                "y": {"field": "count", "type": "quantitative", "stack": "zero"},
                "detail": {"field": "type", "type": "nominal"},
                "text": {"field": "glyph"},
                "color": {
                    "field": "type",
                    "type": "nominal",
                    "scale": {
                        "domain": [type_label(k) for k in EVENT_TYPES],
                        "range": [t.ink for t in EVENT_TYPES.values()],
                    },
                    "legend": None,
                },
                "opacity": {"condition": {"test": f"datum.count >= {min_count}", "value": 1}, "value": 0},
            },
        }
    ]


def wanted() -> bool:
    """Whether the analyst asked for this timeline (a toggle, off by default). The time bar over the map
    is the everyday timeline (events per day by type, brushable); this one adds the lanes of multi-day
    events and the type letters, at a price paid on every window change (a Vega chart drawn again:
    ~0.15 s of the browser's time at 10k events, and its data sent)."""
    return st.toggle(
        "Detailed timeline",
        key="w_timeline_detailed",
        help="Events per day with type letters, and the events dated to a week, month or year or "
        "spanning several days as spans. The time bar over the map shows the events per day.",
    )


def render(data: tuple[list[dict], list[dict]], window: Window, extent: Window) -> None:
    """Draw the timeline from `records(...)` of the filtered events (all times) with `window` shaded."""
    days, span_records = data
    whole = tuple(window) == tuple(extent)
    head, choice = st.columns([3, 2], vertical_alignment="bottom")
    head.markdown(
        "**Timeline** · events per day by type, per week over long ranges (follows the filters; the window "
        "is shaded)"
    )
    zoom = choice.segmented_control(
        "Timeline range",
        options=["Whole period", "Around the window"],
        default="Around the window",
        key="w_timeline_range",
        label_visibility="collapsed",
        disabled=whole,
    )
    domain = focus_domain(window, extent) if zoom == "Around the window" and not whole else extent
    specs = charts(days, span_records, window, domain, shade_window=not whole)
    st.vega_lite_chart(specs[0], width="stretch", key="timeline_days")
    if len(specs) > 1:
        cut = f" (the {MAX_SPAN_GROUPS} largest groups)" if len(span_records) >= MAX_SPAN_GROUPS else ""
        st.caption(f"Events dated to a week, month or year, or spanning several days{cut}:")
        st.vega_lite_chart(specs[1], width="stretch", key="timeline_spans")
