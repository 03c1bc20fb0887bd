"""Briefing decks: round trip, diff-friendly layout, atomic save, strict loading with located errors."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import sys
from datetime import date
from pathlib import Path

import pytest

from sitmap.briefing import decks as briefings
from sitmap.briefing.decks import Deck, DeckError, Slide, list_decks, load_deck, save_deck
from sitmap.store import atomic
from sitmap.store.write import ConflictError, FileVersion
from sitmap.view import View

sys.path.insert(0, str(Path(__file__).parents[1]))  # spawned children import the workers module by name
import deck_workers  # noqa: E402

GOLAN = View(
    start=date(2025, 3, 1),
    end=date(2025, 3, 4),
    event_types=("raid", "patrol"),
    actors=("Israel Defense Forces",),
    bbox=(35.6, 32.8, 36.3, 33.4),
    selected="syr-2025-03-03-tell-al-mal-raid",
    base_layer="offline",
    overlays=("zone", "lines", "bands"),
    center=(33.1, 35.95),
    zoom=10,
)


def _deck() -> Deck:
    return Deck(
        id="golan-2025-03",
        title="Golan front, early March 2025",
        slides=(
            Slide("Overview", View(), "All events in the store."),
            Slide("Tell al Mal raid", GOLAN, "≈ 13–18 km from the Area of Separation; position estimated."),
        ),
    )


def test_round_trip_keeps_every_field(tmp_path):
    deck = _deck()
    save_deck(tmp_path, deck)
    path = tmp_path / "golan-2025-03.json"
    assert load_deck(path) == deck


def test_file_is_plain_stable_json(tmp_path):
    version = save_deck(tmp_path, _deck())
    path = tmp_path / "golan-2025-03.json"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n") and "\r" not in text
    assert text.splitlines()[1] == '  "format": "sitmap-briefing",'  # 2-space indent
    assert "≈ 13–18 km" in text  # UTF-8, not \\u escapes
    data = json.loads(text)
    assert list(data) == ["format", "version", "id", "title", "slides"]
    assert list(data["slides"][1]) == ["title", "note", "view"]
    assert data["slides"][1]["view"]["start"] == "2025-03-01"
    # Saving the same deck again gives the same bytes (no timestamps, no reordering).
    assert save_deck(tmp_path, load_deck(path), expected_version=version) == version
    assert path.read_text(encoding="utf-8") == text


def test_editing_one_slide_changes_few_lines(tmp_path):
    deck = _deck()
    path = tmp_path / "golan-2025-03.json"
    version = save_deck(tmp_path, deck)
    before = path.read_text().splitlines()
    edited = deck.replace_slide(1, Slide("Tell al Mal raid", GOLAN.with_(zoom=11), deck.slides[1].note))
    save_deck(tmp_path, edited, expected_version=version)
    after = path.read_text().splitlines()
    assert len(before) == len(after)
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] == [
        ('        "zoom": 10,', '        "zoom": 11,')
    ]


def test_slide_order_operations():
    deck = _deck()
    third = Slide("Ruwaihaniya patrol", GOLAN.with_(selected="syr-2025-03-04-ruwaihaniya-patrol"))
    grown = deck.with_slide(third)
    assert [s.title for s in grown.slides] == ["Overview", "Tell al Mal raid", "Ruwaihaniya patrol"]
    assert [s.title for s in grown.move_slide(2, 0).slides] == [
        "Ruwaihaniya patrol",
        "Overview",
        "Tell al Mal raid",
    ]
    assert [s.title for s in grown.without_slide(1).slides] == ["Overview", "Ruwaihaniya patrol"]
    assert [s.title for s in deck.with_slide(third, 0).slides][0] == "Ruwaihaniya patrol"


def test_save_is_atomic_and_leaves_the_old_file_on_failure(tmp_path, monkeypatch):
    version = save_deck(tmp_path, _deck())
    path = tmp_path / "golan-2025-03.json"
    old = path.read_text()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", boom)  # the one atomic writer every save goes through
    with pytest.raises(OSError, match="disk full"):
        save_deck(tmp_path, _deck().with_slide(Slide("extra")), expected_version=version)
    assert path.read_text() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".sitmap",
        "golan-2025-03.json",
    ]  # temp file removed


def test_save_refuses_ids_that_are_not_safe_file_names(tmp_path):
    for bad in ("../escape", "Has Space", "", "UPPER", "a/b"):
        with pytest.raises(DeckError, match="deck id"):
            save_deck(tmp_path, Deck(id=bad, title="x"))
    assert list(tmp_path.iterdir()) == []


def test_slugify_makes_valid_ids():
    assert briefings.slugify("Golan front, 4 March 2025!") == "golan-front-4-march-2025"
    assert briefings.slugify("القنيطرة") == "deck"
    assert briefings.DECK_ID.match(briefings.slugify("x" * 200))


def _write(tmp_path: Path, data: object, name: str = "d.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def _good() -> dict:
    return briefings.deck_to_dict(Deck(id="d", title="T", slides=(Slide("a"), Slide("b", GOLAN))))


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (lambda d: d["slides"][1]["view"].update(start="03/01/2025"), "slides[1].view.start", "YYYY-MM-DD"),
        (lambda d: d["slides"][1]["view"].update(start="2025-02-30"), "slides[1].view.start", "impossible"),
        (lambda d: d["slides"][1]["view"].update(bbox=[36, 33, 35, 34]), "slides[1].view.bbox", "W < E"),
        (lambda d: d["slides"][1]["view"].update(bbox=[1, 2, 3]), "slides[1].view.bbox", "4 numbers"),
        (lambda d: d["slides"][0]["view"].update(overlays=["zone", "x"]), "slides[0].view.overlays", "'x'"),
        (lambda d: d["slides"][1]["view"].update(zoom="10"), "slides[1].view.zoom", "zoom level"),
        (lambda d: d["slides"][1]["view"].update(mode="loop"), "slides[1].view.mode", "window"),
        (lambda d: d["slides"][1]["view"].update(colour="red"), "slides[1].view.colour", "unknown view"),
        (lambda d: d["slides"][1]["view"].update(end="2025-02-01"), "slides[1].view.end", "before start"),
        (lambda d: d["slides"][0].update(note=3), "slides[0].note", "string"),
        (lambda d: d["slides"][0].update(speaker="x"), "slides[0].speaker", "unknown slide"),
        (lambda d: d["slides"].append("oops"), "slides[2]", "object"),
        (lambda d: d.update(format="other"), "format", "not a sitmap briefing"),
        (lambda d: d.update(version=2), "version", "unsupported"),
        (lambda d: d.update(id="other"), "id", "does not match the file name"),
    ],
)
def test_load_errors_name_file_slide_and_field(tmp_path, change, where, message):
    data = _good()
    change(data)
    path = _write(tmp_path, data)
    with pytest.raises(DeckError) as info:
        load_deck(path)
    assert info.value.file == str(path)
    assert info.value.where == where
    assert message in info.value.message
    assert str(info.value).startswith(f"{path}:{where}: ")


def test_missing_view_fields_take_defaults(tmp_path):
    data = _good()
    data["slides"][1]["view"] = {"start": "2025-03-01"}
    deck = load_deck(_write(tmp_path, data))
    assert deck.slides[1].view == View(start=date(2025, 3, 1))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "sitmap-briefing",', "invalid JSON at line 1"),
        ('{"format": NaN}', "NaN is not valid JSON"),
        ("[1, 2]", "one JSON object"),
    ],
)
def test_unreadable_files_raise_deck_errors(tmp_path, text, message):
    with pytest.raises(DeckError, match=message):
        load_deck(_write(tmp_path, text))


def test_load_refuses_non_utf8_and_missing_files(tmp_path):
    path = tmp_path / "d.json"
    path.write_bytes(b'{"title": "\xe9"}')
    with pytest.raises(DeckError, match="not valid UTF-8"):
        load_deck(path)
    with pytest.raises(DeckError, match="no such deck file"):
        load_deck(tmp_path / "missing.json")


def test_list_decks_lists_good_and_broken_files(tmp_path):
    save_deck(tmp_path, _deck())
    save_deck(tmp_path, Deck(id="a-first", title="First", slides=(Slide("x"),)))
    _write(tmp_path, "{broken", "broken.json")
    _write(tmp_path, "{}", ".golan-2025-03.json.abc.tmp")  # an interrupted save's temp file
    found = list_decks(tmp_path)
    assert [d.id for d in found] == ["a-first", "broken", "golan-2025-03"]
    assert (found[0].title, found[0].n_slides, found[0].error) == ("First", 1, None)
    assert found[1].error and "invalid JSON" in found[1].error
    assert found[2].n_slides == 2
    assert list_decks(tmp_path / "nope") == []


def test_store_ignores_briefings(tmp_path):
    """A deck under events/briefings/ must never be read as an event file."""
    from sitmap.store.load import load_store

    save_deck(tmp_path / "briefings", _deck())
    (tmp_path / "briefings" / "stray.geojson").write_text('{"type": "FeatureCollection", "features": [1]}')
    store = load_store(tmp_path)
    assert store.events.empty
    assert store.errors == []


def test_delete_deck(tmp_path):
    save_deck(tmp_path, _deck())
    path = tmp_path / "golan-2025-03.json"
    briefings.delete_deck(tmp_path, "golan-2025-03")
    assert not path.exists()
    assert os.listdir(tmp_path) == [".sitmap"]  # the lock stays, hidden in .sitmap/locks


# --- concurrent saves ----------------------------------------------------------------------------------


def test_a_stale_save_is_refused_as_a_conflict(tmp_path):
    first = save_deck(tmp_path, _deck(), expected_version=None)
    path = tmp_path / "golan-2025-03.json"
    assert first == FileVersion.of_file(path)
    deck, version = briefings.read_deck(path)
    assert version == first and deck == _deck()
    # Two analysts both read that version; the first save wins, the second is stale.
    mine = save_deck(tmp_path, deck.with_slide(Slide("Mine")), expected_version=version)
    with pytest.raises(ConflictError, match="changed on disk"):
        save_deck(tmp_path, deck.with_slide(Slide("Theirs")), expected_version=version)
    assert [s.title for s in load_deck(path).slides][-1] == "Mine"
    assert FileVersion.of_file(path) == mine
    with pytest.raises(ConflictError):  # a new deck must not overwrite one that exists
        save_deck(tmp_path, _deck(), expected_version=None)


def test_add_slide_re_reads_and_re_applies_on_conflict(tmp_path, monkeypatch):
    save_deck(tmp_path, _deck(), expected_version=None)
    path = tmp_path / "golan-2025-03.json"
    real = briefings.read_deck
    raced = []

    def read_then_someone_else_saves(p):
        deck, version = real(p)
        if not raced:  # between this read and our save, another analyst adds a slide
            raced.append(1)
            save_deck(tmp_path, deck.with_slide(Slide("Theirs")), expected_version=version)
        return deck, version

    monkeypatch.setattr(briefings, "read_deck", read_then_someone_else_saves)
    deck, created = briefings.add_slide(tmp_path, "golan-2025-03", Slide("Mine"))
    assert not created
    assert [s.title for s in load_deck(path).slides] == ["Overview", "Tell al Mal raid", "Theirs", "Mine"]
    assert deck == load_deck(path)


def test_add_slide_creates_a_deck_and_names_it_from_the_title(tmp_path):
    deck, created = briefings.add_slide(tmp_path, None, Slide("First"), new_title="Golan, March")
    assert created and deck.id == "golan-march" and deck.title == "Golan, March"
    again, created = briefings.add_slide(tmp_path, None, Slide("Second"), new_title="Golan, March")
    assert not created and [s.title for s in again.slides] == ["First", "Second"]  # added, not replaced


def test_ten_processes_adding_ten_slides_each_lose_none(tmp_path):
    n_workers, n_slides = 10, 10
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(n_workers), ctx.Queue()
    procs = [
        ctx.Process(target=deck_workers.add_slides, args=(str(tmp_path), i, n_slides, barrier, results))
        for i in range(n_workers)
    ]
    for p in procs:
        p.start()
    reported = {results.get(timeout=120) for _ in range(n_workers * n_slides)}
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert len(reported) == n_workers * n_slides  # every worker saw every save succeed
    deck = load_deck(tmp_path / "shared.json")
    titles = [s.title for s in deck.slides]
    assert sorted(titles) == sorted(
        f"worker {i} slide {k}" for i in range(n_workers) for k in range(n_slides)
    )
    for i in range(n_workers):  # each analyst's slides stay in the order they were added
        mine = [t for t in titles if t.startswith(f"worker {i} ")]
        assert mine == [f"worker {i} slide {k}" for k in range(n_slides)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".sitmap", "shared.json"]


def test_deck_locks_do_not_litter_the_briefings_folder(tmp_path):
    """Like event files, decks keep their lock files in the hidden .sitmap/locks folder."""
    from sitmap.briefing.decks import Deck, Slide, delete_deck, list_decks, save_deck
    from sitmap.view import View

    version = save_deck(tmp_path, Deck(id="d", title="D", slides=(Slide("one", View()),)))
    assert version is not None
    delete_deck(tmp_path, "d")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".sitmap"]
    assert list((tmp_path / ".sitmap" / "locks").glob("*.lock"))
    assert list_decks(tmp_path) == []
