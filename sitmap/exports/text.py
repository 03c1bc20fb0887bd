"""Text that every export format can carry: characters XML 1.0 and GDAL's C strings cannot hold are
shown as their Unicode "control picture" (NUL becomes ␀, ESC becomes ␛) instead of cutting or breaking
the file. The store's validator refuses such characters; this is the exports' own safety net."""

from __future__ import annotations

import re

# XML 1.0 allows TAB, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and U+10000 up; everything else must go.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    # U+2400 + code is the control picture for C0 controls; the rest (surrogates, U+FFFE/F) the
    # replacement character, as a decoder would show them.
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 cannot carry made visible (see the module docstring)."""
    return _NOT_XML.sub(_picture, text)


def has_unsafe(text: str) -> bool:
    """Whether `xml_safe` would change `text`."""
    return _NOT_XML.search(text) is not None
