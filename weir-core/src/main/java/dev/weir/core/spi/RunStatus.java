package dev.weir.core.spi;

import java.util.Locale;

/** The state of a run, as written to the run log and the metastore. */
public enum RunStatus {
    RUNNING,
    SUCCESS,
    FAILED,
    /** The process died mid-run; found and closed by a later run. */
    KILLED,
    /** Not started because an upstream pipeline failed. */
    SKIPPED,
    /**
     * Under {@code skip-and-alert}: the batch failed on its data and was skipped; the watermark
     * moved past it and nothing of it was loaded (its rows count as rejected).
     */
    BATCH_SKIPPED,
    /** Cancelled while it ran (its thread interrupted): nothing was published and its files were removed. */
    CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
