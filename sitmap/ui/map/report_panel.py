"""The panel beside the map: the selected event and its report, with the cited passage highlighted.

Everything from the data (summary, report text, titles) is untrusted: it goes through `text.md_escape`
into plain Markdown, never HTML. The only HTML here is the type chip (vocabulary label and colour, ours) and
a scroll script that receives nothing but a validated paragraph id.
"""

from __future__ import annotations

import html
import json
from datetime import date

import geopandas as gpd
import pandas as pd
import streamlit as st

from sitmap.bidi import isolate
from sitmap.footprints import period_label
from sitmap.geometry import distance_to_reference
from sitmap.reference.layers import Reference
from sitmap.store.reports import Report, passage_parts
from sitmap.ui import keys, paging, state
from sitmap.ui.map import claims_panel
from sitmap.ui.map.selection import fly_target
from sitmap.ui.text import highlighted, is_safe_id, md_escape, md_link
from sitmap.view import View
from sitmap.vocabulary import CLAIM_STATUSES, GEO_PRECISIONS, TIME_PRECISIONS, event_type

PANEL_HEIGHT = 330  # with the event card above it, about the map's height
ZONE_ID = "area-of-separation"
ZONE_RELEVANT_KM = 100.0  # farther than this, the distance to the 1974 zone says nothing useful


def render(
    events: gpd.GeoDataFrame,
    reports: dict[str, Report],
    view: View,
    shown_ids: set[str],
    reference: Reference | None,
) -> None:
    """The selected event's card and its report; a hint (and the reports) when nothing is selected."""
    row = _row(events, view.selected)
    if row is None:
        st.subheader("Report")
        st.caption("Select an event on the map or in the list to read the passage that reports it.")
        if len(reports) == 1:
            _report_text(next(iter(reports.values())), None, events)
        return
    _event_card(row, reference, in_view=row["id"] in shown_ids)
    report = reports.get(row["report_id"]) if isinstance(row["report_id"], str) else None
    if report is None:
        st.caption("No report text is linked to this event.")
        return
    _report_text(report, row, events)


def _row(events: gpd.GeoDataFrame, event_id: str | None) -> pd.Series | None:
    if not event_id:
        return None
    hit = events[events["id"] == event_id]
    return None if hit.empty else hit.iloc[0]


def when(row: pd.Series) -> str:
    """The event's date as precise as it is known, worded as on the map: '3 Mar 2025', 'Apr 2024 (month
    precision)', 'Nov 2023 – Dec 2024 (month precision)'."""
    precision = row["time_precision"]
    text = period_label(row["start"], row["end"], precision)
    if precision in ("day", "week"):
        return text
    label = TIME_PRECISIONS.get(precision, {}).get("label", precision).lower()
    return f"{text} ({label} precision)"


def _chip(event_type_key: str) -> None:
    t = event_type(event_type_key)
    # Vocabulary colour and label only (never data): safe to pass as HTML. The text in the colour's own ink
    # (the map's glyph rule): white on the pale grey of "Other" was near-invisible (a browser review).
    st.html(
        f'<span style="display:inline-block;padding:1px 8px;border-radius:10px;color:{html.escape(t.ink)};'
        f'background:{html.escape(t.colour)};font-size:0.85rem">{html.escape(t.label)}</span>'
    )


def _event_card(row: pd.Series, reference: Reference | None, in_view: bool) -> None:
    with st.container(key="event_card"):
        _chip(row["event_type"])
        name = row["location"] if isinstance(row["location"], str) and row["location"] else "Unnamed place"
        st.markdown(f"**{md_escape(isolate(name))}** · {md_escape(when(row))}")
        st.markdown(md_escape(row["summary"]))
        claim = CLAIM_STATUSES.get(row["claim_status"], {}).get("label", row["claim_status"])
        precision = GEO_PRECISIONS.get(row["geo_precision"], {}).get("label", row["geo_precision"])
        facts = [f"claim: {claim.lower()}", f"location: {precision.lower()}"]
        if pd.notna(row["uncertainty_m"]):
            facts[-1] = f"location: {row['geo_precision']}, ± {row['uncertainty_m'] / 1000:g} km"
        if row.geometry is None:
            facts.append("no usable location (not on the map)")
        place = ", ".join(str(v) for v in (row["admin1"], row["country"]) if isinstance(v, str) and v)
        if place:
            facts.append(place)
        if row["actors"]:
            facts.append("; ".join(row["actors"]))
        distance = _distance_text(row, reference)
        if distance:
            facts.append(distance)
        st.caption(" · ".join(md_escape(f) for f in facts))
        claims_panel.render(row, reference)  # stated distances checked against the geometry
        links = [
            md_link(s.get("title") or s.get("publisher") or "source", s.get("url"))
            for s in row["sources"] or []
            if isinstance(s, dict)
        ]
        if links:
            st.caption("Sources: " + " · ".join(links))
        if not in_view:
            st.caption(":orange[Outside the current window or filters (not on the map).]")


def _distance_text(row: pd.Series, reference: Reference | None) -> str:
    """'≈ 13–18 km to the Area of Separation' for events near the 1974 zone; '' elsewhere or without data."""
    if reference is None or row.geometry is None or row.geometry.is_empty:
        return ""
    try:
        zone = reference.geometry(ZONE_ID)
        uncertainty = float(row["uncertainty_m"]) if pd.notna(row["uncertainty_m"]) else 0.0
        result = distance_to_reference(row.geometry, zone, uncertainty, ZONE_ID)
    except (AttributeError, KeyError, ValueError):
        return ""
    return result.label() if result.min_km <= ZONE_RELEVANT_KM else ""


def _paragraph_events(events: gpd.GeoDataFrame, report_id: str) -> dict[str, pd.DataFrame]:
    mine = events[events["report_id"] == report_id]
    return {pid: group.sort_values(["start", "id"]) for pid, group in mine.groupby("report_paragraph")}


def _show_on_map(ids: list[str], located: gpd.GeoDataFrame) -> None:
    """'Show on map' for a paragraph: select its next event (cycling) and fly to all its located events."""
    current = st.session_state.get(state.S_SELECTED)
    nxt = ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]
    geoms = located.geometry.dropna()
    target = fly_target(geoms.union_all()) if len(geoms) else None
    state.select(nxt, fly_to=target)


def as_text(value: object) -> str:
    """A front-matter value as display text, whatever its type: a date as ISO, a list joined, None as ''."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(t for t in (as_text(v) for v in value) if t)
    return str(value)


def report_line(report: Report) -> str:
    """'Report: **[title](url)** · publisher · date · by authors', escaped; values of any type as text."""
    title = as_text(report.title) or "Untitled report"
    meta = [as_text(report.publisher), as_text(report.date)]
    authors = as_text(report.authors)
    if authors:
        meta.append(f"by {authors}")
    return f"Report: **{md_link(title, report.url)}** · {md_escape(' · '.join(m for m in meta if m))}"


def _report_text(report: Report, row: pd.Series | None, events: gpd.GeoDataFrame) -> None:
    st.caption(report_line(report))
    by_paragraph = _paragraph_events(events, report.id)
    target = row["report_paragraph"] if row is not None else None
    key = paging.page_key(keys.PAGE_REPORT, report.id)
    index = next((i for i, p in enumerate(report.paragraphs) if p.id == target), None) if target else None
    page = paging.current(key, len(report.paragraphs), index, target)
    paging.controls(key, page, "Paragraphs")
    first, end = page.first, page.end
    with st.container(height=PANEL_HEIGHT, key="report_text"):
        heading = next((p.heading for p in reversed(report.paragraphs[:first]) if p.heading), "")
        if heading:
            st.markdown(f"**{md_escape(heading)}** (continued)")
        for p in report.paragraphs[first:end]:
            if p.heading and p.heading != heading:
                heading = p.heading
                st.markdown(f"**{md_escape(heading)}**")
            pid = p.id if is_safe_id(p.id) else ""
            hit = p.id == target
            with st.container(key=f"passage-{pid}" if pid else None, border=hit):
                if hit and row is not None:  # a hit means an event is selected (target is its paragraph)
                    # `quote` is optional: a missing one reads back as NaN from the GeoDataFrame.
                    quote = row["quote"] if isinstance(row["quote"], str) and row["quote"].strip() else ""
                    before, middle, after = passage_parts(p.text, quote)
                    st.markdown(highlighted(before, middle, after))
                    if not quote:
                        st.caption("The event has no quote: the whole paragraph is its source.")
                    elif not middle:
                        st.caption("The event's quote was not found in this paragraph.")
                else:
                    st.markdown(md_escape(p.text))
                linked = by_paragraph.get(p.id)
                if linked is not None and pid:
                    ids = list(linked["id"])
                    located = linked[~linked.geometry.isna()]
                    label = f"Show on map ({len(ids)} event{'s' if len(ids) != 1 else ''})"
                    st.button(
                        label,
                        key=f"show-{pid}",
                        on_click=_show_on_map,
                        args=(ids, located),
                        type="tertiary",
                        icon=":material/location_on:",
                    )
    if row is not None and target and is_safe_id(str(target)):
        _scroll_to(str(target), str(row["id"]))


def _scroll_to(paragraph_id: str, event_id: str) -> None:
    """Scroll the report box so the highlighted passage is in view (ids only, validated and JSON-encoded)."""
    target = json.dumps(".st-key-passage-" + paragraph_id)
    script = f"""<script>
    (() => {{
      const el = document.querySelector({target}); // event {json.dumps(event_id)}
      const box = el && el.closest(".st-key-report_text");  // the report box scrolls, never the page
      if (box && box.scrollHeight > box.clientHeight)
        box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
    }})();
    </script>"""
    st.html(script, unsafe_allow_javascript=True)
