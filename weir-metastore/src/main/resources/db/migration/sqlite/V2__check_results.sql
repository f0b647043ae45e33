-- The outcome of every check a run (or a weir test) evaluated. Prefixed weir_ and timestamps as
-- text like every table of V1.
-- phase is the YAML name (pre_load, post_load, test), severity P0..P3, status lowercase like
-- weir_runs.status; blocking is 0 or 1.
-- sample_json is a JSON array of the failing rows' JSON object texts, each kept as a JSON string
-- so that it reads back exactly as it was saved.
-- result_id only orders a run's results by insertion; AUTOINCREMENT never reuses an id.
CREATE TABLE weir_check_results (
    result_id    INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    run_id       TEXT    NOT NULL,
    check_name   TEXT    NOT NULL,
    check_type   TEXT    NOT NULL,
    phase        TEXT    NOT NULL,
    severity     TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    blocking     INTEGER NOT NULL,
    observed     TEXT    NOT NULL,
    threshold    TEXT    NOT NULL,
    failing_rows INTEGER NOT NULL,
    sample_json  TEXT    NOT NULL,
    recorded_at  TEXT    NOT NULL
);

CREATE INDEX weir_check_results_by_run ON weir_check_results (run_id, result_id);
