"""Untrusted text made safe for Streamlit Markdown (sitmap.ui.text)."""

from __future__ import annotations

import pytest

from sitmap.ui.text import highlighted, is_safe_id, md_escape, md_link, safe_url


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<img src=x>", r"\<img src\=x\>"),
        ("${a}", r"\$\{a\}"),
        ("`x`", r"\`x\`"),
        ("a\\b", r"a\\b"),
        (":red[x]", r"\:red\[x\]"),
        ("**b** _i_", r"\*\*b\*\* \_i\_"),
        ("line\nbreak", "line break"),
        ("Quneitra 3 March", "Quneitra 3 March"),
        (None, ""),
    ],
)
def test_md_escape(raw, escaped):
    assert md_escape(raw) == escaped


def test_highlighted_marks_only_the_middle_and_escapes_all_parts():
    out = highlighted("a [1] ", "raided <b>", " after")
    assert out == r"a \[1\] :orange-background[**raided \<b\>**] after"
    assert highlighted("whole paragraph", "", "") == "whole paragraph"  # quote not found: no empty mark


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("http://example.org/a_(b) c", "http://example.org/a_%28b%29%20c"),
        ("javascript:alert(1)", None),
        ("data:text/html,x", None),
        ("https:///nohost", None),
        ("ftp://example.org", None),
        (42, None),
    ],
)
def test_safe_url(url, ok):
    assert safe_url(url) == ok


def test_md_link_drops_non_http_targets():
    assert md_link("t", "javascript:x") == "t"
    assert md_link("[t]", "https://e.org") == r"[\[t\]](https://e.org)"


@pytest.mark.parametrize(
    ("raw", "broken_at"),
    [
        ("http://evil.example/x", "http\u2060\\:\\/\\/"),
        ("HTTPS://evil.example", "HTTPS\u2060\\:\\/\\/"),
        ("www.evil.org/path", "www\u2060\\."),
        ("me@evil.org", "me\u2060\\@"),
    ],
)
def test_md_escape_breaks_autolinks(raw, broken_at):
    # Streamlit's Markdown links bare URLs and e-mail addresses even with their punctuation escaped;
    # an invisible word joiner at the scheme, "www." or "@" stops it and the text still reads the same.
    out = md_escape(f"see {raw} now")
    assert broken_at in out
    assert out.replace("\u2060", "").replace("\\", "") == f"see {raw} now"


def test_a_paragraph_id_is_safe_only_as_a_whole():
    """Ids go into element keys and a scrolling script's CSS selector: a trailing newline (which `$` lets
    through) or anything else outside [A-Za-z0-9_-] refuses the id."""
    assert is_safe_id("p12") and is_safe_id("intro_2-b")
    for bad in ("p1\n", "", "p 1", 'p1"]', "x" * 65, None, 3):
        assert not is_safe_id(bad), bad
