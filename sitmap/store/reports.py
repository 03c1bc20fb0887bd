"""Report texts: Markdown files with front matter, split into paragraphs with stable ids.

A report file (`events/reports/<report-id>.md`)::

    ---
    title: Iran Update, March 4, 2025
    publisher: Institute for the Study of War and AEI's Critical Threats Project
    date: 2025-03-04
    url: https://www.understandingwar.org/...
    authors: [Name One, Name Two]
    ---
    First paragraph ... [1] {#p1}

    Second paragraph ... {#p2}

    ## Notes
    [1] https://example.org/source

A paragraph's id is the `{#id}` at its end; a paragraph without one gets `p<N>` by position. Files written by
sitmap always carry explicit ids, so editing one paragraph never renumbers the others' links.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

from sitmap.model import printable
from sitmap.store.atomic import UnreadableFileError, read_regular_bytes

_ID_SUFFIX = re.compile(r"\s*\{#([A-Za-z0-9_-]+)\}\s*$")
_NOTE_LINE = re.compile(r"^\[(\d+|[a-z])\]\s+(.*)$")
_NOTES_HEADING = re.compile(r"^#{1,6}\s*(notes|endnotes|sources|references)\s*$", re.IGNORECASE)
_CITATION = re.compile(r"\[(\d+)\]")
MAX_FRONT_MATTER_CHARS = 65_536  # a report's metadata is a few lines; far more is a mistake or an attack
MAX_REPORT_BYTES = 20 * 1024 * 1024


class _NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing anchors and aliases: nested aliases let a few hundred bytes expand to
    billions of nodes ("billion laughs"), and report metadata has no use for them."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        # types-PyYAML leaves the pure-Python Parser.peek_event unannotated (it returns an Event).
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            raise yaml.YAMLError(
                f"YAML anchors and aliases (*{event.anchor}) are not allowed in front matter"
            )
        if getattr(event, "anchor", None) is not None:
            raise yaml.YAMLError(
                f"YAML anchors and aliases (&{event.anchor}) are not allowed in front matter"
            )
        return super().compose_node(parent, index)


class _FrontMatter(YAMLHandler):
    """YAML front matter, size-bounded and read with `_NoAliasLoader`."""

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        if len(fm) > MAX_FRONT_MATTER_CHARS:
            raise yaml.YAMLError(
                f"front matter is {len(fm):,} characters, over the {MAX_FRONT_MATTER_CHARS:,}-character limit"
            )
        meta = yaml.load(fm, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
        if meta is None:
            return {}  # empty front matter: no fields, as python-frontmatter treats a non-mapping result
        if not isinstance(meta, dict):
            raise TypeError(f"got a YAML {type(meta).__name__}")
        return meta


def load_front_matter(text: str) -> frontmatter.Post:
    """Front matter and body, read with the bounded, alias-refusing YAML handler (raises yaml.YAMLError)."""
    return frontmatter.loads(text, handler=_FrontMatter())


class ReportError(ValueError):
    """A report file that cannot be read; names the file and the field."""

    def __init__(self, file: str, field: str, message: str):
        super().__init__(f"{printable(file)}:-:{printable(field)}: {printable(message)}")
        self.file, self.field, self.message = file, field, message


@dataclass(frozen=True)
class Paragraph:
    id: str
    text: str
    heading: str = ""  # the nearest heading above, for context in the UI

    @property
    def citations(self) -> list[str]:
        """Citation markers such as [1] in this paragraph, in order, without repeats."""
        return list(dict.fromkeys(_CITATION.findall(self.text)))


@dataclass(frozen=True)
class Report:
    id: str
    title: str
    publisher: str
    date: str
    url: str
    authors: tuple[str, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)
    path: str = ""

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.id == paragraph_id), None)

    def citation(self) -> str:
        """A one-line citation: publisher, title, date, URL."""
        parts = [self.publisher, f"“{self.title}”", self.date, self.url]
        return ", ".join(p for p in parts if p)


def split_paragraphs(body: str) -> tuple[list[Paragraph], dict[str, str]]:
    """Paragraphs (with ids) and endnotes from a report's Markdown body."""
    paragraphs: list[Paragraph] = []
    notes: dict[str, str] = {}
    heading = ""
    in_notes = False
    used: set[str] = set()
    position = 0
    for block in re.split(r"\n\s*\n", body.replace("\r\n", "\n")):
        block = block.strip()
        if not block:
            continue
        first = block.splitlines()[0]
        if _NOTES_HEADING.match(first):
            in_notes = True
            block = "\n".join(block.splitlines()[1:]).strip()
            if not block:
                continue
        elif first.startswith("#"):
            heading = first.lstrip("#").strip()
            in_notes = False
            block = "\n".join(block.splitlines()[1:]).strip()
            if not block:
                continue
        if in_notes:
            for line in block.splitlines():
                if m := _NOTE_LINE.match(line.strip()):
                    notes[m.group(1)] = m.group(2).strip()
            continue
        position += 1
        text = " ".join(line.strip() for line in block.splitlines())
        pid = f"p{position}"
        if m := _ID_SUFFIX.search(text):
            pid = m.group(1)
            text = text[: m.start()].rstrip()
        if pid in used:
            raise ValueError(f"duplicate paragraph id {pid!r}")
        used.add(pid)
        paragraphs.append(Paragraph(pid, text, heading))
    return paragraphs, notes


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def parse_report(text: str, report_id: str, path: str = "") -> Report:
    """A Report from the text of a report file; `ReportError` names the file and field on failure."""
    where = path or report_id
    try:
        post = load_front_matter(text)
    except yaml.YAMLError as e:
        raise ReportError(where, "front_matter", f"front matter is not valid YAML: {e}") from e
    except TypeError as e:  # front matter that is a YAML list or scalar
        raise ReportError(where, "front_matter", f"front matter must be a mapping of fields, {e}") from e
    meta = post.metadata
    for key in ("title", "date"):
        if not meta.get(key):
            raise ReportError(where, f"front_matter.{key}", "required field is missing")
    url = _text(meta.get("url"))
    if url and not re.match(r"^https?://", url):
        raise ReportError(where, "front_matter.url", f"URL must be http or https, got {url!r}")
    authors = meta.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list) or not all(isinstance(a, str | int | float) for a in authors):
        raise ReportError(where, "front_matter.authors", "authors must be a name or a list of names")
    try:
        paragraphs, notes = split_paragraphs(post.content)
    except ValueError as e:
        raise ReportError(where, "body", str(e)) from e
    return Report(
        id=report_id,
        title=_text(meta["title"]),
        publisher=_text(meta.get("publisher")),
        date=_text(meta["date"]),
        url=url,
        authors=tuple(str(a) for a in authors),
        paragraphs=tuple(paragraphs),
        notes=notes,
        path=path,
    )


def load_report(path: Path) -> Report:
    """The report in `path`; ReportError for a file that is unreadable, not a regular file or too big."""
    return parse_report(_read_text(path), path.stem, str(path))


def _read_text(path: Path) -> str:
    try:
        data = read_regular_bytes(path, MAX_REPORT_BYTES)
    except UnreadableFileError as e:
        raise ReportError(str(path), "-", e.reason) from e
    if data is None:
        raise ReportError(str(path), "-", f"file is over the {MAX_REPORT_BYTES:,}-byte limit; not read")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ReportError(str(path), "-", f"not UTF-8 (byte {e.start})") from e


def _is_plain_readme(path: Path) -> bool:
    """A README without front matter is notes about the folder, not a report; one with front matter (a
    report whose id is `readme`, as sitmap saves it) is a report like any other."""
    if path.stem.lower() != "readme":
        return False
    try:
        return not _read_text(path).lstrip("\ufeff").startswith("---")
    except ReportError:
        return False  # then loading it reports why


def read_reports(reports_dir: Path) -> tuple[dict[str, Report], list[ReportError]]:
    """Every `*.md` report under `reports_dir`, keyed by id (the file stem), and the errors met."""
    reports: dict[str, Report] = {}
    errors: list[ReportError] = []
    if not reports_dir.is_dir():
        return reports, errors
    for path in sorted(p for p in reports_dir.iterdir() if p.suffix.lower() == ".md"):
        if _is_plain_readme(path):
            continue
        try:
            reports[path.stem] = load_report(path)
        except ReportError as e:
            errors.append(e)
    return reports, errors


def load_reports(reports_dir: Path) -> dict[str, Report]:
    """The readable reports under `reports_dir`; use `read_reports` to see the errors too."""
    return read_reports(reports_dir)[0]


def render_report(report: Report) -> str:
    """The report as a file sitmap writes: front matter, paragraphs with explicit ids, notes."""
    meta = {
        "title": report.title,
        "publisher": report.publisher,
        "date": report.date,
        "url": report.url,
        "authors": list(report.authors),
    }
    head = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True).strip()
    lines = ["---", head, "---", ""]
    heading = ""
    for p in report.paragraphs:
        if p.heading and p.heading != heading:
            lines += [f"## {p.heading}", ""]
            heading = p.heading
        lines += [f"{p.text} {{#{p.id}}}", ""]
    if report.notes:
        lines += ["## Notes", ""]
        lines += [f"[{k}] {v}" for k, v in report.notes.items()]
        lines.append("")
    return "\n".join(lines)


def _normalise_ws(text: str) -> tuple[str, list[int]]:
    """Text with runs of whitespace folded to one space, and a map from new to old offsets."""
    out: list[str] = []
    index: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        space = ch.isspace()
        if space and prev_space:
            continue
        out.append(" " if space else ch)
        index.append(i)
        prev_space = space
    return "".join(out), index


def find_quote(paragraph_text: str, quote: str) -> tuple[int, int] | None:
    """Character span (start, end) of `quote` in the paragraph, ignoring case and whitespace runs."""
    if not quote or not quote.strip():
        return None
    hay, index = _normalise_ws(paragraph_text)
    needle, _ = _normalise_ws(quote.strip())
    pos = hay.lower().find(needle.lower())
    if pos < 0:
        return None
    end = pos + len(needle) - 1
    return index[pos], index[end] + 1


def passage_parts(paragraph_text: str, quote: str | None) -> tuple[str, str, str]:
    """(before, highlighted, after) — the UI escapes each part and marks the middle one."""
    span = find_quote(paragraph_text, quote or "")
    if span is None:
        return paragraph_text, "", ""
    a, b = span
    return paragraph_text[:a], paragraph_text[a:b], paragraph_text[b:]
