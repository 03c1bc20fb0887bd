"""Strict GeoJSON reading, geometry checks and the RFC 7946 writer."""

from __future__ import annotations

import json
import math
import os
import stat
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import sitmap.store.geojson_io as gio
from sitmap.model import text_problem
from sitmap.store.geojson_io import (
    dumps_feature_collection,
    parse_feature_collection,
    read_feature_collection,
    validate_geometry,
    write_feature_collection,
)

BAD = Path(__file__).parents[1] / "data" / "bad"


def parse(text: str | bytes, max_depth: int = 64):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_feature_collection(data, file="f.geojson", max_depth=max_depth)


def only(problems):
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def geom_problems(geom):
    return validate_geometry(geom, file="f.geojson", feature="#0 (e)")


FEATURE = {
    "type": "Feature",
    "id": "e1",
    "geometry": {"type": "Point", "coordinates": [36.04, 33.095]},
    "properties": {"date": "2025-03-03"},
}


# --- reading -------------------------------------------------------------------------------------------


def test_size_is_checked_before_the_file_is_opened(tmp_path, monkeypatch):
    path = tmp_path / "big.geojson"
    path.write_bytes(b" " * 2000)

    def no_open(*args, **kwargs):
        raise AssertionError("a file over the limit must not be opened")

    monkeypatch.setattr(gio, "open", no_open, raising=False)
    features, problems = read_feature_collection(path, max_bytes=1000, max_depth=64)
    assert features is None
    p = only(problems)
    assert (p.file, p.feature, p.field) == (str(path), "-", "-")
    assert "2,000 bytes" in p.message and "1,000-byte limit" in p.message


def test_reads_a_good_file_and_names_it_by_label(tmp_path):
    path = tmp_path / "ok.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [FEATURE]}))
    features, problems = read_feature_collection(path, max_bytes=10_000, max_depth=64, label="events/ok")
    assert problems == [] and features == [FEATURE]


def test_whitespace_only_file_is_empty():
    features, problems = parse(b"  \n")
    assert features is None and "empty" in only(problems).message


def test_bom_is_a_warning_and_the_file_still_parses():
    features, problems = parse(b'\xef\xbb\xbf{"type": "FeatureCollection", "features": []}')
    assert features == []
    assert only(problems).severity == "warning" and "byte order mark" in problems[0].message


def test_invalid_utf8_names_byte_offset_and_line():
    data = b'{"type": "FeatureCollection",\n "features": [], "x": "caf\xe9"}'
    features, problems = parse(data)
    assert features is None
    offset = data.index(b"\xe9")
    assert f"byte offset {offset} (line 2)" in only(problems).message


def test_malformed_json_gives_line_and_column():
    features, problems = parse('{"type": "FeatureCollection",\n  "features": [\n    {"a": 1,}\n  ]\n}')
    assert features is None
    assert "line 3, column 13" in only(problems).message


def test_duplicate_key_is_located_by_feature_and_field():
    text = (
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "e1", "geometry": null,'
        ' "properties": {"sources": [{"url": "a", "url": "b"}]}}]}'
    )
    features, problems = parse(text)
    p = only(problems)
    assert (p.feature, p.field, p.severity) == ("#0 (e1)", "properties.sources[0].url", "error")
    assert features is not None  # a feature-level problem: the file itself is usable


def test_duplicate_top_level_key_makes_the_file_unusable():
    features, problems = parse('{"type": "FeatureCollection", "features": [], "features": []}')
    assert features is None
    assert (only(problems).feature, problems[0].field) == ("-", "features")


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_constants_are_errors_at_their_place(literal):
    text = (
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "e1", '
        f'"geometry": {{"type": "Point", "coordinates": [36.0, {literal}]}}, "properties": {{}}}}]}}'
    )
    _, problems = parse(text)
    p = only(problems)
    assert (p.feature, p.field) == ("#0 (e1)", "geometry.coordinates[1]")
    assert p.message.startswith(f"{literal} is not valid JSON")


def test_depth_limit_without_recursion_error():
    deep = '{"type": "FeatureCollection", "features": [], "x": ' + "[" * 200_000 + "]" * 200_000 + "}"
    features, problems = parse(deep)
    assert features is None
    assert "deeper than 64 levels at line 1, column 115" in only(problems).message


def test_brackets_inside_strings_do_not_count_as_nesting():
    text = '{"type": "FeatureCollection", "features": [], "note": "' + "[{" * 100 + '\\"[["}'
    features, problems = parse(text, max_depth=3)
    assert features == [] and problems == []


@pytest.mark.parametrize(
    ("note", "max_depth", "deep"),
    [
        (r'"\\"', 3, False),  # a string that is one escaped backslash
        (r'"\"[[[[\""', 3, False),  # escaped quotes do not end the string
        (r'"[[[[\\", "y": [[[[1]]]]', 3, True),  # the brackets after the string do count
    ],
)
def test_depth_scan_honours_escapes(note, max_depth, deep):
    text = '{"type": "FeatureCollection", "features": [], "x": ' + note + "}"
    features, problems = parse(text, max_depth=max_depth)
    assert (features is None) == deep
    assert bool(problems) == deep


def test_colons_and_quotes_inside_strings_are_not_mistaken_for_keys(monkeypatch):
    def slow_path(*args):
        raise AssertionError("no duplicate here: the member count should match without the pairs hook")

    monkeypatch.setattr(gio, "_pairs_hook", slow_path)
    props = {"summary": 'He said: "go": now \\', "quote": "a:b:c", "x": {"k:": ['"', ":"]}}
    doc = {"type": "FeatureCollection", "features": [{**FEATURE, "properties": props}]}
    features, problems = parse(json.dumps(doc))
    assert problems == [] and features[0]["properties"] == props


def test_duplicate_key_after_tricky_strings_is_still_found():
    text = (
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "e1", "geometry": null,'
        ' "properties": {"summary": "a \\"b\\": c", "tags": ["x:"], "summary": "again"}}]}'
    )
    _, problems = parse(text)
    assert [(p.feature, p.field) for p in problems] == [("#0 (e1)", "properties.summary")]


def test_a_bare_feature_says_what_to_wrap_it_in():
    features, problems = parse(json.dumps(FEATURE))
    assert features is None
    assert '{"type": "FeatureCollection", "features": [<this Feature>]}' in only(problems).message


def test_a_bare_geometry_says_what_to_wrap_it_in():
    _, problems = parse(json.dumps(FEATURE["geometry"]))
    assert "bare Point geometry; wrap it in a Feature" in only(problems).message


def test_top_level_array_is_refused():
    features, problems = parse("[]")
    assert features is None and "JSON array" in only(problems).message


@pytest.mark.parametrize(
    ("name", "severity", "words"),
    [
        ("EPSG:3857", "error", "a projected CRS"),
        ("urn:ogc:def:crs:EPSG::32637", "error", "a projected CRS"),
        ("urn:ogc:def:crs:OGC:1.3:CRS84", "warning", "RFC 7946 removed it"),
        ("no-such-crs", "warning", "cannot identify"),
    ],
)
def test_legacy_crs_member(name, severity, words):
    doc = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": name}}, "features": []}
    features, problems = parse(json.dumps(doc))
    p = only(problems)
    assert (p.field, p.severity) == ("crs", severity) and words in p.message
    assert (features is None) == (severity == "error")


def test_structural_feature_problems_keep_indices_aligned():
    doc = {"type": "FeatureCollection", "features": [7, {"type": "Point", "id": "x"}, FEATURE]}
    features, problems = parse(json.dumps(doc))
    assert len(features) == 3 and features[2] == FEATURE
    assert [(p.feature, p.field) for p in problems] == [
        ("#0", "-"),
        ("#1 (x)", "type"),
        ("#1 (x)", "geometry"),
    ]


# --- geometry ------------------------------------------------------------------------------------------

SQUARE = [[35.9, 33.0], [36.1, 33.0], [36.1, 33.2], [35.9, 33.2], [35.9, 33.0]]


@pytest.mark.parametrize(
    "geom",
    [
        None,
        {"type": "Point", "coordinates": [36.04, 33.095]},
        {"type": "Point", "coordinates": [36.04, 33.095, 120.0]},
        {"type": "MultiPoint", "coordinates": [[36.0, 33.0], [36.1, 33.1]]},
        {"type": "LineString", "coordinates": [[36.0, 33.0], [36.1, 33.1]]},
        {"type": "MultiLineString", "coordinates": [[[36.0, 33.0], [36.1, 33.1]]]},
        {"type": "Polygon", "coordinates": [SQUARE]},
        {"type": "MultiPolygon", "coordinates": [[SQUARE], [[[p[0] + 1, p[1]] for p in SQUARE]]]},
        {"type": "Point", "coordinates": [-180, -90]},
    ],
)
def test_valid_geometries_have_no_problems(geom):
    assert geom_problems(geom) == []


@pytest.mark.parametrize(
    ("geom", "field", "words"),
    [
        ("POINT (1 2)", "geometry", "must be an object or null"),
        ({"type": "Circle", "coordinates": [1, 2]}, "geometry.type", "unknown geometry type"),
        ({"type": "GeometryCollection", "geometries": []}, "geometry.type", "not supported"),
        ({"type": "Point"}, "geometry.coordinates", "must be an array"),
        ({"type": "MultiPoint", "coordinates": []}, "geometry.coordinates", 'use "geometry": null'),
        ({"type": "Point", "coordinates": [36.0, True]}, "geometry.coordinates", "True is not a number"),
        ({"type": "Point", "coordinates": [1, 2, 3, 4]}, "geometry.coordinates", "has 4 numbers"),
        ({"type": "Point", "coordinates": [33.1, 136.0]}, "geometry.coordinates", "[136.0, 33.1]"),
        ({"type": "Point", "coordinates": [-181, 0]}, "geometry.coordinates", "longitude -181 outside ±180"),
        ({"type": "Point", "coordinates": [170, -91]}, "geometry.coordinates", "latitude -91 outside ±90"),
        (
            {"type": "LineString", "coordinates": [36.0, 33.0]},
            "geometry.coordinates",
            "one level of [] missing",
        ),
        (
            {"type": "MultiLineString", "coordinates": [[[1, 1], [2, 2]], [[1, 1]]]},
            "geometry.coordinates[1]",
            "2",
        ),
        ({"type": "Polygon", "coordinates": [SQUARE, SQUARE[:-1]]}, "geometry.coordinates[1]", "not closed"),
        ({"type": "MultiPolygon", "coordinates": [[SQUARE], []]}, "geometry.coordinates[1]", "no rings"),
        (
            {"type": "MultiPolygon", "coordinates": [[SQUARE], [SQUARE[:2] + SQUARE[-1:]]]},
            "geometry.coordinates[1][0]",
            "at least 4 positions",
        ),
        (
            {
                "type": "MultiPolygon",
                "coordinates": [[SQUARE], [[[35.9, 33], [36.1, 33.2], [36.1, 33], [35.9, 33.2], [35.9, 33]]]],
            },
            "geometry.coordinates[1]",
            "self-intersection at lon 36, lat 33.1",
        ),
    ],
)
def test_geometry_problems_name_the_field(geom, field, words):
    p = only(geom_problems(geom))
    assert (p.file, p.feature, p.field, p.severity) == ("f.geojson", "#0 (e)", field, "error")
    assert words in p.message


def test_overlapping_multipolygon_parts_are_invalid_as_a_whole():
    shifted = [[x + 0.1, y + 0.1] for x, y in SQUARE]
    p = only(geom_problems({"type": "MultiPolygon", "coordinates": [[SQUARE], [shifted]]}))
    assert p.field == "geometry.coordinates" and "invalid polygon" in p.message


def test_hole_outside_its_shell_is_reported_with_a_location():
    hole = [[x + 5, y] for x, y in SQUARE]
    p = only(geom_problems({"type": "Polygon", "coordinates": [SQUARE, hole]}))
    assert "hole lies outside shell at lon" in p.message


def test_a_projected_polygon_is_one_short_list_not_a_flood():
    ring = [[3_900_000 + i, 3_300_000] for i in range(50)] + [[3_900_000, 3_300_000]]
    problems = geom_problems({"type": "Polygon", "coordinates": [ring]})
    assert len(problems) == 6
    assert problems[0].field == "geometry.coordinates[0][0]" and "projected CRS" in problems[0].message
    assert problems[-1].message == "... and 46 more bad positions"


# --- writing -------------------------------------------------------------------------------------------


def test_writer_layout_is_stable_and_rfc7946(tmp_path):
    feature = {
        "properties": {
            "zeta": 1,
            "summary": "Café — “quoted”",
            "sources": [{"url": "https://e.org", "title": "T", "extra": 1}],
            "report": {"paragraph": "p1", "id": "r"},
            "date": "2025-03-03",
        },
        "geometry": {
            "coordinates": [[[36.12345678, 33.0], [36.2, 33.0], [36.2, 33.1], [36.12345678, 33.0]]],
            "type": "Polygon",
        },
        "id": "e1",
        "crs": {"type": "name"},
        "type": "Feature",
    }
    path = tmp_path / "out.geojson"
    write_feature_collection(path, [feature])
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n") and "crs" not in text and "Café — “quoted”" in text
    assert "\n            [36.123457, 33.0],\n" in text  # one position per line, 6 decimals
    doc = json.loads(text)
    written = doc["features"][0]
    assert list(doc) == ["type", "features"]
    assert list(written) == ["type", "id", "geometry", "properties"]
    assert list(written["geometry"]) == ["type", "coordinates"]
    assert list(written["properties"]) == ["date", "summary", "report", "sources", "zeta"]
    assert list(written["properties"]["report"]) == ["id", "paragraph"]
    assert list(written["properties"]["sources"][0]) == ["title", "url", "extra"]
    assert dumps_feature_collection(doc["features"]) == text  # writing what was read changes nothing


def test_point_is_written_on_one_line_and_null_geometry_stays_null():
    text = dumps_feature_collection([FEATURE, {**FEATURE, "id": "e2", "geometry": None}])
    assert '"coordinates": [36.04, 33.095]' in text and '"geometry": null' in text
    assert parse(text) == ([json.loads(text)["features"][0], json.loads(text)["features"][1]], [])


def test_empty_collection():
    assert json.loads(dumps_feature_collection([])) == {"type": "FeatureCollection", "features": []}


def test_writer_refuses_nan():
    with pytest.raises(ValueError):
        dumps_feature_collection([{**FEATURE, "properties": {"uncertainty_m": float("nan")}}])


def test_atomic_write_keeps_the_file_mode_and_leaves_no_temp(tmp_path):
    path = tmp_path / "e.geojson"
    path.write_text("{}")
    os.chmod(path, 0o640)
    write_feature_collection(path, [FEATURE])
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.geojson"]


def test_atomic_write_failure_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "e.geojson"
    path.write_text("old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(gio.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_feature_collection(path, [FEATURE])
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["e.geojson"]


def test_every_bad_fixture_is_reported_by_the_reader():
    """Each bad file yields at least one problem from the reader or the geometry check alone."""
    for path in sorted(BAD.glob("*.geojson")):
        if path.stem in ("ambiguous_date", "bad_id", "duplicate_id", "swapped_latlon"):
            continue  # found by the model / the store, tested in tests/test_store.py
        features, problems = read_feature_collection(path, max_bytes=1_000_000, max_depth=64)
        for i, f in enumerate(features or []):
            if isinstance(f, dict):
                problems += validate_geometry(f.get("geometry"), file=str(path), feature=f"#{i}")
        assert problems, path.name


# --- numbers and text Python cannot hold as written (issue 9) --------------------------------------------


@st.composite
def number_text(draw: st.DrawFn) -> str:
    """JSON number text, including integers around the float and int-conversion limits, and big exponents."""
    digits = draw(st.sampled_from([1, 2, 8, 15, 299, 300, 309, 310, 4300, 4301, 5000]))
    seed = draw(st.integers(1, 9))
    text = str(seed) + ("0123456789" * 501)[seed : seed + digits - 1]
    if draw(st.booleans()):
        text = "-" + text
    if draw(st.booleans()):
        text += "." + str(draw(st.integers(0, 999)))
    if draw(st.booleans()):
        text += draw(st.sampled_from(["e", "E", "e+", "e-"])) + str(draw(st.integers(0, 9999)))
    return text


@settings(max_examples=60, deadline=None)
@given(number_text())
@example("1" + "0123456789" * 29 + "12345678e11")  # 299 digits and a two-digit exponent overflow a float
def test_any_number_is_read_or_named_never_raised(text):
    data = f'{{"type": "FeatureCollection", "x": {text}, "features": []}}'.encode()
    members: dict = {}
    features, problems = gio.parse_feature_collection(data, file="f", max_depth=64, members=members)
    is_int = not any(c in text for c in ".eE")
    unreadable = len(text.lstrip("-")) > 4300 if is_int else not math.isfinite(float(text))
    if unreadable:
        assert [(p.feature, p.field) for p in problems] == [("-", "x")] and features is None
    else:
        assert problems == [] and members["x"] == json.loads(text)


@settings(max_examples=60, deadline=None)
@given(st.text(), st.booleans())
def test_text_with_control_characters_is_always_flagged(text, ascii_only):
    # No false "no": whenever a string holds what text_problem refuses, the byte test says "maybe".
    if not ascii_only and any("\ud800" <= c <= "\udfff" for c in text):
        ascii_only = True  # a lone surrogate can only be written escaped
    data = json.dumps({"s": text}, ensure_ascii=ascii_only).encode("utf-8")
    if text_problem(text) is not None:
        assert gio.may_hold_bad_text(data)


# Values a checked feature may hold (finite JSON values of plain types), odd ones included: numbers json
# writes with an exponent, integers beyond 64 bits, control and astral characters, empty containers.
_JSON_LEAF = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([1e-05, 1e16, -1.5e-7, 0.00012, 5e-324, 1.7976931348623157e308, -0.0, 2**64])
    | st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12)
)
_JSON_VALUE = st.recursive(
    _JSON_LEAF,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(properties=st.dictionaries(st.text(max_size=8), _JSON_VALUE, max_size=6))
@example(properties={"v": 1e-05, "w": [1e16, {"k": 2**64}], "t": "1e5 0.00001"})
@example(properties={"v": {}, "w": [[]], "x": (1, 2)})
def test_a_checked_feature_is_written_exactly_as_json_writes_it(properties):
    feature = {"type": "Feature", "id": "a", "geometry": {"type": "Point", "coordinates": [1e-05, 2.5]}}
    feature["properties"] = properties
    assert gio.dumps_feature_collection([feature], checked=True) == gio.dumps_feature_collection([feature])
