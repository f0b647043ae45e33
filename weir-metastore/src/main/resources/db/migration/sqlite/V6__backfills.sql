-- Backfills asked for with `weir backfill`: the days [start_day, end_day], chunk size, why, and
-- how each stands; anomalies are one per line.
CREATE TABLE weir_backfills (
    backfill_id TEXT PRIMARY KEY,
    pipeline_name TEXT NOT NULL,
    start_day TEXT NOT NULL,
    end_day TEXT NOT NULL,
    chunk_size TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    finished_at TEXT,
    anomalies TEXT NOT NULL
);
CREATE INDEX weir_backfills_request ON weir_backfills (pipeline_name, start_day, end_day, chunk_size);

-- One row per chunk, the days [start_day, end_day), with what the run that loaded it last did.
CREATE TABLE weir_backfill_chunks (
    backfill_id TEXT NOT NULL,
    start_day TEXT NOT NULL,
    end_day TEXT NOT NULL,
    status TEXT NOT NULL,
    run_id TEXT,
    rows_before INTEGER NOT NULL,
    rows_after INTEGER NOT NULL,
    rows_extracted INTEGER NOT NULL,
    rows_loaded INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL,
    checks_passed INTEGER NOT NULL,
    checks_failed INTEGER NOT NULL,
    message TEXT,
    anomalies TEXT NOT NULL,
    PRIMARY KEY (backfill_id, start_day)
);
