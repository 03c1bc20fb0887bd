"""The `sitmap` command: thin over the domain packages.

argparse (standard library) rather than click/typer: the CLI is a handful of subcommands with plain options,
and one dependency fewer is one thing less to break on an air-gapped install. Each area registers its own
subcommands (`sitmap.cli.export`, `sitmap.cli.ingest`); shared options live in `sitmap.cli.common`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sitmap.cli import db, export, ingest, users
from sitmap.cli.common import (
    CliError,
    add_filter_options,
    add_store_options,
    load_reference_from_args,
    load_store_from_args,
    settings_from_args,
    view_from_args,
)


def cmd_validate(args: argparse.Namespace) -> int:
    from sitmap.store.load import validate_paths

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
    from sitmap.exports.formats import events_to_csv, events_to_geojson
    from sitmap.view import apply_view

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
    from sitmap.extract.claims import check_distance_claims

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

    export.register(sub)
    db.register(sub)
    ingest.register(sub)
    users.register(sub)
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
