package dev.weir.connectors.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one column of the current row as the Java type of its Iceberg type; null for NULL. */
@FunctionalInterface
interface ColumnReader {
    /**
     * @throws ValueRejected when the value does not fit the column's Iceberg type
     */
    Object read(ResultSet rows, int index) throws SQLException;

    /** A value that cannot be loaded as it is, with the reject reason code and why, for people. */
    final class ValueRejected extends RuntimeException {
        private final String reason;

        ValueRejected(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }
}
