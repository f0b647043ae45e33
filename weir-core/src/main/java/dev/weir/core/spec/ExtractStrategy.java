package dev.weir.core.spec;

/** How much of the source a run reads (seed template: extract.strategy). */
public enum ExtractStrategy {
    /** Everything the source holds, every run. */
    FULL("full"),
    /** Only what is new since the last committed watermark: rows past the incremental key, or new files. */
    INCREMENTAL("incremental"),
    /**
     * What a log (a topic's partitions) holds past the offsets committed with the data; for sources
     * whose position is their own log's, not a column's value.
     */
    LOG_BASED("log-based"),
    /**
     * A database's changes (inserts, updates, deletes) from its replication log, past the log
     * position committed with the data, after a first snapshot of the table.
     */
    CDC("cdc");

    private final String yamlName;

    ExtractStrategy(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
