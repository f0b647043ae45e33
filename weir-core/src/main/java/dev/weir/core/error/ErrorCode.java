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
    MALFORMED_INPUT(ErrorCategory.RUN),
    TRANSFORM_FAILED(ErrorCategory.RUN),
    LOAD_REJECTED(ErrorCategory.RUN),
    QUALITY_GATE_FAILED(ErrorCategory.RUN),
    CHECK_ERROR(ErrorCategory.RUN),
    UNSUPPORTED_TABLE(ErrorCategory.RUN),
    COMMIT_FAILED(ErrorCategory.RUN),
    UPSTREAM_FAILED(ErrorCategory.RUN),
    INTERNAL(ErrorCategory.INTERNAL);

    private final ErrorCategory category;

    ErrorCode(ErrorCategory category) {
        this.category = category;
    }

    public ErrorCategory category() {
        return category;
    }
}
