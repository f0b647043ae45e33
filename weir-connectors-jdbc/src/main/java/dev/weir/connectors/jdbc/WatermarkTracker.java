package dev.weir.connectors.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The greatest (cursor, primary key) pair among the rows read so far. Rows are read on the
 * engine's read-ahead thread and the end position asked for on the run's, after reading ended:
 * the fields are guarded by this object's monitor.
 */
final class WatermarkTracker {
    private final CursorPlan plan;
    private Object cursor;
    private Object[] key;
    private boolean finished;

    WatermarkTracker(CursorPlan plan) {
        this.plan = plan;
    }

    /** Takes in one row's cursor (not null) and key values. */
    synchronized void offer(Object rowCursor, Object[] rowKey) {
        int order = cursor == null ? 1 : plan.type().compare(rowCursor, cursor);
        if (order > 0 || order == 0 && compareKeys(rowKey, key) > 0) {
            cursor = rowCursor;
            key = rowKey;
        }
    }

    synchronized void finish() {
        finished = true;
    }

    synchronized boolean finished() {
        return finished;
    }

    /** The watermark of the rows read; empty when none had a cursor. */
    synchronized Optional<CursorWatermark> watermark() {
        if (cursor == null) {
            return Optional.empty();
        }
        Map<String, String> keyText = new LinkedHashMap<>();
        List<String> columns = plan.keyColumns();
        for (int i = 0; i < columns.size(); i++) {
            keyText.put(columns.get(i), key[i] == null ? "" : key[i].toString());
        }
        return Optional.of(new CursorWatermark(
                plan.column(), plan.icebergType(), plan.type().text(cursor), keyText));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || b[i] == null) {
                int nulls = Boolean.compare(a[i] != null, b[i] != null);
                if (nulls != 0) {
                    return nulls;
                }
                continue;
            }
            int order = a[i].getClass() == b[i].getClass() && a[i] instanceof Comparable c
                    ? c.compareTo(b[i])
                    : a[i].toString().compareTo(b[i].toString());
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }
}
