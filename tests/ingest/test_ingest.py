"""Ingesting report text: formats, paragraphs with stable ids, citations and endnotes, no duplicates."""

from datetime import date
from pathlib import Path

import pytest

from sitmap.ingest.text import IngestError, build_report, detect_format, ingest_report, report_id_for
from sitmap.store.reports import load_report

DATA = Path(__file__).resolve().parents[1] / "data" / "extraction" / "ingest"
DAY = date(2025, 3, 4)


def test_html_keeps_the_article_and_drops_the_chrome() -> None:
    report = build_report((DATA / "saved_page.html").read_text(), report_date=DAY, filename="saved_page.html")
    text = " ".join(p.text for p in report.paragraphs)
    assert report.title == "Southern Syria Update, March 4, 2025"
    for chrome in (
        "Skip to content",
        "Home",
        "cookies",
        "Share on X",
        "Related:",
        "All rights reserved",
        "track(",
    ):
        assert chrome not in text
    assert "Local sources reported bulldozers at the site." in text  # line breaks inside <p> folded
    assert any(p.text.endswith("on the night of 3 March.[1]") for p in report.paragraphs)  # <sup> -> [1]
    assert "Residents said the patrol left before noon." in [p.text for p in report.paragraphs]  # <br><br>
    assert report.notes["1"] == "Local outlet report on the Tell al Mal raid https://example.org/source-one"
    assert report.notes["2"].endswith("https://example.org/source-two")
    assert [p.id for p in report.paragraphs] == [f"p{i}" for i in range(1, len(report.paragraphs) + 1)]


def test_plain_text_paragraphs_and_endnotes() -> None:
    report = build_report((DATA / "plain.txt").read_text(), report_date=DAY, filename="plain.txt")
    assert [p.text[:30] for p in report.paragraphs] == [
        "Southern Syria, 4 March 2025",
        "Israeli forces raided a former",
        "Israeli forces also patrolled ",
    ]
    assert report.paragraphs[1].citations == ["1"]
    assert report.notes == {
        "1": "Local outlet report on the raid, https://example.org/one",
        "2": "Local outlet report on the patrol, https://example.org/two",
    }


def test_markdown_front_matter_lists_and_links() -> None:
    report = build_report(
        (DATA / "update.md").read_text(), report_date=date(2025, 2, 12), filename="update.md"
    )
    assert report.title == "Lebanon Update, February 12, 2025" and report.publisher == "Example Institute"
    assert report.id == "lebanon-update-2025-02-12"
    texts = [p.text for p in report.paragraphs]
    assert texts[0] == "Israeli aircraft struck a weapons depot near Nabatieh on 10 February [1]."
    assert texts[1] == "The Lebanese Armed Forces deployed to Naqoura on 1 February."
    assert texts[2] == "Residents of Kfar Shouba reported shelling overnight."
    assert report.paragraphs[0].heading == "Lebanon"
    assert report.notes == {"1": "Example news agency, 10 February 2025."}


def test_report_id_leaves_out_the_title_date() -> None:
    assert report_id_for("Iran Update, March 4, 2025", DAY) == "iran-update-2025-03-04"
    assert report_id_for("Daily brief", DAY) == "daily-brief-2025-03-04"


def test_report_id_is_built_from_the_title_text_not_its_markup() -> None:
    # A title with markup ("<i>", an escaped tag, an entity) gives the id of its text alone.
    assert report_id_for("<i>Iran</i> Update, March 4, 2025", DAY) == "iran-update-2025-03-04"
    assert report_id_for("Iran &lt;i&gt;Update&lt;/i&gt; &amp; more", DAY) == "iran-update-more-2025-03-04"
    assert report_id_for("Syria: <em>Ţafas</em> raid", DAY) == "syria-tafas-raid-2025-03-04"


def test_an_html_page_with_markup_in_its_title_gets_a_clean_id() -> None:
    page = (
        '<html><head><meta property="og:title" content="&lt;i&gt;Lebanon&lt;/i&gt; Update"></head>'
        "<body><article><p>Israeli aircraft struck a depot near Nabatieh.</p></article></body></html>"
    )
    report = build_report(page, report_date=DAY)
    assert report.id == "lebanon-update-2025-03-04"
    assert "<" not in report.title


@pytest.mark.parametrize(
    ("text", "name", "fmt"),
    [("<html><body><p>x</p></body></html>", "", "html"), ("# Title\n\ntext", "", "markdown"),
     ("plain words", "", "text"), ("<p>x</p>", "r.txt", "text")],
)  # fmt: skip
def test_detect_format(text: str, name: str, fmt: str) -> None:
    assert detect_format(text, name) == fmt


def test_ingest_writes_once_and_reads_back(tmp_path: Path) -> None:
    first = ingest_report(
        DATA / "saved_page.html", report_date=DAY, events_dir=tmp_path, url="https://example.org/u"
    )
    assert first.created and first.path == tmp_path / "reports" / "southern-syria-update-2025-03-04.md"
    stored = load_report(first.path)
    assert [(p.id, p.text) for p in stored.paragraphs] == [(p.id, p.text) for p in first.report.paragraphs]
    assert stored.notes == first.report.notes and stored.url == "https://example.org/u"
    before = first.path.read_bytes()
    again = ingest_report(DATA / "saved_page.html", report_date=DAY, events_dir=tmp_path, title="Other title")
    assert not again.created and again.path == first.path and "already stored" in again.message
    assert first.path.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "reports").glob("*.md")) == [first.path.name]


def test_different_text_under_a_taken_id_is_refused(tmp_path: Path) -> None:
    ingest_report(DATA / "plain.txt", report_date=DAY, events_dir=tmp_path, report_id="r1")
    with pytest.raises(IngestError, match="different report"):
        ingest_report(DATA / "update.md", report_date=DAY, events_dir=tmp_path, report_id="r1")


def test_empty_and_non_utf8_inputs_are_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no paragraphs"):
        build_report("<html><body><nav>Menu</nav></body></html>", report_date=DAY)
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9 report".encode("latin-1"))
    with pytest.raises(IngestError, match="not UTF-8"):
        ingest_report(bad, report_date=DAY, events_dir=tmp_path)
    with pytest.raises(IngestError, match="http"):
        build_report("text", report_date=DAY, url="ftp://example.org/x")
