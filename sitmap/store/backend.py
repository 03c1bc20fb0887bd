"""The one setting that picks the store's backend: `SITMAP_DATABASE_URL` set → PostgreSQL + PostGIS
(`sitmap.store.postgis`), else the embedded GeoJSON files of the events folder."""

from __future__ import annotations

from collections.abc import Mapping

from sitmap.settings import Settings
from sitmap.store.interface import EventStore


def open_store(settings: Settings, env: Mapping[str, str] | None = None) -> EventStore:
    """The configured store (a PostGIS store holds a connection pool: close it when done)."""
    from sitmap.store.postgis import database_url

    url = database_url(dict(env) if env is not None else None)
    if url:
        from sitmap.store.postgis import PostgisStore

        return PostgisStore(url)
    from sitmap.store.embedded import EmbeddedStore

    return EmbeddedStore(settings.events_dir, settings=settings)
