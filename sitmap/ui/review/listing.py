"""The review page's listing of one page of a report: its paragraphs (the selected candidate's sentence
highlighted), the candidates of those paragraphs (table, picker, bulk decisions), what was decided and the
stated distances. A long report is shown `paging.PAGE_SIZE` paragraphs at a time (`sitmap.ui.paging`);
bulk buttons act on the page shown, and say so; counts are given for the page and the whole report.

Report text is untrusted: it is shown through `text.md_escape`/`text.highlighted` or in dataframes, never
as HTML.
"""

from __future__ import annotations

import json

import streamlit as st

from sitmap.extract.claims import ClaimCheck
from sitmap.extract.pipeline import Candidate
from sitmap.reference.layers import Reference
from sitmap.settings import Settings
from sitmap.store.reports import Report
from sitmap.ui import keys, paging
from sitmap.ui.review import actions
from sitmap.ui.review import state as rstate
from sitmap.ui.review.grids import LIST_COLUMNS, ROW_PX, list_config
from sitmap.ui.review.logic import CLAIM_COLOURS, candidate_table, claim_checks, place_label, type_label
from sitmap.ui.review.queue import is_complete, is_flagged
from sitmap.ui.text import highlighted, is_safe_id, md_escape

TEXT_HEIGHT = 420


def page_of(report: Report, cands: list[Candidate]) -> tuple[str, paging.Page, list[Candidate]]:
    """(page key, this run's page of the report's paragraphs, the candidates of those paragraphs). The
    page follows a newly selected candidate (the next pending one after a decision may be on another)."""
    key = paging.page_key(keys.PAGE_REVIEW, report.id)
    where = {p.id: i for i, p in enumerate(report.paragraphs)}
    selected = st.session_state.get(rstate.K_SELECTED)
    target = next((where.get(c.paragraph_id, 0) for c in cands if c.id == selected), None)
    page = paging.current(key, len(report.paragraphs), target, selected if target is not None else None)
    return key, page, [c for c in cands if page.holds(where.get(c.paragraph_id, 0))]


def _pick_row(rid: str, ids: list[str]) -> None:
    """Table row selected: show that candidate in the form (even when it is already decided)."""
    rows = st.session_state[rstate.K_TABLE].selection.rows
    if rows and 0 <= rows[0] < len(ids):
        if rstate.status(rid, ids[rows[0]]) != "pending":
            st.session_state[rstate.K_SHOW_DECIDED] = True
        st.session_state[rstate.K_SELECTED] = ids[rows[0]]


def candidate_list(
    rid: str,
    cands: list[Candidate],
    everyone: list[Candidate],
    rs: rstate.ReportReview,
    stored: dict[str, str],
) -> None:
    """The page's candidates (`cands`) of the report's (`everyone`): counts, table and picker."""
    pending = sum(rstate.status(rid, c.id) == "pending" for c in cands)
    if len(cands) == len(everyone):
        st.markdown(f"**Candidates** · {pending} pending of {len(cands)}")
    else:
        total = sum(rstate.status(rid, c.id) == "pending" for c in everyone)
        st.markdown(
            f"**Candidates** · on this page {pending} pending of {len(cands)} · "
            f"in the report {total:,} pending of {len(everyone):,}"
        )
    if not everyone:
        st.caption("No event was found in this report's sentences.")
        return
    if not cands:
        st.caption("No candidate on this page of the report.")
        return
    current = {c.id: rs["values"][c.id] for c in cands if c.id in rs["values"]}
    statuses = {c.id: s for c in cands if (s := rstate.status(rid, c.id)) != "pending"}
    for cid, match in rs["in_store"].items():  # the same event under another id: say which
        if statuses.get(cid) == "in store" and match != cid:
            statuses[cid] = f"in store as {match}"
    table = candidate_table(cands, current, statuses, {i: str(f) for i, f in stored.items()})
    ids = list(table["id"])
    st.dataframe(
        table,
        key=rstate.K_TABLE,
        hide_index=True,
        height=min(38 + ROW_PX * len(table), 38 + 5 * ROW_PX),
        row_height=ROW_PX,
        on_select=lambda: _pick_row(rid, ids),
        selection_mode="single-row",
        column_order=LIST_COLUMNS,
        column_config=list_config(table),
    )
    show_all = st.session_state.get(rstate.K_SHOW_DECIDED, False)
    options = [c.id for c in cands if show_all or rstate.status(rid, c.id) == "pending"]
    labels = {c.id: option_label(rid, c) for c in cands}
    c1, c2 = st.columns([5, 2], vertical_alignment="bottom")  # [4, 1] cut the toggle to "Decided …" at 1440
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


def option_label(rid: str, cand: Candidate) -> str:
    """The proposal's type, place and date (fixed: the table beside it shows the edited values)."""
    status = rstate.status(rid, cand.id)
    mark = "" if status == "pending" else f" [{status}]"
    where = cand.location or cand.admin1 or cand.country or "no place"
    return f"{type_label(cand.event_type)} · {where} · {cand.date or 'no date'} · {cand.paragraph_id}{mark}"


def report_text(
    report: Report, selected: Candidate | None, cands: list[Candidate], key: str, page: paging.Page
) -> None:
    """The page's paragraphs, with page controls when the report has more than one page."""
    counts: dict[str, int] = {}
    for c in cands:
        counts[c.paragraph_id] = counts.get(c.paragraph_id, 0) + 1
    paging.controls(key, page, "Paragraphs")
    with st.container(height=TEXT_HEIGHT, key="rv_report_text"):
        heading = next((p.heading for p in reversed(report.paragraphs[: page.first]) if p.heading), "")
        if heading:
            st.markdown(f"**{md_escape(heading)}** (continued)")
        for p in report.paragraphs[page.first : page.end]:
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


def decided(settings: Settings, rid: str, cands: list[Candidate], rs: rstate.ReportReview) -> None:
    decided = [c for c in cands if rstate.status(rid, c.id) != "pending"]
    if not decided:
        return
    with st.expander(f"Decided ({len(decided)})", expanded=True):
        for c in decided:
            status = rstate.status(rid, c.id)
            if status == "accepted":
                saved = rs["saved"].get(c.id, {})
                verb = {"merge": "merged", "overwrite": "overwritten"}.get(saved.get("mode") or "", "saved")
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


def bulk(settings: Settings, rid: str, cands: list[Candidate], order: list[str], page: paging.Page) -> None:
    """Decide many of the page's candidates at once: accept every complete one; reject the picked ones
    (extraction's doubtful ones are picked to start with)."""
    pending = [c for c in cands if rstate.status(rid, c.id) == "pending"]
    if not pending:
        return
    complete = [c for c in pending if is_complete(c, rstate.values(rid, c))]
    key = f"{rstate.K_BULK_REJECT}{rid}:{page.index}"
    ids = [c.id for c in pending]
    if key not in st.session_state:
        st.session_state[key] = [c.id for c in pending if is_flagged(c)]
    st.session_state[key] = [i for i in st.session_state[key] if i in ids]
    labels = {c.id: option_label(rid, c) for c in pending}
    which = md_escape(", ".join(c.id for c in complete) or "none")
    here = " on this page" if page.pages > 1 else ""
    st.button(
        f"Accept {len(complete)} complete{here}", key=f"rv:{rid}:bulk_accept", disabled=not complete,
        icon=":material/done_all:", on_click=actions.accept_many, args=(settings, rid, complete, order),
        help=f"Dated, placed, not in doubt, nothing to fix: {which}",
    )  # fmt: skip
    c2, c3 = st.columns([3, 2], vertical_alignment="bottom")
    c2.multiselect("Reject in bulk", ids, key=key, format_func=lambda i: labels.get(i, i),
                   placeholder="pick candidates to reject")  # fmt: skip
    picked = len(st.session_state[key])
    c3.button(f"Reject {picked}{here}", key=f"rv:{rid}:bulk_reject", disabled=not picked,
              icon=":material/delete_sweep:", on_click=actions.reject_many,
              args=(settings, rid, pending, order, key))  # fmt: skip


def claims_overview(rid: str, cands: list[Candidate], reference: Reference) -> None:
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
