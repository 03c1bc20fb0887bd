"""Input limits for a shared server: one rule per input path, each with one clear message.

Every way text reaches the server (the paste box, an upload, a URL/query parameter, a search box) is
checked here before any parsing, so one user's hostile or mistaken input costs bounded time and memory.
The sizes come from the environment (documented in README's settings table):

- ``SITMAP_MAX_REPORT_MB`` (default 1): a report's text, pasted or uploaded. The Streamlit uploader's
  own ceiling, ``server.maxUploadSize`` in ``.streamlit/config.toml``, must not be lower (a test checks).
- ``SITMAP_MAX_PARAGRAPHS`` (default 5,000): paragraphs in one report.
- ``SITMAP_MAX_QUERY_CHARS`` (default 200): a search box's text.
- ``SITMAP_MAX_PARAM_CHARS`` (default 2,048): one URL query parameter's value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


class LimitError(ValueError):
    """An input over one of the limits; the message names the limit and the setting that raises it."""


@dataclass(frozen=True)
class Limits:
    max_report_mb: float = 1.0
    max_paragraphs: int = 5_000
    max_query_chars: int = 200
    max_param_chars: int = 2_048

    @property
    def max_report_bytes(self) -> int:
        return int(self.max_report_mb * 1024 * 1024)

    def check_report_bytes(self, size: int) -> None:
        if size > self.max_report_bytes:
            raise LimitError(
                f"the report is {size / 1024 / 1024:.1f} MB, over the {self.max_report_mb:g} MB limit "
                "(SITMAP_MAX_REPORT_MB); split it into parts"
            )

    def check_paragraphs(self, count: int) -> None:
        if count > self.max_paragraphs:
            raise LimitError(
                f"the report has {count:,} paragraphs, over the {self.max_paragraphs:,}-paragraph limit "
                "(SITMAP_MAX_PARAGRAPHS); split it into parts"
            )

    def query(self, text: str) -> str:
        """A search box's text, refused when longer than the limit."""
        if len(text) > self.max_query_chars:
            raise LimitError(
                f"the search is {len(text):,} characters, over the {self.max_query_chars}-character "
                "limit (SITMAP_MAX_QUERY_CHARS)"
            )
        return text

    def param(self, name: str, value: str | None) -> str | None:
        """A URL query parameter's value, or None (ignored) when over the limit."""
        if value is not None and len(value) > self.max_param_chars:
            return None
        return value


def load_limits(env: Mapping[str, str] | None = None) -> Limits:
    source: Mapping[str, str] = os.environ if env is None else env
    d = Limits()
    try:
        return Limits(
            max_report_mb=float(source.get("SITMAP_MAX_REPORT_MB", d.max_report_mb)),
            max_paragraphs=int(source.get("SITMAP_MAX_PARAGRAPHS", d.max_paragraphs)),
            max_query_chars=int(source.get("SITMAP_MAX_QUERY_CHARS", d.max_query_chars)),
            max_param_chars=int(source.get("SITMAP_MAX_PARAM_CHARS", d.max_param_chars)),
        )
    except ValueError as e:
        raise ValueError(f"invalid sitmap input limit: {e}") from e
