"""What a page would fetch as it loads: the asset URLs of an HTML page and its style sheets.

The offline check (`offline.offline_html`, the tests) uses it to prove a map loads nothing remote.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")
_CSS_IMPORT = re.compile(r"@import\s+(['\"])([^'\"]+)\1")


def is_remote(url: str) -> bool:
    """An http(s) or protocol-relative URL."""
    return url.startswith(("http://", "https://", "//"))


class _AssetRefs(HTMLParser):
    """Collects URLs a browser would fetch while loading a page (not links a user clicks)."""

    _ATTRS = {
        "script": ("src",),
        "link": ("href",),
        "img": ("src", "srcset"),
        "iframe": ("src",),
        "source": ("src", "srcset"),
        "video": ("src", "poster"),
        "audio": ("src",),
        "embed": ("src",),
        "object": ("data",),
        "input": ("src",),
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in self._ATTRS.get(tag, ()):
                if tag == "link" and not _fetches(dict(attrs).get("rel") or ""):
                    continue
                self.refs.append(value)
            elif name == "style":
                self.refs.extend(css_refs(value))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.refs.extend(css_refs(data))


def _fetches(rel: str) -> bool:
    rels = set(rel.lower().split())
    return bool(rels & {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"})


def css_refs(css: str) -> list[str]:
    """URLs referenced by a stylesheet (url() and @import)."""
    return [m.group(2) for m in CSS_URL.finditer(css)] + [m.group(2) for m in _CSS_IMPORT.finditer(css)]


def remote_asset_refs(html: str) -> list[str]:
    """Remote (http, https, protocol-relative) URLs the page would load as assets.

    Anchors (``<a href>``) are navigation, not assets; URLs inside scripts (tile templates) are
    not seen here, a browser test with a network guard covers those.
    """
    parser = _AssetRefs()
    parser.feed(html)
    parser.close()
    return [ref for ref in parser.refs if is_remote(ref.strip())]
