"""Review issue 13: a pasted report with no Title is named by its first line when that line looks like a
title (tags dropped, entities decoded, trimmed), else it stays "pasted"."""

from __future__ import annotations

import pytest

from sitmap.ingest.pasted import MAX_TITLE_CHARS, pasted_title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Quneitra Daily, 3 December 2026\n\nIsraeli forces entered Jubata al-Khashab.",
            "Quneitra Daily, 3 December 2026",
        ),
        (
            "\n\n  Southern Syria, 6 March 2025  \nIsraeli forces raided Jamleh.",
            "Southern Syria, 6 March 2025",
        ),
        ("# Iran Update, March 4, 2025\n\nText.", "Iran Update, March 4, 2025"),
        ("<b>Golan</b> &amp; Quneitra brief\n\nText.", "Golan & Quneitra brief"),
        ("<script>alert(1)</script>Daraa log\n\nText.", "alert(1)Daraa log"),
    ],
)
def test_a_title_like_first_line_names_the_report(text: str, title: str) -> None:
    assert pasted_title(text) == title


@pytest.mark.parametrize(
    "text",
    [
        # a sentence
        "Israeli forces raided Jamleh in the Yarmouk Basin on 5 March and detained two men.\n\nMore.",
        "Only one line, no body",  # nothing after it: the line is the report, not its title
        "",
        "\n\n   \n",
        "<br><br>\n\nText.",  # nothing left once tags are dropped
        "---\ntitle: x\n---\nText.",  # front matter: the Markdown reader handles it
        "12:45\n\nText.",  # no words
    ],
)
def test_other_first_lines_do_not(text: str) -> None:
    assert pasted_title(text) is None


def test_a_long_first_line_is_cut_at_a_word() -> None:
    line = "Daily brief on the Golan heights, Quneitra governorate and the Daraa countryside " * 2
    title = pasted_title(line.strip() + "\n\nText.")
    assert title is not None and len(title) <= MAX_TITLE_CHARS and title.endswith("…")
    assert line.startswith(title[:-1].rstrip())
