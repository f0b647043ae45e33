-- The scheduler's state: db/migration/sqlite/V4 on PostgreSQL, timestamps as text like V1 (and
-- COLLATE "C" where compared or sorted).
-- One lease per metastore (one project): the scheduler that holds it, until expires_at, is the
-- only one that plans or starts ticks.
CREATE TABLE weir_scheduler_lease (
    lease_name  TEXT NOT NULL PRIMARY KEY,
    holder      TEXT NOT NULL,
    acquired_at TEXT NOT NULL,
    expires_at  TEXT COLLATE "C" NOT NULL
);

-- How far each pipeline's schedule has been planned: the latest cron time turned into a tick, and
-- for schedule: upstream the snapshot ids of the upstream tables last planned for.
CREATE TABLE weir_schedule_cursors (
    pipeline_name      TEXT NOT NULL PRIMARY KEY,
    last_tick_at       TEXT NOT NULL,
    upstream_snapshots TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

-- One row per time a pipeline is due. run_ids lists its attempts' run ids, space separated, latest
-- last; state is pending, running, succeeded, failed or skipped.
CREATE TABLE weir_schedule_ticks (
    tick_id       TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    pipeline_name TEXT    NOT NULL,
    scheduled_at  TEXT COLLATE "C" NOT NULL,
    tick_trigger  TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    attempts      INTEGER NOT NULL,
    run_ids       TEXT    NOT NULL,
    not_before    TEXT    NOT NULL,
    note          TEXT,
    updated_at    TEXT    NOT NULL
);

CREATE INDEX weir_schedule_ticks_by_state ON weir_schedule_ticks (state, scheduled_at);
CREATE INDEX weir_schedule_ticks_by_pipeline ON weir_schedule_ticks (pipeline_name, scheduled_at);

-- Things done once per key, such as an SLA alert for one tick.
CREATE TABLE weir_once_markers (
    marker     TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL
);
