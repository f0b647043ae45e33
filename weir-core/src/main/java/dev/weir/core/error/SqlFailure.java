package dev.weir.core.error;

import java.util.OptionalInt;

/**
 * SQL a user wrote failed in the engine. The engine knows where in the SQL text it failed but not
 * which file that text came from: it reports the character offset, and core turns it into the
 * file, line and column the user wrote it at.
 */
public final class SqlFailure extends WeirException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    /**
     * @param offset the 0-based index of the {@code char} of the SQL text (as the engine was given it)
     *     where the error is; -1 when the engine does not say
     */
    public SqlFailure(ErrorCode code, String message, int offset, String hint, Throwable cause) {
        super(code, message, null, hint, cause);
        this.offset = Math.max(-1, offset);
    }

    /** Where in the SQL text the error is; empty when the engine does not say. */
    public OptionalInt offset() {
        return offset < 0 ? OptionalInt.empty() : OptionalInt.of(offset);
    }
}
