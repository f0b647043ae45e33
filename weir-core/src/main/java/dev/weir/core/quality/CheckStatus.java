package dev.weir.core.quality;

/** How a check ended. */
public enum CheckStatus {
    PASSED,
    FAILED,
    /** The check could not be evaluated (its SQL failed, a column is missing); treated as a failure. */
    ERROR
}
