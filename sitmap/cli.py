"""The `sitmap` command: thin over the domain modules.

argparse (standard library) rather than click/typer: the CLI is a handful of subcommands with plain options,
and one dependency fewer is one thing less to break on an air-gapped install.
Each area registers its own subcommands from `sitmap/cli_<area>.py` (listed in COMMAND_MODULES).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitmap.settings import Settings, load_settings

if TYPE_CHECKING:
    from sitmap.view import View

# Modules exposing `register(subparsers)`; a missing module is skipped so the core CLI always works.
COMMAND_MODULES: tuple[str, ...] = ("sitmap.cli_export", "sitmap.cli_ingest")


class CliError(Exception):
    """A user error: printed as one line on stderr, exit status 2."""


def add_store_options(parser: argparse.ArgumentParser) -> None:
    """--events and --geodata, shared by every subcommand."""
    parser.add_argument(
        "--events",
        metavar="DIR",
        help="event store folder (default: $SITMAP_EVENTS or events/)",
    )
    parser.add_argument(
        "--geodata", metavar="DIR", help="reference layers folder (default: $SITMAP_GEODATA or geodata/)"
    )


def parse_day(text: str) -> date:
    """A report's day (not a View field: `view_option` decodes those)."""
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from e


def view_option(name: str, *, whole: bool = False) -> Callable[[str], Any]:
    """An argparse `type` that decodes one View field with the View's codec (its limits, its messages).
    `whole`: the text is one value of a list field (names such as "Hamas, PIJ" may hold commas)."""

    def parse(text: str) -> Any:
        from sitmap.view import ViewValueError, check, decode_text

        try:
            return check(name, (text,)) if whole else decode_text(name, text)
        except ViewValueError as e:
            raise argparse.ArgumentTypeError(str(e)) from None

    parse.__name__ = name  # argparse names the type in its messages
    return parse


# The View's list filters as options: (flag, View field, metavar). Codes repeat or take commas; names
# (METAVAR "NAME") repeat only, as a name may hold a comma.
_FILTER_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--type", "event_types", "T"),
    ("--actor", "actors", "NAME"),
    ("--country", "countries", "NAME"),
    ("--admin1", "admin1", "NAME"),
    ("--claim-status", "claim_status", "S"),
    ("--precision", "geo_precision", "P"),
)


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """The filters `sitmap events`, `export` and `snapshot` share (they build a `sitmap.view.View`)."""
    from sitmap.view import SPEC

    parser.add_argument("--from", dest="start", type=view_option("start"), metavar="DATE", help="first day")
    parser.add_argument(
        "--to", dest="end", type=view_option("end"), metavar="DATE", help="last day (inclusive)"
    )
    for flag, name, metavar in _FILTER_OPTIONS:
        how = "repeatable" if metavar == "NAME" else "repeatable, or comma-separated"
        parser.add_argument(
            flag,
            dest=name,
            type=view_option(name, whole=metavar == "NAME"),
            action="append",
            default=[],
            metavar=metavar,
            help=f"{SPEC[name].title.lower()} ({how})",
        )
    parser.add_argument("--text", default="", help="free-text search")
    parser.add_argument("--bbox", type=view_option("bbox"), metavar="W,S,E,N", help="bounding box in degrees")


def view_from_args(args: argparse.Namespace) -> View:
    """A View from the filter options; unknown event types are a user error."""
    from sitmap.view import View
    from sitmap.vocabulary import EVENT_TYPES

    lists = {name: tuple(v for group in getattr(args, name) for v in group) for _, name, _ in _FILTER_OPTIONS}
    unknown = [t for t in lists["event_types"] if t not in EVENT_TYPES]
    if unknown:
        raise CliError(f"unknown event type(s) {', '.join(unknown)}; known: {', '.join(EVENT_TYPES)}")
    return View(start=args.start, end=args.end, text=args.text, bbox=args.bbox, **lists)


def settings_from_args(args: argparse.Namespace) -> Settings:
    return load_settings(events_dir=getattr(args, "events", None), geodata_dir=getattr(args, "geodata", None))


def load_store_from_args(args: argparse.Namespace):
    """The store, refusing a missing folder with a clear message instead of an empty map."""
    from sitmap.store import load_store

    settings = settings_from_args(args)
    if not settings.events_dir.is_dir():
        raise CliError(f"events folder not found: {settings.events_dir}")
    return load_store(settings.events_dir, settings=settings)


def load_reference_from_args(args: argparse.Namespace):
    from sitmap.reference import load_reference

    settings = settings_from_args(args)
    if not settings.geodata_dir.is_dir():
        raise CliError(f"geodata folder not found: {settings.geodata_dir}")
    return load_reference(settings.geodata_dir)


# --- core subcommands ---------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from sitmap.store import validate_paths

    settings = settings_from_args(args)
    paths = [Path(p) for p in args.paths] or [settings.events_dir]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise CliError(f"no such file or folder: {', '.join(missing)}")
    problems, n_events = validate_paths(paths, settings=settings)
    for problem in problems:
        print(f"{problem.severity}: {problem}")
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    print(f"{n_events} valid events; {errors} errors, {warnings} warnings", file=sys.stderr)
    return 1 if errors else 0


def cmd_events(args: argparse.Namespace) -> int:
    from sitmap.exports import events_to_csv, events_to_geojson
    from sitmap.filters import apply_view

    store = load_store_from_args(args)
    shown = apply_view(store.events, view_from_args(args))
    text = events_to_csv(shown) if args.format == "csv" else events_to_geojson(shown)
    sys.stdout.write(text)
    return 0


def cmd_distance(args: argparse.Namespace) -> int:
    from sitmap.geometry import distance_to_reference, limitation_band

    store = load_store_from_args(args)
    reference = load_reference_from_args(args)
    rows = store.events[store.events["id"] == args.event_id]
    if rows.empty:
        raise CliError(f"no event with id {args.event_id!r} in {settings_from_args(args).events_dir}")
    row = rows.iloc[0]
    if row.geometry is None or row.geometry.is_empty:
        raise CliError(f"event {args.event_id!r} has no location (geometry null)")
    try:
        ref_geom = reference.geometry(args.reference_id)
    except KeyError as e:
        raise CliError(str(e).strip("'\"")) from e
    uncertainty = float(row["uncertainty_m"]) if row["uncertainty_m"] == row["uncertainty_m"] else 0.0
    result = distance_to_reference(
        row.geometry, ref_geom, uncertainty_m=uncertainty, ref_id=args.reference_id
    )
    lon, lat = result.nearest_point
    print(f"event:        {args.event_id} ({row['location'] or 'unnamed location'})")
    print(f"measured to:  {result.measured_to} [{args.reference_id}]")
    if getattr(result, "inside", False):
        print("position:     inside the reference area")
    print(f"distance:     {result.distance_km:.1f} km")
    print(
        f"range:        {result.min_km:.1f}-{result.max_km:.1f} km "
        f"(event uncertainty ±{uncertainty / 1000:.1f} km)"
    )
    print(f"nearest point: {lat:.5f} N, {lon:.5f} E (lat, lon)")
    print(f"method:       {result.method}")
    print(f"label:        {result.label()}")
    band = limitation_band(row.geometry, uncertainty, reference)
    if band.band_id or band.candidates:
        where = band.band_id or "outside the 1974 zone and bands"
        doubt = f" (ambiguous: could be {', '.join(band.candidates)})" if band.ambiguous else ""
        print(f"1974 band:    {where}{doubt}")
    from sitmap.claims import check_distance_claims

    for check in check_distance_claims(row, None, reference):
        print(f"report says:  {check.claim.get('text', '')!r}")
        print(f"claim check:  {check.label()}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitmap", description="Geocoded events from conflict reports: validate, query, measure, export."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="validate the event store or given files/folders")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the events folder)")
    add_store_options(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("events", help="print filtered events as GeoJSON or CSV")
    add_store_options(p)
    add_filter_options(p)
    p.add_argument("--format", choices=("geojson", "csv"), default="geojson")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("distance", help="distance from an event to a reference feature, with its range")
    p.add_argument("event_id", metavar="EVENT_ID")
    p.add_argument("reference_id", metavar="REFERENCE_ID", help="e.g. area-of-separation, line-a")
    add_store_options(p)
    p.set_defaults(func=cmd_distance)

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name != name:  # a real missing dependency inside the module must not be hidden
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CliError as e:
        print(f"sitmap {args.command}: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `sitmap events | head` is normal use
        return 0


if __name__ == "__main__":
    sys.exit(main())
