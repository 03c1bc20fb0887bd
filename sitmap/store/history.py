"""What one recorded write changed, in words a panel can list (`HistoryEntry` old and new features)."""

from __future__ import annotations

from typing import Any

from sitmap.store.interface import HistoryEntry


def changed_fields(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[str]:
    """The property names (and `geometry`) whose values differ between two versions of a feature, sorted;
    every field the present side has when one side is missing (an insert or a delete)."""
    before = (old or {}).get("properties") or {}
    after = (new or {}).get("properties") or {}
    names = sorted(k for k in {*before, *after} if before.get(k) != after.get(k))
    if (old or {}).get("geometry") != (new or {}).get("geometry"):
        names.append("geometry")
    return names


def describe(entry: HistoryEntry) -> tuple[str, str, str, str, list[str]]:
    """(UTC time, user, operation, reason, changed fields) of one history entry, for display."""
    at = entry.at.strftime("%Y-%m-%d %H:%M UTC")
    return at, entry.user or "unknown", entry.op, entry.why or "", changed_fields(entry.old, entry.new)
