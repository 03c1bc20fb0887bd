"""Report text out of an HTML page saved from a browser: the article's headings, paragraphs and endnotes.

BeautifulSoup with Python's built-in `html.parser` backend: it repairs the unclosed tags and stray markup
of pages saved from the web, lets us delete whole subtrees (navigation, header, footer, scripts, styles,
share bars) before reading, and needs no compiled extension (lxml would be faster, but reports are a
few hundred kilobytes at most).
"""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

Block = tuple[str, str]  # (kind, text): kind is "heading", "para" or "note"

_DROP_TAGS = (
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button",
    "template", "select", "input", "menu", "dialog", "object", "embed", "canvas", "video", "audio", "img",
)  # fmt: skip
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menubar", "dialog"}
_DROP_CLASS = re.compile(
    r"(?:^|[-_ ])(?:nav|navbar|navigation|menu|breadcrumbs?|site-header|site-footer|footer|sidebar|share|"
    r"sharing|social|cookies?|consent|subscribe|newsletter|related|comments?|advert|ads|promo|popup|modal|"
    r"skip-link|print-only|screen-reader-text|sr-only)(?:[-_ ]|$)",
    re.IGNORECASE,
)
_BLOCKS = {"p", "li", "blockquote", "pre", "dd", "dt", "figcaption", "td", "th", "caption", "address"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_INLINE = {"a", "span", "em", "strong", "b", "i", "u", "sup", "sub", "small", "abbr", "cite", "code", "time"}
_INLINE |= {"mark", "q", "s", "font", "label", "bdi", "bdo", "data", "dfn", "kbd", "var", "wbr", "del", "ins"}
_NOTES_HEADING = re.compile(r"^(?:end\s?notes|notes|footnotes|references|sources|citations)$", re.IGNORECASE)
_MARKER = re.compile(r"^\[?\(?(\d{1,3})\)?\]?$")


def _attr(tag: Tag, name: str) -> str:
    """An attribute as text: "" when absent; a multi-valued one (`class`) joined with spaces."""
    value = tag.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def _is_chrome(tag: Tag) -> bool:
    if tag.name in _DROP_TAGS:
        return True
    if _attr(tag, "role").lower() in _DROP_ROLES or tag.get("aria-hidden") == "true":
        return True
    if tag.has_attr("hidden"):
        return True
    names = _attr(tag, "class") + " " + _attr(tag, "id")
    return bool(_DROP_CLASS.search(names.strip()))


def _root(soup: BeautifulSoup) -> Tag:
    """The article: the <article> or <main> with the most text, else the body."""
    options = soup.find_all("article") + soup.find_all("main") + soup.find_all(role="main")
    if options:
        return max(options, key=lambda t: len(t.get_text(" ", strip=True)))
    return soup.body or soup


def title_text(title: str) -> str:
    """A title's words: entities decoded, then tags dropped ("&lt;i&gt;Iran&lt;/i&gt; Up" -> "Iran Up")."""
    # Decoded first, so an escaped tag (as og:title content carries it) is dropped like a real one.
    return _clean(re.sub(r"<[^<>]*>", "", html.unescape(title)))


def _title(soup: BeautifulSoup) -> str:
    og = soup.find("meta", attrs={"property": "og:title"})
    if isinstance(og, Tag) and _attr(og, "content"):
        return title_text(_attr(og, "content"))
    h1 = soup.find("h1")
    if h1 and h1.get_text(strip=True):
        return _clean(h1.get_text(" "))
    return _clean(soup.title.get_text(" ")) if soup.title else ""


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _mark_citations(root: Tag) -> None:
    """<sup>1</sup> and <a href="#_edn1">1</a> become the plain marker [1] that report files use."""
    for tag in root.find_all(["sup", "a"]):
        text = tag.get_text(strip=True)
        m = _MARKER.match(text)
        if not m:
            continue
        href = _attr(tag, "href") if tag.name == "a" else ""
        if tag.name == "sup" or href.startswith("#"):
            tag.replace_with(NavigableString(f"[{m.group(1)}]"))


def _note_text(tag: Tag) -> str:
    """An endnote's text, with link targets kept when the text does not already show them."""
    text = _clean(tag.get_text(" "))
    hrefs = [_attr(a, "href") for a in tag.find_all("a", href=True)]
    urls = [u for u in hrefs if u.startswith(("http://", "https://"))]
    extra = [u for u in dict.fromkeys(urls) if u not in text]
    return " ".join([text, *extra]).strip()


def html_to_blocks(html: str) -> tuple[str, list[Block]]:
    """(title, blocks) of a saved web page; chrome is removed before reading."""
    soup = BeautifulSoup(html, "html.parser")
    title = _title(soup)
    root = _root(soup)
    for tag in root.find_all(True):
        if not tag.decomposed and _is_chrome(tag):
            tag.decompose()
    _mark_citations(root)
    blocks: list[Block] = []
    state = {"notes": False, "note_no": 0}

    def emit(kind: str, tag: Tag) -> None:
        if kind == "heading":
            text = _clean(tag.get_text(" "))
            if text:
                state["notes"] = bool(_NOTES_HEADING.match(text.rstrip(":")))
                state["note_no"] = 0
                blocks.append(("heading", text))
            return
        if state["notes"]:
            text = _note_text(tag)
            if text:
                state["note_no"] += 1
                if not re.match(r"^\[?\d+[\].]", text) and tag.name == "li":
                    text = f"[{state['note_no']}] {text}"  # an <ol> of notes is numbered by position
                blocks.append(("note", text))
            return
        text = _clean(tag.get_text(""))
        if re.search(r"[^\W\d_]", text):
            blocks.append(("para", text))

    def walk(el: Tag) -> None:
        inline: list[str] = []

        def flush() -> None:
            joined = "".join(inline)
            inline.clear()
            for part in re.split(r"\x00\s*\x00", joined):  # <br><br> separates paragraphs
                text = _clean(part.replace("\x00", " "))
                if re.search(r"[^\W\d_]", text):
                    blocks.append(("note" if state["notes"] else "para", text))

        for child in el.children:
            if isinstance(child, NavigableString):
                if child.__class__.__name__ in ("Comment", "Doctype", "Declaration", "CData"):
                    continue
                inline.append(str(child))
            elif not isinstance(child, Tag):
                continue
            elif child.name in _HEADINGS:
                flush()
                emit("heading", child)
            elif child.name == "br":
                inline.append("\x00")
            elif child.name in _BLOCKS and not child.find(["ul", "ol", "table", "div"]):
                flush()
                emit("para", child)
            elif child.name in _INLINE:
                inline.append(child.get_text(""))
            else:  # div, section, ul, table ...: a block of its own (its <br><br>s split it)
                flush()
                walk(child)
        flush()

    walk(root)
    return title, blocks
