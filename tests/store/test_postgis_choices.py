"""The PostGIS filter choices (`event_choices`, kept by `postgis_schema`'s triggers) stay equal to the frame's
(`sitmap.view.options`) through saves, edits, deletions, imports and an upgrade of an existing database."""

from __future__ import annotations

from typing import Any

from strategies import TODAY

from sitmap.store.postgis import PostgisStore
from sitmap.store.postgis_view import facts
from sitmap.view import View, options


def event(fid: str, **props: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": fid,
        "geometry": {"type": "Point", "coordinates": [35.9, 33.1]},
        "properties": {
            "date": "2025-03-02",
            "time_precision": "day",
            "event_type": "raid",
            "actors": ["A", "B"],
            "country": "Syria",
            "geo_precision": "exact",
            "claim_status": "reported",
            "summary": f"event {fid}",
            **props,
        },
    }


def _choices(pg: PostgisStore) -> dict[str, list[str]]:
    got = facts(pg).options
    assert got == options(pg.query(View()))  # always what the frame of the same events gives
    return got


def test_a_save_adds_its_new_values_and_removing_the_last_carrier_removes_them(pg: PostgisStore) -> None:
    pg.save(event("e1"), None, user="t", why="seed")
    pg.save(event("e2", actors=["A"]), None, user="t", why="seed")
    assert _choices(pg)["actors"] == ["A", "B"]
    # a new actor, type and country: there at once
    pg.save(event("e3", actors=["A", "Zed"], event_type="patrol", country="Lebanon"), None, user="t", why="x")
    got = _choices(pg)
    assert "Zed" in got["actors"] and "patrol" in got["event_types"] and "Lebanon" in got["countries"]
    # an edit that drops the only "Zed" and moves the event back to Syria: gone from the choices
    pg.save(event("e3", actors=["A"], event_type="patrol"), pg.get("e3")[1], user="t", why="edit")
    got = _choices(pg)
    assert "Zed" not in got["actors"] and got["countries"] == ["Syria"]
    # "B" is carried by e1 alone: its deletion removes it, "A" (e2, e3) stays
    pg.delete("e1", pg.get("e1")[1], user="t", why="duplicate")
    assert _choices(pg)["actors"] == ["A"]
    pg.delete("e3", pg.get("e3")[1], user="t", why="duplicate")
    assert _choices(pg)["event_types"] == ["raid"]


def test_an_import_counts_its_events_and_a_reimport_replaces_their_values(pg: PostgisStore) -> None:
    pg.save(event("kept", actors=["Kept"]), None, user="t", why="seed")
    first = [(event(f"i{n}", actors=[f"Actor {n % 3}"], admin1=f"Region {n % 2}"), "f") for n in range(6)]
    pg.import_features(first, user="t", why="import", source="test")
    got = _choices(pg)
    assert got["actors"] == ["Actor 0", "Actor 1", "Actor 2", "Kept"]
    assert got["admin1"] == ["Region 0", "Region 1"]
    again = [(event(f"i{n}", actors=["Other"], claim_status="claimed"), "f") for n in range(6)]
    pg.import_features(again, user="t", why="import", source="test")  # every imported event updated
    got = _choices(pg)
    assert got["actors"] == ["Kept", "Other"] and got["admin1"] == []
    assert got["claim_status"] == ["claimed", "reported"]


def test_init_on_an_existing_database_counts_the_choices_again(pg_url: str) -> None:
    with PostgisStore(pg_url, today=TODAY, init=True) as pg:
        pg.save(event("e1", actors=["Old"]), None, user="t", why="seed")
        with pg.pool.connection() as conn:  # a database from before the choices table, or a stale one
            conn.execute("DROP TABLE event_choices CASCADE")
    with PostgisStore(pg_url, today=TODAY, init=True) as pg:  # `sitmap db init`
        assert _choices(pg)["actors"] == ["Old"]
        with pg.pool.connection() as conn:
            conn.execute("UPDATE event_choices SET n = n + 5")  # wrong counts: init counts them again
    with PostgisStore(pg_url, today=TODAY, init=True) as pg:
        pg.delete("e1", pg.get("e1")[1], user="t", why="gone")
        assert _choices(pg)["actors"] == []
