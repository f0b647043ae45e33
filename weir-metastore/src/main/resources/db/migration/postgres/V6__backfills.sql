-- Backfills asked for with `weir backfill`: db/migration/sqlite/V6 on PostgreSQL, counts as BIGINT
-- and COLLATE "C" where compared or sorted, like V1-V5.
CREATE TABLE weir_backfills (
    backfill_id   TEXT COLLATE "C" PRIMARY KEY,
    pipeline_name TEXT NOT NULL,
    start_day     TEXT COLLATE "C" NOT NULL,
    end_day       TEXT COLLATE "C" NOT NULL,
    chunk_size    TEXT NOT NULL,
    reason        TEXT NOT NULL,
    status        TEXT NOT NULL,
    requested_at  TEXT COLLATE "C" NOT NULL,
    finished_at   TEXT,
    anomalies     TEXT NOT NULL
);
CREATE INDEX weir_backfills_request ON weir_backfills (pipeline_name, start_day, end_day, chunk_size);

-- One row per chunk, the days [start_day, end_day), with what the run that loaded it last did.
CREATE TABLE weir_backfill_chunks (
    backfill_id    TEXT COLLATE "C" NOT NULL,
    start_day      TEXT COLLATE "C" NOT NULL,
    end_day        TEXT COLLATE "C" NOT NULL,
    status         TEXT NOT NULL,
    run_id         TEXT,
    rows_before    BIGINT NOT NULL,
    rows_after     BIGINT NOT NULL,
    rows_extracted BIGINT NOT NULL,
    rows_loaded    BIGINT NOT NULL,
    rows_rejected  BIGINT NOT NULL,
    checks_passed  INTEGER NOT NULL,
    checks_failed  INTEGER NOT NULL,
    message        TEXT,
    anomalies      TEXT NOT NULL,
    PRIMARY KEY (backfill_id, start_day)
);
