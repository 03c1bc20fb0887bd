"""One candidate on the review page: its sentence and evidence, the edit form, place search, checks,
and the decision (Accept saves it to the store; Reject writes nothing).

Accept and Reject run as button callbacks, before the page script, so the list above the form already
shows the decision. A refused save (validation, a file changed on disk, a duplicate id) leaves the form as
the analyst left it and shows the refusal with the file, feature and field it concerns.
"""

from __future__ import annotations

import streamlit as st

from sitmap.extract.pipeline import Candidate
from sitmap.limits import LimitError, load_limits
from sitmap.reference.layers import Reference
from sitmap.settings import Settings
from sitmap.store.load import Store
from sitmap.store.reports import Report
from sitmap.ui.cache import place_search_index
from sitmap.ui.review import actions, matched, own_place
from sitmap.ui.review import state as rstate
from sitmap.ui.review import stored as stored_event
from sitmap.ui.review.grids import EVIDENCE_COLUMNS, ROW_PX, evidence_config
from sitmap.ui.review.logic import (
    CLAIM_COLOURS,
    DEFAULT_CLICK_RADIUS_M,
    claim_checks,
    default_target,
    evidence_table,
    is_unresolved,
    place_values,
    point_values,
    review_problems,
    same_paragraph_events,
    target_path,
    typed_date_precision,
)
from sitmap.ui.review.unplaced import unresolved_note
from sitmap.ui.text import highlighted, md_escape
from sitmap.vocabulary import CLAIM_STATUSES, EVENT_TYPES, GEO_PRECISIONS, TIME_PRECISIONS


def render(
    settings: Settings,
    store: Store,
    reference: Reference,
    report: Report,
    cand: Candidate,
    stored: dict,
    order: list[str],
) -> None:
    """The panel of the selected candidate (its values were synced into the widgets by the page)."""
    rid = report.id
    values = rstate.values(rid, cand)
    status = rstate.status(rid, cand.id)
    with st.container(border=True, key="rv_candidate"):
        st.markdown(f"**{md_escape(cand.id)}** · confidence {cand.confidence:.2f} · {status}")
        para = report.paragraph(cand.paragraph_id)
        if para is not None:
            s = para.text
            st.markdown(highlighted("", s[cand.start : cand.end], ""))
        with st.expander("Evidence: why each field has its value", expanded=True):
            evidence = evidence_table(cand)
            st.dataframe(evidence, hide_index=True, key=f"rv:{rid}:{cand.id}:evidence",
                         row_height=ROW_PX, column_order=EVIDENCE_COLUMNS,
                         column_config=evidence_config(evidence))  # fmt: skip
        _duplicates(settings, store, rid, cand, values, stored)
        _fields(rid, cand, values, reference)
        _place_search(settings, rid, cand)
        own_place.render(settings, rid, cand.id, values)
        _checks(rid, cand, values, reference)
        if status in ("pending", "in store"):  # a stored one can still be replaced on purpose
            _decision(settings, store, rid, cand, order)


def _duplicates(
    settings: Settings, store: Store, rid: str, cand: Candidate, values: dict, stored: dict
) -> None:
    event_id = values.get("id") or cand.id
    same = [i for i in same_paragraph_events(store.events, cand) if i != event_id]
    if event_id in stored:
        stored_event.render(settings, rid, cand, values, str(stored[event_id]))
    elif (match := matched.match_of(rid, cand.id, event_id)) is not None:
        matched.render(rid, cand, match)
    if same:
        st.caption("Stored events of the same paragraph (possible duplicates): " + md_escape(", ".join(same)))


def _typed_date(rid: str, cand_id: str) -> None:
    """A typed date states its precision (a day, a month, a year): the precision follows it."""
    precision = typed_date_precision(st.session_state.get(rstate.wkey(rid, cand_id, "date")) or "")
    if precision is not None:
        rstate.update(rid, cand_id, {"time_precision": precision})


def _typed_point(rid: str, cand_id: str, reference: Reference) -> None:
    """Typed coordinates place the point as a map click does (precision, radius, country, admin-1)."""
    ss = st.session_state
    lon, lat = ss.get(rstate.wkey(rid, cand_id, "lon")), ss.get(rstate.wkey(rid, cand_id, "lat"))
    if lon is None or lat is None:
        return
    radius = ss.get(rstate.K_CLICK_RADIUS) or DEFAULT_CLICK_RADIUS_M
    current = rstate.report_state(rid)["values"].get(cand_id)  # a point at its place keeps its areas
    rstate.update(rid, cand_id, point_values(lat, lon, radius, reference, current))


def _fields(rid: str, cand: Candidate, values: dict, reference: Reference) -> None:
    k = lambda name: rstate.wkey(rid, cand.id, name)  # noqa: E731
    types = list(EVENT_TYPES) + ([values["event_type"]] if values["event_type"] not in EVENT_TYPES else [])
    c1, c2 = st.columns(2)
    c1.selectbox(
        "Event type", types, key=k("event_type"),
        format_func=lambda t: EVENT_TYPES[t].label if t in EVENT_TYPES else f"{t} (unknown)",
    )  # fmt: skip
    c2.selectbox("Claim status", list(CLAIM_STATUSES), key=k("claim_status"),
                 format_func=lambda s: CLAIM_STATUSES[s]["label"])  # fmt: skip
    if cand.told_by:  # "reported" is whose word: the sentence's source, as written (the report's: escaped)
        c2.caption(f"Told by: {md_escape(cand.told_by)}")
    c1, c2, c3 = st.columns([2, 1, 2])
    c1.text_input(
        "Date", key=k("date"), on_change=_typed_date, args=(rid, cand.id),
        help="YYYY-MM-DD (day, week: its Monday), YYYY-MM (month), YYYY; sets the precision",
    )  # fmt: skip
    c2.selectbox("Precision", list(TIME_PRECISIONS), key=k("time_precision"))
    c3.text_input("Until (optional)", key=k("date_end"), help="Last day/period of a multi-day event")
    actors = sorted(set(values.get("actors") or []))
    st.multiselect("Actors", actors, key=k("actors"), accept_new_options=True,
                   help="Actor 1 first; type a name to add one")  # fmt: skip
    c1, c2, c3 = st.columns(3)
    c1.text_input("Location", key=k("location"))
    c2.text_input("Admin-1", key=k("admin1"))
    c3.text_input("Country", key=k("country"))
    if (note := unresolved_note(cand, values)) is not None:
        st.warning(md_escape(note), icon=":material/help:")  # the name is the report's: escaped
    c1, c2, c3, c4 = st.columns(4)
    placed = (rid, cand.id, reference)
    c1.number_input("Longitude", min_value=-180.0, max_value=180.0, format="%.5f", key=k("lon"),
                    on_change=_typed_point, args=placed)  # fmt: skip
    c2.number_input("Latitude", min_value=-90.0, max_value=90.0, format="%.5f", key=k("lat"),
                    on_change=_typed_point, args=placed)  # fmt: skip
    c3.selectbox("Geo precision", list(GEO_PRECISIONS), key=k("geo_precision"),
                 format_func=lambda g: GEO_PRECISIONS[g]["label"])  # fmt: skip
    c4.number_input("Uncertainty (m)", min_value=0.0, max_value=5_000_000.0, step=500.0, format="%.0f",
                    key=k("uncertainty_m"))  # fmt: skip
    st.text_area("Summary", key=k("summary"), height=80)
    c1, c2 = st.columns(2)
    c1.text_input("Tags (comma-separated)", key=k("tags"))
    c2.text_input("Event id", key=k("id"), help="Letters, digits, '.', '_', ':' or '-'")
    st.button("Reset to the proposal", key=k("reset"), on_click=rstate.reset, args=(rid, cand),
              type="tertiary")  # fmt: skip


def _place_search(settings: Settings, rid: str, cand: Candidate) -> None:
    qkey = rstate.wkey(rid, cand.id, "query")
    if qkey not in st.session_state:  # an unresolved name is searched for straight away
        st.session_state[qkey] = cand.location if is_unresolved(cand) else ""
    limits = load_limits()
    query = st.text_input("Search the gazetteer", key=qkey, placeholder="place name, any spelling")
    if not query.strip():
        return
    try:
        limits.query(query)
    except LimitError as e:
        st.error(f"Not searched: {e}.")
        return
    prefer = {v for v in (cand.admin1, cand.country) if v}  # "Tafs" in a Daraa report: Tafas first
    found = place_search_index(settings).search(query, prefer=prefer)
    if not found:
        st.caption(f"No gazetteer place matches {md_escape(query)}; click the map to place the point.")
        return

    def label(i: int) -> str:
        p = found[i]
        unc = f"±{p['uncertainty_m'] / 1000:g} km" if p.get("uncertainty_m") else ""
        area = ", ".join(v for v in (p["admin1"], p["country"]) if v)
        return " · ".join(v for v in (p["name"], area, p["kind"], unc, p["match"]) if v)

    c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
    pick = c1.selectbox("Gazetteer places", range(len(found)), format_func=label,
                        key=rstate.wkey(rid, cand.id, "pick"))  # fmt: skip
    c2.button("Use this place", key=rstate.wkey(rid, cand.id, "use"), on_click=_use_place,
              args=(rid, cand.id, found[pick or 0]))  # fmt: skip


def _use_place(rid: str, cand_id: str, place: dict) -> None:
    changes = place_values(place)
    rstate.update(rid, cand_id, changes)
    rstate.report_state(rid)["map_target"][cand_id] = ((changes["lat"], changes["lon"]), 11)


def _checks(rid: str, cand: Candidate, values: dict, reference: Reference) -> None:
    for check in claim_checks(cand, values, reference):
        colour = CLAIM_COLOURS.get(check.status, "gray")
        st.markdown(f"Stated distance: :{colour}[{md_escape(check.label())}]")
        if check.note:
            st.caption(md_escape(check.note))
    problems = review_problems(cand, values)
    errors = [str(p) for p in problems if p.is_error]
    warnings = [str(p) for p in problems if not p.is_error]
    if errors:
        st.markdown(":red[To fix before accepting:]")
        st.code("\n".join(errors), language=None, wrap_lines=True)
    if warnings:
        st.code("\n".join(f"[warning] {w}" for w in warnings), language=None, wrap_lines=True)


def _decision(settings: Settings, store: Store, rid: str, cand: Candidate, order: list[str]) -> None:
    k = lambda name: rstate.wkey(rid, cand.id, name)  # noqa: E731
    if k("into") not in st.session_state:
        st.session_state[k("into")] = default_target(rid)
    into = st.text_input("Save into (inside the events folder)", key=k("into"))
    try:
        path = target_path(settings.events_dir, into)
    except ValueError:
        pass  # not a file inside the events folder: Accept says so, naming the problem
    else:  # the version the analyst is looking at: a change on disk after this is a conflict
        rstate.report_state(rid)["seen"][str(path)] = actions.seen_version(store, path)
        st.caption(f"→ {md_escape(path)}" + ("" if path.exists() else " (new file)"))
    error = rstate.report_state(rid)["errors"].get(cand.id)
    if error:
        title, lines = error
        st.error(md_escape(title), icon=":material/error:")
        st.code("\n".join(lines), language=None, wrap_lines=True)
    # The reason gets its own row: beside the buttons it left each ~115 px at 1440 wide, and the shortcut
    # hint cut their labels to "A…", "R…", "N…" (review issue 5). Three equal columns fit label and hint.
    st.text_input("Reason for rejecting", key=k("reason"), placeholder="e.g. commentary, not an event")
    c1, c3, c4 = st.columns(3, vertical_alignment="bottom")
    c1.button(
        "Accept",
        key=k("accept"),
        type="primary",
        icon=":material/check:",
        shortcut=actions.ACCEPT_KEYS,
        on_click=actions.accept,
        args=(settings, rid, cand, order),
    )
    c3.button(
        "Reject",
        key=k("reject"),
        icon=":material/close:",
        shortcut=actions.REJECT_KEYS,
        on_click=actions.reject,
        args=(settings, rid, cand, order),
    )
    c4.button(
        "Next",
        key=k("skip"),
        icon=":material/skip_next:",
        shortcut=actions.SKIP_KEYS,
        on_click=actions.skip,
        args=(rid, cand.id, order),
        help="Leave it pending, show the next",
    )
