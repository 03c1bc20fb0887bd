"""Every setting sitmap reads, declared once with its default, environment variable and help.

Like datasette's settings table: one place to look, one place to document.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from sitmap.symbology import Affiliation, parse_affiliations

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("events_dir", "SITMAP_EVENTS", "events", "Folder holding the event store (*.geojson)."),
    Setting("geodata_dir", "SITMAP_GEODATA", "geodata", "Folder holding the reference layers."),
    Setting(
        "tile_url",
        "SITMAP_TILE_URL",
        "",
        "Tile URL template of your own tile server ({z}/{x}/{y}); empty for none.",
    ),
    Setting(
        "tile_attribution",
        "SITMAP_TILE_ATTRIBUTION",
        "Local tiles",
        "Attribution shown for SITMAP_TILE_URL.",
    ),
    Setting(
        "basemap",
        "SITMAP_BASEMAP",
        "offline",
        "Base layer shown first: offline (vector, from geodata/), osm, light, dark, satellite, custom.",
    ),
    Setting(
        "map_labels",
        "SITMAP_MAP_LABELS",
        "latin",
        "Place names on the web map: latin, arabic (the gazetteer's Arabic name where it has one), or both.",
    ),
    Setting(
        "max_file_mb",
        "SITMAP_MAX_FILE_MB",
        "50",
        "Event files larger than this are refused before parsing.",
    ),
    Setting(
        "allow_outside_links",
        "SITMAP_ALLOW_OUTSIDE_LINKS",
        "0",
        "1 to read event files that are symbolic links to files outside the events folder (default: refuse).",
    ),
    Setting(
        "max_json_depth",
        "SITMAP_MAX_JSON_DEPTH",
        "64",
        "Deeper JSON nesting is refused (guards against pathological files).",
    ),
    Setting(
        "snapshot_mb",
        "SITMAP_SNAPSHOT_MB",
        "20",
        "Event stores with more GeoJSON than this keep a columnar snapshot in <events>/.sitmap/cache/ "
        "and reload only the files that changed; 0 for every store.",
    ),
    Setting(
        "affiliations",
        "SITMAP_AFFILIATIONS",
        "",
        "Each actor's side for the military symbols overlay, relative to yours: 'Actor=friend; Other=hostile'"
        " (friend, hostile, neutral, unknown); an actor not named is unknown.",
    ),
    Setting(
        "live_seconds",
        "SITMAP_LIVE_SECONDS",
        "-1",
        "How often an open map checks for other analysts' saves and redraws; 0 never; -1 (default): every "
        "3 s with SITMAP_DATABASE_URL, never without.",
    ),
)


@dataclass(frozen=True)
class Settings:
    events_dir: Path
    geodata_dir: Path
    tile_url: str
    tile_attribution: str
    basemap: str
    max_file_mb: float
    max_json_depth: int
    allow_outside_links: bool = False
    map_labels: str = "latin"
    snapshot_mb: float = 20.0
    live_seconds: float = -1.0
    affiliations: str = ""

    @property
    def affiliation_table(self) -> dict[str, Affiliation]:
        """`affiliations` read by `sitmap.symbology.parse_affiliations` (checked when the settings load)."""
        return parse_affiliations(self.affiliations)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


def _resolve(path: str, *, bundled_fallback: bool = False) -> Path:
    """The path as given (a relative one is relative to the current folder).

    Only read-only reference data may fall back to the copy beside the package when the current folder has
    none: the event store is written to, and must never silently become the package's own checkout.
    """
    p = Path(path).expanduser()
    if bundled_fallback and not p.is_absolute() and not p.exists() and (PROJECT_ROOT / p).exists():
        return PROJECT_ROOT / p
    return p


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


def _flag(value: object) -> bool:
    text = str(value).strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise ValueError(f"expected 1 or 0, got {value!r}")


def _float(value: object) -> float:
    if isinstance(value, str | int | float):
        return float(value)
    raise ValueError(f"expected a number, got {value!r}")


def _int(value: object) -> int:
    if isinstance(value, str | int | float):
        return int(value)
    raise ValueError(f"expected a whole number, got {value!r}")


MAP_LABELS = ("latin", "arabic", "both")


def _choice(value: object, choices: tuple[str, ...]) -> str:
    text = str(value).strip().lower()
    if text in choices:
        return text
    raise ValueError(f"expected one of {', '.join(choices)}, got {value!r}")


def _affiliations(value: object) -> str:
    text = str(value)
    parse_affiliations(text)  # a mistyped side fails at start, not on the first symbol drawn
    return text


def load_settings(env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Settings from the environment (or `env`), with keyword overrides taking precedence."""
    source: Mapping[str, str] = os.environ if env is None else env
    raw: dict[str, object] = {s.name: source.get(s.env, s.default) for s in SETTINGS}
    raw.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(
            events_dir=_resolve(str(raw["events_dir"])),
            geodata_dir=_resolve(str(raw["geodata_dir"]), bundled_fallback=True),
            tile_url=str(raw["tile_url"]),
            tile_attribution=str(raw["tile_attribution"]),
            basemap=str(raw["basemap"]),
            max_file_mb=_float(raw["max_file_mb"]),
            max_json_depth=_int(raw["max_json_depth"]),
            allow_outside_links=_flag(raw["allow_outside_links"]),
            map_labels=_choice(raw["map_labels"], MAP_LABELS),
            snapshot_mb=_float(raw["snapshot_mb"]),
            live_seconds=_float(raw["live_seconds"]),
            affiliations=_affiliations(raw["affiliations"]),
        )
    except ValueError as e:
        names = ", ".join(f.name for f in fields(Settings))
        raise ValueError(f"invalid sitmap setting ({names}): {e}") from e
