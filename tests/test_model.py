from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitmap.model import Problem, feature_label, validate_feature_id, validate_properties
from sitmap.periods import DateError, event_period, parse_event_date

TODAY = date(2026, 11, 22)


def valid_props(**changes):
    props = {
        "date": "2025-03-03",
        "time_precision": "day",
        "event_type": "raid",
        "actors": ["Israel Defense Forces"],
        "geo_precision": "near",
        "claim_status": "reported",
        "summary": "A raid.",
    }
    props.update(changes)
    return props


def fields_of(problems):
    return [p.field for p in problems]


def test_valid_properties_have_no_problems():
    assert validate_properties(valid_props(), file="f", feature="#0", today=TODAY) == []


@pytest.mark.parametrize("missing", ["date", "event_type", "actors", "summary", "claim_status"])
def test_missing_required_field_is_named(missing):
    props = valid_props()
    del props[missing]
    problems = validate_properties(props, file="a.geojson", feature="#2 (x)", today=TODAY)
    assert f"properties.{missing}" in fields_of(problems)
    assert all(p.file == "a.geojson" and p.feature == "#2 (x)" for p in problems)


def test_unknown_event_type_lists_known_ones():
    (problem,) = validate_properties(valid_props(event_type="bombing"), file="f", feature="#0", today=TODAY)
    assert problem.field == "properties.event_type"
    assert "airstrike" in problem.message


@pytest.mark.parametrize(
    ("value", "needle"),
    [
        ("03/04/2024", "ambiguous"),
        ("3.4.2024", "ambiguous"),
        ("March 3", "no year"),
        ("2025-02-30", "impossible"),
        ("2025-13", "cannot read"),
    ],
)
def test_bad_dates_are_refused_with_reason(value, needle):
    problems = validate_properties(valid_props(date=value), file="f", feature="#0", today=TODAY)
    assert fields_of(problems) == ["properties.date"]
    assert needle in problems[0].message


def test_future_date_is_an_error():
    problems = validate_properties(valid_props(date="2027-01-01"), file="f", feature="#0", today=TODAY)
    assert fields_of(problems) == ["properties.date"]
    assert "future" in problems[0].message


def test_date_end_before_date():
    problems = validate_properties(valid_props(date_end="2025-03-01"), file="f", feature="#0", today=TODAY)
    assert fields_of(problems) == ["properties.date_end"]


def test_source_url_must_be_http():
    props = valid_props(sources=[{"title": "x", "url": "javascript:alert(1)"}, {"url": "https://ok.org/a"}])
    problems = validate_properties(props, file="f", feature="#0", today=TODAY)
    assert fields_of(problems) == ["properties.sources[0].url"]


def test_wrong_types_are_reported():
    props = valid_props(actors="IDF", uncertainty_m=-5, tags="golan", report={"paragraph": "p1"})
    problems = validate_properties(props, file="f", feature="#0", today=TODAY)
    assert set(fields_of(problems)) == {
        "properties.actors",
        "properties.uncertainty_m",
        "properties.tags",
        "properties.report",
    }


def test_properties_must_be_object():
    (problem,) = validate_properties(["x"], file="f", feature="#0", today=TODAY)
    assert problem.field == "properties"


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ({"date": "2025-03-03", "time_precision": "day"}, (date(2025, 3, 3), date(2025, 3, 3))),
        ({"date": "2024-04", "time_precision": "month"}, (date(2024, 4, 1), date(2024, 4, 30))),
        ({"date": "2024-02-10", "time_precision": "month"}, (date(2024, 2, 1), date(2024, 2, 29))),
        ({"date": "2018", "time_precision": "year"}, (date(2018, 1, 1), date(2018, 12, 31))),
        ({"date": "2025-03-03", "time_precision": "week"}, (date(2025, 3, 3), date(2025, 3, 9))),
        ({"date": "2025-03-05", "time_precision": "week"}, (date(2025, 3, 3), date(2025, 3, 9))),
        (
            {"date": "2023-11", "date_end": "2024-12", "time_precision": "month"},
            (date(2023, 11, 1), date(2024, 12, 31)),
        ),
    ],
)
def test_event_period_honours_precision_and_end(props, expected):
    assert event_period(props) == expected


def test_month_string_needs_month_precision():
    with pytest.raises(DateError):
        parse_event_date("2024-04", "day")
    assert parse_event_date("2024-04", "month") == date(2024, 4, 1)


def test_feature_id_rules():
    assert validate_feature_id("syr-2025-03-03-x", file="f", feature="#0") == []
    assert validate_feature_id(None, file="f", feature="#0")[0].field == "id"
    assert "string" in validate_feature_id(12, file="f", feature="#0")[0].message
    assert validate_feature_id("has space", file="f", feature="#0")


def test_problem_formats_as_file_feature_field():
    p = Problem("events/a.geojson", feature_label(3, "x"), "properties.date", "bad")
    assert str(p) == "events/a.geojson:#3 (x):properties.date: bad"
    assert p.is_error


def test_distance_claims_are_checked_field_by_field():
    good = {"kind": "distance", "stated_km": 16, "reference": "area-of-separation", "text": "around 16 km"}
    assert validate_properties(valid_props(claims=[good]), file="f", feature="#0", today=TODAY) == []
    bad = [{"kind": "distance", "stated_km": "16", "reference": 3, "comparison": "roughly"}, "x"]
    problems = validate_properties(valid_props(claims=bad), file="f", feature="#0", today=TODAY)
    assert fields_of(problems) == [
        "properties.claims[0].stated_km",
        "properties.claims[0].reference",
        "properties.claims[0].comparison",
        "properties.claims[1]",
    ]


def test_problem_text_escapes_control_characters():
    # A refused id is quoted into the message: it must not forge a second `validate` line or clear the screen.
    fid = "x\nerror: events/fake.geojson:#0:id: forged\x1b[2J\x9b\u2028\ud800"
    p = validate_feature_id(fid, file="a\rb.geojson", feature=feature_label(0, fid))[0]
    text = str(p)
    assert text.isprintable() and "\n" not in text
    assert "\\n" in text and "\\x1b" in text and "\\x9b" in text and "\\u2028" in text and "\\ud800" in text
    assert text.startswith("a\\rb.geojson:#0 (x\\nerror")


@settings(max_examples=50, deadline=None)
@given(st.text(), st.text(), st.text(), st.text())
def test_problem_text_is_one_printable_line(file, feature, field, message):
    text = str(Problem(file, feature, field, message))
    assert text.isprintable()
    text.encode("utf-8")  # no lone surrogate survives into printed output


@pytest.mark.parametrize("value", ["1500-06-15", "1677-09-22", "1677-12-31"])
def test_dates_before_1678_are_refused(value):
    problems = validate_properties(valid_props(date=value), file="f", feature="#0", today=TODAY)
    assert fields_of(problems) == ["properties.date"] and "before 1678" in problems[0].message


def test_date_end_before_1678_is_refused_and_1678_is_fine():
    assert validate_properties(valid_props(date="1678-01-01"), file="f", feature="#0", today=TODAY) == []
    problems = validate_properties(
        valid_props(date="1600", time_precision="year", date_end="1601"), file="f", feature="#0", today=TODAY
    )
    assert fields_of(problems) == ["properties.date", "properties.date_end"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"summary": "a\x00b"}, "properties.summary"),
        ({"location": "a\x1bb"}, "properties.location"),
        ({"actors": ["IDF", "a\x07"]}, "properties.actors[1]"),
        ({"tags": ["\x7f"]}, "properties.tags[0]"),
        ({"quote": "x\ud800"}, "properties.quote"),
        ({"sources": [{"title": "\x0c"}]}, "properties.sources[0].title"),
    ],
)
def test_control_characters_and_lone_surrogates_in_text_are_refused(changes, field):
    problems = validate_properties(valid_props(**changes), file="f", feature="#0", today=TODAY)
    assert fields_of(problems) == [field]


def test_tab_newline_and_return_are_fine_in_text():
    props = valid_props(summary="line one\nline\ttwo\r\n", quote="😀 ok")
    assert validate_properties(props, file="f", feature="#0", today=TODAY) == []
