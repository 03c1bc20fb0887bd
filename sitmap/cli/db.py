"""`sitmap db`: the team's PostgreSQL + PostGIS event store from the command line.

    sitmap db init   [--database-url URL]
    sitmap db import events/ | acled-export.csv [--user NAME] [--why TEXT]
    sitmap db export FOLDER

The URL defaults to `$SITMAP_DATABASE_URL`. An import checks every event first and writes all or nothing,
as one history entry; an export writes one GeoJSON file per source file through the embedded store's
writer, so `sitmap validate FOLDER` accepts what it wrote.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitmap.cli.common import CliError, settings_from_args

if TYPE_CHECKING:
    from sitmap.store.postgis import PostgisStore

ACLED_FILE = "acled.geojson"  # where ACLED events go on export, as `sitmap import-acled` puts them


def register(subparsers: argparse._SubParsersAction) -> None:
    db = subparsers.add_parser("db", help="the PostgreSQL + PostGIS event store: init, import, export")
    sub = db.add_subparsers(dest="db_command", required=True, metavar="DB_COMMAND")

    p = sub.add_parser("init", help="create (or bring up to date) the tables, indexes and triggers")
    _url_option(p)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("import", help="import a folder of GeoJSON event files or an ACLED .csv export")
    p.add_argument("source", metavar="FOLDER_OR_CSV")
    p.add_argument("--user", default=None, help="who imports, for the history (default: the login name)")
    p.add_argument("--why", default=None, help="why, for the history (default: 'import of <source>')")
    _url_option(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="write every event as GeoJSON files under a new or empty folder")
    p.add_argument("folder", metavar="FOLDER")
    _url_option(p)
    p.set_defaults(func=cmd_export)


def _url_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database-url", metavar="URL", help="PostgreSQL URL (default: $SITMAP_DATABASE_URL)"
    )


def _store(args: argparse.Namespace, *, init: bool = False) -> PostgisStore:
    """The store at --database-url or $SITMAP_DATABASE_URL; a user error when neither is set or it is
    unreachable (the message never repeats the URL: it may hold a password)."""
    try:
        import psycopg

        from sitmap.store.postgis import DATABASE_URL_ENV, PostgisStore, database_url
    except ImportError as e:
        raise CliError(f"the PostGIS store needs psycopg: pip install 'sitmap[postgis]' ({e})") from e
    url = (args.database_url or "").strip() or database_url()
    if not url:
        raise CliError(f"no database given: pass --database-url or set {DATABASE_URL_ENV}")
    try:
        return PostgisStore(url, max_connections=2, init=init)
    except psycopg.Error as e:  # the pool's timeout is one too
        raise CliError(f"cannot use the database: {type(e).__name__}: {e}") from e


def cmd_init(args: argparse.Namespace) -> int:
    with _store(args, init=True):
        print("database ready: tables, indexes and triggers are in place", file=sys.stderr)
    return 0


def _folder_features(folder: Path, args: argparse.Namespace) -> list[tuple[dict[str, Any], str]]:
    """Every feature of the folder's event files with its file (relative, POSIX); any file that cannot
    be read is a user error, so an import never silently leaves part of a folder behind."""
    from sitmap.store.files import discover
    from sitmap.store.write import read_event_file

    settings = settings_from_args(args)
    paths, problems = discover(folder, settings)
    pairs: list[tuple[dict[str, Any], str]] = []
    for path in paths:
        features, _, found = read_event_file(path, settings=settings)
        problems += [p for p in found if p.is_error]
        rel = path.relative_to(folder).as_posix()
        pairs += [(f, rel) for f in features or ()]
    if problems:
        raise CliError("nothing imported:\n" + "\n".join(map(str, problems)))
    return pairs


def _acled_features(path: Path) -> list[tuple[dict[str, Any], str]]:
    from sitmap.ingest.acled import read_acled_csv

    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CliError(f"{path}: not UTF-8 (byte {e.start}); nothing imported") from e
    features, problems = read_acled_csv(text, file=str(path))
    if any(p.is_error for p in problems):
        raise CliError("nothing imported:\n" + "\n".join(str(p) for p in problems if p.is_error))
    return [(f, ACLED_FILE) for f in features]


def cmd_import(args: argparse.Namespace) -> int:
    from sitmap.store.write import ValidationError

    source = Path(args.source)
    if source.is_dir():
        pairs = _folder_features(source, args)
    elif source.is_file() and source.suffix.lower() == ".csv":
        pairs = _acled_features(source)
    else:
        raise CliError(f"{source}: expected a folder of GeoJSON event files or an ACLED .csv export")
    user = args.user or getpass.getuser()
    why = args.why or f"import of {source.name}"
    with _store(args) as store:
        try:
            n = store.import_features(pairs, user=user, why=why, source=str(source))
        except ValidationError as e:
            raise CliError("nothing imported:\n" + "\n".join(map(str, e.problems))) from e
    print(f"{n} events imported from {source}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from sitmap.store.write import StoreError, save_features

    folder = Path(args.folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise CliError(f"{folder}: not a new or empty folder; refusing to write over anything there")
    with _store(args) as store:
        pairs = store.all_features()
    by_file: dict[str, list[dict[str, Any]]] = {}
    for feature, rel in pairs:
        by_file.setdefault(rel, []).append(feature)
    root = folder.resolve()
    targets = {}
    for rel in by_file:
        target = (folder / rel).resolve()
        # A stored source_file is data: it must not lead the export outside its folder.
        if root not in target.parents or target.suffix.lower() != ".geojson":
            raise CliError(f"{rel!r}: not a .geojson path inside the export folder; nothing exported")
        targets[rel] = target
    settings = settings_from_args(args)
    for rel, features in by_file.items():
        targets[rel].parent.mkdir(parents=True, exist_ok=True)
        try:
            save_features(targets[rel], features, expected_version=None, settings=settings)
        except StoreError as e:
            raise CliError(f"{targets[rel]}: {e}") from e
    print(f"{len(pairs)} events exported to {len(by_file)} file(s) under {folder}", file=sys.stderr)
    return 0
