"""Briefing decks: named views in order, stored as plain JSON under `events/briefings/<deck-id>.json`.

A slide is a `View` (window, filters, layers, extent, selected event) with a title and a speaker note; a deck
is slides in order. Files are written diff-friendly (2-space indent, fixed key order, one field per line,
trailing newline) and atomically, so a deck kept in git shows a readable diff for each edit. Loading is
strict and names the file, the slide index and the field of anything it cannot read.

Decks are saved like event files (`sitmap.store.write`): under the file's lock in `.sitmap/locks/`, only if
the file still has the sha256 the caller read (`FileVersion`), else `ConflictError` and nothing written.
`add_slide` re-reads and re-applies on a conflict, so analysts adding slides to one deck at once lose none.

The store skips `events/briefings/` (and only reads `*.geojson` anyway), so decks are never taken for events.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from sitmap.store.atomic import atomic_write_bytes
from sitmap.store.write import ConflictError, FileVersion, LockTimeoutError, lock_path
from sitmap.view import View, ViewValueError, view_as_dict
from sitmap.view import view_from_dict as codec_view_from_dict

FORMAT = "sitmap-briefing"
FORMAT_VERSION = 1
DECK_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_ID_RULE = "must be 1-64 lower-case letters, digits, '-' or '_' (it names the file)"
MAX_DECK_BYTES = 5 * 1024 * 1024  # a deck is a few KB; refuse anything absurd before parsing it
SAVE_ATTEMPTS = 200  # re-read and re-apply this often before a conflict reaches the analyst


class DeckError(ValueError):
    """A deck file that cannot be read or written; names the file, slide and field."""

    def __init__(self, file: str, where: str, message: str):
        super().__init__(f"{file}:{where}: {message}")
        self.file, self.where, self.message = file, where, message


@dataclass(frozen=True)
class Slide:
    title: str
    view: View = field(default_factory=View)
    note: str = ""


@dataclass(frozen=True)
class Deck:
    id: str
    title: str
    slides: tuple[Slide, ...] = ()

    def with_slide(self, slide: Slide, index: int | None = None) -> Deck:
        """A copy with `slide` inserted at `index` (default: appended)."""
        slides = list(self.slides)
        slides.insert(len(slides) if index is None else index, slide)
        return replace(self, slides=tuple(slides))

    def replace_slide(self, index: int, slide: Slide) -> Deck:
        slides = list(self.slides)
        slides[index] = slide
        return replace(self, slides=tuple(slides))

    def without_slide(self, index: int) -> Deck:
        return replace(self, slides=tuple(s for i, s in enumerate(self.slides) if i != index))

    def move_slide(self, index: int, to: int) -> Deck:
        """A copy with the slide at `index` moved to position `to`."""
        slides = list(self.slides)
        slides.insert(to, slides.pop(index))
        return replace(self, slides=tuple(slides))


@dataclass(frozen=True)
class DeckInfo:
    """One deck file as `list_decks` sees it; `error` is set (and the rest best-effort) when it is broken."""

    id: str
    title: str
    n_slides: int
    path: Path
    error: str | None = None


def slugify(title: str) -> str:
    """A deck id from a title: lower-case ASCII letters, digits and hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:64].rstrip("-")
    return slug or "deck"


# --- to JSON -------------------------------------------------------------------------------------------


def deck_to_dict(deck: Deck) -> dict[str, Any]:
    """The deck as the JSON-ready dict written to disk (key order fixed)."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "id": deck.id,
        "title": deck.title,
        "slides": [{"title": s.title, "note": s.note, "view": view_as_dict(s.view)} for s in deck.slides],
    }


def dumps_deck(deck: Deck) -> str:
    """The file text: 2-space indent, short lists (bbox, overlays) kept readable, trailing newline."""
    return json.dumps(deck_to_dict(deck), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def deck_path(directory: Path | str, deck_id: str) -> Path:
    if not DECK_ID.match(deck_id):
        raise DeckError(str(directory), "id", f"deck id {deck_id!r} {_ID_RULE}")
    return Path(directory) / f"{deck_id}.json"


def save_deck(
    directory: Path | str, deck: Deck, *, expected_version: FileVersion | None = None, timeout: float = 30.0
) -> FileVersion:
    """Write the deck to `<directory>/<deck.id>.json` atomically, if the file is still at `expected_version`.

    `expected_version=None` (the default) means the deck must not exist yet, so a new deck never replaces
    one of the same id. Raises ConflictError (nothing written) or LockTimeoutError.
    """
    path = deck_path(directory, deck.id)
    data = dumps_deck(deck).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(_lock(path), timeout=timeout):
            found = FileVersion.of_file(path)
            if found != expected_version:
                raise ConflictError(path, expected_version, found)
            atomic_write_bytes(path, data)
    except Timeout as e:
        raise LockTimeoutError(f"{path}: another save held its lock for over {timeout:g} s") from e
    return FileVersion.of_bytes(data)


def update_deck(
    directory: Path | str,
    deck_id: str,
    change: Callable[[Deck | None], Deck],
    *,
    attempts: int | None = None,
) -> Deck:
    """Read the deck (None when it does not exist), apply `change`, save it version-checked; on a conflict
    read it again and re-apply, up to `attempts` times (default `SAVE_ATTEMPTS`). Returns the saved deck.

    `change` must be a pure function of the deck it is given: it may run more than once.
    """
    path = deck_path(directory, deck_id)
    attempts = SAVE_ATTEMPTS if attempts is None else attempts
    for attempt in range(1, attempts + 1):
        current, version = read_deck(path) if path.exists() else (None, None)
        new = change(current)
        if new.id != deck_id:
            raise DeckError(str(path), "id", f"a change may not rename deck {deck_id!r} to {new.id!r}")
        try:
            save_deck(directory, new, expected_version=version)
        except ConflictError:
            if attempt == attempts:
                raise
            # Another save won the race: back off a little (random, so racers spread out) and redo ours.
            time.sleep(random.uniform(0, min(0.05, 0.001 * 2**attempt)))  # noqa: S311 (jitter, not a secret)
        else:
            return new
    raise AssertionError("unreachable")  # the loop returns or raises


def add_slide(
    directory: Path | str, deck_id: str | None, slide: Slide, *, new_title: str = ""
) -> tuple[Deck, bool]:
    """Append `slide` to deck `deck_id`, or (`deck_id` None) to the deck named after `new_title`, created
    when it does not exist; returns the saved deck and whether it was created. Safe against concurrent
    saves (see `update_deck`); a deck id that exists is added to, never replaced."""
    title = new_title.strip() or "Briefing"
    wanted = slugify(title) if deck_id is None else deck_id
    created = False

    def append(current: Deck | None) -> Deck:
        nonlocal created
        if current is None and deck_id is not None:
            raise DeckError(str(deck_path(directory, wanted)), "-", "no such deck file")
        created = current is None
        return (current or Deck(id=wanted, title=title)).with_slide(slide)

    return update_deck(directory, wanted, append), created


def change_slide(
    directory: Path | str,
    deck_id: str,
    slide: Slide,
    *,
    new: Slide | None = None,
    move: int = 0,
    delete: bool = False,
) -> Deck:
    """Edit one slide of a saved deck: replace it by `new`, move it `move` places (negative: earlier, kept
    inside the deck) or delete it. The slide is found by its content, not its position, so a concurrent
    save that added or moved slides cannot redirect the change to another slide; a slide that someone else
    changed or deleted meanwhile is a `DeckError`. Saved version-checked (`update_deck`)."""

    def apply(current: Deck | None) -> Deck:
        if current is None:
            raise DeckError(str(deck_path(directory, deck_id)), "-", "no such deck file")
        if slide not in current.slides:
            raise DeckError(
                str(deck_path(directory, deck_id)), "slides", f"slide {slide.title!r} was changed or deleted"
            )
        index = current.slides.index(slide)
        if delete:
            return current.without_slide(index)
        deck = current.replace_slide(index, new) if new is not None else current
        to = max(0, min(len(deck.slides) - 1, index + move))
        return deck.move_slide(index, to) if to != index else deck

    return update_deck(directory, deck_id, apply)


def _lock(path: Path) -> Path:
    """The deck's lock file, where event files keep theirs (`<folder>/.sitmap/locks/`)."""
    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    return lock


def delete_deck(directory: Path | str, deck_id: str, *, timeout: float = 30.0) -> None:
    """Remove the deck file (under its lock, so a save in progress finishes first)."""
    path = deck_path(directory, deck_id)
    try:
        with FileLock(_lock(path), timeout=timeout):
            path.unlink(missing_ok=True)
    except Timeout as e:
        raise LockTimeoutError(f"{path}: another save held its lock for over {timeout:g} s") from e


# --- from JSON -----------------------------------------------------------------------------------------


def view_from_dict(data: Any, *, file: str = "-", where: str = "view") -> View:
    """A View from `view_as_dict` output (`sitmap.view`'s codec); anything wrong raises `DeckError` naming
    `where.<field>`."""
    try:
        return codec_view_from_dict(data)
    except ViewValueError as e:
        at = where if e.field == "-" else f"{where}.{e.field}"
        raise DeckError(file, at, str(e)) from None


def deck_from_dict(data: Any, *, file: str = "-") -> Deck:
    """A Deck from its JSON dict; `DeckError` names the slide index and field of the first problem."""
    if not isinstance(data, dict):
        raise DeckError(file, "-", "a deck file holds one JSON object")
    if data.get("format") != FORMAT:
        raise DeckError(file, "format", f"not a sitmap briefing deck (format must be {FORMAT!r})")
    if data.get("version") != FORMAT_VERSION:
        raise DeckError(file, "version", f"unsupported version {data.get('version')!r}; this sitmap reads 1")
    deck_id = data.get("id")
    if not isinstance(deck_id, str) or not DECK_ID.match(deck_id):
        raise DeckError(
            file, "id", f"deck id {deck_id!r} must be 1-64 lower-case letters, digits, '-' or '_'"
        )
    if not isinstance(data.get("title"), str):
        raise DeckError(file, "title", "expected a string")
    raw_slides = data.get("slides")
    if not isinstance(raw_slides, list):
        raise DeckError(file, "slides", "expected a list of slides")
    slides = []
    for i, raw in enumerate(raw_slides):
        where = f"slides[{i}]"
        if not isinstance(raw, dict):
            raise DeckError(file, where, "expected an object with title, note and view")
        for key in ("title", "note"):
            if not isinstance(raw.get(key, ""), str):
                raise DeckError(file, f"{where}.{key}", "expected a string")
        unknown = sorted(set(raw) - {"title", "note", "view"})
        if unknown:
            raise DeckError(file, f"{where}.{unknown[0]}", "unknown slide field (known: title, note, view)")
        view = view_from_dict(raw.get("view", {}), file=file, where=f"{where}.view")
        slides.append(Slide(title=raw.get("title", ""), view=view, note=raw.get("note", "")))
    return Deck(id=deck_id, title=data["title"], slides=tuple(slides))


def read_deck(path: Path | str) -> tuple[Deck, FileVersion]:
    """One deck file and the version it was read at (for `save_deck(expected_version=...)`).

    Raises `DeckError` naming the file, slide index and field on any problem."""
    path = Path(path)
    file = str(path)
    try:
        if path.stat().st_size > MAX_DECK_BYTES:
            raise DeckError(file, "-", f"file is over the {MAX_DECK_BYTES:,}-byte limit for a deck")
        data = path.read_bytes()
    except FileNotFoundError as e:
        raise DeckError(file, "-", "no such deck file") from e
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DeckError(file, "-", f"not valid UTF-8 at byte {e.start}") from e

    def no_constants(name: str) -> None:
        raise DeckError(file, "-", f"{name} is not valid JSON")

    try:
        raw = json.loads(text, parse_constant=no_constants)
    except json.JSONDecodeError as e:
        raise DeckError(file, "-", f"invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}") from e
    except RecursionError as e:
        raise DeckError(file, "-", "JSON nested too deeply") from e
    deck = deck_from_dict(raw, file=file)
    if deck.id != path.stem:
        raise DeckError(file, "id", f"deck id {deck.id!r} does not match the file name {path.name!r}")
    return deck, FileVersion.of_bytes(data)


def load_deck(path: Path | str) -> Deck:
    """Read one deck file. Raises `DeckError` naming the file, slide index and field on any problem."""
    return read_deck(path)[0]


def list_decks(directory: Path | str) -> list[DeckInfo]:
    """Every `*.json` deck in `directory`, sorted by id; broken files are listed with their error."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    out = []
    for path in sorted(directory.glob("*.json")):
        if path.name.startswith("."):
            continue  # temp files of an interrupted save
        try:
            deck = load_deck(path)
        except DeckError as e:
            out.append(DeckInfo(path.stem, path.stem, 0, path, str(e)))
        else:
            out.append(DeckInfo(deck.id, deck.title, len(deck.slides), path))
    return out
