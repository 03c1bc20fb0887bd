"""A new report for review: upload a file or paste text (plain, Markdown or HTML), with its metadata.

The text goes through `ingest_report` (the same path as `sitmap ingest`): it is stored under
`<events>/reports/` (or found there already, by content) and then opened for review. A report is not an
event: no event is written here.
"""

from __future__ import annotations

import math
import re
import tempfile
from datetime import date
from pathlib import Path

import streamlit as st

from sitmap.auth.roles import Action
from sitmap.ingest.pasted import pasted_title
from sitmap.ingest.text import IngestError, ingest_report
from sitmap.limits import LimitError, load_limits
from sitmap.settings import Settings
from sitmap.ui import auth
from sitmap.ui.keys import REVIEW_NEW_PREFIX as K
from sitmap.ui.review import state as rstate
from sitmap.ui.text import md_escape

FORMATS = {"auto": None, "plain text": "text", "Markdown": "markdown", "HTML": "html"}
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def render(settings: Settings) -> None:
    """The upload/paste form; on success the page switches to the stored report."""
    st.markdown("**New report** — upload a file or paste its text")
    limits = load_limits()
    upload_mb = upload_limit_mb(limits.max_report_mb)
    with st.form("rv_new_report", border=True):
        upload = st.file_uploader(  # states (and enforces) the limit an upload really has
            "Report file", type=["txt", "md", "markdown", "html", "htm"], key=K + "file",
            max_upload_size=max(1, math.ceil(upload_mb)),
            help=f"Text, Markdown (with front matter) or saved HTML, up to {upload_mb:g} MB",
        )  # fmt: skip
        pasted = st.text_area(  # the browser takes no paste over the limit; the server checks again
            "…or paste the text", key=K + "text", height=180, max_chars=limits.max_report_bytes
        )
        c1, c2 = st.columns(2)
        c1.text_input(
            "Title",
            key=K + "title",
            help="Empty: from the file (front matter, <title>), or a pasted title line",
        )
        c2.date_input("Report date", key=K + "date", value=None, max_value=date.today(),
                      help="Dates without a year are read relative to this day. Empty: the date in the "
                      "report's header or dateline")  # fmt: skip
        c1, c2 = st.columns(2)
        c1.text_input("URL", key=K + "url", placeholder="https://…")
        c2.text_input("Publisher", key=K + "publisher")
        c1, c2 = st.columns(2)
        c1.selectbox("Format", list(FORMATS), key=K + "format")
        c2.text_input("Report id (optional)", key=K + "id", help="Default: <title>-<date>")
        submitted = st.form_submit_button("Ingest and review", type="primary")
    if submitted:
        _ingest(settings, upload, pasted)


def upload_limit_mb(report_mb: float) -> float:
    """An upload's real limit: the report limit (SITMAP_MAX_REPORT_MB), but never over the server's
    `server.maxUploadSize`, which refuses a larger request before the page sees it."""
    server_mb = st.get_option("server.maxUploadSize")
    return min(report_mb, float(server_mb)) if isinstance(server_mb, int | float) else report_mb


@auth.guard(Action.REVIEW)
def _ingest(settings: Settings, upload, pasted: str) -> None:
    ss = st.session_state
    limits = load_limits()
    try:
        limits.check_report_bytes(upload.size if upload is not None else len(pasted))
    except LimitError as e:
        st.error(f"Not ingested: {e}.")
        return
    first_line = None
    if upload is not None:
        data, name = upload.getvalue(), _SAFE_NAME.sub("_", Path(upload.name).name) or "report"
    elif pasted.strip():
        data, name = pasted.encode("utf-8"), "pasted"  # no suffix: the format is read from the content
        first_line = pasted_title(pasted)  # named by its first line when that reads as a title
    else:
        # An oversize paste leaves the box empty (Streamlit 1.67 refuses it whole): say why it may be empty.
        st.error(
            "Upload a file or paste the report's text. The box takes no paste longer than "
            f"{limits.max_report_bytes:,} characters, the report limit (SITMAP_MAX_REPORT_MB)."
        )
        return
    with tempfile.TemporaryDirectory(prefix="sitmap-ingest-") as tmp:
        source = Path(tmp) / name
        source.write_bytes(data)
        text = lambda name: (ss.get(K + name) or "").strip() or None  # noqa: E731
        try:
            result = ingest_report(
                source, report_date=ss.get(K + "date"), events_dir=settings.events_dir,
                title=text("title") or first_line, url=text("url"), publisher=text("publisher"),
                report_id=text("id"),
                fmt=FORMATS[ss.get(K + "format", "auto")], limits=limits,
            )  # fmt: skip
        except IngestError as e:
            hint = "" if ss.get(K + "date") else " (on this page: set the Report date)"
            st.error(f"Not ingested: {md_escape(e)}{hint}")
            return
    rs = rstate.report_state(result.report.id)
    rs.setdefault("flash", []).append(("success" if result.created else "info", result.message))
    rstate.set_pending(**{rstate.K_MODE: rstate.MODES[0], rstate.K_REPORT: result.report.id})
    st.rerun()
