"""Input limits: every path that takes a report refuses oversize or hostile text before parsing it."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from sitmap.ingest.text import IngestError, build_report, ingest_report
from sitmap.limits import LimitError, Limits, load_limits

ROOT = Path(__file__).resolve().parents[1]


def billion_laughs(levels: int) -> str:
    """Markdown whose front matter nests aliases `levels` deep (10**levels strings when expanded)."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{','.join(['*' + prev] * 10)}]")
    last = chr(ord("a") + levels - 1)
    return "---\n" + "\n".join(lines) + f"\nauthors: *{last}\ntitle: t\n---\n\nSome text.\n"


def test_front_matter_aliases_are_refused_before_expansion() -> None:
    # Four levels expand to 10,000 authors: small enough to run on main, where it is accepted.
    with pytest.raises(IngestError, match="aliases"):
        build_report(billion_laughs(4), report_date=date(2025, 3, 5), fmt="markdown")


def test_oversize_paste_is_refused_with_the_limit_named() -> None:
    text = "A paragraph about nothing.\n\n" * 50_000  # ~1.4 MB
    with pytest.raises(IngestError, match="SITMAP_MAX_REPORT_MB"):
        build_report(text, report_date=date(2025, 3, 5), fmt="text")


def test_oversize_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    source = tmp_path / "big.txt"
    source.write_bytes(b"x" * 2048)
    with pytest.raises(IngestError, match="big.txt: the report is"):
        ingest_report(source, report_date=date(2025, 3, 5), events_dir=tmp_path,
                      limits=Limits(max_report_mb=1 / 1024))  # fmt: skip


def test_too_many_paragraphs_are_refused() -> None:
    text = "Para.\n\n" * 101
    with pytest.raises(IngestError, match="101 paragraphs, over the 100-paragraph limit"):
        build_report(text, report_date=date(2025, 3, 5), fmt="text", limits=Limits(max_paragraphs=100))


def test_query_and_param_limits() -> None:
    limits = Limits(max_query_chars=5, max_param_chars=3)
    assert limits.query("abc") == "abc"
    with pytest.raises(LimitError, match="SITMAP_MAX_QUERY_CHARS"):
        limits.query("abcdef")
    assert limits.param("deck", "abcd") is None
    assert limits.param("deck", "abc") == "abc"


def test_limits_from_the_environment() -> None:
    assert load_limits({"SITMAP_MAX_REPORT_MB": "2.5"}).max_report_bytes == int(2.5 * 1024 * 1024)
    with pytest.raises(ValueError, match="input limit"):
        load_limits({"SITMAP_MAX_PARAGRAPHS": "many"})


def test_uploader_ceiling_agrees_with_the_code() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == Limits().max_report_mb


def test_overlong_url_parameter_is_ignored_with_a_note() -> None:
    from sitmap.view.codec import from_query_params

    view, notes = from_query_params({"event_types": "x" * 5000})
    assert any("over 2048 characters" in n for n in notes)
    assert view == type(view)()
