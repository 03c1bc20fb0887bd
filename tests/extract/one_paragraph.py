"""A report of one paragraph, extracted: how the extraction tests run their own example sentences."""

from sitmap.extract.pipeline import Candidate, extract_candidates
from sitmap.extract.place_context import report_contexts
from sitmap.extract.places import find_places
from sitmap.reference.gazetteer import Gazetteer, PlaceMention
from sitmap.reference.layers import Reference
from sitmap.store.reports import Paragraph, Report


def candidates(reference: Reference, text: str, day: str = "2025-03-04") -> list[Candidate]:
    """The candidates of `text` as the only paragraph of a report dated `day` (default Tue 4 March 2025)."""
    report = Report(
        id="r", title="t", publisher="p", date=day, url="https://example.org/r",
        paragraphs=(Paragraph("p1", text),),
    )  # fmt: skip
    return extract_candidates(report, reference)


def mentions(gaz: Gazetteer, text: str) -> dict[str, PlaceMention]:
    """The place mentions of `text` as one paragraph, read in its own context, by the words as written."""
    ctx = report_contexts([("p1", text)], gaz)["p1"]
    return {m.text: m for m in find_places(text, gaz, ctx)}
