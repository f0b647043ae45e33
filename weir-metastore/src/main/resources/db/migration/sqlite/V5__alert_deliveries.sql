-- When each kind of alert (its dedup key) last reached people, and how many like it were held back
-- since, first at suppressed_since; a pipeline's rows go when it runs well again.
CREATE TABLE weir_alert_deliveries (
    dedup_key TEXT PRIMARY KEY,
    pipeline_name TEXT NOT NULL,
    last_sent_at TEXT NOT NULL,
    suppressed INTEGER NOT NULL DEFAULT 0,
    suppressed_since TEXT
);
CREATE INDEX weir_alert_deliveries_pipeline ON weir_alert_deliveries (pipeline_name);

-- P2 alerts waiting for the daily digest; channels and details are one entry per line.
CREATE TABLE weir_alert_digest_queue (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channels TEXT NOT NULL,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    pipeline_name TEXT NOT NULL,
    run_id TEXT NOT NULL,
    table_name TEXT NOT NULL,
    title TEXT NOT NULL,
    details TEXT NOT NULL,
    notification_channel TEXT,
    raised_at TEXT NOT NULL
);

-- The digest last taken, by the time it was due: one row, so two processes never both send one.
CREATE TABLE weir_alert_digests (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    due_at TEXT NOT NULL
);
