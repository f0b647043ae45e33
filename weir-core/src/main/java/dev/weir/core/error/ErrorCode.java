package dev.weir.core.error;

/** Stable error codes, grouped by {@link ErrorCategory}. */
public enum ErrorCode {
    SPEC_INVALID(ErrorCategory.USAGE),
    USAGE(ErrorCategory.USAGE),
    UNKNOWN_PIPELINE(ErrorCategory.USAGE),
    UNKNOWN_TABLE(ErrorCategory.USAGE),
    QUERY_INVALID(ErrorCategory.USAGE),
    PIPELINE_BUSY(ErrorCategory.RUN),
    SOURCE_FAILED(ErrorCategory.RUN),
    /** The source could not be reached or read (an I/O error): worth retrying. */
    SOURCE_UNAVAILABLE(ErrorCategory.RUN, true),
    MALFORMED_INPUT(ErrorCategory.RUN),
    TRANSFORM_FAILED(ErrorCategory.RUN),
    LOAD_REJECTED(ErrorCategory.RUN),
    QUALITY_GATE_FAILED(ErrorCategory.RUN),
    /** The loaded columns differ from the table or its contract in a way that would break readers. */
    SCHEMA_DRIFT(ErrorCategory.RUN),
    CHECK_ERROR(ErrorCategory.RUN),
    UNSUPPORTED_TABLE(ErrorCategory.RUN),
    /** A table's current metadata file is missing or corrupt: waiting does not help, a repair does. */
    TABLE_UNREADABLE(ErrorCategory.RUN),
    COMMIT_FAILED(ErrorCategory.RUN),
    /** Another writer committed first, or the catalog was busy: the run can start again from the new state. */
    COMMIT_CONFLICT(ErrorCategory.RUN, true),
    UPSTREAM_FAILED(ErrorCategory.RUN),
    /** The metastore's database server could not be reached or refused the login. */
    METASTORE_UNAVAILABLE(ErrorCategory.RUN, true),
    /** A disk Weir writes to (warehouse, state, temp) is full: free space and run again. */
    DISK_FULL(ErrorCategory.RUN),
    /** The run was cancelled (its thread interrupted) and stopped before publishing anything. */
    CANCELLED(ErrorCategory.RUN),
    INTERNAL(ErrorCategory.INTERNAL);

    private final ErrorCategory category;
    private final boolean transientFailure;

    ErrorCode(ErrorCategory category) {
        this(category, false);
    }

    ErrorCode(ErrorCategory category, boolean transientFailure) {
        this.category = category;
        this.transientFailure = transientFailure;
    }

    /** Whether the same run may succeed if simply tried again later ({@code error_handling.strategy: retry}). */
    public boolean isTransient() {
        return transientFailure;
    }

    public ErrorCategory category() {
        return category;
    }
}
