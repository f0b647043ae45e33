-- Weir's operational state. Every table is prefixed weir_ because the same database file also
-- holds Iceberg's JDBC catalog tables (iceberg_*).
-- Timestamps are UTC ISO-8601 text with exactly three fraction digits
-- (2024-05-01T10:15:30.123Z), so text order is time order.

CREATE TABLE weir_runs (
    run_id                TEXT    NOT NULL PRIMARY KEY,
    pipeline_name         TEXT    NOT NULL,
    started_at            TEXT    NOT NULL,
    completed_at          TEXT,
    status                TEXT    NOT NULL,
    stage                 TEXT    NOT NULL,
    rows_extracted        INTEGER NOT NULL,
    rows_transformed      INTEGER NOT NULL,
    rows_loaded           INTEGER NOT NULL,
    rows_rejected         INTEGER NOT NULL,
    quality_checks_passed INTEGER NOT NULL,
    quality_checks_failed INTEGER NOT NULL,
    duration_seconds      REAL    NOT NULL,
    error_message         TEXT,
    watermark_before      TEXT,
    watermark_after       TEXT
);

CREATE INDEX weir_runs_by_start ON weir_runs (started_at, run_id);
CREATE INDEX weir_runs_by_pipeline_start ON weir_runs (pipeline_name, started_at, run_id);
CREATE INDEX weir_runs_by_pipeline_status ON weir_runs (pipeline_name, status);

-- event_id only orders a run's events by insertion; AUTOINCREMENT never reuses an id.
CREATE TABLE weir_stage_events (
    event_id     INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    run_id       TEXT    NOT NULL,
    stage        TEXT    NOT NULL,
    started_at   TEXT    NOT NULL,
    completed_at TEXT    NOT NULL,
    row_count    INTEGER NOT NULL,
    status       TEXT    NOT NULL,
    message      TEXT
);

CREATE INDEX weir_stage_events_by_run ON weir_stage_events (run_id, event_id);

CREATE TABLE weir_watermarks (
    pipeline_name  TEXT NOT NULL PRIMARY KEY,
    watermark_json TEXT NOT NULL,
    run_id         TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
