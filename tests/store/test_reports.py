from pathlib import Path

import pytest

from sitmap.store.reports import (
    ReportError,
    find_quote,
    load_report,
    parse_report,
    passage_parts,
    read_reports,
    render_report,
)

DATA = Path(__file__).parents[1] / "data" / "reports"
BUNDLED = Path(__file__).parents[2] / "events" / "reports"


def test_paragraph_ids_explicit_and_positional():
    report = load_report(DATA / "sample.md")
    assert [p.id for p in report.paragraphs] == ["raid", "p2"]
    assert report.paragraph("p2").text == "Second paragraph, wrapped over two lines [2]."
    assert report.paragraph("raid").heading == "Syria"
    assert report.notes == {"1": "https://example.org/one", "2": "https://example.org/two"}
    assert report.paragraph("raid").citations == ["1"]
    assert report.date == "2025-03-04"


def test_render_then_parse_round_trips_with_explicit_ids():
    report = load_report(DATA / "sample.md")
    again = parse_report(render_report(report), report.id)
    assert again.paragraphs == report.paragraphs
    assert again.notes == report.notes
    assert (again.title, again.url, again.authors) == (report.title, report.url, report.authors)


def test_missing_title_names_file_and_field():
    with pytest.raises(ReportError) as err:
        parse_report("---\ndate: 2025-01-01\n---\nText.\n", "r", "events/reports/r.md")
    assert err.value.file == "events/reports/r.md"
    assert err.value.field == "front_matter.title"


def test_non_http_url_refused():
    with pytest.raises(ReportError, match="http"):
        parse_report("---\ntitle: t\ndate: 2025-01-01\nurl: file:///etc/passwd\n---\nx\n", "r")


def test_duplicate_paragraph_ids_refused():
    with pytest.raises(ReportError, match="duplicate"):
        parse_report("---\ntitle: t\ndate: 2025-01-01\n---\na {#x}\n\nb {#x}\n", "r")


def test_read_reports_keeps_good_and_reports_bad(tmp_path):
    (tmp_path / "good.md").write_text((DATA / "sample.md").read_text())
    (tmp_path / "bad.md").write_text("---\ntitle: [unclosed\n---\nx")
    (tmp_path / "latin1.md").write_bytes("---\ntitle: caf\xe9\n---\n".encode("latin-1"))
    reports, errors = read_reports(tmp_path)
    assert list(reports) == ["good"]
    assert sorted(Path(e.file).name for e in errors) == ["bad.md", "latin1.md"]


def test_find_quote_ignores_case_and_whitespace():
    text = "Israeli forces raided a base.  Then they\nleft."
    start, end = find_quote(text, "then they left")
    assert text[start:end] == "Then they\nleft"
    assert find_quote(text, "not there") is None
    before, hit, after = passage_parts(text, "raided a base")
    assert (before, hit, after) == ("Israeli forces ", "raided a base", ".  Then they\nleft.")


def test_bundled_report_paragraphs_and_notes():
    report = load_report(BUNDLED / "iran-update-2025-03-04.md")
    assert report.url.startswith("https://www.understandingwar.org/")
    assert "16 kilometres" in report.paragraph("p5").text
    assert set(report.notes) == {"1", "2", "3", "4"}


@pytest.mark.parametrize(
    ("front", "field", "needle"),
    [
        ("title: T\ndate: 2025-03-04\nauthors: 5", "front_matter.authors", "list"),
        ("title: T\ndate: 2025-03-04\nauthors: [A, {b: 1}]", "front_matter.authors", "list"),
        ("title: &t T\ndate: 2025-03-04\npublisher: *t", "front_matter", "aliases"),
        ("title: &t T\ndate: 2025-03-04", "front_matter", "anchors"),
        ("- a list\n- not a mapping", "front_matter", "mapping"),
    ],
)
def test_odd_front_matter_is_a_report_error(front, field, needle):
    with pytest.raises(ReportError) as info:
        parse_report(f"---\n{front}\n---\nText. {{#p1}}\n", "r", "r.md")
    assert info.value.field == field and needle in info.value.message


def test_front_matter_size_is_bounded():
    with pytest.raises(ReportError, match="65,536-character limit"):
        parse_report("---\ntitle: T\ndate: 2025-03-04\nx: " + "y" * 70_000 + "\n---\nText.\n", "r")


def test_report_error_text_escapes_control_characters():
    e = ReportError("r\x1b[2J.md", "front_matter", "bad\nerror: forged")
    assert str(e) == "r\\x1b[2J.md:-:front_matter: bad\\nerror: forged"
