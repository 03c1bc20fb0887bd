"""Statement-level triggers on `events`: how the tables kept from it (choices, the map's rollup) follow it."""

from __future__ import annotations


def statement_triggers(prefix: str, function: str, old: str, new: str) -> str:
    """SQL that (re)creates `<prefix>_insert/_update/_delete/_truncate` on `events`, each running `function`
    once per statement over the transition tables `old` / `new`: a bulk import is one call."""
    return f"""
DROP TRIGGER IF EXISTS {prefix}_insert ON events;
CREATE TRIGGER {prefix}_insert AFTER INSERT ON events REFERENCING NEW TABLE AS {new}
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
DROP TRIGGER IF EXISTS {prefix}_update ON events;
CREATE TRIGGER {prefix}_update AFTER UPDATE ON events
    REFERENCING OLD TABLE AS {old} NEW TABLE AS {new}
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
DROP TRIGGER IF EXISTS {prefix}_delete ON events;
CREATE TRIGGER {prefix}_delete AFTER DELETE ON events REFERENCING OLD TABLE AS {old}
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
DROP TRIGGER IF EXISTS {prefix}_truncate ON events;
CREATE TRIGGER {prefix}_truncate AFTER TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
"""
