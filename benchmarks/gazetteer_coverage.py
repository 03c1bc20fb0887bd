"""Gazetteer coverage of the evaluation's labelled places, and the cost of the gazetteer index (issue 11).

    python benchmarks/gazetteer_coverage.py [--geodata DIR ...] [--rounds 3] [--km 10]

For each geodata directory (default: this checkout's `geodata/`; pass a copy of main's beside it to
compare), builds the gazetteer index and asks it for every distinct labelled place of
`evaluation/passages.yaml` (all splits and batches: the label names only, never the extractor's output):
- by name: the label's `place` or one of its `place_aliases` resolves (`Gazetteer.lookup`);
- within --km: one of the places found lies within --km of the label's lat/lon (labels that have one).
Then times the index build (`load_reference` + `Gazetteer.from_reference`, process CPU seconds), the
directories interleaved round by round, and prints the size of `gazetteer.csv`. Run beside `uptime`.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitmap.reference.gazetteer import Gazetteer, km_between  # noqa: E402
from sitmap.reference.layers import load_reference  # noqa: E402

LABELS = ROOT / "evaluation" / "passages.yaml"


Label = tuple[str, list[str], float | None, float | None, str | None]


def labelled_places() -> list[Label]:
    """(place, its names, lat, lon, country) for each distinct labelled place."""
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    aliases = data.get("place_aliases") or {}
    seen: dict[str, Label] = {}
    for passage in data["passages"]:
        for event in passage.get("events") or []:
            place = event.get("place")
            if place and place not in seen:
                names = [place, *(aliases.get(place) or [])]
                seen[place] = (place, names, event.get("lat"), event.get("lon"), event.get("country"))
    return list(seen.values())


def coverage(gaz: Gazetteer, km: float) -> tuple[set[str], set[str], int, set[str], dict[str, str]]:
    """(places resolved by name, places found within km of their label's point, labels with a point,
    places resolved in the label's country, what each place resolved to)."""
    by_name, near, in_country = set(), set(), set()
    found: dict[str, str] = {}
    with_point = 0
    for place, names, lat, lon, country in labelled_places():
        ids = sorted({i for n in names for i in gaz.lookup(n)[0]})
        if ids:
            by_name.add(place)
            recs = [gaz.records[i] for i in ids]
            found[place] = "; ".join(f"{r['name']} ({r['admin1']}, {r['country']})" for r in recs)
            if any(r["country"] == country or (country or "").startswith(r["country"] or "?") for r in recs):
                in_country.add(place)
        if lat is not None and lon is not None:
            with_point += 1
            recs = [gaz.records[i] for i in ids if gaz.records[i]["lat"] is not None]
            if any(km_between(lat, lon, r["lat"], r["lon"]) <= km for r in recs):
                near.add(place)
    return by_name, near, with_point, in_country, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--geodata", type=Path, action="append", help="a geodata directory (repeatable)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--km", type=float, default=10.0)
    args = ap.parse_args(argv)
    dirs: list[Path] = args.geodata or [ROOT / "geodata"]
    total = len(labelled_places())
    results = {}
    for d in dirs:
        gaz = Gazetteer.from_reference(load_reference(d))
        results[d] = coverage(gaz, args.km)
        by_name, near, with_point, in_country, _ = results[d]
        size = (d / "gazetteer.csv").stat().st_size
        print(
            f"{d}: gazetteer.csv {size / 1024:.0f} KiB, {len(gaz.records)} places indexed; labelled places "
            f"resolved by name {len(by_name)}/{total} "
            f"(in the label's country {len(in_country)}); within {args.km:g} km {len(near)}/{with_point}"
        )
    if len(dirs) > 1:
        first, last = results[dirs[0]], results[dirs[-1]]
        print(f"resolve by name only in {dirs[-1]}:")
        for place in sorted(last[0] - first[0]):
            print(f"  {place} -> {last[4][place]}")
        print(f"resolve by name only in {dirs[0]}: {sorted(first[0] - last[0])}")
        print(f"within {args.km:g} km only in {dirs[-1]}: {sorted(last[1] - first[1])}")
    load: dict[Path, list[float]] = {d: [] for d in dirs}
    index: dict[Path, list[float]] = {d: [] for d in dirs}
    for _ in range(args.rounds):
        for d in dirs:  # interleaved: the machine's load falls on every directory alike
            gc.collect()
            t = time.process_time()
            reference = load_reference(d)  # at app open (the table is read as it is)
            t1 = time.process_time()
            Gazetteer.from_reference(reference)  # lazily, at the first extraction or place search
            load[d].append(t1 - t)
            index[d].append(time.process_time() - t1)
    for d in dirs:
        for what, cpu in (("load_reference", load[d]), ("index build", index[d])):
            runs = ", ".join(f"{s:.2f}" for s in cpu)
            print(f"{d}: {what}, CPU s per round: {runs} (min {min(cpu):.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
