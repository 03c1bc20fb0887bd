"""Fill the derived fields of evaluation/passages.yaml: split, word counts and gazetteer coordinates.

Run once after labelling, before any tuning:  python evaluation/fill_labels.py
- split: a fixed-seed random quarter of the first 44 passages is held out (random.Random(11)); re-running
  gives the same split, so nobody can re-draw it after looking at scores. Later additions are all held out.
- words: counted from the private originals in /work/evalset_private/originals.yaml (not committed).
- lat/lon/coord_source: only from geodata/places.geojson (GeoNames / Wikipedia, cited per place there);
  a place not found there keeps no coordinates rather than a guessed pair.
The file is edited as text so that its comments and layout survive.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "evaluation" / "passages.yaml"
PRIVATE = Path("/work/evalset_private/originals.yaml")
SEED = 11
HELDOUT_SHARE = 0.25
# Passages after this number were added once tuning on the first batch had begun (they were labelled blind
# too): all of them are held out, and the first batch keeps its draw (re-drawing would move tuned passages).
FIRST_BATCH = 44


def norm_name(name: str) -> str:
    """Fold a place name for lookup: ASCII, lower case, no article prefix, letters and digits only."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"^(al|el|as|ash|ad|ar|an)[- ]", "", text)
    return re.sub(r"[^a-z0-9]", "", text)


def gazetteer() -> dict[tuple[str, str], dict]:
    """(folded name, country) -> feature, from the project's curated/GeoNames place layer."""
    features = json.loads((ROOT / "geodata" / "places.geojson").read_text(encoding="utf-8"))["features"]
    index: dict[tuple[str, str], dict] = {}
    for feature in features:
        props = feature["properties"]
        for name in [props["name"], *(props.get("alt_names") or [])]:
            index.setdefault((norm_name(name), props.get("country") or ""), feature)
    return index


# Batches held out when labelled, opened for designing rules on 2026-12-07 (`split: dev`): the tune split was
# nearly exhausted while held-out figures stayed near 0.5. Later batches stay held out.
DEV_BATCHES = frozenset(
    {
        "fresh-2026-12",
        "fresh-2026-12b",
        "fresh-2026-12c",
        "fresh-2026-12d",
        # opened 2026-12-08 (evaluation/README.md, "Three more batches opened")
        "fresh-2026-12f",
        "fresh-2026-12g",
        "fresh-2026-12h",
    }
)


def first_batch(ids: list[str]) -> list[str]:
    """The passages labelled before any tuning (p01..p44), among which the quarter was drawn."""
    return [i for i in ids if int(i[1:]) <= FIRST_BATCH]


def heldout_ids(ids: list[str]) -> set[str]:
    """The fixed-seed held-out quarter of the first batch, plus every passage added after tuning began."""
    first = first_batch(ids)
    count = round(len(first) * HELDOUT_SHARE)
    drawn = set(random.Random(SEED).sample(sorted(first), count))  # noqa: S311 (reproducible, not a secret)
    return drawn | (set(ids) - set(first))


def main() -> None:
    text = LABELS.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    ids = [p["id"] for p in data["passages"]]
    held = heldout_ids(ids)
    originals = yaml.safe_load(PRIVATE.read_text(encoding="utf-8")) if PRIVATE.exists() else {}
    index = gazetteer()
    out: list[str] = []
    for line in text.splitlines():
        match = re.match(r"^- id: (p\d+)$", line)
        if match:
            pid = match.group(1)
            out.append(line)
            out.append(f"  split: {'heldout' if pid in held else 'tune'}")
            if pid in originals:
                out.append(f"  words: {len(originals[pid].split())}")
            continue
        place = re.search(r"place: ([^,{}]+), country: ([^,{}]+),", line)
        if place and "lat:" not in line:
            name, country = place.group(1).strip(), place.group(2).strip()
            feature = index.get((norm_name(name), "" if country == "null" else country))
            if feature is not None:
                lon, lat = feature["geometry"]["coordinates"]
                source = feature["properties"]["source"].replace("'", "''")
                extra = f" lat: {lat}, lon: {lon}, coord_source: '{source}',"
                line = line.replace(place.group(0), place.group(0) + extra, 1)
        out.append(line)
    LABELS.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
