"""The ACLED CSV: codebook columns in codebook order, ISO dates, formula-safe cells, and a lossless
CSV -> import-acled -> CSV round trip (sitmap's own fields ride in `sitmap_` columns after the codebook)."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from sitmap.exports.acled_csv import events_to_csv, neutralise_cell, unneutralise_cell
from sitmap.ingest.acled import map_event_type, read_acled_csv
from sitmap.store.load import load_store
from sitmap.vocabulary import CLAIM_STATUSES, EVENT_TYPES, GEO_PRECISIONS, TIME_PRECISIONS

ROOT = Path(__file__).resolve().parents[2]
ACLED = ROOT / "tests" / "data" / "acled"
TODAY = date(2025, 4, 1)
CODEBOOK = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# The codebook's 6 event types and 25 sub-event types.
_SUB_TYPES = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}  # fmt: skip
ACLED_PAIRS = [(t, s) for t, subs in _SUB_TYPES.items() for s in subs]


def _read(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def _store_events(features: list[dict], folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    doc = {"type": "FeatureCollection", "features": features}
    (folder / "events.geojson").write_text(json.dumps(doc), encoding="utf-8")
    store = load_store(folder, today=TODAY)
    assert store.errors == [], store.errors
    return store.events


def _reimport(text: str, folder: Path):
    features, problems = read_acled_csv(text, today=TODAY)
    assert problems == []
    return features, _store_events(features, folder)


def _comparable(feature: dict) -> dict:
    """A feature as the store holds it, without the upstream record import adds, and empty values dropped
    (a missing list and an empty one are the same event)."""
    props = {k: v for k, v in feature["properties"].items() if k != "upstream" and v not in (None, [], "")}
    return json.loads(json.dumps({"id": feature["id"], "geometry": feature["geometry"], "properties": props}))


# --- generated events ---------------------------------------------------------------------------------

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("=+-@'\t\r\n;,\"#"),
    min_size=1,
    max_size=10,
)
NAME = TEXT.filter(lambda s: s.strip())
COORD = st.tuples(st.floats(-170, 170), st.floats(-80, 80)).map(lambda p: [round(p[0], 6), round(p[1], 6)])


@st.composite
def geometries(draw) -> dict | None:
    kind = draw(st.sampled_from(["none", "point", "line", "polygon"]))
    x, y = draw(COORD)
    if kind == "none":
        return None
    if kind == "point":
        return {"type": "Point", "coordinates": [x, y]}
    w, h = draw(st.integers(1, 900)) / 1000, draw(st.integers(1, 900)) / 1000
    if kind == "line":
        return {"type": "LineString", "coordinates": [[x, y], [round(x + w, 6), round(y + h, 6)]]}
    ring = [[x, y], [round(x + w, 6), y], [round(x + w, 6), round(y + h, 6)], [x, round(y + h, 6)], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


@st.composite
def events(draw, n: int) -> dict:
    precision = draw(st.sampled_from(list(TIME_PRECISIONS)))
    day = draw(st.dates(date(1995, 1, 1), date(2025, 3, 1)))
    text = {
        "day": day.isoformat(),
        "week": (day - timedelta(days=day.weekday())).isoformat(),
        "month": day.isoformat()[:7],
        "year": str(day.year),
    }[precision]
    props: dict = {
        "date": text,
        "time_precision": precision,
        "event_type": draw(st.sampled_from(list(EVENT_TYPES))),
        "actors": draw(st.lists(NAME, max_size=4)),
        "geo_precision": draw(st.sampled_from(list(GEO_PRECISIONS))),
        "claim_status": draw(st.sampled_from(list(CLAIM_STATUSES))),
        "summary": draw(TEXT),
    }
    if precision == "day" and draw(st.booleans()):
        props["date_end"] = (day + timedelta(days=draw(st.integers(0, 25)))).isoformat()
    for name in ("country", "admin1", "location", "quote"):
        if draw(st.booleans()):
            props[name] = draw(TEXT)
    if draw(st.booleans()):
        props["uncertainty_m"] = draw(
            st.integers(0, 5_000_000) | st.floats(0, 5_000_000).map(lambda v: v / 7)
        )
    if draw(st.booleans()):
        props["report"] = {"id": f"report-{n}", "paragraph": draw(st.sampled_from(["p1", "p12", None]))}
    if draw(st.booleans()):
        props["sources"] = [
            {
                "title": draw(TEXT),
                "publisher": draw(TEXT),
                "date": "2025-03-04",
                "url": "https://example.org/r",
            }
        ]
    props["tags"] = draw(st.lists(TEXT, max_size=3))
    if draw(st.booleans()):
        claim = {"kind": "distance", "stated_km": draw(st.integers(0, 400)), "reference": "line-a"}
        props["claims"] = [{**claim, "comparison": "about", "text": draw(TEXT)}]
    return {"type": "Feature", "id": f"ev-{n}", "geometry": draw(geometries()), "properties": props}


FEATURES = st.integers(1, 4).flatmap(lambda k: st.tuples(*(events(n) for n in range(k)))).map(list)


@settings(max_examples=40, deadline=None)
@given(FEATURES)
def test_csv_read_by_pandas_matches_the_acled_codebook(features: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        frame = _store_events(features, Path(tmp))
    table = _read(events_to_csv(frame))
    assert tuple(table.columns[: len(CODEBOOK)]) == CODEBOOK
    assert all(c.startswith("sitmap_") for c in table.columns[len(CODEBOOK) :])
    assert len(table) == len(features)
    for feature, (_, row) in zip(features, table.iterrows(), strict=True):
        props, start = feature["properties"], frame.set_index("id").loc[feature["id"], "start"].date()
        etype = EVENT_TYPES[props["event_type"]]
        actors = [neutralise_cell(a) for a in props["actors"]]
        assert row["event_id_cnty"] == feature["id"]
        assert row["event_date"] == start.isoformat() and row["year"] == str(start.year)  # ISO, as ACLED
        assert row["time_precision"] == str(TIME_PRECISIONS[props["time_precision"]]["acled"])
        assert (row["event_type"], row["sub_event_type"]) == (
            etype.acled_event_type,
            etype.acled_sub_event_type,
        )
        assert row["disorder_type"] == DISORDER[etype.acled_event_type]
        assert [row["actor1"], row["actor2"]] == (actors + ["", ""])[:2]
        assert row["assoc_actor_1"] == neutralise_cell("; ".join(props["actors"][2:]))
        for column, name in (("country", "country"), ("admin1", "admin1"), ("location", "location")):
            assert row[column] == neutralise_cell(props.get(name, ""))
        assert row["notes"] == neutralise_cell(props["summary"])
        assert row["geo_precision"] == str(GEO_PRECISIONS[props["geo_precision"]]["acled"])
        geom = feature["geometry"]
        if geom is None:
            assert row["latitude"] == row["longitude"] == ""
        elif geom["type"] == "Point":
            assert [float(row["longitude"]), float(row["latitude"])] == geom["coordinates"]
        else:
            point = shapely.Point(float(row["longitude"]), float(row["latitude"]))
            assert shapely.geometry.shape(geom).buffer(1e-6).covers(point)
        for value in row:
            assert (
                not value.startswith(("=", "+", "-", "@", "\t", "\r")) or value[0] == "-" and _number(value)
            )


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@settings(max_examples=40, deadline=None)
@given(FEATURES)
def test_csv_import_csv_round_trip_is_lossless(features: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first = events_to_csv(_store_events(features, Path(tmp) / "a"))
        imported, frame = _reimport(first, Path(tmp) / "b")
        assert [_comparable(f) for f in imported] == [_comparable(f) for f in features]
        second = events_to_csv(frame)
        # The only new cell: the upstream record the import now keeps with each event.
        assert (
            _read(second).drop(columns="sitmap_upstream").equals(_read(first).drop(columns="sitmap_upstream"))
        )
        _, frame3 = _reimport(second, Path(tmp) / "c")
        assert events_to_csv(frame3) == second


def test_acled_rows_come_back_with_every_codebook_cell(tmp_path: Path) -> None:
    """Raw ACLED -> import -> CSV: every codebook cell is ACLED's (dates in ISO form, numbers as numbers)."""
    raw = _read((ACLED / "export_newer.csv").read_text())
    features, problems = read_acled_csv((ACLED / "export_newer.csv").read_text(), today=TODAY)
    assert problems == []
    out = _read(events_to_csv(_store_events(features, tmp_path))).set_index("event_id_cnty")
    for _, acled in raw.iterrows():
        row = out.loc[acled["event_id_cnty"]]
        for column in CODEBOOK[1:]:
            if column == "event_date":
                assert row[column] == pd.Timestamp(acled[column]).date().isoformat()
            elif column in ("latitude", "longitude"):
                assert float(row[column]) == float(acled[column])
            else:
                assert row[column] == acled[column], (acled["event_id_cnty"], column)


def test_bundled_events_round_trip_with_areas_periods_claims_and_links(tmp_path: Path) -> None:
    store = load_store(ROOT / "events", today=TODAY)
    first = events_to_csv(store.events)
    features, problems = read_acled_csv(first, today=TODAY)
    assert problems == []
    again = _store_events(features, tmp_path)
    left = _read(first).drop(columns="sitmap_upstream")
    assert _read(events_to_csv(again)).drop(columns="sitmap_upstream").equals(left)
    by_id = {f["id"]: f for f in features}
    campaign = [f for f in features if f["properties"].get("date_end")]
    assert campaign, "the bundled store has events with a date_end"
    assert any(f["geometry"] and f["geometry"]["type"] == "Polygon" for f in features)
    for fid, original in store.events.set_index("id").iterrows():
        props = by_id[fid]["properties"]
        for name, column in (("date_end", "date_end"), ("quote", "quote")):
            assert props.get(name) == (original[column] if isinstance(original[column], str) else None)
        report_id = original["report_id"] if isinstance(original["report_id"], str) else None
        assert (props.get("report") or {}).get("id") == report_id
        assert props.get("sources", []) == list(original["sources"])
        assert props.get("claims", []) == list(original["claims"])
        geom = by_id[fid]["geometry"]
        assert (
            original.geometry is None
            if geom is None
            else shapely.geometry.shape(geom).equals(original.geometry)
        )
        for s in props.get("sources", []):
            assert "(sources:" not in (s.get("publisher") or "")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("=+-@\t\r'a ;")))
def test_neutralised_cells_are_safe_and_read_back_exactly(value: str) -> None:
    cell = neutralise_cell(value)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert unneutralise_cell(cell) == value


def test_every_codebook_event_type_has_a_sitmap_type() -> None:
    assert len(ACLED_PAIRS) == 25 and len({p[0] for p in ACLED_PAIRS}) == 6
    mapped = {pair: map_event_type(*pair)[0] for pair in ACLED_PAIRS}
    assert all(key in EVENT_TYPES for key in mapped.values())
    for pair in ACLED_PAIRS:  # each vocabulary entry's own pair maps back to it
        keys = [k for k, t in EVENT_TYPES.items() if (t.acled_event_type, t.acled_sub_event_type) == pair]
        assert len(keys) != 1 or mapped[pair] == keys[0]
    # Demonstrations, violence against civilians and arrests are events of their own, not `other`.
    for acled_type in ("Protests", "Riots", "Violence against civilians"):
        assert all(mapped[p] != "other" for p in ACLED_PAIRS if p[0] == acled_type)
    assert mapped[("Strategic developments", "Arrests")] == "arrest"
    others = sorted(p for p, k in mapped.items() if k == "other")
    assert others == [
        ("Explosions/Remote violence", "Chemical weapon"),
        ("Strategic developments", "Other"),
    ]


def test_csv_writer_and_reader_agree_on_quoting(tmp_path: Path) -> None:
    """A cell holding a line break, a quote and a delimiter survives the standard csv module too."""
    feature = {
        "type": "Feature",
        "id": "q-1",
        "geometry": None,
        "properties": {
            "date": "2025-03-01",
            "time_precision": "day",
            "event_type": "raid",
            "actors": ['A "B", C'],
            "geo_precision": "near",
            "claim_status": "reported",
            "summary": "line one\r\nline two; =x",
        },  # fmt: skip
    }
    text = events_to_csv(_store_events([feature], tmp_path))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["actor1"] == 'A "B", C' and rows[0]["notes"] == "line one\r\nline two; =x"
