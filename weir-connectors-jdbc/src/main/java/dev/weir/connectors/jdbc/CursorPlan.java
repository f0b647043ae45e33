package dev.weir.connectors.jdbc;

import java.util.List;
import java.util.Optional;

/**
 * How an incremental read uses its cursor: the column (its index in the rows) and type, the
 * primary key's columns that tie-break the watermark, and the lower bound of this run's read.
 *
 * @param lowerBound the value bound as {@code cursor >= ?}: the last watermark less the lookback;
 *     empty on the first run, which reads every row
 */
record CursorPlan(
        String column,
        int index,
        CursorType type,
        String icebergType,
        List<Integer> keyIndexes,
        List<String> keyColumns,
        Optional<Object> lowerBound,
        NullCursorPolicy nullCursor) {
    CursorPlan {
        keyIndexes = List.copyOf(keyIndexes);
        keyColumns = List.copyOf(keyColumns);
    }

    /** Whether this run reads rows whose cursor is NULL. */
    boolean readsNullCursors() {
        return lowerBound.isEmpty() || nullCursor == NullCursorPolicy.REJECT;
    }

    /**
     * Whether a row with a NULL cursor is a reject: under {@code reject} always; under
     * {@code load_on_full} never, as only the first run, a full read, reads such rows.
     */
    boolean rejectsNullCursors() {
        return nullCursor == NullCursorPolicy.REJECT;
    }
}
