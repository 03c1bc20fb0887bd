"""Child-process bodies for tests/test_briefings.py (spawned, so they live in a light module of their own).

Importing only `sitmap.briefing.decks` keeps each spawned interpreter's start-up short (no Streamlit).
"""

from __future__ import annotations

from pathlib import Path

from sitmap.briefing.decks import Slide, add_slide


def add_slides(directory: str, worker: int, n: int, barrier, results) -> None:
    """Add `n` slides to the shared deck through the add-slide API, as n analysts clicking 'Save slide'."""
    barrier.wait(timeout=60)  # everyone starts at once, so saves really race
    for k in range(n):
        add_slide(Path(directory), None, Slide(f"worker {worker} slide {k}"), new_title="Shared")
        results.put((worker, k))
