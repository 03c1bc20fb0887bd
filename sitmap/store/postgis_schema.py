"""The PostGIS schema: one row per event, an append-only history filled by triggers, NOTIFY on every write.

Every notification names the schema of the events table it is about (`schema` in its JSON payload): the
channel is database-wide, so stores in two schemas of one database would otherwise hear each other.

Why an advisory lock rather than xmin snapshots for `changes_since`: every writing transaction takes one
transaction-level advisory lock (`WRITE_LOCK`) before its first history row gets its sequence number, and
keeps it until commit. So history rows become visible in sequence order, and a reader that has seen row N
can never later see a row below N commit: a cursor (the last sequence number seen) cannot skip a late commit.
Writes are at analyst pace (tens per minute for 200 people), so serialising them costs nothing visible;
the xid8 snapshot method would allow parallel writers at the price of a cursor that is a snapshot, not a
number. The triggers take the lock too, so edits made with plain SQL keep the guarantee.
"""

from __future__ import annotations

import psycopg

from sitmap.store.postgis_rollup_schema import RECOUNT_CELLS, ROLLUP_SCHEMA
from sitmap.store.postgis_triggers import statement_triggers
from sitmap.view.fields import COLUMN_FILTERS

NOTIFY_CHANNEL = "sitmap_events"
WRITE_LOCK = 0x517A_3A9  # the advisory lock key every writing transaction holds until it commits

# The choices kept in `event_choices`: every column filter's property but the event type (indexed itself)
_CHOICE_COLUMNS = ", ".join(
    f"('{attr}', p->>'{column}')" for attr, column in COLUMN_FILTERS.items() if attr != "event_types"
)

SCHEMA = f"""
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE IF NOT EXISTS events (
    id          text PRIMARY KEY,
    version     bigint NOT NULL DEFAULT 1,
    properties  jsonb NOT NULL,
    geometry    geometry(Geometry, 4326),
    members     jsonb NOT NULL DEFAULT '{{}}',  -- the feature's other members (bbox, foreign members)
    start_date  date NOT NULL,
    end_date    date NOT NULL,
    source_file text NOT NULL DEFAULT 'events.geojson',  -- where `sitmap db export` writes it
    changed_seq bigint NOT NULL DEFAULT 0,  -- the history entry that last wrote it
    CHECK (start_date <= end_date)
);
CREATE INDEX IF NOT EXISTS events_geometry_gist ON events USING gist (geometry);
CREATE INDEX IF NOT EXISTS events_period_gist ON events USING gist (daterange(start_date, end_date, '[]'));
CREATE INDEX IF NOT EXISTS events_start ON events (start_date, id);
CREATE INDEX IF NOT EXISTS events_changed ON events (changed_seq);
-- What the map's questions read and aggregate (`sitmap.store.postgis_view`), as plain columns with indexes
-- it answers from alone (index-only scans): the time bar's counts per day and type, the legend's types, the
-- extent; a window's count, and its counts per grid cell in the map's view (the period index covering the
-- type and geometry). From the properties, each would parse every row's JSON (~1.5 s at 1M events); through
-- the period GiST, each would visit every row of the window in the table (~0.4 s for a month at 1M).
ALTER TABLE events ADD COLUMN IF NOT EXISTS event_type text
    GENERATED ALWAYS AS (properties->>'event_type') STORED;
ALTER TABLE events ADD COLUMN IF NOT EXISTS precise boolean
    GENERATED ALWAYS AS (coalesce(properties->>'time_precision', 'day') <> 'year') STORED;
CREATE INDEX IF NOT EXISTS events_type ON events (event_type);
CREATE INDEX IF NOT EXISTS events_period_cover ON events (end_date, start_date)
    INCLUDE (event_type, geometry);
CREATE INDEX IF NOT EXISTS events_precise_day_type ON events (start_date, event_type) WHERE precise;
-- The list's first page of a window: the events that began before it and last into it, with their days and
-- ids (`postgis_earlier.EARLIER`), from the index alone
CREATE INDEX IF NOT EXISTS events_period_ids ON events USING gist (daterange(start_date, end_date, '[]'))
    INCLUDE (start_date, end_date, id);
-- The detailed timeline's GROUP BYs over every event (`postgis_view.timeline_sql`), from index entries alone:
-- single-day events per (day, type), the others per (start, end, type). As a scan of the table they read
-- every row's JSON (4-5 s at 1M events).
CREATE INDEX IF NOT EXISTS events_timeline_days ON events (start_date, event_type)
    WHERE start_date = end_date;
-- The spans' by id too: a kept group's first place is its first row in id order with a location.
CREATE INDEX IF NOT EXISTS events_timeline_spans ON events (start_date, end_date, event_type, id COLLATE "C")
    WHERE start_date <> end_date;
-- The report panel's passages: the events of one report (`postgis_view.report_events`)
CREATE INDEX IF NOT EXISTS events_report ON events ((properties->'report'->>'id'));

CREATE TABLE IF NOT EXISTS event_history (
    seq       bigserial PRIMARY KEY,
    event_id  text,  -- NULL for a bulk import (one entry per import)
    op        text NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'import')),
    at        timestamptz NOT NULL DEFAULT now(),
    user_name text NOT NULL,
    why       text NOT NULL,
    old       jsonb,
    new       jsonb
);
CREATE INDEX IF NOT EXISTS event_history_event ON event_history (event_id, seq);

-- What one bulk import did to each event (the single history entry of the import is event_history.seq):
-- without it, the state an import replaced would be nowhere once the event is edited again.
CREATE TABLE IF NOT EXISTS event_import_rows (
    seq      bigint NOT NULL,  -- event_history.seq (no foreign key: its per-row check doubled an import)
    event_id text NOT NULL,
    old      jsonb,
    new      jsonb NOT NULL,
    PRIMARY KEY (seq, event_id)
);
CREATE INDEX IF NOT EXISTS event_import_rows_event ON event_import_rows (event_id, seq);

-- Append-only: history is never edited or removed.
CREATE OR REPLACE FUNCTION sitmap_history_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'event_history is append-only';
END $$;
DROP TRIGGER IF EXISTS event_history_frozen ON event_history;
CREATE TRIGGER event_history_frozen BEFORE UPDATE OR DELETE ON event_history
    FOR EACH ROW EXECUTE FUNCTION sitmap_history_frozen();
DROP TRIGGER IF EXISTS event_import_rows_frozen ON event_import_rows;
CREATE TRIGGER event_import_rows_frozen BEFORE UPDATE OR DELETE ON event_import_rows
    FOR EACH ROW EXECUTE FUNCTION sitmap_history_frozen();

CREATE OR REPLACE FUNCTION sitmap_feature(e events) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT e.members || jsonb_build_object(
        'type', 'Feature', 'id', e.id, 'properties', e.properties,
        'geometry', CASE WHEN e.geometry IS NULL THEN 'null'::jsonb
                         ELSE ST_AsGeoJSON(e.geometry, 15)::jsonb END)
$$;

CREATE OR REPLACE FUNCTION sitmap_events_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    who  text := coalesce(nullif(current_setting('sitmap.user', true), ''), session_user);
    why  text := coalesce(current_setting('sitmap.why', true), '');
    bulk text := nullif(current_setting('sitmap.import_seq', true), '');
    s    bigint;
BEGIN
    PERFORM pg_advisory_xact_lock({WRITE_LOCK});
    IF TG_OP = 'DELETE' THEN
        INSERT INTO event_history (event_id, op, user_name, why, old)
            VALUES (OLD.id, 'delete', who, why, sitmap_feature(OLD)) RETURNING seq INTO s;
        PERFORM pg_notify('{NOTIFY_CHANNEL}',
                          json_build_object('id', OLD.id, 'op', 'delete', 'seq', s,
                                            'schema', TG_TABLE_SCHEMA)::text);
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        NEW.version := OLD.version + 1;
    ELSE
        NEW.version := 1;
    END IF;
    IF bulk IS NOT NULL THEN
        NEW.changed_seq := bulk::bigint;  -- one history entry for the whole import
        RETURN NEW;
    END IF;
    INSERT INTO event_history (event_id, op, user_name, why, old, new)
        VALUES (NEW.id, lower(TG_OP), who, why,
                CASE WHEN TG_OP = 'UPDATE' THEN sitmap_feature(OLD) END, sitmap_feature(NEW))
        RETURNING seq INTO s;
    NEW.changed_seq := s;
    PERFORM pg_notify('{NOTIFY_CHANNEL}',
                      json_build_object('id', NEW.id, 'op', lower(TG_OP), 'seq', s,
                                        'schema', TG_TABLE_SCHEMA)::text);
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS events_write ON events;
CREATE TRIGGER events_write BEFORE INSERT OR UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION sitmap_events_write();

-- AFTER, not in the BEFORE trigger: INSERT ... ON CONFLICT DO UPDATE fires BEFORE INSERT for a row it then
-- updates instead, while AFTER triggers fire only for what was really written. Per statement, over the
-- transition tables: one INSERT ... SELECT per import rather than one per row.
CREATE OR REPLACE FUNCTION sitmap_events_imported() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bulk text := nullif(current_setting('sitmap.import_seq', true), '');
BEGIN
    IF bulk IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO event_import_rows (seq, event_id, old, new)
            SELECT bulk::bigint, n.id, sitmap_feature(o), sitmap_feature(n)
            FROM sitmap_new n JOIN sitmap_old o ON o.id = n.id;
    ELSE
        INSERT INTO event_import_rows (seq, event_id, old, new)
            SELECT bulk::bigint, n.id, NULL, sitmap_feature(n) FROM sitmap_new n;
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS events_imported ON events;
DROP TRIGGER IF EXISTS events_imported_insert ON events;
CREATE TRIGGER events_imported_insert AFTER INSERT ON events REFERENCING NEW TABLE AS sitmap_new
    FOR EACH STATEMENT EXECUTE FUNCTION sitmap_events_imported();
DROP TRIGGER IF EXISTS events_imported_update ON events;
CREATE TRIGGER events_imported_update AFTER UPDATE ON events
    REFERENCING OLD TABLE AS sitmap_old NEW TABLE AS sitmap_new
    FOR EACH STATEMENT EXECUTE FUNCTION sitmap_events_imported();

-- The filter choices besides the event types (`postgis_view.facts`; the types come from their index):
-- each value with the number of events that carry it, kept by statement triggers over the transition
-- tables (one pass per statement, so a bulk import's 1M rows are counted in one GROUP BY) and by
-- `init_schema`, which counts them again from the events. A count, not a set: a deletion or an edit that
-- removes an event's value removes the value once no event carries it. Reading them: ~1 ms at 1M events
-- instead of a hashed pass over every row's JSON (2-4 s).
CREATE TABLE IF NOT EXISTS event_choices (
    kind  text NOT NULL,  -- the `View` attribute: countries, admin1, claim_status, geo_precision, actors
    value text NOT NULL,
    n     bigint NOT NULL,
    PRIMARY KEY (kind, value)
);
CREATE OR REPLACE FUNCTION sitmap_choice_values(p jsonb) RETURNS TABLE (kind text, value text)
LANGUAGE sql IMMUTABLE AS $$
    SELECT k, v FROM (VALUES {_CHOICE_COLUMNS}) AS x(k, v) WHERE v IS NOT NULL AND v <> ''
    UNION ALL
    SELECT 'actors', a FROM jsonb_array_elements_text(
        CASE WHEN jsonb_typeof(p->'actors') = 'array' THEN p->'actors' ELSE '[]'::jsonb END) AS a
$$;
CREATE OR REPLACE FUNCTION sitmap_choices_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM event_choices;
        RETURN NULL;
    END IF;
    -- +1 per value of each row written, -1 per value of each row replaced or deleted (the transition
    -- tables a statement does not have are never named: plpgsql plans a statement when it first runs it)
    IF TG_OP = 'INSERT' THEN
        INSERT INTO event_choices AS c (kind, value, n)
            SELECT x.kind, x.value, count(*) FROM sitmap_choice_new r, sitmap_choice_values(r.properties) x
            GROUP BY 1, 2
            ON CONFLICT (kind, value) DO UPDATE SET n = c.n + EXCLUDED.n;
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        UPDATE event_choices AS c SET n = c.n - d.n
            FROM (SELECT x.kind, x.value, count(*) AS n
                  FROM sitmap_choice_old r, sitmap_choice_values(r.properties) x GROUP BY 1, 2) AS d
            WHERE c.kind = d.kind AND c.value = d.value;
    ELSE
        INSERT INTO event_choices AS c (kind, value, n)
            SELECT kind, value, sum(n) FROM (
                SELECT x.kind, x.value, 1 AS n
                FROM sitmap_choice_new r, sitmap_choice_values(r.properties) x
                UNION ALL
                SELECT x.kind, x.value, -1
                FROM sitmap_choice_old r, sitmap_choice_values(r.properties) x) AS d
            GROUP BY 1, 2 HAVING sum(n) <> 0
            ON CONFLICT (kind, value) DO UPDATE SET n = c.n + EXCLUDED.n;
    END IF;
    DELETE FROM event_choices WHERE n <= 0;
    RETURN NULL;
END $$;
{statement_triggers("events_choices", "sitmap_choices_counted", "sitmap_choice_old", "sitmap_choice_new")}
"""  # noqa: S608 (formatted with our own constants only)

# Counted again from the events on every `init_schema` (a new table on an existing database, or choice
# columns that changed): one pass over the table, a few seconds at 1M events, under the write lock.
RECOUNT_CHOICES = """
DELETE FROM event_choices;
INSERT INTO event_choices (kind, value, n)
    SELECT x.kind, x.value, count(*) FROM events, sitmap_choice_values(properties) x GROUP BY 1, 2;
"""


def init_schema(conn: psycopg.Connection) -> None:
    """Create (or bring up to date) the tables, indexes and triggers; safe to run again."""
    with conn.transaction():
        conn.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")  # two inits at once wait for each other
        conn.execute(SCHEMA)  # our own constant text, no parameters
        conn.execute(RECOUNT_CHOICES)
        conn.execute(ROLLUP_SCHEMA)
        conn.execute(RECOUNT_CELLS)
