"""Untrusted text made safe for Streamlit Markdown (sitmap.ui.text)."""

from __future__ import annotations

import pytest

from sitmap.ui.text import highlighted, md_escape, md_link, safe_url


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
