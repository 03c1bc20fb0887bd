"""Extraction time against a paragraph's length, for runs of text that once made it quadratic, between two
sentences that name places: Title Case words (a list of names, a hostile paste), a comma list of names, and
dates ("3 March 3 March ...", one sentence). Linear code grows ~4x per row; quadratic code ~16x.

    python benchmarks/extraction_long_paragraph.py [CHARS ...]   (default 2000 8000 32000)

Prints seconds per shape and length (one run each, on a loaded machine: compare rows of one run, or runs made
side by side). Before the fixes of s6-review, names at 2,000 / 8,000 / 32,000 characters took 2.4 / 14.5 /
148 s. Dates stay quadratic: every date of a sentence makes a candidate that is built, then merged.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitmap.extract.pipeline import extract_candidates  # noqa: E402
from sitmap.reference.layers import load_reference  # noqa: E402
from sitmap.store.reports import Paragraph, Report  # noqa: E402

SENTENCE = "Israeli forces raided Tell al Mal in Quneitra Province on 3 March. "


SHAPES = {"names": "Ab ", "list": "Ab, ", "dates": "3 March "}


def seconds(chars: int, filler: str, reference) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    text = SENTENCE + filler * (chars // len(filler)) + SENTENCE
    report = Report(
        id="r", title="t", publisher="p", date="2025-03-04", url="https://example.org/r",
        paragraphs=(Paragraph("p1", text),),
    )  # fmt: skip
    t0 = time.perf_counter()
    found = extract_candidates(report, reference)
    return time.perf_counter() - t0, len(found)


def main() -> None:
    reference = load_reference(ROOT / "geodata")
    for shape, filler in SHAPES.items():
        for chars in [int(a) for a in sys.argv[1:]] or [2000, 8000, 32000]:
            took, n = seconds(chars, filler, reference)
            print(f"{shape:<6} {chars:>7,} chars  {took:7.2f} s  ({n} candidates)", flush=True)


if __name__ == "__main__":
    main()
