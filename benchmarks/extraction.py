"""Extraction benchmark: precision and recall of places, dates and event types on labelled paragraphs.

    python benchmarks/extraction.py [--verbose] [--data tests/data/extraction/paragraphs.json]

Each paragraph is extracted as a one-paragraph report dated `report_date`; the candidates' places
(gazetteer ids, or `?<name>` for unresolved names), dates (`date@precision`) and types are compared as
sets with the labels, and counts are summed over paragraphs (micro-averaged).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitmap.extract.pipeline import extract_candidates  # noqa: E402
from sitmap.extract.places import Gazetteer  # noqa: E402
from sitmap.reference.layers import load_reference  # noqa: E402
from sitmap.reference.names import normalise_name  # noqa: E402
from sitmap.store.reports import Paragraph, Report  # noqa: E402

FIELDS = ("places", "dates", "types")


def predicted(cands: list) -> dict[str, set[str]]:
    # Gazetteer ids; an unresolved name counts when it is a candidate's location (a region does not).
    places = {c.place_id for c in cands if c.place_id}
    places |= {
        f"?{normalise_name(c.location)}" for c in cands if not c.place_id and c.location in c.unresolved
    }
    return {
        "places": places,
        "dates": {f"{c.date}@{c.time_precision}" for c in cands if c.date},
        "types": {c.event_type for c in cands},
    }


def expected(item: dict) -> dict[str, set[str]]:
    return {
        "places": set(item["places"]) | {f"?{normalise_name(n)}" for n in item.get("unresolved", [])},
        "dates": {f"{d['date']}@{d['precision']}" for d in item["dates"]},
        "types": set(item["types"]),
    }


def run(data: Path, geodata: Path, verbose: bool = False) -> dict[str, tuple[float, float, int, int, int]]:
    reference = load_reference(geodata)
    gaz = Gazetteer.from_reference(reference)
    items = json.loads(data.read_text(encoding="utf-8"))["paragraphs"]
    counts = {f: [0, 0, 0] for f in FIELDS}  # tp, fp, fn
    started = time.perf_counter()
    for item in items:
        report = Report(
            id=f"bench-{item['id']}", title="benchmark", publisher="", date=item["report_date"], url="",
            paragraphs=(Paragraph("p1", item["text"]),),
        )  # fmt: skip
        got = predicted(extract_candidates(report, reference, gazetteer=gaz))
        want = expected(item)
        for f in FIELDS:
            tp, fp, fn = got[f] & want[f], got[f] - want[f], want[f] - got[f]
            counts[f][0] += len(tp)
            counts[f][1] += len(fp)
            counts[f][2] += len(fn)
            if verbose and (fp or fn):
                print(f"{item['id']} {f}: extra {sorted(fp)} missing {sorted(fn)}")
    elapsed = time.perf_counter() - started
    out = {}
    for f, (tp, fp, fn) in counts.items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        out[f] = (precision, recall, tp, fp, fn)
    print(f"{len(items)} paragraphs, {elapsed:.2f} s")
    print(f"{'field':8} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}")
    for f, (p, r, tp, fp, fn) in out.items():
        print(f"{f:8} {p:9.3f} {r:7.3f} {tp:4d} {fp:4d} {fn:4d}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "tests/data/extraction/paragraphs.json")
    parser.add_argument("--geodata", type=Path, default=ROOT / "geodata")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss and extra")
    args = parser.parse_args()
    run(args.data, args.geodata, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
