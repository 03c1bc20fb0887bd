"""Every setting sitmap reads, declared once with its default, environment variable and help.

Like datasette's settings table: one place to look, one place to document.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from sitmap.auth.roles import ROLE_NAMES, parse_role
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
    Setting(
        "auth",
        "SITMAP_AUTH",
        "none",
        "Who may do what (docs/deploy.md): none (no login: whoever opens the app acts as the one local user, "
        "with every role), password (names, roles and argon2 password hashes in SITMAP_USERS_FILE), header "
        "(behind a proxy that signs people in and sets a trusted header, see server.trustedUserHeaders).",
    ),
    Setting(
        "users_file",
        "SITMAP_USERS_FILE",
        "",
        "The users file (`sitmap users`); empty for <events>/.sitmap/users.json.",
    ),
    Setting(
        "auth_user_key",
        "SITMAP_AUTH_USER_KEY",
        "email",
        "With SITMAP_AUTH=header: the st.user key that server.trustedUserHeaders maps the proxy's user "
        "header to.",
    ),
    Setting(
        "auth_groups_key",
        "SITMAP_AUTH_GROUPS_KEY",
        "groups",
        "With SITMAP_AUTH=header: the st.user key holding the proxy's comma-separated groups header.",
    ),
    Setting(
        "auth_group_roles",
        "SITMAP_AUTH_GROUP_ROLES",
        "",
        "With SITMAP_AUTH=header: group=role pairs, comma-separated (sitmap-editors=editor,...); a user in "
        "the users file has that role instead; the highest mapped group role otherwise.",
    ),
    Setting(
        "auth_default_role",
        "SITMAP_AUTH_DEFAULT_ROLE",
        "viewer",
        "With SITMAP_AUTH=header: the role of a signed-in user found neither in the users file nor in a "
        "mapped group; none to refuse them.",
    ),
    Setting(
        "client_address_header",
        "SITMAP_CLIENT_ADDRESS_HEADER",
        "",
        "The header in which the deployment's proxy passes the client's address (e.g. X-Real-IP, set by "
        "nginx over any copy the client sent), so failed sign-ins are also counted per address; empty: the "
        "connection's own address (none on localhost).",
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
    auth: str = "none"
    users_file: Path = Path("events") / ".sitmap" / "users.json"
    auth_user_key: str = "email"
    auth_groups_key: str = "groups"
    auth_group_roles: tuple[tuple[str, str], ...] = ()
    auth_default_role: str = "viewer"
    affiliations: str = ""
    client_address_header: str = ""

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
AUTH_MODES = ("none", "password", "header")


def _group_roles(value: object) -> tuple[tuple[str, str], ...]:
    """`group=role,group=role` as pairs, each role checked."""
    pairs = []
    for item in str(value).split(","):
        if not item.strip():
            continue
        group, sep, role = item.partition("=")
        if not sep or not group.strip():
            raise ValueError(f"expected group=role, got {item.strip()!r}")
        pairs.append((group.strip(), parse_role(role).value))
    return tuple(pairs)


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
            auth=_choice(raw["auth"], AUTH_MODES),
            users_file=_resolve(str(raw["users_file"]))
            if str(raw["users_file"]).strip()
            else _resolve(str(raw["events_dir"])) / ".sitmap" / "users.json",
            auth_user_key=str(raw["auth_user_key"]).strip(),
            auth_groups_key=str(raw["auth_groups_key"]).strip(),
            auth_group_roles=_group_roles(raw["auth_group_roles"]),
            auth_default_role=_choice(raw["auth_default_role"], ("none", *ROLE_NAMES)),
            affiliations=_affiliations(raw["affiliations"]),
            client_address_header=str(raw["client_address_header"]).strip(),
        )
    except ValueError as e:
        names = ", ".join(f.name for f in fields(Settings))
        raise ValueError(f"invalid sitmap setting ({names}): {e}") from e
