"""What the `sitmap` subcommands share: the user-error type, store and filter options, and loading."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from sitmap.settings import Settings, load_settings

if TYPE_CHECKING:
    from sitmap.view import View


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

    def values(name: str) -> tuple[str, ...]:
        """One repeatable filter option's values, flattened (each use may hold several)."""
        return tuple(v for group in getattr(args, name) for v in group)

    event_types = values("event_types")
    unknown = [t for t in event_types if t not in EVENT_TYPES]
    if unknown:
        raise CliError(f"unknown event type(s) {', '.join(unknown)}; known: {', '.join(EVENT_TYPES)}")
    return View(
        start=args.start,
        end=args.end,
        text=args.text,
        bbox=args.bbox,
        event_types=event_types,
        actors=values("actors"),
        countries=values("countries"),
        admin1=values("admin1"),
        claim_status=values("claim_status"),
        geo_precision=values("geo_precision"),
    )


def settings_from_args(args: argparse.Namespace) -> Settings:
    return load_settings(events_dir=getattr(args, "events", None), geodata_dir=getattr(args, "geodata", None))


def load_store_from_args(args: argparse.Namespace):
    """The store, refusing a missing folder with a clear message instead of an empty map."""
    from sitmap.store.load import load_store

    settings = settings_from_args(args)
    if not settings.events_dir.is_dir():
        raise CliError(f"events folder not found: {settings.events_dir}")
    return load_store(settings.events_dir, settings=settings)


def load_reference_from_args(args: argparse.Namespace):
    from sitmap.reference.layers import load_reference

    settings = settings_from_args(args)
    if not settings.geodata_dir.is_dir():
        raise CliError(f"geodata folder not found: {settings.geodata_dir}")
    return load_reference(settings.geodata_dir)


# --- core subcommands ---------------------------------------------------------------------------------
