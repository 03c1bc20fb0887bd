"""Which files make up an event store, and how many problems one file may add to a list.

Discovery walks the folder itself (never following links to folders), matches `*.geojson` in any case,
and returns whatever is named like an event file, even a folder or a FIFO: reading it is what reports it,
so it shows up as a problem instead of silently missing. Links that lead out of the folder are refused
here, unless the settings allow them.
"""

from __future__ import annotations

import os
from pathlib import Path

from sitmap.model import Problem
from sitmap.settings import Settings, load_settings

SKIPPED_DIRS = ("briefings", "reports", "places")  # under events/: decks, reports (.md), own gazetteer
EVENT_SUFFIX = ".geojson"  # matched ignoring case, as the review page's save names are checked
MAX_PROBLEMS_PER_FILE = 50  # then one summary line: a file of 10,000 bad features must not flood a viewer


def event_files(events_dir: Path, settings: Settings | None = None) -> list[Path]:
    """The store's files: `**/*.geojson` (any case) except under briefings/, reports/ and hidden folders,
    and except links to files outside the folder (unless allowed); `discover` also says what it left out."""
    return discover(Path(events_dir), settings or load_settings())[0]


def discover(events_dir: Path, settings: Settings) -> tuple[list[Path], list[Problem]]:
    """Event file candidates under `events_dir` (sorted), and problems for links that point outside it.

    Anything named like an event file is returned, whatever it is (folder, FIFO, broken link): reading it
    is what reports it, so it shows up as a problem instead of silently missing.
    """
    root = events_dir.resolve()
    found: list[Path] = []
    problems: list[Problem] = []
    for dirpath, dirs, files in os.walk(events_dir):  # never follows links to folders
        here = Path(dirpath)
        top = here == events_dir
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (top and d in SKIPPED_DIRS))
        for name in [*files, *dirs]:
            if name.startswith(".") or not name.lower().endswith(EVENT_SUFFIX):
                continue
            path = here / name
            if path.is_symlink() and path.exists() and not settings.allow_outside_links:
                target = path.resolve()
                if not target.is_relative_to(root):
                    problems.append(
                        Problem(
                            str(path),
                            "-",
                            "-",
                            f"symbolic link to {target}, outside the events folder; not read "
                            "(SITMAP_ALLOW_OUTSIDE_LINKS=1 allows it)",
                        )
                    )
                    continue
            found.append(path)
    return sorted(found), problems


def capped(problems: list[Problem], file: str) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_FILE of one file's problems, then one line saying how many more."""
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    shown, rest = problems[:MAX_PROBLEMS_PER_FILE], problems[MAX_PROBLEMS_PER_FILE:]
    errors = sum(p.is_error for p in rest)
    counts = ", ".join(
        f"{n:,} {word}" for n, word in ((errors, "errors"), (len(rest) - errors, "warnings")) if n
    )
    message = f"… and {len(rest):,} more problems in this file ({counts})"
    return [*shown, Problem(file, "-", "-", message, "error" if errors else "warning")]
