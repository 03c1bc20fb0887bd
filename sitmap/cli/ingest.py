"""`sitmap ingest`, `extract`, `accept` and `import-acled`: from report text to reviewed events.

sitmap ingest report.html [--date 2025-03-04] [--title ...] [--url ...] [--publisher ...]
sitmap extract iran-update-2025-03-04 --out candidates.geojson
sitmap accept candidates.geojson [--ids a,b] [--into events/file.geojson] [--replace | --overwrite]
sitmap import-acled export.csv [--into events/acled/ | FILE.geojson] [--prefer local|upstream]
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sitmap.cli.common import (
    CliError,
    add_store_options,
    load_reference_from_args,
    parse_day,
    settings_from_args,
)

if TYPE_CHECKING:  # imported lazily at run time: `sitmap --help` stays fast
    from sitmap.extract.review import AcceptResult, DuplicateEventError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "ingest", help="store a report (text, Markdown or saved HTML) under events/reports/"
    )
    p.add_argument("report", metavar="REPORT", help="the report file (.txt, .md, .html)")
    p.add_argument(
        "--date", type=parse_day, help="the report's date, YYYY-MM-DD (default: the date its header states)"
    )
    p.add_argument("--title", help="title (default: the page's or file's own)")
    p.add_argument("--url", help="where the report is published (http/https)")
    p.add_argument("--publisher", help="who published it")
    p.add_argument("--id", dest="report_id", help="report id (default: <title>-<date>)")
    p.add_argument("--format", dest="fmt", choices=("text", "markdown", "html"), help="default: detected")
    add_store_options(p)
    p.set_defaults(func=cmd_ingest)

    p = subparsers.add_parser(
        "extract", help="propose candidate events from a stored report (nothing is saved)"
    )
    p.add_argument("report_id", metavar="REPORT_ID", help="a report id under events/reports/ (or a .md path)")
    p.add_argument("--out", required=True, metavar="FILE", help="candidates file to write (GeoJSON)")
    add_store_options(p)
    p.set_defaults(func=cmd_extract)

    p = subparsers.add_parser("accept", help="save reviewed candidates into the event store")
    p.add_argument("candidates", metavar="CANDIDATES", help="a candidates file written by `sitmap extract`")
    p.add_argument("--ids", default="", help="comma-separated candidate ids (default: all pending)")
    p.add_argument("--into", metavar="FILE", help="event file (default: events/<report-id>.geojson)")
    same_id = p.add_mutually_exclusive_group()
    same_id.add_argument(
        "--replace",
        action="store_true",
        help="merge into an event that already has the same id: keep its summary, location, tags, actors "
        "and every other field it has, fill its empty ones, add the candidate's sources",
    )
    same_id.add_argument(
        "--overwrite",
        action="store_true",
        help="replace an event that already has the same id with the candidate wholesale (curated fields "
        "are lost)",
    )
    add_store_options(p)
    p.set_defaults(func=cmd_accept)

    p = subparsers.add_parser(
        "import-acled",
        help="import (or update from) an ACLED CSV export; exit 1 if any row is refused",
        description="Rows are matched by event_id_cnty. An analyst's edits survive a re-import; a field both "
        "the analyst and ACLED changed is reported as a conflict; stored rows missing from a newer export "
        "of the same countries and dates are listed as dropped upstream, never deleted.",
    )
    p.add_argument("csv", metavar="FILE.csv")
    p.add_argument(
        "--into",
        metavar="FILE",
        help="event file, or a folder to split into one file per country and month (default: events/acled/, "
        "or events/acled.geojson where one exists)",
    )
    p.add_argument(
        "--prefer",
        choices=("local", "upstream"),
        default="local",
        help="whose value a conflict keeps: the analyst's (default) or ACLED's",
    )
    add_store_options(p)
    p.set_defaults(func=cmd_import_acled)


def cmd_ingest(args: argparse.Namespace) -> int:
    from sitmap.ingest.text import IngestError, ingest_report

    settings = settings_from_args(args)
    try:
        result = ingest_report(
            args.report, report_date=args.date, events_dir=settings.events_dir, title=args.title,
            url=args.url, publisher=args.publisher, report_id=args.report_id, fmt=args.fmt,
        )  # fmt: skip
    except IngestError as e:
        raise CliError(str(e)) from e
    print(result.message)
    print(result.report.id)
    return 0


def _load_report(args: argparse.Namespace):
    from sitmap.store.reports import ReportError, load_report

    settings = settings_from_args(args)
    path = Path(args.report_id)
    if path.suffix != ".md" or not path.is_file():
        path = settings.events_dir / "reports" / f"{args.report_id}.md"
    if not path.is_file():
        raise CliError(f"no report {args.report_id!r} (looked for {path}); ingest it first")
    try:
        return load_report(path)
    except ReportError as e:
        raise CliError(str(e)) from e


def cmd_extract(args: argparse.Namespace) -> int:
    from sitmap.extract.pipeline import extract_candidates
    from sitmap.extract.review import candidate_claim_checks, write_candidates

    report = _load_report(args)
    from sitmap.reference.gazetteer import Gazetteer
    from sitmap.reference.own_places import load_own_places

    reference = load_reference_from_args(args)
    gaz = Gazetteer.from_reference(reference)  # the one index, with the analyst's own places
    gaz.add_own_places(load_own_places(settings_from_args(args).events_dir))
    cands = extract_candidates(report, reference, gazetteer=gaz)
    write_candidates(args.out, cands)
    for c in cands:
        where = c.location or "?"
        head = f"{c.id}  {c.event_type}  {c.date or 'no date'}  {where}"
        print(f"{head}  conf {c.confidence:.2f}  [{c.paragraph_id}]")
        for check in candidate_claim_checks(c, reference):
            print(f"    claim: {check.label()}")
        if c.unresolved:
            print(f"    unresolved: {', '.join(c.unresolved)}")
        for problem in c.problems():
            print(f"    to fix before accepting: {problem.field}: {problem.message}")
    print(f"{len(cands)} candidate(s) written to {args.out}; review, then `sitmap accept`", file=sys.stderr)
    return 0


def cmd_accept(args: argparse.Namespace) -> int:
    from sitmap.extract.review import DuplicateEventError, accept_candidate, read_candidates, set_status
    from sitmap.store.load import StoreError, ValidationError

    settings = settings_from_args(args)
    try:
        cands = read_candidates(args.candidates)
    except ValueError as e:
        raise CliError(str(e)) from e
    wanted = [i.strip() for i in args.ids.split(",") if i.strip()]
    unknown = sorted(set(wanted) - {c.id for c in cands})
    if unknown:
        raise CliError(f"no candidate(s) {', '.join(unknown)} in {args.candidates}")
    chosen = [c for c in cands if c.id in wanted] if wanted else [c for c in cands if c.status == "pending"]
    accepted, failed = [], 0
    for c in chosen:
        into = Path(args.into) if args.into else settings.events_dir / f"{c.report_id or 'extracted'}.geojson"
        try:
            result = accept_candidate(
                c, into, replace=args.replace, overwrite=args.overwrite, events_dir=settings.events_dir,
                settings=settings, user=getpass.getuser(), why=f"sitmap accept from {args.candidates}",
            )  # fmt: skip
        except ValidationError as e:
            failed += 1
            print(f"not saved: {c.id}:", file=sys.stderr)
            for p in e.problems:
                print(f"  {p.field}: {p.message}", file=sys.stderr)
        except DuplicateEventError as e:
            failed += 1
            print(f"not saved: {c.id}: {_flag_wording(e)}", file=sys.stderr)
        except StoreError as e:
            failed += 1
            print(f"not saved: {c.id}: {e}", file=sys.stderr)
        else:
            accepted.append(c.id)
            print(f"{_accept_verb(args, result.replaced)} {c.id} -> {result.path}{_merge_note(result)}")
    if accepted:
        set_status(args.candidates, accepted, "accepted")
    print(f"{len(accepted)} accepted, {failed} not saved", file=sys.stderr)
    return 1 if failed else 0


def _flag_wording(error: DuplicateEventError) -> str:
    """Why a candidate was refused as a duplicate, in the CLI's terms (its flags, not Python keywords)."""
    if not error.same_file:
        return str(error)
    return (
        f"event {error.event_id!r} is already in {error.path}; --replace merges into it (keeps its summary, "
        "location, tags, actors and other fields it has, adds this evidence as a source), --overwrite takes "
        "the candidate wholesale"
    )


def _accept_verb(args: argparse.Namespace, replaced: bool) -> str:
    if not replaced:
        return "saved"
    return "overwrote" if args.overwrite else "merged into"


def _merge_note(result: AcceptResult) -> str:
    """What a merge kept of the stored event and what it added, for the analyst to check."""
    if not result.replaced or not (result.kept or result.added_sources):
        return ""
    parts = [f"kept stored {', '.join(result.kept)}"] if result.kept else []
    if result.added_sources:
        parts.append(f"added {result.added_sources} source(s)")
    return f" ({'; '.join(parts)})"


def _default_acled_target(events_dir: Path) -> Path:
    """events/acled/ (one file per country and month), or the older single events/acled.geojson if it is
    there (its events stay where they are)."""
    single = events_dir / "acled.geojson"
    return single if single.exists() else events_dir / "acled"


def cmd_import_acled(args: argparse.Namespace) -> int:
    from sitmap.ingest.acled_merge import import_acled
    from sitmap.store.load import StoreError

    settings = settings_from_args(args)
    into = Path(args.into) if args.into else _default_acled_target(settings.events_dir)
    if not Path(args.csv).is_file():
        raise CliError(f"no such file: {args.csv}")
    try:
        result = import_acled(
            args.csv, into, events_dir=settings.events_dir, settings=settings, prefer=args.prefer
        )
    except (ValueError, StoreError) as e:
        raise CliError(str(e)) from e
    for p in result.problems:
        print(f"refused: {p}", file=sys.stderr)
    for fid, fields in result.conflicts.items():
        kept = "ACLED's" if args.prefer == "upstream" else "the analyst's"
        print(
            f"conflict: {fid}: {', '.join(fields)} (changed here and upstream; kept {kept})", file=sys.stderr
        )
    for fid in result.dropped:
        print(f"dropped upstream: {fid} (no longer in this export; kept in {into})", file=sys.stderr)
    print(
        f"{len(result.added)} added, {len(result.updated)} updated, {len(result.unchanged)} unchanged, "
        f"{len(result.kept_local)} kept-local, {len(result.conflicts)} conflicts, "
        f"{len(result.dropped)} dropped, {result.refused} refused -> {into}"
    )
    # Partial refusal is not success: a script must see that some rows were not imported.
    return 1 if result.refused else 0
