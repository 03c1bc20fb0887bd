"""The analyst's review page: a report's candidate events beside its text; nothing is saved unreviewed.

`render(settings)` is a page body (for `st.Page`; it never calls `st.set_page_config`). The analyst picks a
stored report or ingests a new one, reads each candidate with its sentence highlighted and the evidence for
every field, edits the fields, places the point (gazetteer search or a click on the map) and accepts
(one atomic, version-checked save with the report link) or rejects it (Alt+A / Alt+X; Alt+N skips), and
the next pending candidate comes up, on whichever page of the report it is (`listing`: a long report is
shown a page of paragraphs and their candidates at a time). "Accept N complete" and "Reject N" decide many
of the page's at once. Extraction
only proposes: the only write to the event store is `extract_review.accept_candidate`, behind the Accept
buttons; rejections are recorded beside the report (`extract.decisions`), never in the store.
"""

from __future__ import annotations

import streamlit as st

from sitmap.auth.roles import Action
from sitmap.extract import decisions
from sitmap.extract.pipeline import Candidate
from sitmap.reference.layers import GeodataError, Reference
from sitmap.settings import Settings, load_settings
from sitmap.store.load import Store
from sitmap.store.reports import Report
from sitmap.ui import auth, cache, paging
from sitmap.ui.cache import candidates_for
from sitmap.ui.review import actions, listing
from sitmap.ui.review import form as review_form
from sitmap.ui.review import ingest as review_ingest
from sitmap.ui.review import map as review_map
from sitmap.ui.review import state as rstate
from sitmap.ui.review.queue import is_flagged, stored_matches, stored_matches_in
from sitmap.ui.text import md_escape, md_link

MODES = rstate.MODES


def render(settings: Settings | None = None) -> None:
    """The review page (a Streamlit page body)."""
    settings = settings or load_settings()
    if not auth.allowed(Action.REVIEW, settings):  # app.py routes only reviewers here; this holds anyway
        st.error("Reviewing candidates needs the analyst, editor or admin role.")
        return
    rstate.apply_pending()
    store, _facts = cache.get_store(settings.events_dir)
    st.markdown("### Review candidate events")
    st.caption(
        "Candidates are proposals read from a report. Nothing is written to the event store until you "
        "accept a candidate; rejecting writes nothing."
    )
    user = auth.current_user(settings)
    if user is not None and user.via == "local":
        st.caption(auth.no_login_note(user))
    try:
        reference = cache.get_reference(settings.geodata_dir)
    except GeodataError as exc:  # candidates cannot be placed without the gazetteer: say which file
        st.error(
            f"The reference layers in {md_escape(settings.geodata_dir)} could not be loaded: {md_escape(exc)}"
        )
        return
    if not store.reports:
        st.session_state[rstate.K_MODE] = MODES[1]
    mode = st.radio("Report", MODES, key=rstate.K_MODE, horizontal=True, label_visibility="collapsed")
    if mode == MODES[1]:
        review_ingest.render(settings)
        return
    report = _choose_report(store)
    if report is not None:
        _review(report, store, reference, settings)


def _choose_report(store: Store) -> Report | None:
    reports = sorted(store.reports.values(), key=lambda r: (str(r.date), r.id), reverse=True)
    ids = [r.id for r in reports]
    if st.session_state.get(rstate.K_REPORT) not in ids:
        st.session_state[rstate.K_REPORT] = ids[0]
    by_id = {r.id: r for r in reports}
    rid = st.selectbox(
        "Stored report",
        ids,
        key=rstate.K_REPORT,
        format_func=lambda i: f"{by_id[i].date} · {by_id[i].title} ({i})",
    )
    return by_id.get(rid)


def _review(report: Report, store: Store, reference: Reference, settings: Settings) -> None:
    try:
        cands = candidates_for(report, settings)
    except ValueError as e:  # e.g. a report date that is not YYYY-MM-DD: nothing to anchor dates to
        st.error(f"Could not read candidates from {md_escape(report.id)}: {md_escape(e)}")
        return
    rid = report.id
    rs = rstate.report_state(rid)
    stored = dict(zip(store.events["id"], store.events["source_file"], strict=True))
    # Decided in any session: rejections recorded with the report, and candidates the store already holds.
    rs["recorded"] = decisions.rejections(settings.events_dir, rid)
    rs["in_store"] = (  # the team's database is asked per candidate's place and time window, not read whole
        stored_matches_in(cands, cache.get_event_store(settings))
        if cache.database_url() is not None
        else stored_matches(cands, store.events)
    )
    order = [c.id for c in cands]
    key, page, on_page = listing.page_of(report, cands)
    selected = _selected(rid, on_page)
    paging.follow(key, selected.id if selected is not None else None)
    if selected is not None:
        rstate.sync(rid, selected)  # first, so the list below shows the values the analyst just typed

    st.markdown(f"**{md_link(report.title, report.url)}**")
    st.caption(md_escape(" · ".join(v for v in (report.publisher, report.date, report.id) if v)))
    _flash(rs)
    left, right = st.columns([5, 6], gap="medium")
    with right:
        listing.candidate_list(rid, on_page, cands, rs, stored)
        listing.bulk(settings, rid, on_page, order, page)
    with left:
        listing.report_text(report, selected, on_page, key, page)
        if selected is not None:
            review_map.render(settings, reference, rid, selected, _nearby(rid, selected, cands))
    with right:
        if selected is not None:
            review_form.render(settings, store, reference, report, selected, stored, order)
        elif cands:
            _nothing_pending(rid, order)
        listing.decided(settings, rid, on_page, rs)
    listing.claims_overview(rid, on_page, reference)


def _selected(rid: str, cands: list[Candidate]) -> Candidate | None:
    ss = st.session_state
    show_all = ss.get(rstate.K_SHOW_DECIDED, False)
    options = [c.id for c in cands if show_all or rstate.status(rid, c.id) == "pending"]
    if ss.get(rstate.K_SELECTED) not in options:
        ss[rstate.K_SELECTED] = options[0] if options else None
    return next((c for c in cands if c.id == ss[rstate.K_SELECTED]), None)


def _nothing_pending(rid: str, order: list[str]) -> None:
    left = sum(rstate.status(rid, cid) == "pending" for cid in order)
    if not left:
        st.info("No pending candidates: every candidate of this report has been decided.")
        return
    st.info(f"No pending candidates on this page; {left:,} pending elsewhere in the report.")
    st.button("Next pending candidate", key=f"rv:{rid}:next_pending", icon=":material/skip_next:",
              on_click=actions.skip, args=(rid, "", order))  # fmt: skip


def _flash(rs: rstate.ReportReview) -> None:
    for kind, message in rs.pop("flash", None) or []:
        (st.success if kind == "success" else st.info)(md_escape(message))


def _nearby(rid: str, cand: Candidate, cands: list[Candidate]) -> list[tuple[float, float, int]]:
    """(lat, lon, zoom) of the report's other placed candidates not in doubt: those of the same paragraph
    first (zoom 10), then the report's (zoom 9: the story is usually within 50 km)."""
    out = []
    for c in sorted(cands, key=lambda c: c.paragraph_id != cand.paragraph_id):
        v = rstate.values(rid, c)
        if c.id == cand.id or is_flagged(c) or v.get("lat") is None or v.get("lon") is None:
            continue
        out.append((float(v["lat"]), float(v["lon"]), 10 if c.paragraph_id == cand.paragraph_id else 9))
    return out
