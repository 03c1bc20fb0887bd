"""The store backends the shared suite runs over: embedded always, PostGIS when a test database is given."""

from __future__ import annotations

import os
from collections.abc import Iterator

import psycopg
import pytest
from psycopg.conninfo import make_conninfo
from strategies import TODAY

from sitmap.settings import load_settings
from sitmap.store.embedded import EmbeddedStore
from sitmap.store.postgis import PostgisStore

TEST_URL_ENV = "SITMAP_TEST_DATABASE_URL"


def postgis_test_url(worker: str) -> str:
    """The test database, in a schema of this xdist worker's own (so parallel workers never meet);
    skips when no database is given, and fails under CI=1, where one always is."""
    url = os.environ.get(TEST_URL_ENV, "").strip()
    if not url:
        reason = f"{TEST_URL_ENV} is not set: no PostgreSQL + PostGIS to test against (see docs/deploy.md)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run the PostGIS suite")
        pytest.skip(reason)
    schema = f"sitmap_test_{worker}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
    return make_conninfo(url, options=f"-c search_path={schema},public")


@pytest.fixture(params=["embedded", "postgis"])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[EmbeddedStore | PostgisStore]:
    """An empty event store of each backend."""
    if request.param == "embedded":
        (tmp_path / "events").mkdir()
        yield EmbeddedStore(tmp_path / "events", settings=load_settings(env={}), today=TODAY)
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with PostgisStore(postgis_test_url(worker), today=TODAY, init=True) as pg:
        yield pg


@pytest.fixture
def pg_url() -> str:
    """The PostGIS test database in this worker's own, freshly emptied schema (skipped without one)."""
    return postgis_test_url(os.environ.get("PYTEST_XDIST_WORKER", "main"))


@pytest.fixture
def pg(pg_url: str) -> Iterator[PostgisStore]:
    """An empty PostGIS store."""
    with PostgisStore(pg_url, today=TODAY, init=True) as store:
        yield store
