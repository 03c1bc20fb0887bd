"""Ingest a report: plain text, Markdown or saved HTML -> a report file under `events/reports/`.

The text is split into headings, paragraphs (ids p1, p2, ... by position, or the `{#id}`s a sitmap
Markdown file already has) and endnotes; citation markers such as [1] stay in the text and the notes
they point to are kept. The file is written with `reports.render_report`, atomically, under a lock.

Ingesting the same report twice does not duplicate it: a report whose paragraphs and notes hash to the
same content as a stored one is that report (whatever its id); a different text under an id already
taken is refused rather than overwritten.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from anyascii import anyascii
from filelock import FileLock

from sitmap.extract.dates import find_dates, report_date_from_text
from sitmap.ingest.html import Block, html_to_blocks, title_text
from sitmap.limits import LimitError, Limits, load_limits
from sitmap.store.geojson_io import atomic_write_bytes
from sitmap.store.reports import (
    Paragraph,
    Report,
    load_front_matter,
    parse_report,
    read_reports,
    render_report,
)

_NOTES_HEADING = re.compile(
    r"^(?:end\s?notes|notes|footnotes|references|sources|citations):?$", re.IGNORECASE
)
_NOTE = re.compile(r"^\[(\d+|[a-z])\]\s*(.+)$", re.DOTALL)
_ID_SUFFIX = re.compile(r"\s*\{#([A-Za-z0-9_-]+)\}\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


class IngestError(ValueError):
    """A report that cannot be ingested as given; the message says what to change."""


@dataclass(frozen=True)
class IngestResult:
    report: Report
    path: Path
    created: bool  # False: the same report was already stored (nothing written)
    message: str


def detect_format(text: str, filename: str = "") -> str:
    """ "html", "markdown" or "text", from the file name, else from the content."""
    suffix = Path(filename).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    if suffix == ".txt":
        return "text"
    head = text.lstrip()[:2000].lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(?:body|p|div|article)[\s>]", head):
        return "html"
    if head.startswith("---\n") or re.search(r"^#{1,6} \S", text, re.MULTILINE):
        return "markdown"
    return "text"


def text_to_blocks(text: str) -> list[Block]:
    """Blocks of plain text: paragraphs split on blank lines (or on lines when there are none)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    blocks: list[Block] = []
    for chunk in chunks:
        lines = [ln.strip() for ln in chunk.split("\n") if ln.strip()]
        if not lines:
            continue
        if _NOTES_HEADING.match(lines[0]):
            blocks.append(("heading", lines[0].rstrip(":")))
            lines = lines[1:]
        if lines and all(_NOTE.match(ln) for ln in lines) and len(lines) > 1:
            blocks += [("note", ln) for ln in lines]
        elif lines:
            blocks.append(("para", " ".join(lines)))
    return blocks


def _strip_markdown(text: str) -> str:
    text = re.sub(r"\[\[(\d+)\]\]\([^)]*\)", r"[\1]", text)  # [[1]](url) footnote links
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", r"\1", text)  # [text](url)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    return re.sub(r"`([^`]+)`", r"\1", text)


def markdown_to_blocks(body: str) -> list[Block]:
    """Blocks of a Markdown body: headings, paragraphs (each list item its own), notes."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", body.replace("\r\n", "\n")):
        lines = [ln.rstrip() for ln in chunk.split("\n") if ln.strip()]
        while lines and re.match(r"^#{1,6}\s", lines[0]):
            blocks.append(("heading", lines.pop(0).lstrip("#").strip()))
        if not lines:
            continue
        if any(_LIST_ITEM.match(ln) for ln in lines):
            items: list[str] = []
            for ln in lines:
                if _LIST_ITEM.match(ln) or not items:
                    items.append(_LIST_ITEM.sub("", ln))
                else:
                    items[-1] += " " + ln.strip()
            blocks += [("para", _strip_markdown(i.strip())) for i in items]
        elif all(_NOTE.match(ln.strip()) for ln in lines) and (len(lines) > 1 or _in_notes(blocks)):
            blocks += [("note", ln.strip()) for ln in lines]
        else:
            blocks.append(("para", _strip_markdown(" ".join(ln.strip() for ln in lines))))
    return blocks


def _in_notes(blocks: list[Block]) -> bool:
    heading = next((t for k, t in reversed(blocks) if k == "heading"), "")
    return bool(_NOTES_HEADING.match(heading))


def blocks_to_report(
    blocks: list[Block],
    *,
    report_id: str,
    title: str,
    date_: str,
    url: str,
    publisher: str,
    authors: Iterable[str] = (),
) -> Report:
    """A Report from blocks: paragraphs with stable ids, headings as context, endnotes collected."""
    paragraphs: list[Paragraph] = []
    notes: dict[str, str] = {}
    heading = ""
    in_notes = False
    used: set[str] = set()
    # "[1] ..." paragraphs at the very end with no heading: (paragraph id, its note match)
    trailing_notes: list[tuple[str, re.Match[str]]] = []
    for kind, text in blocks:
        if kind == "heading":
            in_notes = bool(_NOTES_HEADING.match(text))
            heading = "" if in_notes else text.lstrip("#").strip()
            continue
        if kind == "note" or in_notes:
            if m := _NOTE.match(re.sub(r"^(\d+)[.)]\s+", r"[\1] ", text)):
                notes[m.group(1)] = re.sub(r"\s+", " ", m.group(2)).strip()
            continue
        text = re.sub(r"\s+", " ", text).strip().lstrip("#").strip()
        if not text:
            continue
        pid = f"p{len(paragraphs) + 1}"
        if m := _ID_SUFFIX.search(text):
            pid, text = m.group(1), text[: m.start()].rstrip()
        while pid in used:
            pid += "-b"
        used.add(pid)
        paragraphs.append(Paragraph(pid, text, heading))
        note = _NOTE.match(text)
        trailing_notes = trailing_notes + [(pid, note)] if note else []
    if trailing_notes and not notes and len(trailing_notes) < len(paragraphs):
        for _, note in trailing_notes:
            notes[note.group(1)] = note.group(2).strip()
        note_ids = {pid for pid, _ in trailing_notes}
        paragraphs = [p for p in paragraphs if p.id not in note_ids]
    if not paragraphs:
        raise IngestError("no paragraphs of text found")
    return Report(
        id=report_id, title=title, publisher=publisher, date=date_, url=url, authors=tuple(authors),
        paragraphs=tuple(paragraphs), notes=notes,
    )  # fmt: skip


def report_id_for(title: str, report_date: date) -> str:
    """`<title without its date>-<YYYY-MM-DD>`: "Iran Update, March 4, 2025" -> iran-update-2025-03-04.

    Built from the title's words (markup dropped, letters folded to ASCII), so "<i>" never reaches the id.
    """
    words = title_text(title)
    cleaned = words
    for m in sorted(find_dates(words, report_date), key=lambda d: -d.start):
        cleaned = cleaned[: m.start] + cleaned[m.end :]
    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(cleaned).lower()).strip("-")[:60].strip("-") or "report"
    return f"{slug}-{report_date.isoformat()}"


def content_hash(report: Report) -> str:
    """sha256 of the paragraphs' and notes' text, whitespace-folded: what makes two reports the same."""
    fold = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    parts = [fold(p.text) for p in report.paragraphs]
    parts += [f"[{k}] {fold(v)}" for k, v in sorted(report.notes.items())]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def build_report(
    source: str,
    *,
    report_date: date | None = None,
    fmt: str | None = None,
    filename: str = "",
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    report_id: str | None = None,
    limits: Limits | None = None,
) -> Report:
    """A Report from source text in any accepted format; options override what the source says.

    Without `report_date`, the date the source states (front matter, title or dateline) is used.
    The text's size is checked before any parsing and the paragraph count before the report is built
    (`limits`, default from the environment): over either, `IngestError` says which limit.
    """
    limits = limits or load_limits()
    try:
        limits.check_report_bytes(len(source))  # characters: at most the bytes, read before decoding
    except LimitError as e:
        raise IngestError(str(e)) from e
    fmt = fmt or detect_format(source, filename)
    meta: dict = {}
    if fmt == "html":
        found_title, blocks = html_to_blocks(source)
        meta["title"] = found_title
    elif fmt == "markdown":
        try:
            post = load_front_matter(source)
        except (yaml.YAMLError, TypeError) as e:
            raise IngestError(f"front matter is not valid YAML: {e}") from e
        meta = dict(post.metadata)
        blocks = markdown_to_blocks(post.content)
    elif fmt == "text":
        blocks = text_to_blocks(source)
    else:
        raise IngestError(f"unknown format {fmt!r}: html, markdown or text")
    final_title = title or str(meta.get("title") or "").strip() or Path(filename).stem or "Untitled report"
    final_url = url if url is not None else str(meta.get("url") or "")
    if final_url and not re.match(r"^https?://", final_url):
        raise IngestError(f"URL must be http or https, got {final_url!r}")
    authors = meta.get("authors") or []
    try:
        limits.check_paragraphs(sum(1 for kind, _ in blocks if kind != "heading"))
    except LimitError as e:
        raise IngestError(str(e)) from e
    report_date = report_date or _stated_date(meta, final_title, blocks)
    return blocks_to_report(
        blocks,
        report_id=report_id or report_id_for(final_title, report_date),
        title=final_title,
        date_=report_date.isoformat(),
        url=final_url,
        publisher=publisher if publisher is not None else str(meta.get("publisher") or ""),
        authors=[authors] if isinstance(authors, str) else [str(a) for a in authors],
    )


def _stated_date(meta: dict, title: str, blocks: list[Block]) -> date:
    """The report's date as the source gives it: front matter `date`, else the title's or dateline's."""
    value = meta.get("date")
    if isinstance(value, date):
        return value
    if value:
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            pass
    head = "\n".join([title, *(text for _kind, text in blocks[:3])])
    found = report_date_from_text(head)
    if found is None:
        raise IngestError("no report date given and none found in the text's header: give --date YYYY-MM-DD")
    return found


def save_report(report: Report, reports_dir: Path | str) -> IngestResult:
    """Write the report file unless the same content is already stored; never overwrite another text."""
    reports_dir = Path(reports_dir)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}", report.id):
        raise IngestError(f"report id {report.id!r} must be letters, digits, '.', '_' or '-'")
    path = reports_dir / f"{report.id}.md"
    text = render_report(report)
    again = parse_report(text, report.id, str(path))  # what readers will see must be what we meant
    if [(p.id, p.text) for p in again.paragraphs] != [(p.id, p.text) for p in report.paragraphs]:
        raise IngestError("the report would not read back as written (a paragraph looks like markup)")
    digest = content_hash(report)
    reports_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(f"{reports_dir / '.ingest'}.lock", timeout=30):
        existing, _errors = read_reports(reports_dir)
        for rid, other in existing.items():
            if content_hash(other) == digest:
                where = reports_dir / f"{rid}.md"
                return IngestResult(
                    other, where, False, f"already stored as {rid} ({where}); nothing written"
                )
        if path.exists():
            raise IngestError(
                f"{path} already holds a different report with id {report.id!r}; choose another id (--id)"
            )
        atomic_write_bytes(path, text.encode("utf-8"))
    n = len(report.paragraphs)
    return IngestResult(
        again, path, True, f"stored {n} paragraph{'' if n == 1 else 's'} as {report.id} ({path})"
    )


def ingest_report(
    source_path: Path | str,
    *,
    report_date: date | None = None,
    events_dir: Path | str,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    report_id: str | None = None,
    fmt: str | None = None,
    limits: Limits | None = None,
) -> IngestResult:
    """Read a report file (text, Markdown or HTML) and store it under `<events_dir>/reports/`."""
    path = Path(source_path)
    limits = limits or load_limits()
    try:
        limits.check_report_bytes(path.stat().st_size)  # before reading a byte of it
        source = path.read_bytes().decode("utf-8-sig")
    except LimitError as e:
        raise IngestError(f"{path.name}: {e}") from e
    except UnicodeDecodeError as e:
        raise IngestError(f"{path}: not UTF-8 (byte {e.start}); save the page as UTF-8") from e
    except OSError as e:
        raise IngestError(f"{path}: cannot read: {e.strerror}") from e
    report = build_report(
        source, report_date=report_date, fmt=fmt, filename=path.name, title=title, url=url,
        publisher=publisher, report_id=report_id, limits=limits,
    )  # fmt: skip
    return save_report(report, Path(events_dir) / "reports")
