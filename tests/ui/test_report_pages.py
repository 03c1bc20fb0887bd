"""The map's report panel shows a long report a page at a time, opening on the selected event's page."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from sitmap.ui.paging import PAGE_SIZE, page_span

ROOT = Path(__file__).resolve().parents[2]


def test_report_page_clamps_and_follows_the_target() -> None:
    def span(*args, **kwargs) -> tuple[int, int, int, int]:
        p = page_span(*args, **kwargs)
        return p.index, p.first, p.end, p.pages

    assert span(0, 0) == (0, 0, 0, 1)
    assert span(100, 0) == (0, 0, PAGE_SIZE, 3)
    assert span(100, 9) == (2, 2 * PAGE_SIZE, 100, 3)
    assert span(100, 0, target_index=85) == (2, 80, 100, 3)


def _long_report_panel(before: int, events: str) -> None:
    """The panel for the bundled report with `before` filler paragraphs put ahead of its own."""
    import dataclasses
    from pathlib import Path

    from sitmap.store.load import load_store
    from sitmap.store.reports import Paragraph
    from sitmap.ui.map import report_panel
    from sitmap.view import View

    store = load_store(Path(events))
    real = store.reports["iran-update-2025-03-04"]
    filler = [Paragraph(id=f"f{i}", text=f"Filler paragraph {i}.", heading="") for i in range(before)]
    long = dataclasses.replace(real, paragraphs=filler + list(real.paragraphs))
    ids, tell = set(store.events["id"]), "syr-2025-03-03-tell-al-mal-raid"
    report_panel.render(store.events, {long.id: long}, View(selected=tell), ids, None)


def test_a_long_report_renders_one_page_holding_the_selected_passage() -> None:
    kwargs = {"before": 500, "events": str(ROOT / "events")}
    at = AppTest.from_function(_long_report_panel, default_timeout=60, kwargs=kwargs)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    fillers = [m.value for m in at.markdown if m.value.startswith("Filler paragraph")]
    assert len(fillers) < PAGE_SIZE  # not 500: only the page holding the Tell al Mal passage
    assert any("Tell al Mal" in m.value for m in at.markdown)
    assert any(c.value.startswith("Paragraphs ") and "of 5" in c.value for c in at.caption)
