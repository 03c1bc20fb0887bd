"""The one interface every event store offers (`EventStore`), whatever holds the events: GeoJSON files
(`sitmap.store.embedded`) or PostgreSQL + PostGIS (`sitmap.store.postgis`).

Versions are opaque strings: compare them, never parse them. A save names the version it read; if the event
changed since, the save raises `EventConflictError` (a `ConflictError`) and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol, runtime_checkable

import geopandas as gpd

from sitmap.store.write import ConflictError, StoreError
from sitmap.view import View

Op = Literal["insert", "update", "delete", "import"]


class EventConflictError(ConflictError):
    """The event changed (or appeared, or went) since it was read; nothing was written."""

    def __init__(self, event_id: str, expected: str | None, found: str | None):
        self.event_id, self.expected_version, self.found_version = event_id, expected, found
        was = "not to exist" if expected is None else f"at version {expected[:12]}"
        now = "it does not exist" if found is None else f"it is at version {found[:12]}"
        StoreError.__init__(
            self,
            f"event {event_id!r} changed since it was read (expected it {was}; {now}); "
            "reload and apply the edit again — nothing was written",
        )


@dataclass(frozen=True)
class Change:
    """One event's state after the changes a `changes_since` call covers: its feature, or None if deleted."""

    event_id: str
    op: Op
    version: str | None
    feature: dict[str, Any] | None


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded write: who, when, what (old and new feature; None where there was none) and why."""

    at: datetime
    user: str
    op: Op
    why: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None


@runtime_checkable
class EventStore(Protocol):
    """What the app, the CLI and the tests need from an event store."""

    def query(self, view: View, *, limit: int | None = None) -> gpd.GeoDataFrame:
        """The events `view` shows (`sitmap.view.apply_view` semantics and order), at most `limit`."""
        ...

    def get(self, event_id: str) -> tuple[dict[str, Any], str]:
        """The event's feature and version; `EventNotFoundError` when there is none."""
        ...

    def save(self, feature: dict[str, Any], expected_version: str | None, *, user: str, why: str) -> str:
        """Insert (`expected_version=None`) or replace the event; returns its new version."""
        ...

    def delete(self, event_id: str, expected_version: str, *, user: str, why: str) -> None:
        """Remove the event if it is still at `expected_version`."""
        ...

    def changes_since(self, cursor: str | None) -> tuple[list[Change], str]:
        """Each event changed or deleted after `cursor` (None: from the start), and the next cursor."""
        ...

    def change_key(self) -> str:
        """A cheap value that changes whenever any event changes (for cache keys)."""
        ...

    def history(self, event_id: str) -> list[HistoryEntry]:
        """The event's recorded writes, oldest first."""
        ...
