"""A process's PostGIS events frame follows other connections' writes by reading only the rows they wrote."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd
import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import TODAY, event_batches

from sitmap.store import postgis_follow
from sitmap.store.postgis import PostgisStore
from sitmap.store.postgis_follow import FrameFollower
from sitmap.view import View


def event(fid: str, day: int = 1, x: float = 35.9, **props: Any) -> dict:
    return {
        "type": "Feature",
        "id": fid,
        "geometry": {"type": "Point", "coordinates": [x, 33.1]},
        "properties": {
            "date": f"2025-03-{day:02d}",
            "time_precision": "day",
            "event_type": "raid",
            "actors": ["A", "B"] if day % 2 else [],
            "geo_precision": "exact",
            "claim_status": "reported",
            "summary": f"event {fid}",
            "tags": [],
            **props,
        },
    }


@pytest.fixture
def fetched(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Rows fetched from the database by any cursor since the test began (one count per fetch)."""
    counts: list[int] = []

    def counting(cls: type, name: str) -> None:
        original: Callable[..., Any] = getattr(cls, name)

        def fetch(self: Any, *args: Any, **kwargs: Any) -> Any:
            got = original(self, *args, **kwargs)
            counts.append(0 if got is None else 1 if name == "fetchone" else len(got))
            return got

        monkeypatch.setattr(cls, name, fetch)

    for cls in (psycopg.Cursor, psycopg.ServerCursor):
        for name in ("fetchone", "fetchmany", "fetchall"):
            counting(cls, name)
    yield counts


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Values only: missing is missing and geometry is WKB, whatever dtype pandas inferred."""
    out = frame.drop(columns="geometry").astype(object)
    out = out.where(out.notna(), None)
    out["geometry"] = list(frame.geometry.to_wkb())
    return out.reset_index(drop=True)


def _writes(other: PostgisStore, case: str) -> int:
    """Another analyst's writes through their own connection; how many rows they leave written."""
    if case in ("edit", "edit-two"):
        for fid in ["e03", "e17"][: 1 if case == "edit" else 2]:
            feature, version = other.get(fid)
            feature["properties"]["summary"] = "Edited <b>elsewhere</b>"
            feature["properties"]["uncertainty_m"] = 250
            feature["geometry"]["coordinates"] = [36.4, 34.0]
            other.save(feature, version, user="ana", why="fix")
        return 1 if case == "edit" else 2
    if case == "move":  # a new date moves the event in time order
        feature, version = other.get("e03")
        feature["properties"]["date"] = "2025-03-28"
        other.save(feature, version, user="ana", why="date")
        return 1
    if case == "insert-delete":
        other.save(event("e10a", day=11), None, user="ana", why="new")
        other.save(event("a-first", day=1), None, user="ana", why="new")
        other.save(event("zz-last", day=28), None, user="ana", why="new")
        other.delete("e05", other.get("e05")[1], user="ana", why="duplicate")
        return 3
    raise AssertionError(case)


@pytest.mark.parametrize("case", ["edit", "edit-two", "move", "insert-delete", "insert-delete-sorted"])
def test_refresh_reads_only_the_written_rows_and_equals_a_full_read(pg, pg_url, fetched, case, monkeypatch):
    if case.endswith("-sorted"):  # many written rows are merged by one sort instead
        monkeypatch.setattr(postgis_follow, "_SORT_OVER", 0)
        case = case.removesuffix("-sorted")
    for i in range(1, 25):
        pg.save(event(f"e{i:02d}", day=1 + i % 6, x=35 + i / 10), None, user="t", why="seed")
    follower = FrameFollower(pg)
    before = follower.frame()
    kept = plain(before)
    with PostgisStore(pg_url, today=TODAY) as other:
        written = _writes(other, case)
    fetched.clear()
    after = follower.frame()
    # The refresh fetched the written rows plus two one-row answers (change key, next cursor) and the
    # deleted ids, not the 24 events again.
    assert sum(fetched) <= written + 3, fetched
    pd.testing.assert_frame_equal(plain(after), plain(pg.query(View())))
    assert list(after.dtypes) == list(pg.query(View()).dtypes)
    pd.testing.assert_frame_equal(plain(before), kept)  # a frame handed out earlier is never changed


def test_an_unchanged_store_is_not_read_again(pg, fetched):
    pg.save(event("e01"), None, user="t", why="seed")
    follower = FrameFollower(pg)
    first = follower.frame()
    fetched.clear()
    assert follower.frame() is first
    assert sum(fetched) <= 1  # the change key only


def test_the_app_store_follows_a_save_in_another_process(pg, pg_url, fetched, tmp_path, monkeypatch):
    """The map page's `get_store`: after another analyst's save it shows the edit, having read that row."""
    import streamlit as st

    from sitmap.ui import cache

    (tmp_path / "events").mkdir()
    monkeypatch.setenv("SITMAP_EVENTS", str(tmp_path / "events"))
    monkeypatch.setenv("SITMAP_DATABASE_URL", pg_url)
    for i in range(1, 25):
        pg.save(event(f"e{i:02d}", day=1 + i % 6), None, user="t", why="seed")
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        store, facts = cache.get_store(tmp_path / "events")
        assert len(store.events) == 24 and facts is not None
        with PostgisStore(pg_url, today=TODAY) as other:
            _writes(other, "edit")
        fetched.clear()
        store, _ = cache.get_store(tmp_path / "events")
        assert sum(fetched) <= 1 + 3, fetched  # the change key, the edited row, the cursor, no deletion
        assert store.events.set_index("id").loc["e03", "summary"] == "Edited <b>elsewhere</b>"
        pd.testing.assert_frame_equal(plain(store.events), plain(pg.query(View())))
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=event_batches(max_size=6))
def test_the_bulk_read_and_the_row_read_give_the_same_frame(pg, batch):
    """A whole read (COPY into Arrow) and a limited one (rows, as a refresh reads them) agree on every
    value and dtype, so a refreshed frame merges rows of one into a frame of the other."""
    tag = uuid.uuid4().hex[:8]
    for f in batch:
        pg.save({**f, "id": f"{f['id']}-{tag}"}, None, user="t", why="seed")
    bulk = pg.query(View())
    rows = pg.query(View(), limit=len(bulk) + 1)
    pd.testing.assert_frame_equal(plain(bulk), plain(rows))
    assert list(bulk["sources"]) == list(rows["sources"])  # with sitmap's member order, not jsonb's
    assert [list(s[0]) for s in bulk["sources"] if s] == [list(s[0]) for s in rows["sources"] if s]
