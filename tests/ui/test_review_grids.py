"""The review page's grids fit 1600 px whatever the values (review findings 7 and 8: the caps added up to
900 px for the list, so its actors were cut for ordinary long values; the evidence's text and confidence
were off screen). Made-up long values, not a passage."""

from __future__ import annotations

from sitmap.extract.candidate import Candidate, Evidence
from sitmap.ui.review.grids import (
    EVIDENCE_AT_1600_PX,
    EVIDENCE_COLUMNS,
    GRID_AT_1600_PX,
    LIST_CAPS,
    LIST_COLUMNS,
    ROW_SELECT_PX,
    evidence_config,
    list_config,
)
from sitmap.ui.review.logic import candidate_table, evidence_table
from sitmap.vocabulary import EVENT_TYPES

LONG = "Zurqabiya al-Gharbiya al-Jadida · not in the gazetteer: at Quneitra ±27 km (region) " * 3


def _widths(config: dict) -> dict[str, int]:
    return {column: int(cfg["width"]) for column, cfg in config.items()}


def _long_candidate(event_type: str, i: int) -> Candidate:
    return Candidate(
        id=f"cand-{i}-" + "x" * 60, report_id="r", paragraph_id="p" * 40, start=0, end=10, sentence=LONG,
        event_type=event_type, date="2025-03-01", date_end="2025-03-05", time_precision="day",
        actors=["Israel Defense Forces", "Hezbollah", "Syrian Democratic Forces", "Residents"],
        location=LONG, reason=LONG,
        evidence={
            "location": Evidence(LONG, LONG, 0.55, text=LONG),
            "told_by": Evidence([LONG, "Lebanon's National News Agency (NNA)"], LONG, 0.6),
            "actors": Evidence(["Israel Defense Forces", "Hezbollah"], LONG, 0.8, text=LONG),
        },
    )  # fmt: skip


def test_the_candidate_list_fits_1600_px_whatever_the_values() -> None:
    cands = [_long_candidate(t, i) for i, t in enumerate(EVENT_TYPES)]
    statuses = {c.id: f"in store as {c.id}" for c in cands}
    table = candidate_table(cands, {}, statuses, {})
    widths = _widths(list_config(table))
    short = [c for c in LIST_COLUMNS if c != "doubt"]
    assert set(short) <= set(widths)
    assert sum(widths[c] for c in short) <= GRID_AT_1600_PX - ROW_SELECT_PX
    assert all(widths[c] >= 90 for c in short)  # each still shows a readable line


def test_the_doubt_keeps_room_when_every_other_column_is_at_its_cap() -> None:
    """The doubt (why extraction is unsure) comes last and takes what is left: with the other columns at
    their caps it had 8 px at 1600 px, a cut-off "do" in the browser (s22 screenshot)."""
    assert GRID_AT_1600_PX - ROW_SELECT_PX - sum(LIST_CAPS.values()) >= 80


def test_the_evidence_fits_1600_px_whatever_the_values() -> None:
    evidence = evidence_table(_long_candidate("armed_clash", 0))
    widths = _widths(evidence_config(evidence))
    assert set(widths) == set(EVIDENCE_COLUMNS) == set(evidence.columns)
    assert sum(widths.values()) <= EVIDENCE_AT_1600_PX
    assert list(EVIDENCE_COLUMNS).index("text") < list(EVIDENCE_COLUMNS).index("reason")  # the teller first
