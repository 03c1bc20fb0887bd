"""The analyst's review page: a report's candidate events beside its text; nothing is saved unreviewed.

`render(settings)` is a page body (for `st.Page`; it never calls `st.set_page_config`). The analyst picks a
stored report or ingests a new one, reads each candidate with its sentence highlighted and the evidence for
every field, edits the fields, places the point (gazetteer search or a click on the map) and accepts
(one atomic, version-checked save with the report link) or rejects it (Alt+A / Alt+X; Alt+N skips), and
the next pending candidate comes up. "Accept N complete" and "Reject N" decide many at once. Extraction
only proposes: the only write to the event store is `extract_review.accept_candidate`, behind the Accept
buttons; rejections are recorded beside the report (`extract.decisions`), never in the store.

Report text is untrusted: it is shown through `text.md_escape`/`text.highlighted` or in dataframes, never
as HTML.
"""

from __future__ import annotations

import json

import streamlit as st

from sitmap.auth.roles import Action
from sitmap.extract import decisions
from sitmap.extract.claims import ClaimCheck
from sitmap.extract.pipeline import Candidate
from sitmap.reference.layers import GeodataError, Reference
from sitmap.settings import Settings, load_settings
from sitmap.store.load import Store
from sitmap.store.reports import Report
from sitmap.ui import auth, cache
from sitmap.ui.cache import candidates_for
from sitmap.ui.review import actions
from sitmap.ui.review import form as review_form
from sitmap.ui.review import ingest as review_ingest
from sitmap.ui.review import map as review_map
from sitmap.ui.review import state as rstate
from sitmap.ui.review.logic import CLAIM_COLOURS, candidate_table, claim_checks, place_label, type_label
from sitmap.ui.review.queue import is_complete, is_flagged, stored_matches
from sitmap.ui.text import highlighted, is_safe_id, md_escape, md_link

TEXT_HEIGHT = 420
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
    rs["in_store"] = stored_matches(cands, store.events)
    order = [c.id for c in cands]
    selected = _selected(rid, cands)
    if selected is not None:
        rstate.sync(rid, selected)  # first, so the list below shows the values the analyst just typed

    st.markdown(f"**{md_link(report.title, report.url)}**")
    st.caption(md_escape(" · ".join(v for v in (report.publisher, report.date, report.id) if v)))
    _flash(rs)
    left, right = st.columns([5, 6], gap="medium")
    with right:
        _candidate_list(rid, cands, rs, stored)
        _bulk(settings, rid, cands, order)
    with left:
        _report_text(report, selected, cands)
        if selected is not None:
            review_map.render(settings, reference, rid, selected, _nearby(rid, selected, cands))
    with right:
        if selected is not None:
            review_form.render(settings, store, reference, report, selected, stored, order)
        elif cands:
            st.info("No pending candidates: every candidate of this report has been decided.")
        _decided(settings, rid, cands, rs)
    _claims_overview(rid, cands, reference)


def _selected(rid: str, cands: list[Candidate]) -> Candidate | None:
    ss = st.session_state
    show_all = ss.get(rstate.K_SHOW_DECIDED, False)
    options = [c.id for c in cands if show_all or rstate.status(rid, c.id) == "pending"]
    if ss.get(rstate.K_SELECTED) not in options:
        ss[rstate.K_SELECTED] = options[0] if options else None
    return next((c for c in cands if c.id == ss[rstate.K_SELECTED]), None)


def _flash(rs: rstate.ReportReview) -> None:
    for kind, message in rs.pop("flash", None) or []:
        (st.success if kind == "success" else st.info)(md_escape(message))


def _pick_row(rid: str, ids: list[str]) -> None:
    """Table row selected: show that candidate in the form (even when it is already decided)."""
    rows = st.session_state[rstate.K_TABLE].selection.rows
    if rows and 0 <= rows[0] < len(ids):
        if rstate.status(rid, ids[rows[0]]) != "pending":
            st.session_state[rstate.K_SHOW_DECIDED] = True
        st.session_state[rstate.K_SELECTED] = ids[rows[0]]


def _candidate_list(
    rid: str, cands: list[Candidate], rs: rstate.ReportReview, stored: dict[str, str]
) -> None:
    pending = sum(rstate.status(rid, c.id) == "pending" for c in cands)
    st.markdown(f"**Candidates** · {pending} pending of {len(cands)}")
    if not cands:
        st.caption("No event was found in this report's sentences.")
        return
    current = {c.id: rs["values"][c.id] for c in cands if c.id in rs["values"]}
    statuses = {c.id: s for c in cands if (s := rstate.status(rid, c.id)) != "pending"}
    table = candidate_table(cands, current, statuses, {i: str(f) for i, f in stored.items()})
    ids = list(table["id"])
    st.dataframe(
        table,
        key=rstate.K_TABLE,
        hide_index=True,
        height=min(38 + 35 * len(table), 280),
        on_select=lambda: _pick_row(rid, ids),
        selection_mode="single-row",
        column_config={"confidence": st.column_config.NumberColumn(format="%.2f", width="small")},
    )
    show_all = st.session_state.get(rstate.K_SHOW_DECIDED, False)
    options = [c.id for c in cands if show_all or rstate.status(rid, c.id) == "pending"]
    labels = {c.id: _option_label(rid, c) for c in cands}
    c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
    with c1:
        if options:
            st.selectbox(
                "Review candidate",
                options,
                key=rstate.K_SELECTED,
                format_func=lambda cid: labels.get(cid, cid),
            )
    with c2:
        st.toggle("Decided too", key=rstate.K_SHOW_DECIDED, help="List accepted and rejected ones as well")


def _option_label(rid: str, cand: Candidate) -> str:
    """The proposal's type, place and date (fixed: the table beside it shows the edited values)."""
    status = rstate.status(rid, cand.id)
    mark = "" if status == "pending" else f" [{status}]"
    where = cand.location or cand.admin1 or cand.country or "no place"
    return f"{type_label(cand.event_type)} · {where} · {cand.date or 'no date'} · {cand.paragraph_id}{mark}"


def _report_text(report: Report, selected: Candidate | None, cands: list[Candidate]) -> None:
    counts: dict[str, int] = {}
    for c in cands:
        counts[c.paragraph_id] = counts.get(c.paragraph_id, 0) + 1
    with st.container(height=TEXT_HEIGHT, key="rv_report_text"):
        heading = ""
        for p in report.paragraphs:
            if p.heading and p.heading != heading:
                heading = p.heading
                st.markdown(f"**{md_escape(heading)}**")
            shown = selected if selected is not None and p.id == selected.paragraph_id else None
            hit = shown is not None
            pid = p.id if is_safe_id(p.id) else ""
            with st.container(key=f"rv-passage-{pid}" if pid else None, border=hit):
                if shown is not None:
                    a, b = shown.start, shown.end
                    st.markdown(highlighted(p.text[:a], p.text[a:b], p.text[b:]))
                else:
                    st.markdown(md_escape(p.text))
                n = counts.get(p.id, 0)
                if n:
                    st.caption(f"{md_escape(p.id)} · {n} candidate{'s' if n != 1 else ''}")
    if selected is not None and is_safe_id(selected.paragraph_id):
        _scroll_to(selected.paragraph_id)


def _scroll_to(paragraph_id: str) -> None:
    """Scroll the text box to the highlighted paragraph (a validated id only, JSON-encoded)."""
    target = json.dumps(".st-key-rv-passage-" + paragraph_id)
    st.html(
        f"""<script>(() => {{
      const el = document.querySelector({target});
      let box = el && el.parentElement;
      const scrolls = (b) =>
        b.scrollHeight > b.clientHeight + 4 && getComputedStyle(b).overflowY !== "visible";
      while (box && !scrolls(box)) box = box.parentElement;
      if (el && box) box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
    }})();</script>""",
        unsafe_allow_javascript=True,
    )


def _decided(settings: Settings, rid: str, cands: list[Candidate], rs: rstate.ReportReview) -> None:
    decided = [c for c in cands if rstate.status(rid, c.id) != "pending"]
    if not decided:
        return
    with st.expander(f"Decided ({len(decided)})", expanded=True):
        for c in decided:
            status = rstate.status(rid, c.id)
            if status == "accepted":
                saved = rs["saved"].get(c.id, {})
                verb = "replaced" if saved.get("replaced") else "saved"
                st.markdown(
                    f":green[accepted] {md_escape(saved.get('id', c.id))} — {verb} in "
                    f"{md_escape(saved.get('path', '?'))}"
                )
            elif status == "in store":
                st.markdown(f":green[in store] {md_escape(rs['in_store'].get(c.id, c.id))}")
            else:
                reason = rs["note"].get(c.id) or rs["recorded"].get(c.id) or "no reason"
                col1, col2 = st.columns([5, 1], vertical_alignment="center")
                col1.markdown(f":red[rejected] {md_escape(c.id)} — {md_escape(reason)}")
                col2.button(
                    "Undo", key=f"rv:{rid}:{c.id}:undo", on_click=actions.undo, args=(settings, rid, c.id)
                )


def _bulk(settings: Settings, rid: str, cands: list[Candidate], order: list[str]) -> None:
    """Decide many at once: accept every complete candidate; reject the picked ones (extraction's doubtful
    ones are picked to start with)."""
    pending = [c for c in cands if rstate.status(rid, c.id) == "pending"]
    if not pending:
        return
    complete = [c for c in pending if is_complete(c, rstate.values(rid, c))]
    key = rstate.K_BULK_REJECT + rid
    ids = [c.id for c in pending]
    if key not in st.session_state:
        st.session_state[key] = [c.id for c in pending if is_flagged(c)]
    st.session_state[key] = [i for i in st.session_state[key] if i in ids]
    labels = {c.id: _option_label(rid, c) for c in pending}
    which = md_escape(", ".join(c.id for c in complete) or "none")
    c1, c2, c3 = st.columns([3, 5, 2], vertical_alignment="bottom")
    c1.button(
        f"Accept {len(complete)} complete", key=f"rv:{rid}:bulk_accept", disabled=not complete,
        icon=":material/done_all:", on_click=actions.accept_many, args=(settings, rid, complete, order),
        help=f"Dated, placed, not in doubt, nothing to fix: {which}",
    )  # fmt: skip
    c2.multiselect("Reject in bulk", ids, key=key, format_func=lambda i: labels.get(i, i),
                   placeholder="pick candidates to reject")  # fmt: skip
    picked = len(st.session_state[key])
    c3.button(f"Reject {picked}", key=f"rv:{rid}:bulk_reject", disabled=not picked,
              icon=":material/delete_sweep:", on_click=actions.reject_many,
              args=(settings, rid, pending, order))  # fmt: skip


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


def _claims_overview(rid: str, cands: list[Candidate], reference: Reference) -> None:
    """Every stated distance in the report, checked against the candidate's current location."""
    rows: list[tuple[Candidate, ClaimCheck]] = []
    for c in cands:
        rows += [(c, check) for check in claim_checks(c, rstate.values(rid, c), reference)]
    if not rows:
        return
    st.markdown("**Stated distances in this report**")
    for c, check in rows:
        colour = CLAIM_COLOURS.get(check.status, "gray")
        where = place_label(rstate.values(rid, c), c)
        st.markdown(
            f":{colour}[{md_escape(check.label())}]  \n"
            f"{md_escape(check.claim.get('text', ''))} — {md_escape(where)} ({md_escape(c.id)})"
        )
