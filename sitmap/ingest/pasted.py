"""The title of a pasted report that comes without one: its first line, when that line reads as a title.

A pasted text has no file name to fall back on, so without this every pasted report was called "pasted"
(review issue 13) even when it opens with "Quneitra Daily, 3 December 2026".
"""

from __future__ import annotations

import re

from sitmap.ingest.html import title_text

MAX_TITLE_CHARS = 100  # a panel's "Report:" line and the snapshot's citation stay one line
_MAX_LINE_CHARS = 200  # longer than this the first line is a paragraph, not a title
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")


def pasted_title(text: str) -> str | None:
    """The first non-empty line as a title (tags dropped, entities decoded, cut at a word to
    `MAX_TITLE_CHARS`), or None when it does not look like one: a sentence, front matter, no words, or the
    only line of the text."""
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if ln.strip()]
    if len(lines) < 2 or lines[0].startswith("---") or len(lines[0]) > _MAX_LINE_CHARS:
        return None
    title = title_text(_MARKDOWN_HEADING.sub("", lines[0]))
    # A sentence ends with a full stop (a title may end in a date or a question, not ". ").
    if not re.search(r"[^\W\d_]{2}", title) or re.search(r"[^.]\.$", title) and len(title.split()) > 8:
        return None
    if len(title) <= MAX_TITLE_CHARS:
        return title
    cut = title[: MAX_TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut + "…"
