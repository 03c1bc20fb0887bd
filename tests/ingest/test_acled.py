"""ACLED import: column mapping, precision codes, type mapping, and re-import updating in place."""

import json
from datetime import date
from pathlib import Path

from sitmap.ingest.acled import map_event_type, read_acled_csv
from sitmap.ingest.acled_merge import import_acled
from sitmap.store.load import load_store

DATA = Path(__file__).resolve().parents[1] / "data" / "acled"
TODAY = date(2025, 4, 1)


def test_rows_map_to_store_features() -> None:
    features, problems = read_acled_csv((DATA / "export.csv").read_text(), today=TODAY)
    by_id = {f["id"]: f for f in features}
    assert [p.feature for p in problems] == ["#9 (SYR90009)"]  # 31 February: skipped, never guessed
    raid = by_id["SYR90001"]
    assert raid["geometry"] == {"type": "Point", "coordinates": [35.8916, 33.1838]}
    props = raid["properties"]
    assert (props["event_type"], props["date"], props["time_precision"], props["geo_precision"]) == (
        "raid", "2025-03-03", "day", "near",
    )  # fmt: skip
    assert props["actors"] == ["Military Forces of Israel (2022-)", "Unidentified Armed Group (Syria)"]
    assert "acled:battles/armed-clash" in props["tags"]
    assert by_id["SYR90003"]["properties"]["date"] == "2025-02-24"  # week precision: that week's Monday
    assert (
        by_id["LBN90007"]["properties"]["date"] == "2025-01"
        and by_id["LBN90007"]["properties"]["event_type"] == "protest"
    )
    assert by_id["YEM90005"]["properties"]["actors"][:3] == [
        "Military Forces of the United States (2021-)",
        "Military Forces of Yemen (2016-) Houthi",
        "Military Forces of the United Kingdom (2024-)",
    ]
    assert "fatalities:3" in by_id["YEM90005"]["properties"]["tags"]


def test_type_mapping_uses_sub_type_and_notes() -> None:
    assert map_event_type("Battles", "Armed clash", "fighters exchanged fire")[0] == "armed_clash"
    assert map_event_type("Battles", "Armed clash", "an Israeli unit raided a farm")[0] == "raid"
    assert (
        map_event_type("Explosions/Remote violence", "Air/drone strike", "a drone hit")[0] == "drone_attack"
    )
    assert map_event_type("Explosions/Remote violence", "Air/drone strike", "jets bombed")[0] == "airstrike"
    shell = "Shelling/artillery/missile attack"
    assert (
        map_event_type("Explosions/Remote violence", shell, "a missile hit a vessel")[0]
        == "attack_on_shipping"
    )
    assert map_event_type("Explosions/Remote violence", shell, "artillery fire")[0] == "shelling"
    assert map_event_type("Strategic developments", "Agreement")[0] == "agreement"
    assert map_event_type("Protests", "Peaceful protest")[0] == "protest"


def test_reimport_updates_instead_of_duplicating(tmp_path: Path) -> None:
    events = tmp_path / "events"
    into = events / "acled.geojson"
    first = import_acled(DATA / "export.csv", into, events_dir=events, today=TODAY)
    assert len(first.added) == 8 and first.updated == [] and len(first.problems) == 1
    again = import_acled(DATA / "export.csv", into, events_dir=events, today=TODAY)
    assert again.added == [] and again.updated == [] and len(again.unchanged) == 8
    newer = import_acled(DATA / "export_updated.csv", into, events_dir=events, today=TODAY)
    assert newer.added == ["SYR90010"] and newer.updated == ["SYR90002"]
    features = json.loads(into.read_text())["features"]
    ids = [f["id"] for f in features]
    assert len(ids) == len(set(ids)) == 9
    patrol = next(f for f in features if f["id"] == "SYR90002")
    assert patrol["properties"]["location"] == "Ruwaihaniya (southern outskirts)"
    store = load_store(events, today=TODAY)
    assert store.errors == [] and len(store.events) == 9
