"""`sitmap snapshot` and `sitmap export`: files for reports from the command line (scripted daily maps).

    sitmap snapshot --from 2025-03-01 --to 2025-03-04 --around syr-2025-03-03-tell-al-mal-raid \\
        --radius-km 25 --distance-to area-of-separation --title "Golan front" --dpi 300 --out golan.png
    sitmap export --format csv --from 2025-03-01 --out events.csv

Both take the same filter options as `sitmap events`, so a script and the app agree on what a view holds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from sitmap.cli.common import (
    CliError,
    add_filter_options,
    add_store_options,
    load_reference_from_args,
    load_store_from_args,
    settings_from_args,
    view_from_args,
)
from sitmap.view import DEFAULT_OVERLAYS, KNOWN_OVERLAYS

DEFAULT_TITLE = "Reported military activity"


def _size(text: str) -> tuple[float, float]:
    try:
        w, h = (float(v) for v in text.lower().replace("x", ",").split(","))
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"expected WIDTH,HEIGHT in inches, got {text!r}") from e
    if not (1 <= w <= 60 and 1 <= h <= 60):
        raise argparse.ArgumentTypeError("width and height must be 1-60 inches")
    return w, h


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from e
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return value


def _overlays(text: str) -> tuple[str, ...]:
    names = tuple(v for v in text.split(",") if v)
    unknown = [n for n in names if n not in KNOWN_OVERLAYS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown overlay(s) {', '.join(unknown)}; known: {', '.join(KNOWN_OVERLAYS)}"
        )
    return names


def _check_out(path: Path) -> Path:
    if not path.parent.is_dir():
        raise CliError(f"output folder does not exist: {path.parent}")
    return path


def _outside_store(out: Path, events_dir: Path) -> Path:
    """Refuse an export path inside the event store: the store loads every file there, and an export
    written over a store file would replace it with a filtered subset, without the store's lock."""
    store = events_dir.resolve()
    target = out.resolve()
    if target == store or store in target.parents:
        raise CliError(
            f"{out}: refusing to write an export inside the event store folder {events_dir}; "
            "choose a path outside it"
        )
    return out


def _view(args: argparse.Namespace, events):
    """The filter options' view, plus the snapshot's own: --around/--radius-km, --selected, --overlays."""
    view = view_from_args(args)
    selected = getattr(args, "selected", None)
    around = getattr(args, "around", None)
    if around:
        from sitmap.snapshot.render import bbox_around

        rows = events[events["id"] == around]
        if rows.empty:
            raise CliError(f"--around: no event with id {around!r}")
        geom = rows.iloc[0].geometry
        if geom is None or geom.is_empty:
            raise CliError(f"--around: event {around!r} has no location")
        point = geom if geom.geom_type == "Point" else geom.representative_point()
        view = view.with_(bbox=bbox_around(point.x, point.y, args.radius_km))
        selected = selected or around
    if selected:
        if not (events["id"] == selected).any():
            raise CliError(f"--selected: no event with id {selected!r}")
        view = view.with_(selected=selected)
    if getattr(args, "overlays", None) is not None:
        view = view.with_(overlays=args.overlays)
    return view


def cmd_snapshot(args: argparse.Namespace) -> int:
    from sitmap.snapshot.render import FORMATS, SnapshotError, render_snapshot

    out = _check_out(Path(args.out))
    if out.suffix.lower().lstrip(".") not in FORMATS:
        raise CliError(f"--out must end in .png, .svg or .pdf, got {out.name!r}")
    started = time.perf_counter()
    store = load_store_from_args(args)
    reference = load_reference_from_args(args)
    view = _view(args, store.events)
    try:
        render_snapshot(
            store.events,
            reference,
            view,
            out,
            title=args.title,
            caption=args.caption,
            dpi=args.dpi,
            size_in=args.size,
            banner=args.banner,
            distance_to=args.distance_to,
            arabic_names=args.arabic,
            affiliations=settings_from_args(args).affiliation_table,
        )
    except SnapshotError as e:
        raise CliError(str(e)) from e
    took = time.perf_counter() - started
    print(f"wrote {out} ({out.stat().st_size / 1024:.0f} KB, {took:.1f} s)", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from sitmap.exports.formats import ExportError, write_export
    from sitmap.view import apply_view

    out = _check_out(Path(args.out))
    _outside_store(out, settings_from_args(args).events_dir)
    store = load_store_from_args(args)
    view = _view(args, store.events)
    shown = apply_view(store.events, view)
    extra: dict[str, Any] = {"settings": settings_from_args(args)}  # its events_dir: relative source paths
    if args.format in ("html", "kml"):  # KML draws region/country events as their area's outline
        extra["reference"] = load_reference_from_args(args)
    if args.format == "html":
        extra |= {"view": view, "title": args.title}
    try:
        write_export(shown, args.format, out, **extra)
    except ExportError as e:
        raise CliError(str(e)) from e
    print(f"wrote {out}: {len(shown)} events as {args.format}", file=sys.stderr)
    unlocated = [str(i) for i, g in zip(shown["id"], shown.geometry, strict=True) if g is None or g.is_empty]
    if unlocated and args.format in ("kml", "html"):
        # Readers of these formats may skip events without geometry (GDAL's KML driver; a map draws none).
        print(f"  {len(unlocated)} without a location: {', '.join(unlocated)}", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `snapshot` and `export` to the `sitmap` command."""
    p = subparsers.add_parser(
        "snapshot",
        help="render the view as a PNG/SVG/PDF map (offline, no browser)",
        description="Render filtered events on the offline vector basemap with the 1974 reference layers, "
        "a legend, a geodesic scale bar, a north arrow and the source line.",
    )
    add_store_options(p)
    add_filter_options(p)
    p.add_argument("--around", metavar="EVENT_ID", help="centre the map on this event (and select it)")
    p.add_argument(
        "--radius-km", type=_positive, default=25.0, metavar="R", help="map half-width around --around (25)"
    )
    p.add_argument(
        "--selected", metavar="EVENT_ID", help="highlight this event (distance is measured from it)"
    )
    p.add_argument(
        "--distance-to",
        metavar="REFERENCE_ID",
        help="annotate the distance from the selected event, e.g. line-b",
    )
    p.add_argument(
        "--overlays",
        type=_overlays,
        metavar="LIST",
        help=f"comma-separated overlays (default {','.join(DEFAULT_OVERLAYS)}; also: symbols)",
    )
    p.add_argument("--title", default=DEFAULT_TITLE, help="map title")
    p.add_argument("--caption", help="a caption under the map")
    p.add_argument("--banner", metavar="TEXT", help="a caveat/classification banner, top and bottom")
    p.add_argument("--arabic", action="store_true", help="add Arabic place names under the Latin ones")
    p.add_argument("--dpi", type=_positive, default=200, help="PNG resolution (default 200)")
    p.add_argument(
        "--size", type=_size, default=(10.0, 7.5), metavar="W,H", help="page size in inches (10,7.5)"
    )
    p.add_argument("--out", required=True, metavar="FILE", help="output file: .png, .svg or .pdf")
    p.set_defaults(func=cmd_snapshot)

    p = subparsers.add_parser(
        "export", help="write the filtered events as GeoJSON, CSV, KML, GeoPackage or HTML"
    )
    add_store_options(p)
    add_filter_options(p)
    p.add_argument("--format", required=True, choices=("geojson", "csv", "kml", "gpkg", "html"))
    p.add_argument("--selected", metavar="EVENT_ID", help="(html) open with this event selected")
    p.add_argument("--title", default=DEFAULT_TITLE, help="(html) the page's title")
    p.add_argument("--out", required=True, metavar="FILE", help="output file")
    p.set_defaults(func=cmd_export)
