package dev.weir.core.error;

/** What kind of failure an error is; the CLI maps each category to one exit code. */
public enum ErrorCategory {
    /** The user's spec or command line is wrong: exit 2. */
    USAGE(2),
    /** Data, a source or a quality rule made the run fail: exit 1. */
    RUN(1),
    /** A bug or an unexpected environment failure: exit 3. */
    INTERNAL(3);

    private final int exitCode;

    ErrorCategory(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
