"""Reference layers from ``geodata/``: the 1974 zone, lines and bands, countries, admin-1, places.

The files are small RFC 7946 GeoJSON built by ``scripts/build_geodata.py``. They are read with the
standard ``json`` module (not GDAL) so list properties such as ``alt_names`` stay Python lists and
every error can name the file it came from.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

LAYER_FILES = {
    "zone": "disengagement_1974.geojson",
    "countries": "countries.geojson",
    "admin1": "admin1.geojson",
    "places": "places.geojson",
}
ZONE_IDS = (
    "area-of-separation",
    "line-a",
    "line-b",
    "limitation-0-10-west",
    "limitation-10-20-west",
    "limitation-20-25-west",
    "limitation-0-10-east",
    "limitation-10-20-east",
    "limitation-20-25-east",
)


class GeodataError(ValueError):
    """A geodata file is missing or malformed; the message names the file."""


# ---------------------------------------------------------------- place-name normalisation
_ARTICLES = {"al", "el", "il", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "er", "es", "et"}
_ARTICLES |= {"ez", "en", "adh", "ath", "l"}
_TELL = {"tell", "tel", "tal", "tall", "til", "tl"}
_APOSTROPHES = "'`´‘’ʻʼʽʾʿ′"
_AR_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c-\u200f]")
_AR_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي"})
_AR_LETTERS |= str.maketrans({"ک": "ك"})
# Transliteration variants folded to one spelling, applied in order to each Latin token.
_FOLDS = (
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "ai"),
    ("ey", "ai"),
    ("ay", "ai"),
    ("y", "i"),
    ("q", "k"),
    ("ck", "k"),
)


def _fold_latin(token: str) -> str:
    for old, new in _FOLDS:
        token = token.replace(old, new)
    token = re.sub(r"(.)\1+", r"\1", token)  # doubled letters: Tell/Tel, Jassim/Jasim
    return re.sub(r"(?<=..)[ae]h$", "a", token)  # final -ah/-eh: Arnabah/Arnaba


def normalise_place_name(s: str) -> str:
    """Fold a place name so spelling variants compare equal.

    Case, diacritics, apostrophes, hyphens, Arabic articles (al-/el-/ad-/ar-/as-/...), Tell/Tal/Tel,
    doubled letters and common transliteration pairs (ei/ay, ou/u, q/k, final -ah) are folded;
    in Arabic script, short vowels, hamza forms of alef, ta marbuta and the article ال are folded.
    ``normalise_place_name("Tal al-Mal") == normalise_place_name("Tell el Mal") == "tel mal"``.
    """
    text = unicodedata.normalize("NFKC", s or "")
    text = _AR_DIACRITICS.sub("", text).translate(_AR_LETTERS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.translate({ord(c): None for c in _APOSTROPHES})
    tokens = [t for t in re.split(r"[\W_]+", text) if t]
    out: list[str] = []
    for tok in tokens:
        if tok.isascii():
            if tok in _ARTICLES:
                continue
            out.append("tel" if tok in _TELL else _fold_latin(tok))
        else:
            if tok.startswith("ال") and len(tok) > 3:  # Arabic article attached to the word
                tok = tok[2:]
            out.append(tok)
    if not out:  # a name made only of articles ("As") keeps itself
        out = [_fold_latin(t) for t in tokens]
    return " ".join(out)


# ---------------------------------------------------------------- loading
def _read_layer(path: Path) -> gpd.GeoDataFrame:
    """One FeatureCollection -> GeoDataFrame (EPSG:4326) with an ``id`` column."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise GeodataError(f"{path}: geodata file not found (run scripts/build_geodata.py)") from e
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise GeodataError(f"{path}: not valid UTF-8 JSON: {e}") from e
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GeodataError(f"{path}: expected a GeoJSON FeatureCollection")
    rows, geoms = [], []
    for i, feat in enumerate(data.get("features") or []):
        props = dict(feat.get("properties") or {})
        fid = feat.get("id", props.get("id"))
        if not isinstance(fid, str) or not fid:
            raise GeodataError(f"{path}: feature #{i} has no string id")
        try:
            geom = shape(feat["geometry"]) if feat.get("geometry") else None
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise GeodataError(f"{path}: feature #{i} ({fid}) has a bad geometry: {e}") from e
        rows.append({**props, "id": fid})
        geoms.append(geom)
    gdf = gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geoms, crs="EPSG:4326")
    if "id" not in gdf.columns:
        gdf["id"] = pd.Series(dtype=object)
    dupes = sorted(set(gdf.loc[gdf["id"].duplicated(), "id"]))
    if dupes:
        raise GeodataError(f"{path}: duplicate ids {dupes}")
    return gdf


@dataclass
class Reference:
    """The reference layers, each a GeoDataFrame in EPSG:4326 with a default index and ``id``."""

    zone: gpd.GeoDataFrame
    countries: gpd.GeoDataFrame
    admin1: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    _place_keys: pd.Series | None = field(default=None, repr=False)

    def _layers(self) -> list[tuple[str, gpd.GeoDataFrame]]:
        return [(name, getattr(self, name)) for name in LAYER_FILES]

    def feature(self, ref_id: str) -> pd.Series:
        """The row (properties + ``geometry``) with this id, searching zone, countries, admin1, places.

        Raises KeyError naming the zone ids and the closest known ids.
        """
        for _, layer in self._layers():
            hit = layer[layer["id"] == ref_id]
            if len(hit):
                return hit.iloc[0]
        known = [i for _, layer in self._layers() for i in layer["id"]]
        close = difflib.get_close_matches(str(ref_id), known, n=5)
        raise KeyError(
            f"unknown reference id {ref_id!r}; zone ids: {', '.join(self.zone['id'])}"
            + (f"; did you mean: {', '.join(close)}" if close else "")
            + f" ({len(known)} ids in zone, countries, admin1 and places)"
        )

    def geometry(self, ref_id: str) -> BaseGeometry:
        """The shapely geometry (EPSG:4326) of a reference feature."""
        return self.feature(ref_id).geometry

    def find_place(self, name: str) -> gpd.GeoDataFrame:
        """Places whose name or an alternative name matches ``name`` after normalisation.

        Matching is case-, diacritic- and transliteration-insensitive (``normalise_place_name``).
        """
        if self._place_keys is None:
            self._place_keys = self.places.apply(_place_keys, axis=1)
        key = normalise_place_name(name)
        if not key:
            return self.places.iloc[0:0]
        mask = self._place_keys.apply(lambda keys: key in keys)
        return self.places[mask.to_numpy(dtype=bool)]


def _place_keys(row: pd.Series) -> frozenset[str]:
    names = [row.get("name"), row.get("name_ar")]
    alts = row.get("alt_names")
    if isinstance(alts, list | tuple):
        names.extend(alts)
    keys = {normalise_place_name(n) for n in names if isinstance(n, str) and n}
    # "Quneitra (old city)" should match "Quneitra": also index the name without its bracket.
    keys |= {normalise_place_name(re.sub(r"\s*\(.*?\)", "", n)) for n in names if isinstance(n, str)}
    keys.discard("")
    return frozenset(keys)


def load_reference(geodata_dir: Path) -> Reference:
    """Load the four geodata layers; errors name the offending file."""
    geodata_dir = Path(geodata_dir)
    layers = {name: _read_layer(geodata_dir / fname) for name, fname in LAYER_FILES.items()}
    missing = [i for i in ZONE_IDS if i not in set(layers["zone"]["id"])]
    if missing:
        raise GeodataError(f"{geodata_dir / LAYER_FILES['zone']}: missing zone ids {missing}")
    return Reference(**layers)
