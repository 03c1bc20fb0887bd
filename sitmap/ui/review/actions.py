"""The review page's decisions, run as button callbacks (before the page script, so the list already shows
them): accept one or many (each one validated, locked, version-checked, atomic save), reject one or many
(recorded with the report, nothing written to the store), undo a rejection, skip to the next candidate.

A refused save (validation, a file changed on disk, a duplicate id) leaves the candidate pending with its
edits and shows the refusal with the file, feature and field it concerns. After a decision the next
pending candidate (in list order) is selected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from sitmap.auth.roles import Action
from sitmap.extract import decisions
from sitmap.extract.pipeline import Candidate
from sitmap.extract.review import (
    DuplicateEventError,
    accept_candidate,
    accept_into_store,
    reject_candidate,
)
from sitmap.settings import Settings
from sitmap.store.load import ConflictError, FileVersion, Store, StoreError, ValidationError
from sitmap.ui import auth, cache
from sitmap.ui.review import matched
from sitmap.ui.review import state as rstate
from sitmap.ui.review import stored as stored_event
from sitmap.ui.review.logic import default_target, edited_fields, review_feature, review_problems, target_path
from sitmap.ui.review.queue import next_pending

_UNSET: Any = object()
ACCEPT_KEYS, REJECT_KEYS, SKIP_KEYS = "Alt+A", "Alt+X", "Alt+N"  # shown on the buttons by Streamlit


def seen_version(store: Store, path: Path) -> FileVersion | None:
    """The version of `path` the page was drawn from (a change on disk after this is a conflict)."""
    want = path.resolve()
    for known, version in store.files.items():
        if Path(known).resolve() == want:
            return version
    return FileVersion.of_file(path)


def _advance(rid: str, order: list[str], current: str) -> None:
    """Select the next pending candidate after `current` (the form shows it on this run)."""
    pending = {cid for cid in order if cid != current and rstate.status(rid, cid) == "pending"}
    st.session_state[rstate.K_SELECTED] = next_pending(order, current, pending)


def _stored_file(settings: Settings, event_id: str) -> Path | None:
    """The file holding a stored event of the folder store (None for the database, or when it is gone)."""
    if cache.database_url() is not None:
        return None
    events = cache.get_store(settings.events_dir)[0].events
    hit = events.loc[events["id"] == event_id, "source_file"]
    return Path(str(hit.iloc[0])) if len(hit) else None


def _save(settings: Settings, rid: str, cand: Candidate, values: dict[str, Any]) -> bool:
    """Validate and save one candidate; on a refusal the reason is kept for the form. True when saved."""
    ss = st.session_state
    rs = rstate.report_state(rid)
    into = ss.get(rstate.wkey(rid, cand.id, "into")) or default_target(rid)
    try:
        path = target_path(settings.events_dir, into)
    except ValueError as e:
        rs["errors"][cand.id] = ("Nothing saved: choose another file", [str(e)])
        return False
    errors = [p for p in review_problems(cand, values, file=str(path)) if p.is_error]
    if errors:
        rs["errors"][cand.id] = ("Nothing saved: fix these fields first", [str(p) for p in errors])
        return False
    take = edited_fields(cand, values)  # the analyst's edits win in a merge; the stored fields stay otherwise
    mode = stored_event.choice(rid, cand.id)  # offered only when the id is stored; else a duplicate refuses
    match = matched.match_of(rid, cand.id, values.get("id") or cand.id)
    if match is not None and mode is None:  # the same event under another id: the analyst says which
        same = matched.choice(rid, cand.id)
        if same is None:
            rs["errors"][cand.id] = matched.refusal(match)
            return False
        if same == matched.SAME:  # merged into the stored event, in its own file
            values, mode = {**values, "id": match}, stored_event.MERGE
            path = _stored_file(settings, match) or path
    feature = review_feature(cand, values)
    expected = rs["seen"].get(str(path), _UNSET)
    kwargs = {} if expected is _UNSET else {"expected_version": expected}
    replace, overwrite = mode == stored_event.MERGE, mode == stored_event.OVERWRITE
    why = f"accepted in review of report {rid}"
    try:
        if cache.database_url() is not None:  # the team's database holds the events, not the folder
            result = accept_into_store(
                feature,
                cache.get_event_store(settings),
                user=auth.user_name(),
                why=why,
                take=take,
                replace=replace,
                overwrite=overwrite,
            )
        else:
            result = accept_candidate(
                feature, path, take=take, events_dir=settings.events_dir, settings=settings,
                user=auth.user_name(), why=why, replace=replace, overwrite=overwrite, **kwargs,
            )  # fmt: skip
    except ValidationError as e:
        rs["errors"][cand.id] = ("Nothing saved: the event has errors", [str(p) for p in e.problems])
    except ConflictError as e:
        rs["errors"][cand.id] = (
            "Nothing saved: the file changed on disk since this page was drawn. Your edits are kept and "
            "the page now shows the file as it is: check, then accept again.",
            [str(e)],
        )
    except DuplicateEventError as e:
        rs["errors"][cand.id] = (
            "Nothing saved: an event with this id is already stored. Change the id, or choose Merge or "
            "Overwrite for the stored event (same file only).",
            [str(e)],
        )
    except (StoreError, OSError) as e:
        rs["errors"][cand.id] = ("Nothing saved: the file could not be written", [str(e)])
    else:
        if result.version is not None:  # the next save into this file expects what we wrote
            rs["seen"][str(path)] = result.version
        rs["errors"].pop(cand.id, None)
        rs["status"][cand.id] = "accepted"
        rs["saved"][cand.id] = {
            "path": str(result.path), "id": feature["id"], "replaced": result.replaced,
            "mode": mode if result.replaced else None,
            "how": stored_event.saved_message(result.changed, result.kept, mode) if result.replaced else "",
        }  # fmt: skip
        return True
    return False


@auth.guard(Action.REVIEW)
def accept(settings: Settings, rid: str, cand: Candidate, order: list[str]) -> None:
    """Accept the candidate in the form with its edited values."""
    if _save(settings, rid, cand, rstate.sync(rid, cand)):
        saved = rstate.report_state(rid)["saved"][cand.id]
        verb = {stored_event.MERGE: "Merged into", stored_event.OVERWRITE: "Overwrote"}.get(
            saved["mode"], "Saved"
        )
        how = f" ({saved['how']})" if saved["how"] else ""
        _flash(rid, "success", f"{verb} {saved['id']} in {saved['path']}{how}")
        _advance(rid, order, cand.id)


@auth.guard(Action.REVIEW)
def accept_many(settings: Settings, rid: str, cands: list[Candidate], order: list[str]) -> None:
    """Accept each of `cands` as its values stand (the bulk button offers only complete ones)."""
    saved: list[str] = []
    refused: list[str] = []
    for cand in cands:
        (saved if _save(settings, rid, cand, rstate.values(rid, cand)) else refused).append(cand.id)
    if saved:
        ids = [rstate.report_state(rid)["saved"][cid]["id"] for cid in saved]
        _flash(rid, "success", f"Saved {len(saved)} events: {', '.join(ids)}")
    if refused:
        _flash(rid, "info", f"Not saved (see each candidate): {', '.join(refused)}")
    current = st.session_state.get(rstate.K_SELECTED)
    if current not in order or rstate.status(rid, current) != "pending":
        _advance(rid, order, current or "")


def _record_rejections(settings: Settings, rid: str, rows: list[tuple[Candidate, str]]) -> None:
    rs = rstate.report_state(rid)
    try:
        rs["recorded"] = decisions.record(
            settings.events_dir, rid, rejected=[(c.id, c.paragraph_id, reason) for c, reason in rows]
        )
    except OSError as e:  # still rejected in this session; the next session will offer them again
        _flash(rid, "info", f"Rejections not recorded with the report: {e}")
    for cand, reason in rows:
        reject_candidate(cand, reason)
        rs["status"][cand.id] = "rejected"
        rs["note"][cand.id] = reason or "no reason given"
        rs["errors"].pop(cand.id, None)


@auth.guard(Action.REVIEW)
def reject(settings: Settings, rid: str, cand: Candidate, order: list[str]) -> None:
    """Reject with the reason typed (recorded with the report; nothing is written to the store)."""
    reason = str(st.session_state.get(rstate.wkey(rid, cand.id, "reason")) or "").strip()
    _record_rejections(settings, rid, [(cand, reason)])
    _flash(rid, "info", f"Rejected {cand.id} (no event written)")
    _advance(rid, order, cand.id)


@auth.guard(Action.REVIEW)
def reject_many(settings: Settings, rid: str, cands: list[Candidate], order: list[str], key: str) -> None:
    """Reject the candidates picked for a bulk reject (in the multiselect `key`), each with extraction's
    reason (or none)."""
    picked = set(st.session_state.get(key) or [])
    rows = [(c, c.reason or "rejected in bulk") for c in cands if c.id in picked]
    if not rows:
        return
    _record_rejections(settings, rid, rows)
    st.session_state[key] = []
    _flash(rid, "info", f"Rejected {len(rows)} candidates (no event written)")
    current = st.session_state.get(rstate.K_SELECTED)
    if current not in order or rstate.status(rid, current) != "pending":
        _advance(rid, order, current or "")


@auth.guard(Action.REVIEW)
def undo(settings: Settings, rid: str, cand_id: str) -> None:
    """Take a rejection back (in the session and in the report's record)."""
    rs = rstate.report_state(rid)
    rs["status"].pop(cand_id, None)
    rs["note"].pop(cand_id, None)
    try:
        rs["recorded"] = decisions.record(settings.events_dir, rid, undone=[cand_id])
    except OSError as e:
        _flash(rid, "info", f"Undo not recorded with the report: {e}")
    st.session_state[rstate.K_SELECTED] = cand_id


def skip(rid: str, cand_id: str, order: list[str]) -> None:
    """Leave this candidate pending and show the next one."""
    _advance(rid, order, cand_id)


def _flash(rid: str, kind: str, message: str) -> None:
    rstate.report_state(rid).setdefault("flash", []).append((kind, message))
