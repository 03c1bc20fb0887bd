"""How long `load_store` takes on large synthetic stores.

    python benchmarks/store_load.py              # 10,000 and 100,000 events
    python benchmarks/store_load.py 50000 --per-file 2000 --repeat 3

Events are invented (random points around the Golan, a few polygons and null geometries, all four time
precisions) and written with sitmap's own writer into a temporary folder, so the files look like real ones.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sitmap.settings import load_settings
from sitmap.store.geojson_io import dumps_feature_collection
from sitmap.store.load import load_store

TYPES = ("raid", "patrol", "airstrike", "shelling", "drone_attack", "deployment")
PRECISIONS = ("day", "day", "day", "day", "week", "month", "year")


def synthetic_event(i: int, rng: random.Random) -> dict:
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
    precision = rng.choice(PRECISIONS)
    text = {"day": day.isoformat(), "week": (day - timedelta(days=day.weekday())).isoformat()}
    lon, lat = 35.7 + rng.random() * 0.6, 32.7 + rng.random() * 0.6
    roll = rng.random()
    if roll < 0.02:
        geometry = None
    elif roll < 0.10:
        d = 0.01 + rng.random() * 0.05
        ring = [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]
        geometry = {"type": "Polygon", "coordinates": [ring]}
    else:
        geometry = {"type": "Point", "coordinates": [lon, lat]}
    return {
        "type": "Feature",
        "id": f"bench-{i:07d}",
        "geometry": geometry,
        "properties": {
            "date": text.get(precision, day.strftime("%Y-%m") if precision == "month" else str(day.year)),
            "time_precision": precision,
            "event_type": rng.choice(TYPES),
            "actors": ["Israel Defense Forces"] if rng.random() < 0.8 else [],
            "geo_precision": rng.choice(("exact", "near", "region")),
            "claim_status": rng.choice(("confirmed", "reported", "claimed")),
            "summary": f"Synthetic event {i} for the load benchmark.",
            "country": "Syria",
            "admin1": "Quneitra",
            "uncertainty_m": rng.choice((500, 2000, 5000)),
            "sources": [
                {
                    "title": "Benchmark",
                    "publisher": "sitmap",
                    "date": "2025-01-01",
                    "url": "https://example.org",
                }
            ],
            "tags": ["benchmark"],
        },
    }


def generate(folder: Path, n: int, per_file: int, seed: int = 1) -> int:
    """Write n events in files of `per_file`; returns the bytes written."""
    rng = random.Random(seed)
    total = 0
    for start in range(0, n, per_file):
        features = [synthetic_event(i, rng) for i in range(start, min(n, start + per_file))]
        data = dumps_feature_collection(features).encode("utf-8")
        (folder / f"events-{start // per_file:04d}.geojson").write_bytes(data)
        total += len(data)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000], help="numbers of events")
    parser.add_argument("--per-file", type=int, default=5_000, help="events per file (default 5000)")
    parser.add_argument("--repeat", type=int, default=1, help="loads per size; the best time is shown")
    args = parser.parse_args()
    settings = load_settings(geodata_dir="/nonexistent")  # no country layer: time the store alone
    print(f"{'events':>8} {'files':>6} {'MB':>7} {'generate s':>11} {'load s':>8} {'events/s':>9} problems")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            t0 = time.perf_counter()
            size = generate(folder, n, args.per_file)
            generated = time.perf_counter() - t0
            best = float("inf")
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                store = load_store(folder, settings=settings, today=date(2026, 1, 1))
                best = min(best, time.perf_counter() - t0)
            assert len(store.events) == n, (len(store.events), store.problems[:3])
            files = len(list(folder.glob("*.geojson")))
            print(
                f"{n:>8,} {files:>6} {size / 1e6:>7.1f} {generated:>11.2f} {best:>8.2f} "
                f"{n / best:>9,.0f} {len(store.problems)}"
            )


if __name__ == "__main__":
    main()
