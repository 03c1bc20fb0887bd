"""Untrusted text (report paragraphs, summaries, source titles) made safe for Streamlit's Markdown.

Report text comes from files anyone can edit, so it is never rendered as HTML (no `unsafe_allow_html`) and
never interpreted as Markdown either: every ASCII punctuation character is backslash-escaped (CommonMark
allows escaping any of them), which also disarms Streamlit's extras (`:emoji:`, `:color[...]`, `$math$`).
Pure functions, no Streamlit import, so they are tested directly.
"""

from __future__ import annotations

import re
import string
from urllib.parse import quote, urlparse

_PUNCT = frozenset(string.punctuation)
_WS = re.compile(r"\s+")
# Streamlit's Markdown turns bare "http://…", "www.…" and "a@b.org" into links even when the punctuation is
# escaped; an invisible word joiner (U+2060) at those points breaks the pattern and renders nothing.
_AUTOLINK = re.compile(r"(?i)(www)(?=\.)|(?=://)|(?=@)")
_JOINER = "\u2060"
HIGHLIGHT = "orange-background"  # Streamlit's coloured-background directive for the cited passage
_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def is_safe_id(text: object) -> bool:
    """Whether `text` (a paragraph id from a report file) may go as it is into an element's key and the CSS
    selector of a script that scrolls to it: letters, digits, '_' and '-' only, the whole of it."""
    return isinstance(text, str) and _SAFE_ID.fullmatch(text) is not None


def md_escape(text: object) -> str:
    """`text` as Markdown that renders literally: punctuation escaped, line breaks folded to spaces."""
    s = _WS.sub(" ", "" if text is None else str(text))
    s = _AUTOLINK.sub(lambda m: (m.group(1) or "") + _JOINER, s)
    return "".join("\\" + ch if ch in _PUNCT else ch for ch in s)


def highlighted(before: str, hit: str, after: str) -> str:
    """Markdown for a paragraph with its middle part (the event's quote) highlighted; all parts escaped."""
    # Bold as well: the theme's orange background alone is faint on some screens and projectors.
    middle = f":{HIGHLIGHT}[**{md_escape(hit)}**]" if hit.strip() else md_escape(hit)
    return md_escape(before) + middle + md_escape(after)


def safe_url(url: object) -> str | None:
    """The URL if it is http(s) with a host, with characters that could break a Markdown link quoted."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    parsed = urlparse(url)
    if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc:
        return None
    # Keep URL syntax, quote anything that could end the link target or open HTML.
    return quote(url, safe="/:?#@!$&'*+,;=%~-._")


def md_link(title: object, url: object) -> str:
    """A Markdown link with an escaped title, or just the escaped title when the URL is not http(s)."""
    label = md_escape(title) or md_escape(url)
    target = safe_url(url)
    return f"[{label}]({target})" if target else label
