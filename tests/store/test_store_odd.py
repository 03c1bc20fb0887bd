"""Odd entries and odd values in an events folder: each is one `file:feature:field` problem, the rest loads.

Every case builds a store holding one good file (`good.geojson`, event `good-1`) plus one odd entry, then
checks that loading and validating neither raises nor hangs, that `good-1` is still there, and that the odd
entry is reported exactly once, at the right place.
"""

from __future__ import annotations

import builtins
import json
import os
import re
import signal
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from sitmap.settings import load_settings
from sitmap.store.load import load_store, read_event_file, save_features, upsert_event, validate_paths

TODAY = date(2025, 6, 1)
SETTINGS = load_settings(env={})


def event(fid: str, **props: object) -> dict:
    """A valid event feature; keyword arguments replace or add properties."""
    base = {
        "date": "2025-03-03",
        "time_precision": "day",
        "event_type": "raid",
        "actors": ["Israel Defense Forces"],
        "geo_precision": "near",
        "claim_status": "reported",
        "summary": "Test event.",
    }
    return {
        "type": "Feature",
        "id": fid,
        "geometry": {"type": "Point", "coordinates": [36.0, 33.0]},
        "properties": {**base, **props},
    }


def collection(*features: dict, **members: object) -> str:
    return json.dumps({"type": "FeatureCollection", **members, "features": list(features)}, indent=1)


def good_store(root: Path) -> Path:
    events = root / "events"
    events.mkdir()
    (events / "good.geojson").write_text(collection(event("good-1")))
    return events


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail (instead of hanging the run) when a test blocks for more than 20 s, e.g. opening a FIFO."""

    def fail(*_args: object) -> None:
        raise TimeoutError("blocked for 20 s")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _with_event_text(text: str) -> Callable[[Path], str]:
    """A case writing `odd.geojson` from raw JSON text holding event `odd` and the good event `good-2`."""

    def build(events: Path) -> str:
        (events / "odd.geojson").write_text(text, encoding="utf-8")
        return "odd.geojson"

    return build


def _raw(**raw_props: str) -> str:
    """A FeatureCollection text with `odd` (properties given as raw JSON value text) and `good-2`."""
    odd = json.dumps(event("odd"))
    for name, value in raw_props.items():
        odd = odd.replace('"summary": "Test event."', f'"summary": "Test event.", "{name}": {value}')
    return '{"type": "FeatureCollection", "features": [' + odd + ", " + json.dumps(event("good-2")) + "]}"


def _summary(value: str) -> str:
    return _raw().replace('"summary": "Test event."', f'"summary": {value}', 1)


def _broken_link(events: Path) -> str:
    (events / "x.geojson").symlink_to(events / "missing.geojson")
    return "x.geojson"


def _directory(events: Path) -> str:
    (events / "x.geojson").mkdir()
    return "x.geojson"


def _report_directory(events: Path) -> str:
    (events / "reports" / "r.md").mkdir(parents=True)
    return "reports/r.md"


def _fifo(events: Path) -> str:
    os.mkfifo(events / "x.geojson")
    return "x.geojson"


def _outside_link(events: Path) -> str:
    outside = events.parent / "elsewhere"
    outside.mkdir()
    (outside / "secret.geojson").write_text(collection(event("outside-1")))
    (events / "x.geojson").symlink_to(outside / "secret.geojson")
    return "x.geojson"


def _report(front: str) -> Callable[[Path], str]:
    def build(events: Path) -> str:
        (events / "reports").mkdir()
        (events / "reports" / "r.md").write_text(f"---\n{front}\n---\nA paragraph. {{#p1}}\n")
        return "reports/r.md"

    return build


_BOMB = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(4)]
    + ["title: *e", "date: 2025-03-04"]
)

# (case, build the odd entry -> its path relative to events/, feature, field, message pattern)
CASES: list[tuple[str, Callable[[Path], str], str, str, str]] = [
    ("broken symlink", _broken_link, "-", "-", r"broken symbolic link"),
    ("directory named x.geojson", _directory, "-", "-", r"not a regular file \(a directory\)"),
    ("directory named reports/r.md", _report_directory, "-", "-", r"not a regular file \(a directory\)"),
    ("FIFO named x.geojson", _fifo, "-", "-", r"not a regular file \(a FIFO"),
    ("symlink to a file outside the store", _outside_link, "-", "-", r"outside the events folder"),
    (
        "5,000-digit integer",
        _with_event_text(_raw(uncertainty_m="9" * 5000)),
        "#0 (odd)",
        "properties.uncertainty_m",
        r"5,000 digits",
    ),
    (
        "lone surrogate in the summary",
        _with_event_text(_summary('"a \\ud800 b"')),
        "#0 (odd)",
        "properties.summary",
        r"lone surrogate",
    ),
    (
        "NUL in the summary",
        _with_event_text(_summary('"a\\u0000b"')),
        "#0 (odd)",
        "properties.summary",
        r"U\+0000",
    ),
    (
        "ESC in a source title",
        _with_event_text(_raw(sources='[{"title": "x\\u001b[2J"}]')),
        "#0 (odd)",
        "properties.sources[0].title",
        r"U\+001B",
    ),
    (
        "1e400 in an unchecked member",
        _with_event_text(_raw(extra='{"n": 1e400}')),
        "#0 (odd)",
        "properties.extra.n",
        r"1e400 is out of range",
    ),
    (
        "date before 1678",
        _with_event_text(_raw().replace("2025-03-03", "1500-06-15", 1)),
        "#0 (odd)",
        "properties.date",
        r"before 1678",
    ),
    (
        "date 1677-09-22",
        _with_event_text(_raw().replace("2025-03-03", "1677-09-22", 1)),
        "#0 (odd)",
        "properties.date",
        r"before 1678",
    ),
    (
        "authors: 5 in a report",
        _report("title: T\ndate: 2025-03-04\nauthors: 5"),
        "-",
        "front_matter.authors",
        "list",
    ),
    ("YAML alias bomb in a report", _report(_BOMB), "-", "front_matter", r"aliases"),
    (
        "huge front matter",
        _report("title: T\ndate: 2025-03-04\nnotes: " + "x" * 100_000),
        "-",
        "front_matter",
        r"over the 65,536-character limit",
    ),
]


def _check(problems: list, events: Path, rel: str, feature: str, field: str, pattern: str) -> None:
    mine = [p for p in problems if Path(p.file) == events / rel]
    assert len(mine) == 1, [str(p) for p in problems]
    (p,) = mine
    assert (p.feature, p.field, p.severity) == (feature, field, "error"), str(p)
    assert re.search(pattern, p.message), str(p)


@pytest.mark.parametrize(
    ("build", "feature", "field", "pattern"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_odd_entry_is_one_problem_and_the_rest_loads(tmp_path, no_hang, build, feature, field, pattern):
    events = good_store(tmp_path)
    rel = build(events)
    store = load_store(events, settings=SETTINGS, today=TODAY)
    _check(store.problems, events, rel, feature, field, pattern)
    assert "good-1" in set(store.events["id"])
    if feature != "-":  # a bad feature costs only itself: the good event beside it in the file still loads
        assert "good-2" in set(store.events["id"])
    assert "outside-1" not in set(store.events["id"])
    problems, _n = validate_paths([events], settings=SETTINGS, today=TODAY)
    _check(problems, events, rel, feature, field, pattern)


def test_unreadable_file_is_one_problem(tmp_path, monkeypatch):
    # We run as root, for whom chmod 000 does not stop reading: simulate the refusal at open instead.
    events = good_store(tmp_path)
    locked = events / "locked.geojson"
    locked.write_text(collection(event("locked-1")))

    def refusing(real: Callable) -> Callable:
        def opener(path, *args, **kwargs):
            if not isinstance(path, int) and Path(os.fsdecode(path)) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path, *args, **kwargs)

        return opener

    monkeypatch.setattr(builtins, "open", refusing(builtins.open))
    monkeypatch.setattr(os, "open", refusing(os.open))
    store = load_store(events, settings=SETTINGS, today=TODAY)
    _check(store.problems, events, "locked.geojson", "-", "-", r"cannot be read: Permission denied")
    assert list(store.events["id"]) == ["good-1"]


def test_symlink_outside_the_store_loads_when_allowed(tmp_path):
    events = good_store(tmp_path)
    _outside_link(events)
    allowed = load_settings(env={"SITMAP_ALLOW_OUTSIDE_LINKS": "1"})
    store = load_store(events, settings=allowed, today=TODAY)
    assert store.problems == [] and sorted(store.events["id"]) == ["good-1", "outside-1"]


def test_symlink_inside_the_store_loads(tmp_path):
    events = good_store(tmp_path)
    (events / "sub").mkdir()
    (events / "sub" / "real.geojson").write_text(collection(event("inside-1")))
    (events / "alias.geojson").symlink_to(events / "sub" / "real.geojson")
    store = load_store(events, settings=SETTINGS, today=TODAY)
    # Both names lead to one file: the event is there, and the second reading of it is a duplicate id.
    assert "inside-1" in {p.message.split("'")[1] for p in store.problems if p.field == "id"}


def test_upper_case_suffix_is_loaded(tmp_path):
    events = good_store(tmp_path)
    (events / "x.GEOJSON").write_text(collection(event("upper-1")))
    store = load_store(events, settings=SETTINGS, today=TODAY)
    assert store.problems == [] and sorted(store.events["id"]) == ["good-1", "upper-1"]


def test_report_named_readme_is_loaded_and_a_plain_readme_is_skipped(tmp_path):
    events = good_store(tmp_path)
    (events / "reports").mkdir()
    (events / "reports" / "readme.md").write_text("---\ntitle: T\ndate: 2025-03-04\n---\nText. {#p1}\n")
    (events / "reports" / "README.md").write_text("# About these reports\n\nNotes for analysts.\n")
    store = load_store(events, settings=SETTINGS, today=TODAY)
    assert list(store.reports) == ["readme"] and store.problems == []


def test_problems_per_file_are_capped_and_summarised(tmp_path):
    events = good_store(tmp_path)
    (events / "empties.geojson").write_text(collection(*([{}] * 5000)))
    store = load_store(events, settings=SETTINGS, today=TODAY)
    mine = [p for p in store.problems if p.file.endswith("empties.geojson")]
    assert len(mine) == 51, len(mine)
    assert all(p.is_error for p in mine)
    assert re.fullmatch(r"… and 19,950 more problems in this file \(19,950 errors\)", mine[-1].message)
    assert list(store.events["id"]) == ["good-1"]


def test_top_level_members_survive_a_save(tmp_path):
    path = tmp_path / "f.geojson"
    path.write_text(collection(event("a"), name="golan", bbox=[35.0, 32.0, 37.0, 34.0], x_source={"k": 1}))
    _features, version, _ = read_event_file(path)
    version = upsert_event(path, event("b"), expected_version=version, settings=SETTINGS, today=TODAY)
    save_features(path, [event("c")], expected_version=version, settings=SETTINGS, today=TODAY)
    doc = json.loads(path.read_text())
    assert (doc["name"], doc["bbox"], doc["x_source"]) == ("golan", [35.0, 32.0, 37.0, 34.0], {"k": 1})
    assert [f["id"] for f in doc["features"]] == ["c"]
    assert list(doc)[:2] == ["type", "name"] and list(doc)[-1] == "features"


@pytest.mark.parametrize(
    ("value", "field", "pattern"),
    [("a\udc00b", "properties.summary", "lone surrogate"), ("a\x00b", "properties.location", r"U\+0000")],
)
def test_save_refuses_unwritable_text(tmp_path, value, field, pattern):
    from sitmap.store.load import ValidationError

    path = tmp_path / "f.geojson"
    name = field.split(".")[1]
    with pytest.raises(ValidationError) as info:
        save_features(
            path, [event("a", **{name: value})], expected_version=None, settings=SETTINGS, today=TODAY
        )
    assert [p.field for p in info.value.problems] == [field]
    assert re.search(pattern, info.value.problems[0].message)
    assert not path.exists()


def test_lock_files_stay_in_one_hidden_folder(tmp_path):
    events = tmp_path / "events"
    (events / "sub").mkdir(parents=True)
    for path in (events / "a.geojson", events / "sub" / "b.geojson"):
        save_features(path, [event(path.stem)], expected_version=None, settings=SETTINGS, today=TODAY)
    visible = sorted(str(p.relative_to(events)) for p in events.rglob("*") if ".sitmap" not in p.parts)
    assert visible == ["a.geojson", "sub", "sub/b.geojson"]
    assert load_store(events, settings=SETTINGS, today=TODAY).problems == []


def test_saving_or_reading_a_fifo_is_a_store_error_not_a_hang(tmp_path, no_hang):
    from sitmap.store.load import StoreError

    path = tmp_path / "p.geojson"
    os.mkfifo(path)
    features, version, problems = read_event_file(path, settings=SETTINGS)
    assert features is None and version is None
    assert [(p.feature, p.field) for p in problems] == [("-", "-")] and "FIFO" in problems[0].message
    with pytest.raises(StoreError, match="not a regular file"):
        upsert_event(path, event("a"), expected_version=None, settings=SETTINGS, today=TODAY)
    with pytest.raises(StoreError, match="not a regular file"):
        save_features(path, [event("a")], expected_version=None, settings=SETTINGS, today=TODAY)
    assert path.is_fifo()
