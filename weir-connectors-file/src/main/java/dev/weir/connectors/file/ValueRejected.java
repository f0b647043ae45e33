package dev.weir.connectors.file;

/** A value that does not convert to its column's type: the reason code and what is wrong with it. */
public final class ValueRejected extends Exception {
    private final String reason;

    ValueRejected(String reason, String detail) {
        // rejects are data, not bugs: no stack trace to fill for each of possibly millions of them
        super(detail, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
