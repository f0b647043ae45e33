package dev.weir.core.quality;

/** How a check ended. */
public enum CheckStatus {
    PASSED,
    FAILED,
    /** A row-level check failed under dead-letter: its failing rows went to the quarantine and the others loaded. */
    QUARANTINED,
    /** The check could not be evaluated (its SQL failed, a column is missing); treated as a failure. */
    ERROR
}
