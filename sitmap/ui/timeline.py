"""The timeline under the map: events per day by type (vocabulary colours) and the selected window.

It follows every filter except time, so it shows where the window sits in what the filters select. Events
known only to a week, month or year, or spanning several days, are drawn as spans in a strip below the daily
bars rather than counted on one arbitrary day. Vega-Lite comes bundled with Streamlit: no CDN.
"""

from __future__ import annotations

from datetime import timedelta

import altair as alt
import pandas as pd
import streamlit as st

from sitmap.ui.timewindow import Window
from sitmap.vocabulary import EVENT_TYPES, event_type

CHART_HEIGHT = 230  # includes the legend and axis: Streamlit fits the whole chart in it


def day_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Single-day events counted per (day, type): columns day, type, count."""
    single = events[events["start"] == events["end"]]
    if single.empty:
        return pd.DataFrame({"day": pd.Series(dtype="datetime64[ns]"), "type": [], "count": []})
    counts = single.groupby(["start", "event_type"]).size().reset_index(name="count")
    counts["type"] = counts["event_type"].map(lambda k: event_type(k).label)
    return counts.rename(columns={"start": "day"})[["day", "type", "count"]]


def spans(events: pd.DataFrame) -> pd.DataFrame:
    """Multi-day events grouped by (start, end, type): columns start, end, type, count, what."""
    multi = events[events["start"] != events["end"]]
    cols = ["start", "end", "type", "count", "what"]
    if multi.empty:
        return pd.DataFrame(columns=cols)
    grouped = (
        multi.groupby(["start", "end", "event_type"])
        .agg(count=("id", "size"), what=("location", lambda s: "; ".join(str(v) for v in s.head(3))))
        .reset_index()
    )
    grouped["type"] = grouped["event_type"].map(lambda k: event_type(k).label)
    grouped["end"] = grouped["end"] + timedelta(days=1)  # draw to the end of the last day
    return grouped[cols]


Y_AXIS_PX = 110  # both charts reserve the same room for y labels, so their time axes line up


def focus_domain(window: Window, extent: Window) -> Window:
    """A range around the window (its length again on each side, at least two weeks), inside the extent."""
    pad = max(window[1] - window[0] + timedelta(days=1), timedelta(days=14))
    return max(extent[0], window[0] - pad), min(extent[1], window[1] + pad)


def charts(events: pd.DataFrame, window: Window, domain_days: Window, shade_window: bool) -> list[alt.Chart]:
    """The daily-count chart and, when there are multi-day events, the span strip; x over `domain_days`."""
    labels = [t.label for t in EVENT_TYPES.values()]
    type_scale = alt.Scale(domain=labels, range=[t.colour for t in EVENT_TYPES.values()])
    colour = alt.Color(
        "type:N",
        scale=type_scale,
        legend=alt.Legend(title=None, orient="top", direction="horizontal", columns=7),
    )
    first, last = pd.Timestamp(domain_days[0]), pd.Timestamp(domain_days[1]) + timedelta(days=1)
    scale = alt.Scale(domain=[first.isoformat(), last.isoformat()])
    # Years matter on a long axis, days on a short one.
    axis = alt.Axis(format="%b %Y" if (last - first).days > 120 else "%d %b", labelOverlap=True)
    win = pd.DataFrame(
        {"start": [pd.Timestamp(window[0])], "end": [pd.Timestamp(window[1]) + timedelta(days=1)]}
    )
    shade = (
        alt.Chart(win)
        .mark_rect(color="#1f77b4", opacity=0.15)
        .encode(x=alt.X("start:T", scale=scale), x2="end:T")
    )
    edges = (
        alt.Chart(win.melt(value_name="day"))
        .mark_rule(color="#1f77b4", strokeWidth=2)
        .encode(x=alt.X("day:T", scale=scale))
    )
    window_marks = [shade, edges] if shade_window else []
    days = max((domain_days[1] - domain_days[0]).days + 1, 1)
    bars = (
        alt.Chart(day_counts(events))
        .mark_bar(width=max(2, min(24, 900 // days)), clip=True)
        .encode(
            x=alt.X("day:T", title=None, scale=scale, axis=axis),
            y=alt.Y(
                "sum(count):Q",
                title="events / day",
                axis=alt.Axis(tickMinStep=1, minExtent=Y_AXIS_PX, maxExtent=Y_AXIS_PX),
            ),
            color=colour,
            tooltip=[
                alt.Tooltip("day:T", title="Day"),
                "type:N",
                alt.Tooltip("sum(count):Q", title="Events"),
            ],
        )
    )
    out = [alt.layer(*window_marks, bars).properties(height=CHART_HEIGHT)]
    span_data = spans(events)
    if not span_data.empty:
        strip = (
            alt.Chart(span_data)
            .mark_bar(height=8, cornerRadius=2, opacity=0.8, clip=True)
            .encode(
                x=alt.X("start:T", title=None, scale=scale, axis=axis),
                x2="end:T",
                y=alt.Y("type:N", title=None, axis=alt.Axis(minExtent=Y_AXIS_PX, maxExtent=Y_AXIS_PX)),
                color=alt.Color("type:N", scale=type_scale, legend=None),
                tooltip=[
                    alt.Tooltip("start:T", title="From"),
                    alt.Tooltip("end:T", title="Until (exclusive)"),
                    "type:N",
                    "count:Q",
                    alt.Tooltip("what:N", title="Where"),
                ],
            )
        )
        lanes = span_data["type"].nunique()
        out.append(alt.layer(*window_marks, strip).properties(height=max(60, 40 + 22 * lanes)))
    return out


def render(events: pd.DataFrame, window: Window, extent: Window) -> None:
    """Draw the timeline of `events` (already filtered, all times) with `window` shaded."""
    whole = tuple(window) == tuple(extent)
    head, choice = st.columns([3, 2], vertical_alignment="bottom")
    head.markdown("**Timeline** · events per day by type (follows the filters; the window is shaded)")
    zoom = choice.segmented_control(
        "Timeline range",
        options=["Whole period", "Around the window"],
        default="Around the window",
        key="w_timeline_range",
        label_visibility="collapsed",
        disabled=whole,
    )
    domain = focus_domain(window, extent) if zoom == "Around the window" and not whole else extent
    for i, c in enumerate(charts(events, window, domain, shade_window=not whole)):
        st.altair_chart(c, width="stretch", key=f"timeline_{i}")
        if i == 0 and len(events[events["start"] != events["end"]]):
            st.caption("Events dated to a week, month or year, or spanning several days:")
